import AlongsideCore
import FluentKit
import Foundation

/// A resident's proposal: what, why, where and about what; when it first reached the answer and board thresholds.
public final class ProposalRecord: Model, @unchecked Sendable {
    public static let schema = "proposals"

    @ID(key: .id) public var id: UUID?
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    /// The ward's ONS code; nil for the whole place.
    @OptionalField(key: "ward") public var ward: String?
    /// A taxonomy term's code.
    @Field(key: "category") public var category: String
    @Field(key: "created_at") public var createdAt: Date
    /// When it first had enough supporters to be owed an answer; it stays owed if some withdraw later.
    @OptionalField(key: "owed_since") public var owedSince: Date?
    @OptionalField(key: "board_since") public var boardSince: Date?
    @OptionalField(key: "hidden_at") public var hiddenAt: Date?
    @OptionalField(key: "hidden_reason") public var hiddenReason: String?
    /// The author chose to be told of the answer by email.
    @Field(key: "notify_author") public var notifyAuthor: Bool
    /// When the author asked for another moderator to look at a decision to hide it.
    @OptionalField(key: "second_look_asked_at") public var secondLookAskedAt: Date?
    /// The call for proposals it answers, if any.
    @OptionalField(key: "call_id") public var callID: UUID?

    public init() {}

    /// A new proposal from a checked draft.
    init(_ draft: ProposalDraft, author: UUID, at: Date) {
        authorID = author
        title = draft.title
        body = draft.body
        ward = draft.ward
        category = draft.category
        createdAt = at
        notifyAuthor = false
    }
}

/// One resident's support for a proposal (one each), with the ward they lived in when they gave it — supports
/// are shown as a count and by ward, never by name.
public final class ProposalSupportRecord: Model, @unchecked Sendable {
    public static let schema = "proposal_supports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "proposal_id") public var proposalID: UUID
    @Field(key: "person_id") public var personID: UUID
    @OptionalField(key: "ward") public var ward: String?
    @Field(key: "created_at") public var createdAt: Date
    /// The supporter chose to be told of the answer by email.
    @Field(key: "notify") public var notify: Bool

    public init() {}
}

/// The health system's answer to a proposal, public. Who answered is in the audit log; the organisation that
/// owed the answer is kept here.
public final class ProposalAnswerRecord: Model, @unchecked Sendable {
    public static let schema = "proposal_answers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "proposal_id") public var proposalID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "reasons") public var reasons: String
    /// `YYYY-MM-DD`: an interim answer's new date for the answer.
    @OptionalField(key: "new_due") public var newDue: String?
    /// The directory service that already does what was proposed.
    @OptionalField(key: "service_id") public var serviceID: UUID?
    @OptionalField(key: "organisation_id") public var organisationID: UUID?
    @Field(key: "answered_at") public var answeredAt: Date

    public init() {}

    public var answer: ProposalAnswer? {
        switch ProposalAnswer.Kind(rawValue: kind) {
        case .underConsideration: newDue.map { .underConsideration(reasons: reasons, newDue: $0) }
        case .accepted: .accepted(reasons: reasons)
        case .notTakenForward: .notTakenForward(reasons: reasons)
        case .alreadyHappening: serviceID.map { .alreadyHappening(service: $0, reasons: reasons) }
        case nil: nil
        }
    }
}

struct CreateProposals: AsyncMigration {
    var name: String { "2026-12-04-CreateProposals" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProposalRecord.schema)
            .id()
            .field("author_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("ward", .string)
            .field("category", .string, .required)
            .field("created_at", .datetime, .required)
            .field("owed_since", .datetime)
            .field("board_since", .datetime)
            .field("hidden_at", .datetime)
            .field("hidden_reason", .string)
            .field("notify_author", .bool, .required)
            .create()
        try await database.schema(ProposalSupportRecord.schema)
            .id()
            .field("proposal_id", .uuid, .required, .references(ProposalRecord.schema, "id"))
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("ward", .string)
            .field("created_at", .datetime, .required)
            .field("notify", .bool, .required)
            .unique(on: "proposal_id", "person_id")
            .create()
        try await database.schema(ProposalAnswerRecord.schema)
            .id()
            .field("proposal_id", .uuid, .required, .references(ProposalRecord.schema, "id"))
            .field("kind", .string, .required)
            .field("reasons", .string, .required)
            .field("new_due", .string)
            .field("service_id", .uuid)
            .field("organisation_id", .uuid, .references(OrganisationRecord.schema, "id"))
            .field("answered_at", .datetime, .required)
            .create()
        for statement in [
            "CREATE INDEX proposals_author ON proposals (author_id)",
            "CREATE INDEX proposal_supports_person ON proposal_supports (person_id)",
            "CREATE INDEX proposal_answers_proposal ON proposal_answers (proposal_id, answered_at)",
        ] { try await StoreSQL.run(on: database, statement) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProposalAnswerRecord.schema).delete()
        try await database.schema(ProposalSupportRecord.schema).delete()
        try await database.schema(ProposalRecord.schema).delete()
    }
}
