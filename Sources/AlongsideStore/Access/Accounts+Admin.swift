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
}

extension Accounts {
    /// Every open account holding a role other than resident, by name.
    public func staff(on db: any Database) async throws -> [StaffMember] {
        let grants = try await RoleGrantRecord.query(on: db).filter(\.$role != Role.resident.rawValue)
            .with(\.$organisation).with(\.$account) { $0.with(\.$person) }.all()
        var byAccount: [UUID: (AccountRecord, [HeldRole])] = [:]
        for grant in grants {
            guard let role = Role(rawValue: grant.role), grant.account.closedAt == nil else { continue }
            let held = HeldRole(role: role, organisationID: grant.$organisation.id, organisationName: grant.organisation?.name)
            byAccount[grant.$account.id, default: (grant.account, [])].1.append(held)
        }
        return byAccount.values.map { account, roles in
            StaffMember(accountID: account.id!, personID: account.$person.id, name: account.person.fullName,
                        email: account.email, roles: roles.sorted { $0.role < $1.role })
        }.sorted { $0.name < $1.name }
    }
}
