import FluentKit
import Foundation

/// One role held by an account; organisation member grants name their organisation.
public final class RoleGrantRecord: Model, @unchecked Sendable {
    public static let schema = "role_grants"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "account_id") public var account: AccountRecord
    @Field(key: "role") public var role: String
    @OptionalParent(key: "organisation_id") public var organisation: OrganisationRecord?
    @OptionalField(key: "granted_by") public var grantedBy: UUID?
    @Field(key: "granted_at") public var grantedAt: Date

    public init() {}

    public init(accountID: UUID, role: String, organisationID: UUID?, grantedBy: UUID?, grantedAt: Date) {
        self.$account.id = accountID
        self.role = role
        self.$organisation.id = organisationID
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
    }
}

struct CreateRoleGrants: AsyncMigration {
    var name: String { "2026-11-25-04-CreateRoleGrants" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RoleGrantRecord.schema)
            .id()
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id"))
            .field("role", .string, .required)
            .field("organisation_id", .uuid, .references(OrganisationRecord.schema, "id"))
            .field("granted_by", .uuid)
            .field("granted_at", .datetime, .required)
            .unique(on: "account_id", "role", "organisation_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RoleGrantRecord.schema).delete()
    }
}
