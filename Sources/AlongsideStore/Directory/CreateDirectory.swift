import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The directory's tables, the default taxonomy, and the full-text index (FTS5 on SQLite, a tsvector on
/// PostgreSQL; see `ServiceTextIndex`).
struct CreateDirectory: AsyncMigration {
    var name: String { "2026-11-25-11-CreateDirectory" }

    func prepare(on database: any Database) async throws {
        try await database.schema(TaxonomyRecord.schema)
            .id().field("name", .string, .required).field("description", .string, .required).create()
        try await database.schema(TaxonomyTermRecord.schema)
            .id()
            .field("taxonomy_id", .uuid, .required, .references(TaxonomyRecord.schema, "id"))
            .field("code", .string, .required).field("name", .string, .required).field("description", .string, .required)
            .create()
        try await database.schema(ServiceRecord.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("name", .string, .required).field("description", .string, .required)
            .field("url", .string).field("email", .string).field("phone", .string)
            .field("status", .string, .required).field("fees", .string).field("is_free", .bool, .required)
            .field("minimum_age", .int).field("maximum_age", .int).field("eligibility", .string)
            .field("how_to_join", .string, .required).field("attending", .string, .required)
            .field("capacity", .string, .required).field("languages", .string, .required)
            .field("last_modified", .datetime, .required).field("last_checked", .datetime, .required)
            .create()
        try await database.schema(LocationRecord.schema)
            .id()
            .field("name", .string, .required).field("address", .string, .required).field("town", .string, .required)
            .field("postcode", .string, .required).field("latitude", .double, .required).field("longitude", .double, .required)
            .field("accessibility", .string, .required)
            .create()
        try await database.schema(ServiceAtLocationRecord.schema)
            .id()
            .field("service_id", .uuid, .required, .references(ServiceRecord.schema, "id", onDelete: .cascade))
            .field("location_id", .uuid, .required, .references(LocationRecord.schema, "id"))
            .create()
        try await database.schema(ScheduleRecord.schema)
            .id()
            .field("service_id", .uuid, .required, .references(ServiceRecord.schema, "id", onDelete: .cascade))
            .field("freq", .string, .required).field("interval", .int, .required)
            .field("byday", .string, .required).field("bymonthday", .string, .required)
            .field("opens_at", .string).field("closes_at", .string)
            .field("valid_from", .datetime).field("valid_to", .datetime).field("notes", .string, .required)
            .create()
        try await database.schema(ServiceTermRecord.schema)
            .id()
            .field("service_id", .uuid, .required, .references(ServiceRecord.schema, "id", onDelete: .cascade))
            .field("taxonomy_term_id", .uuid, .required, .references(TaxonomyTermRecord.schema, "id"))
            .create()
        for statement in [
            "CREATE INDEX services_organisation ON services (organisation_id)",
            "CREATE INDEX services_modified ON services (last_modified)",
            "CREATE INDEX locations_position ON locations (latitude, longitude)",
            "CREATE INDEX service_at_locations_service ON service_at_locations (service_id)",
            "CREATE INDEX schedules_service ON schedules (service_id)",
            "CREATE INDEX service_terms_service ON service_taxonomy_terms (service_id)",
            "CREATE INDEX service_terms_term ON service_taxonomy_terms (taxonomy_term_id)",
        ] {
            try await StoreSQL.run(on: database, statement)
        }
        try await serviceTextIndex(for: database).create(on: database)

        let taxonomy = TaxonomyRecord()
        taxonomy.id = SocialPrescribingTaxonomy.id
        taxonomy.name = SocialPrescribingTaxonomy.name
        taxonomy.description = SocialPrescribingTaxonomy.description
        try await taxonomy.create(on: database)
        for term in SocialPrescribingTaxonomy.terms {
            let record = TaxonomyTermRecord()
            record.apply(term)
            try await record.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await serviceTextIndex(for: database).drop(on: database)
        for schema in [ServiceTermRecord.schema, ScheduleRecord.schema, ServiceAtLocationRecord.schema, LocationRecord.schema,
                       ServiceRecord.schema, TaxonomyTermRecord.schema, TaxonomyRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
