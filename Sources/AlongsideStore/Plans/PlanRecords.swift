import AlongsideCore
import FluentKit
import Foundation

/// A person's plan as it is now (one per person), with whom they share it.
public final class PlanRecord: Model, @unchecked Sendable {
    public static let schema = "plans"

    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    /// The `CarePlan` as JSON.
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int
    @Field(key: "share_gp") public var shareGP: Bool
    /// Organisation ids, comma-separated.
    @Field(key: "share_organisations") public var shareOrganisations: String
    /// Carers' person ids, comma-separated.
    @Field(key: "share_carers") public var shareCarers: String
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "updated_by") public var updatedBy: UUID?
    /// The needs the plan's goals speak to (`UnmetNeed.needs(of:)`), comma-separated, kept with the plan so unmet
    /// need counts them without reading every plan.
    @Field(key: "goal_needs") public var goalNeeds: String

    public init() {}

    /// The plan as it is now.
    public var plan: CarePlan { Plans.decode(content) }

    public var sharing: PlanSharing {
        PlanSharing(gp: shareGP, organisations: Self.ids(shareOrganisations), carers: Self.ids(shareCarers))
    }

    static func ids(_ text: String) -> [UUID] { text.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
    static func text(_ ids: [UUID]) -> String { ids.map { $0.uuidString.lowercased() }.joined(separator: ",") }
}

/// Every version of every plan, kept: what it said, who changed it, when, and what changed in words.
public final class PlanVersionRecord: Model, @unchecked Sendable {
    public static let schema = "plan_versions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "version") public var version: Int
    @Field(key: "content") public var content: String
    @OptionalField(key: "changed_by") public var changedBy: UUID?
    @Field(key: "changed_at") public var changedAt: Date
    /// What changed, in words, joined by "; ".
    @Field(key: "changes") public var changes: String

    public init() {}
}

/// Plans and their versions, measures, carer links and contingency plans: one migration, as they came together.
struct CreatePlans: AsyncMigration {
    var name: String { "2026-11-26-02-CreatePlans" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PlanRecord.schema)
            .id()
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("content", .string, .required).field("version", .int, .required)
            .field("share_gp", .bool, .required).field("share_organisations", .string, .required).field("share_carers", .string, .required)
            .field("updated_at", .datetime, .required).field("updated_by", .uuid)
            .unique(on: "person_id")
            .create()
        try await database.schema(PlanVersionRecord.schema)
            .id()
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("version", .int, .required).field("content", .string, .required)
            .field("changed_by", .uuid).field("changed_at", .datetime, .required).field("changes", .string, .required)
            .unique(on: "person_id", "version")
            .create()
        try await database.schema(MeasureRecord.schema)
            .id()
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("referral_id", .uuid, .references(ReferralRecord.schema, "id"))
            .field("instrument", .string, .required).field("answers", .string, .required)
            .field("taken_at", .datetime, .required).field("recorded_by", .uuid).field("metric", .double)
            .create()
        try await database.schema(CarerLinkRecord.schema)
            .id()
            .field("carer_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("cared_for_id", .uuid, .references(PersonRecord.schema, "id"))
            .field("cared_for_name", .string, .required).field("relationship", .string, .required)
            .field("what_i_care_with", .string, .required).field("hours_per_week", .int)
            .field("carer_agreed_at", .datetime).field("cared_for_agreed_at", .datetime)
            .field("recorded_by", .uuid).field("created_at", .datetime, .required).field("ended_at", .datetime)
            .create()
        try await database.schema(ContingencyPlanRecord.schema)
            .id()
            .field("carer_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("content", .string, .required).field("updated_at", .datetime, .required).field("updated_by", .uuid)
            .unique(on: "carer_id")
            .create()
        let sql = StoreSQL.sql(database)
        try await sql.raw("CREATE INDEX measures_person ON measures (person_id, instrument, taken_at)").run()
        try await sql.raw("CREATE INDEX measures_episode ON measures (referral_id, instrument, taken_at)").run()
        try await sql.raw("CREATE INDEX carer_links_carer ON carer_links (carer_id)").run()
        try await sql.raw("CREATE INDEX carer_links_cared_for ON carer_links (cared_for_id)").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [ContingencyPlanRecord.schema, CarerLinkRecord.schema, MeasureRecord.schema, PlanVersionRecord.schema, PlanRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// Each plan keeps the needs its goals speak to, for unmet need.
struct AddPlanGoalNeeds: AsyncMigration {
    var name: String { "2026-12-07-01-AddPlanGoalNeeds" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PlanRecord.schema).field("goal_needs", .string, .required, .sql(.default(""))).update()
        for plan in try await PlanRecord.query(on: database).all() {
            let needs = UnmetNeed.needs(of: plan.plan).map(\.rawValue).joined(separator: ",")
            guard !needs.isEmpty else { continue }
            plan.goalNeeds = needs
            try await plan.save(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlanRecord.schema).deleteField("goal_needs").update()
    }
}
