import AlongsideCore
import FluentKit
import Foundation

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
    /// The email the carer gave for the person they look after. They are asked to agree by email whether or not
    /// they have an account, so the carer never learns which; the link waits until they sign in and agree.
    @OptionalField(key: "invited_email") public var invitedEmail: String?

    public init() {}

    /// In force: the carer agreed, and so did the cared-for person when they use Alongside or were asked by email.
    public var isAgreed: Bool { carerAgreedAt != nil && ((caredForID == nil && invitedEmail == nil) || caredForAgreedAt != nil) }

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

/// Carer links remember the email the cared-for person was asked at, so a link can wait for someone who has no
/// account yet without telling the carer so.
struct AddCarerLinkInvitedEmail: AsyncMigration {
    var name: String { "2026-12-01-02-AddCarerLinkInvitedEmail" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CarerLinkRecord.schema).field("invited_email", .string).update()
        try await StoreSQL.run(on: database, "CREATE INDEX carer_links_invited_email ON carer_links (invited_email)")
    }

    func revert(on database: any Database) async throws {
        try await StoreSQL.run(on: database, "DROP INDEX carer_links_invited_email")
        try await database.schema(CarerLinkRecord.schema).deleteField("invited_email").update()
    }
}
