import AlongsideCore
import FluentKit
import Foundation

/// What an invitee types to accept an invitation.
public struct InvitationAcceptance: Sendable {
    public var givenName: String
    public var familyName: String
    public var passwordHash: String

    public init(givenName: String, familyName: String, passwordHash: String) {
        self.givenName = givenName
        self.familyName = familyName
        self.passwordHash = passwordHash
    }
}

extension Accounts {
    /// Writes an invitation and its email in one transaction.
    /// With `personID`, the invitation is for someone Alongside already knows, who will get an account of their own.
    public func invite(email: EmailAddress, roles: [Role], organisationID: UUID?, tokenHash: String, invitedBy: UUID?,
                       personID: UUID? = nil, now: Date, message: EmailDraft, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            if try await account(email: email, on: tx) != nil { throw Self.emailTaken }
            if let personID, try await AccountRecord.query(on: tx).filter(\.$person.$id == personID).first() != nil {
                throw FieldError("email", "This person already has an account; they can sign in to see their support.")
            }
            let invitation = InvitationRecord(tokenHash: tokenHash, email: email.value, roles: roles.map(\.rawValue),
                                              organisationID: organisationID, invitedBy: invitedBy, createdAt: now,
                                              expiresAt: now.addingTimeInterval(TokenLifetimes.invitation))
            invitation.personID = personID
            try await invitation.create(on: tx)
            try await outbox.enqueue(to: message.recipient, subject: message.subject, body: message.body, at: now, on: tx)
        }
    }

    public func invitation(tokenHash: String, on db: any Database) async throws -> InvitationRecord? {
        try await InvitationRecord.query(on: db).filter(\.$tokenHash == tokenHash).with(\.$organisation).first()
    }

    /// Uses an invitation: creates the person, the account and the invited roles, once.
    public func accept(_ invitation: InvitationRecord, with details: InvitationAcceptance, now: Date, channel: String,
                       on db: any Database) async throws -> AccountRecord {
        try await db.writeTransaction { tx in
            // Mark it used first, guarded on it being unused, so two clicks cannot make two accounts.
            let claimed = try await StoreSQL.sql(tx).raw("""
                UPDATE invitations SET used_at = \(bind: now)
                WHERE id = \(bind: invitation.id!) AND used_at IS NULL AND expires_at > \(bind: now) RETURNING id
                """).all()
            guard !claimed.isEmpty else { throw FieldError("invitation", "This invitation link has already been used or has expired. Ask for a new one.") }
            let email = try EmailAddress(invitation.email)
            guard try await account(email: email, on: tx) == nil else { throw Self.emailTaken }
            let person: PersonRecord
            if let known = invitation.personID, let existing = try await PersonRecord.find(known, on: tx) {
                existing.givenName = details.givenName
                existing.familyName = details.familyName
                try await existing.update(on: tx)
                person = existing
            } else {
                person = PersonRecord(givenName: details.givenName, familyName: details.familyName, postcode: nil, createdAt: now)
                try await person.create(on: tx)
            }
            let account = AccountRecord(personID: person.id!, email: email.value, passwordHash: details.passwordHash, createdAt: now)
            try await account.create(on: tx)
            for role in invitation.roles.split(separator: ",").compactMap({ Role(rawValue: String($0)) }) {
                try await grant(role, organisationID: role == .organisationMember ? invitation.$organisation.id : nil,
                                to: account, by: invitation.invitedBy, now: now, channel: channel, on: tx)
            }
            try await audit.record(AuditEntry(actor: person.id, subject: person.id, action: .acceptedInvitation,
                                              channel: channel), at: now, on: tx)
            return account
        }
    }

    // MARK: - Password reset

    /// Writes a reset link and its email, if the address has an account. Says nothing either way, so the
    /// page cannot be used to find out who has an account.
    public func startPasswordReset(for account: AccountRecord, tokenHash: String, now: Date, message: EmailDraft,
                                   on db: any Database) async throws {
        try await db.writeTransaction { tx in
            // However often the form is sent for one address, only a few emails an hour reach it.
            let limit = PublicFormLimit.emailing
            guard limit.mayEmail(recentToRecipient: try await outbox.count(to: message.recipient, subject: message.subject,
                                                                           since: now.addingTimeInterval(-limit.window), on: tx)) else { return }
            try await PasswordResetRecord(tokenHash: tokenHash, accountID: account.id!, createdAt: now,
                                          expiresAt: now.addingTimeInterval(TokenLifetimes.passwordReset)).create(on: tx)
            try await outbox.enqueue(to: message.recipient, subject: message.subject, body: message.body, at: now, on: tx)
        }
    }

    public func passwordReset(tokenHash: String, on db: any Database) async throws -> PasswordResetRecord? {
        try await PasswordResetRecord.query(on: db).filter(\.$tokenHash == tokenHash).with(\.$account).first()
    }

    /// Uses a reset link once to set a new password.
    public func completePasswordReset(_ reset: PasswordResetRecord, newHash: String, now: Date, channel: String,
                                      on db: any Database) async throws {
        try await db.writeTransaction { tx in
            let claimed = try await StoreSQL.sql(tx).raw("""
                UPDATE password_resets SET used_at = \(bind: now)
                WHERE id = \(bind: reset.id!) AND used_at IS NULL AND expires_at > \(bind: now) RETURNING id
                """).all()
            guard !claimed.isEmpty else { throw FieldError("password", "This password reset link has already been used or has expired. Ask for a new one.") }
            guard let account = try await account(id: reset.$account.id, on: tx), account.closedAt == nil else {
                throw FieldError("password", "This account has been closed.")
            }
            try await changePassword(of: account, to: newHash, action: .resetPassword, now: now, channel: channel, on: tx)
        }
    }
}
