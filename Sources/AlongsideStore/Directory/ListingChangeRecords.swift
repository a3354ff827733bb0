import FluentKit
import Foundation

/// A change to a listing waiting for an administrator, or decided. The proposed listing is kept whole as JSON.
public final class ListingChangeRecord: Model, @unchecked Sendable {
    public static let schema = "listing_changes"

    public enum Status: String, Sendable { case pending, approved, rejected }

    @ID(key: .id) public var id: UUID?
    @Field(key: "service_id") public var serviceID: UUID
    @Parent(key: "organisation_id") public var organisation: OrganisationRecord
    @Field(key: "snapshot") public var snapshot: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "proposed_by") public var proposedBy: UUID?
    @Field(key: "proposed_at") public var proposedAt: Date
    @OptionalField(key: "reviewed_by") public var reviewedBy: UUID?
    @OptionalField(key: "reviewed_at") public var reviewedAt: Date?
    @OptionalField(key: "review_note") public var reviewNote: String?

    public init() {}
}

/// Every version of a listing that went live, so any can be compared and restored.
public final class ListingVersionRecord: Model, @unchecked Sendable {
    public static let schema = "listing_versions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "service_id") public var serviceID: UUID
    @Field(key: "version") public var version: Int
    @Field(key: "snapshot") public var snapshot: String
    @OptionalField(key: "changed_by") public var changedBy: UUID?
    @Field(key: "changed_at") public var changedAt: Date
    @Field(key: "summary") public var summary: String

    public init() {}
}

struct CreateListingChanges: AsyncMigration {
    var name: String { "2026-11-25-12-CreateListingChanges" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ListingChangeRecord.schema)
            .id()
            .field("service_id", .uuid, .required)
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("snapshot", .string, .required).field("status", .string, .required)
            .field("proposed_by", .uuid).field("proposed_at", .datetime, .required)
            .field("reviewed_by", .uuid).field("reviewed_at", .datetime).field("review_note", .string)
            .create()
        try await database.schema(ListingVersionRecord.schema)
            .id()
            .field("service_id", .uuid, .required).field("version", .int, .required)
            .field("snapshot", .string, .required).field("changed_by", .uuid).field("changed_at", .datetime, .required)
            .field("summary", .string, .required)
            .unique(on: "service_id", "version")
            .create()
        try await StoreSQL.run(on: database, "ALTER TABLE organisations ADD COLUMN trusted BOOLEAN NOT NULL DEFAULT FALSE")
        try await StoreSQL.run(on: database, "CREATE INDEX listing_changes_status ON listing_changes (status, proposed_at)")
    }

    func revert(on database: any Database) async throws {
        try await StoreSQL.run(on: database, "ALTER TABLE organisations DROP COLUMN trusted")
        try await database.schema(ListingVersionRecord.schema).delete()
        try await database.schema(ListingChangeRecord.schema).delete()
    }
}
