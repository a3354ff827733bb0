import FluentKit
import Foundation

/// A community organisation, council team or NHS service whose members keep listings and answer referrals.
public final class OrganisationRecord: Model, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String
    @OptionalField(key: "postcode") public var postcode: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID? = nil, name: String, description: String, postcode: String?, createdAt: Date) {
        self.id = id
        self.name = name
        self.description = description
        self.postcode = postcode
        self.createdAt = createdAt
    }
}

struct CreateOrganisations: AsyncMigration {
    var name: String { "2026-11-25-02-CreateOrganisations" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OrganisationRecord.schema)
            .id()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("postcode", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganisationRecord.schema).delete()
    }
}
