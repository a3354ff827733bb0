import AlongsideCore
import FluentKit
import Foundation

/// A new resident's details, already checked.
public struct NewResident: Sendable {
    public var givenName: String
    public var familyName: String
    public var email: EmailAddress
    public var postcode: String

    public init(givenName: String, familyName: String, email: EmailAddress, postcode: String) {
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
        self.postcode = postcode
    }
}

/// An email to write to the outbox with a change.
public struct EmailDraft: Sendable, Equatable {
    public let recipient: String
    public let subject: String
    public let body: String

    public init(to recipient: String, subject: String, body: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
    }
}

/// A role as held, with the organisation's name for organisation members.
public struct HeldRole: Sendable, Equatable {
    public let role: Role
    public let organisationID: UUID?
    public let organisationName: String?
}

/// Accounts, people and roles: creating, finding and changing them, each change in one transaction with its
/// audit row.
public struct Accounts: Sendable {
    let audit = AuditLog()
    let outbox = Outbox()

    public init() {}

    public static let emailTaken = FieldError("email", "An account with this email address already exists. Sign in, or reset your password if you have forgotten it.")

    /// Registers a resident: a person, their account and the resident role.
    public func createResident(_ new: NewResident, passwordHash: String, now: Date, channel: String,
                               on db: any Database) async throws -> AccountRecord {
        try await db.writeTransaction { tx in
            guard try await account(email: new.email, on: tx) == nil else { throw Self.emailTaken }
            let person = PersonRecord(givenName: new.givenName, familyName: new.familyName, postcode: new.postcode, createdAt: now)
            try await person.create(on: tx)
            let account = AccountRecord(personID: person.id!, email: new.email.value, passwordHash: passwordHash, createdAt: now)
            try await account.create(on: tx)
            try await RoleGrantRecord(accountID: account.id!, role: Role.resident.rawValue, organisationID: nil,
                                      grantedBy: nil, grantedAt: now).create(on: tx)
            try await Carers().claimInvitations(email: new.email.value, person: person.id!, on: tx)
            try await audit.record(AuditEntry(actor: person.id, subject: person.id, action: .createdAccount,
                                              channel: channel), at: now, on: tx)
            return account
        }
    }

    /// Creates a staff account directly (the `users create` command and the demo).
    public func createStaff(givenName: String, familyName: String, email: EmailAddress, passwordHash: String,
                            roles: [Role], organisationID: UUID?, now: Date, on db: any Database) async throws -> AccountRecord {
        try await db.writeTransaction { tx in
            guard try await account(email: email, on: tx) == nil else { throw Self.emailTaken }
            let person = PersonRecord(givenName: givenName, familyName: familyName, postcode: nil, createdAt: now)
            try await person.create(on: tx)
            let account = AccountRecord(personID: person.id!, email: email.value, passwordHash: passwordHash, createdAt: now)
            try await account.create(on: tx)
            for role in roles {
                try await grant(role, organisationID: role == .organisationMember ? organisationID : nil,
                                to: account, by: nil, now: now, channel: "command", on: tx)
            }
            return account
        }
    }

    public func account(email: EmailAddress, on db: any Database) async throws -> AccountRecord? {
        try await AccountRecord.query(on: db).filter(\.$email == email.value).with(\.$person).first()
    }

    public func account(id: UUID, on db: any Database) async throws -> AccountRecord? {
        try await AccountRecord.query(on: db).filter(\.$id == id).with(\.$person).first()
    }

    public func roles(of accountID: UUID, on db: any Database) async throws -> [HeldRole] {
        let grants = try await RoleGrantRecord.query(on: db).filter(\.$account.$id == accountID)
            .with(\.$organisation).all()
        return grants.compactMap { grant in
            Role(rawValue: grant.role).map {
                HeldRole(role: $0, organisationID: grant.$organisation.id, organisationName: grant.organisation?.name)
            }
        }.sorted { $0.role < $1.role }
    }

    /// The signed-in person as the permission policy sees them.
    public func actor(for account: AccountRecord, on db: any Database) async throws -> Actor {
        let held = try await roles(of: account.id!, on: db)
        return Actor(personID: account.$person.id, roles: Set(held.map(\.role)),
                     organisationIDs: Set(held.compactMap(\.organisationID)))
    }

    /// Gives an account a role (idempotent), audited against the account's person.
    public func grant(_ role: Role, organisationID: UUID?, to account: AccountRecord, by actor: UUID?, now: Date,
                      channel: String, on db: any Database) async throws {
        if role == .organisationMember && organisationID == nil {
            throw FieldError("organisation", "Choose the organisation this person is a member of")
        }
        let existing = try await RoleGrantRecord.query(on: db).filter(\.$account.$id == account.id!)
            .filter(\.$role == role.rawValue).filter(\.$organisation.$id == organisationID).first()
        guard existing == nil else { return }
        try await RoleGrantRecord(accountID: account.id!, role: role.rawValue, organisationID: organisationID,
                                  grantedBy: actor, grantedAt: now).create(on: db)
        try await audit.record(AuditEntry(actor: actor, subject: account.$person.id, action: .grantedRole,
                                          channel: channel, detail: role.title), at: now, on: db)
    }

    public func changePassword(of account: AccountRecord, to hash: String, action: AuditAction, now: Date,
                               channel: String, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            account.passwordHash = hash
            try await account.save(on: tx)
            // Every other session ends: whoever knew the old password is signed out. Failed sign-ins with the old
            // password no longer count, so a reset lets the owner straight back in.
            try await SessionRecord.query(on: tx).filter(\.$account.$id == account.id!).delete()
            try await SignInAttemptRecord.query(on: tx).filter(\.$email == account.email).delete()
            try await audit.record(AuditEntry(actor: account.$person.id, subject: account.$person.id, action: action,
                                              channel: channel), at: now, on: tx)
        }
    }

    public func organisations(on db: any Database) async throws -> [OrganisationRecord] {
        try await OrganisationRecord.query(on: db).sort(\.$name).all()
    }
}
