import AlongsideCore
import FluentKit
import Foundation

/// A staff account as the administrator's users page lists it.
public struct StaffMember: Sendable, Equatable {
    public let accountID: UUID
    public let personID: UUID
    public let name: String
    public let email: String
    public let roles: [HeldRole]
    /// Each role's grant, in the same order, to take it away.
    public let grantIDs: [UUID]
    public let suspended: Bool
}

/// An invitation not yet used.
public struct PendingInvitation: Sendable, Equatable {
    public let id: UUID
    public let email: String
    public let roles: [Role]
    public let organisationName: String?
    public let sentAt: Date
    public let expiresAt: Date
}

extension Accounts {
    /// Every open account holding a role other than resident, by name.
    public func staff(on db: any Database) async throws -> [StaffMember] {
        let grants = try await RoleGrantRecord.query(on: db).filter(\.$role != Role.resident.rawValue)
            .with(\.$organisation).with(\.$account) { $0.with(\.$person) }.all()
        var byAccount: [UUID: (AccountRecord, [(UUID, HeldRole)])] = [:]
        for grant in grants {
            guard let role = Role(rawValue: grant.role), grant.account.closedAt == nil else { continue }
            let held = HeldRole(role: role, organisationID: grant.$organisation.id, organisationName: grant.organisation?.name)
            byAccount[grant.$account.id, default: (grant.account, [])].1.append((grant.id!, held))
        }
        return byAccount.values.map { account, roles in
            let sorted = roles.sorted { $0.1.role < $1.1.role }
            return StaffMember(accountID: account.id!, personID: account.$person.id, name: account.person.fullName,
                               email: account.email, roles: sorted.map(\.1), grantIDs: sorted.map(\.0), suspended: account.suspendedAt != nil)
        }.sorted { $0.name < $1.name }
    }

    /// Takes one role away. An administrator cannot take away their own administrator role (someone else
    /// must), so the last one cannot lock everyone out.
    public func removeRole(grantID: UUID, by actor: UUID, now: Date, channel: String, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let grant = try await RoleGrantRecord.query(on: tx).filter(\.$id == grantID).with(\.$account).first() else {
                throw FieldError("role", "That role has already been taken away.")
            }
            if grant.account.$person.id == actor && grant.role == Role.administrator.rawValue {
                throw FieldError("role", "You cannot take away your own administrator role. Ask another administrator.")
            }
            let title = Role(rawValue: grant.role)?.title ?? grant.role
            try await grant.delete(on: tx)
            try await audit.record(AuditEntry(actor: actor, subject: grant.account.$person.id, action: .removedRole, channel: channel, detail: title),
                                   at: now, on: tx)
        }
    }

    /// Suspends an account (it cannot sign in, and every session ends at once) or restores it. Nobody
    /// suspends themselves.
    public func setSuspended(_ accountID: UUID, _ suspended: Bool, by actor: UUID, now: Date, channel: String, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let account = try await AccountRecord.find(accountID, on: tx), account.closedAt == nil else {
                throw FieldError("account", "There is no such account.")
            }
            if account.$person.id == actor { throw FieldError("account", "You cannot suspend your own account.") }
            guard (account.suspendedAt != nil) != suspended else { return }
            account.suspendedAt = suspended ? now : nil
            try await account.save(on: tx)
            if suspended { try await SessionRecord.query(on: tx).filter(\.$account.$id == accountID).delete() }
            try await audit.record(AuditEntry(actor: actor, subject: account.$person.id, action: suspended ? .suspendedAccount : .restoredAccount,
                                              channel: channel), at: now, on: tx)
        }
    }

    /// Invitations not yet used, newest first.
    public func pendingInvitations(on db: any Database) async throws -> [PendingInvitation] {
        try await InvitationRecord.query(on: db).filter(\.$usedAt == nil).with(\.$organisation).sort(\.$createdAt, .descending).all().map {
            PendingInvitation(id: $0.id!, email: $0.email, roles: $0.roles.split(separator: ",").compactMap { Role(rawValue: String($0)) },
                              organisationName: $0.organisation?.name, sentAt: $0.createdAt, expiresAt: $0.expiresAt)
        }
    }

    /// Sends an unused invitation again with a new link (the old one stops working) for another 7 days.
    public func resendInvitation(_ id: UUID, tokenHash: String, now: Date, message: @escaping @Sendable (String) -> EmailDraft, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let invitation = try await InvitationRecord.find(id, on: tx), invitation.usedAt == nil else {
                throw FieldError("invitation", "That invitation has already been used.")
            }
            invitation.tokenHash = tokenHash
            invitation.expiresAt = now.addingTimeInterval(TokenLifetimes.invitation)
            try await invitation.save(on: tx)
            let draft = message(invitation.email)
            try await outbox.enqueue(to: draft.recipient, subject: draft.subject, body: draft.body, at: now, on: tx)
        }
    }
}
