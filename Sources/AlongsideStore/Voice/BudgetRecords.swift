import AlongsideCore
import FluentKit
import Foundation

/// A participatory budgeting round: the money (pence), the area, who may vote, the phases' days, the ballot and
/// the counting rule. Fixed once the first ballot is cast.
public final class BudgetRoundRecord: Model, @unchecked Sendable {
    public static let schema = "budget_rounds"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "budget_pence") public var budget: Int
    /// Ward codes joined by commas; empty for the whole place.
    @Field(key: "wards") public var wards: String
    @Field(key: "minimum_age") public var minimumAge: Int
    @Field(key: "ideas_from") public var ideasFrom: String
    @Field(key: "feasibility_from") public var feasibilityFrom: String
    @Field(key: "voting_from") public var votingFrom: String
    @Field(key: "voting_until") public var votingUntil: String
    @Field(key: "ballot_kind") public var ballotKind: String
    @OptionalField(key: "ballot_limit") public var ballotLimit: Int?
    @Field(key: "rule") public var rule: String
    @Field(key: "created_at") public var createdAt: Date
    /// The unmet need (`Need`) whose gap the round was opened from, if any: the start of the loop the insight pages follow.
    @OptionalField(key: "need") public var need: String?

    public init() {}

    func set(_ d: BudgetRoundDraft) {
        title = d.title; description = d.description; budget = d.budget; wards = d.wards.joined(separator: ",")
        minimumAge = d.minimumAge; ideasFrom = d.ideasFrom; feasibilityFrom = d.feasibilityFrom; votingFrom = d.votingFrom
        votingUntil = d.votingUntil; ballotKind = d.ballot.code; rule = d.rule.rawValue
        if case .approval(let limit) = d.ballot { ballotLimit = limit } else { ballotLimit = nil }
    }

    var draft: BudgetRoundDraft {
        BudgetRoundDraft(title: title, description: description, budget: budget, wards: wards.split(separator: ",").map(String.init),
                         minimumAge: minimumAge, ideasFrom: ideasFrom, feasibilityFrom: feasibilityFrom, votingFrom: votingFrom,
                         votingUntil: votingUntil, ballot: ballotKind == "knapsack" ? .knapsack : .approval(limit: ballotLimit),
                         rule: BudgetRule(rawValue: rule) ?? .greedy)
    }
}

/// An idea put forward for a round, and its feasibility review: a cost (pence) it can be done for, or why not.
public final class BudgetProjectRecord: Model, @unchecked Sendable {
    public static let schema = "budget_projects"

    @ID(key: .id) public var id: UUID?
    @Field(key: "round_id") public var roundID: UUID
    /// 1, 2, 3… in the order ideas came: the project's id in the round's Pabulib file.
    @Field(key: "number") public var number: Int
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @OptionalField(key: "ward") public var ward: String?
    /// The resident who put the idea forward; nil once their account is closed, or for ideas the round began with.
    @OptionalField(key: "proposed_by") public var proposedBy: UUID?
    @OptionalField(key: "proposal_id") public var proposalID: UUID?
    /// `pending`, `feasible` or `not_feasible`.
    @Field(key: "feasibility") public var feasibility: String
    @OptionalField(key: "cost_pence") public var cost: Int?
    @Field(key: "feasibility_reason") public var reason: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// One resident's ballot in a round (one each, replaced when they change it until voting closes). Budget ballots
/// are not secret: the voter sees what they chose and that it was counted.
public final class BudgetBallotRecord: Model, @unchecked Sendable {
    public static let schema = "budget_ballots"

    @ID(key: .id) public var id: UUID?
    @Field(key: "round_id") public var roundID: UUID
    /// Nil once the voter's account is closed: the ballot stays counted, with no one to it.
    @OptionalField(key: "person_id") public var personID: UUID?
    /// The chosen projects' ids, joined by commas.
    @Field(key: "projects") public var projects: String
    @Field(key: "cast_at") public var castAt: Date
    @Field(key: "changed_at") public var changedAt: Date

    public init() {}

    var chosen: [UUID] { projects.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
}

struct CreateBudgetRounds: AsyncMigration {
    var name: String { "2026-12-05-CreateBudgetRounds" }

    func prepare(on database: any Database) async throws {
        try await database.schema(BudgetRoundRecord.schema)
            .id()
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("budget_pence", .int64, .required)
            .field("wards", .string, .required)
            .field("minimum_age", .int, .required)
            .field("ideas_from", .string, .required)
            .field("feasibility_from", .string, .required)
            .field("voting_from", .string, .required)
            .field("voting_until", .string, .required)
            .field("ballot_kind", .string, .required)
            .field("ballot_limit", .int)
            .field("rule", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(BudgetProjectRecord.schema)
            .id()
            .field("round_id", .uuid, .required, .references(BudgetRoundRecord.schema, "id"))
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("ward", .string)
            .field("proposed_by", .uuid, .references(PersonRecord.schema, "id"))
            .field("proposal_id", .uuid, .references(ProposalRecord.schema, "id"))
            .field("feasibility", .string, .required)
            .field("cost_pence", .int64)
            .field("feasibility_reason", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "round_id", "number")
            .create()
        try await database.schema(BudgetBallotRecord.schema)
            .id()
            .field("round_id", .uuid, .required, .references(BudgetRoundRecord.schema, "id"))
            .field("person_id", .uuid, .references(PersonRecord.schema, "id"))
            .field("projects", .string, .required)
            .field("cast_at", .datetime, .required)
            .field("changed_at", .datetime, .required)
            .unique(on: "round_id", "person_id")
            .create()
        for statement in [
            "CREATE INDEX budget_projects_proposed_by ON budget_projects (proposed_by)",
            "CREATE INDEX budget_ballots_person ON budget_ballots (person_id)",
        ] { try await StoreSQL.run(on: database, statement) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BudgetBallotRecord.schema).delete()
        try await database.schema(BudgetProjectRecord.schema).delete()
        try await database.schema(BudgetRoundRecord.schema).delete()
    }
}

/// The need a round was opened from, kept so the gap's page can follow what the round funded.
struct AddBudgetRoundNeed: AsyncMigration {
    var name: String { "2026-12-05-02-AddBudgetRoundNeed" }

    func prepare(on database: any Database) async throws {
        try await database.schema(BudgetRoundRecord.schema).field("need", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BudgetRoundRecord.schema).deleteField("need").update()
    }
}
