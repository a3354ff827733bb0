import AlongsideCore
import FluentKit
import Foundation

/// A resident's registration waiting for them to open the link emailed to the address they gave. Nothing
/// else in Alongside knows of it: it becomes a person and an account only when the link is used, and it is
/// deleted then, or once it has expired.
public final class PendingRegistrationRecord: Model, @unchecked Sendable {
    public static let schema = "pending_registrations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "given_name") public var givenName: String
    @Field(key: "family_name") public var familyName: String
    @Field(key: "email") public var email: String
    @Field(key: "postcode") public var postcode: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}

    init(tokenHash: String, resident: NewResident, passwordHash: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.givenName = resident.givenName
        self.familyName = resident.familyName
        self.email = resident.email.value
        self.postcode = resident.postcode
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

struct CreatePendingRegistrations: AsyncMigration {
    var name: String { "2026-12-03-01-CreatePendingRegistrations" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PendingRegistrationRecord.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("given_name", .string, .required)
            .field("family_name", .string, .required)
            .field("email", .string, .required)
            .field("postcode", .string, .required)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX pending_registrations_expiry ON pending_registrations (expires_at)")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PendingRegistrationRecord.schema).delete()
    }
}

/// The two emails a registration may send; which one goes is never shown to whoever filled in the form.
public struct RegistrationEmails: Sendable {
    /// To a new address: the link that finishes creating the account.
    public let confirm: EmailDraft
    /// To an address that already has an account: a note that someone tried, and how to sign in or reset.
    public let alreadyRegistered: EmailDraft

    public init(confirm: EmailDraft, alreadyRegistered: EmailDraft) {
        self.confirm = confirm
        self.alreadyRegistered = alreadyRegistered
    }
}

extension Accounts {
    /// Starts a registration: for a new address, a pending registration and the email with its link; for an
    /// address that has an account, only an email to its owner. Both write to the outbox in one transaction,
    /// so neither the answer nor its timing says which it was. Expired registrations are deleted on the way.
    public func startRegistration(_ new: NewResident, passwordHash: String, tokenHash: String, emails: RegistrationEmails,
                                  now: Date, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            try await PendingRegistrationRecord.query(on: tx).filter(\.$expiresAt <= now).delete()
            // However often the form is sent for one address, only a few emails an hour reach it.
            let limit = PublicFormLimit.emailing
            let recent = try await outbox.count(to: new.email.value, subject: emails.confirm.subject, since: now.addingTimeInterval(-limit.window), on: tx)
                + outbox.count(to: new.email.value, subject: emails.alreadyRegistered.subject, since: now.addingTimeInterval(-limit.window), on: tx)
            guard limit.mayEmail(recentToRecipient: recent) else { return }
            if try await account(email: new.email, on: tx) != nil {
                try await outbox.enqueue(to: emails.alreadyRegistered.recipient, subject: emails.alreadyRegistered.subject,
                                         body: emails.alreadyRegistered.body, at: now, on: tx)
            } else {
                try await PendingRegistrationRecord(tokenHash: tokenHash, resident: new, passwordHash: passwordHash, createdAt: now,
                                                    expiresAt: now.addingTimeInterval(TokenLifetimes.registration)).create(on: tx)
                try await outbox.enqueue(to: emails.confirm.recipient, subject: emails.confirm.subject, body: emails.confirm.body, at: now, on: tx)
            }
        }
    }

    public func pendingRegistration(tokenHash: String, now: Date, on db: any Database) async throws -> PendingRegistrationRecord? {
        try await PendingRegistrationRecord.query(on: db).filter(\.$tokenHash == tokenHash).filter(\.$expiresAt > now).first()
    }

    /// Uses a registration link once: the person, their account and the resident role, as `createResident`
    /// makes them, and every pending registration for the address deleted. An address that has meanwhile
    /// got an account (an invitation accepted) is refused, with nothing written.
    public func completeRegistration(tokenHash: String, now: Date, channel: String, on db: any Database) async throws -> AccountRecord {
        try await db.writeTransaction { tx in
            guard let pending = try await pendingRegistration(tokenHash: tokenHash, now: now, on: tx) else {
                throw Self.registrationLinkUnusable
            }
            try await PendingRegistrationRecord.query(on: tx).filter(\.$email == pending.email).delete()
            let resident = NewResident(givenName: pending.givenName, familyName: pending.familyName,
                                       email: try EmailAddress(pending.email), postcode: pending.postcode)
            return try await createResident(resident, passwordHash: pending.passwordHash, now: now, channel: channel, on: tx)
        }
    }

    public static let registrationLinkUnusable = FieldError(
        "token", "This link has already been used or has expired. If you have already finished creating your account, sign in; if not, create it again.")
}
