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

    public init() {}

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

/// One completed measure: the raw answers as given (empty where not answered). Scores are worked out from
/// them by AlongsideCore whenever they are shown, so a score is never stored apart from its answers.
public final class MeasureRecord: Model, @unchecked Sendable {
    public static let schema = "measures"

    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    /// The episode it was taken in, pairing baseline and follow-ups; nil outside an episode.
    @OptionalField(key: "referral_id") public var referralID: UUID?
    @Field(key: "instrument") public var instrument: String
    /// Item answers in the instrument's order, comma-separated; empty for an item not answered.
    @Field(key: "answers") public var answers: String
    @Field(key: "taken_at") public var takenAt: Date
    @OptionalField(key: "recorded_by") public var recordedBy: UUID?
    /// For SWEMWBS, the metric score, kept beside the answers for caseload and place summaries.
    @OptionalField(key: "metric") public var metric: Double?

    public init() {}

    public var answerList: [Int?] { answers.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) } }

    static func text(_ answers: [Int?]) -> String { answers.map { $0.map(String.init) ?? "" }.joined(separator: ",") }

    /// The answers scored; stored answers were checked when they were written.
    public var result: MeasureResult? {
        Instrument(rawValue: instrument).flatMap { try? MeasureResult($0, answers: answerList) }
    }
}

/// A carer and the person they look after. The cared-for person may use Alongside (then their person id is
/// here, and the link counts once both have agreed) or not (then only their name).
public final class CarerLinkRecord: Model, @unchecked Sendable {
    public static let schema = "carer_links"

    @ID(key: .id) public var id: UUID?
    @Field(key: "carer_id") public var carerID: UUID
    @OptionalField(key: "cared_for_id") public var caredForID: UUID?
    @Field(key: "cared_for_name") public var caredForName: String
    @Field(key: "relationship") public var relationship: String
    @Field(key: "what_i_care_with") public var whatICareWith: String
    @OptionalField(key: "hours_per_week") public var hoursPerWeek: Int?
    @OptionalField(key: "carer_agreed_at") public var carerAgreedAt: Date?
    @OptionalField(key: "cared_for_agreed_at") public var caredForAgreedAt: Date?
    @OptionalField(key: "recorded_by") public var recordedBy: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "ended_at") public var endedAt: Date?

    public init() {}

    /// In force: the carer agreed, and so did the cared-for person when they use Alongside.
    public var isAgreed: Bool { carerAgreedAt != nil && (caredForID == nil || caredForAgreedAt != nil) }

    public var relation: CaringRelationship { CaringRelationship(rawValue: relationship) ?? .other }
}

/// A carer's contingency plan: who steps in if they cannot care.
public final class ContingencyPlanRecord: Model, @unchecked Sendable {
    public static let schema = "contingency_plans"

    @ID(key: .id) public var id: UUID?
    @Field(key: "carer_id") public var carerID: UUID
    @Field(key: "content") public var content: String
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "updated_by") public var updatedBy: UUID?

    public init() {}
}

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
