import AlongsideCore
import FluentKit
import Foundation

/// A panel of representatives for the whole place or some wards.
public final class PanelRecord: Model, @unchecked Sendable {
    public static let schema = "panels"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String
    /// Ward codes joined by commas; empty for the whole place.
    @Field(key: "wards") public var wards: String
    @Field(key: "seats") public var seats: Int
    @Field(key: "term_months") public var termMonths: Int
    @Field(key: "report_weeks") public var reportWeeks: Int
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    var draft: PanelDraft {
        PanelDraft(name: name, description: description, wards: wards.split(separator: ",").map(String.init), seats: seats,
                   termMonths: termMonths, reportEveryWeeks: reportWeeks)
    }
}

/// An election of a panel's representatives: its days and the seats it fills.
public final class PanelElectionRecord: Model, @unchecked Sendable {
    public static let schema = "panel_elections"

    @ID(key: .id) public var id: UUID?
    @Field(key: "panel_id") public var panelID: UUID
    @Field(key: "nominations_from") public var nominationsFrom: String
    @Field(key: "voting_from") public var votingFrom: String
    @Field(key: "voting_until") public var votingUntil: String
    @Field(key: "seats") public var seats: Int
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    var days: ElectionDays { ElectionDays(nominationsFrom: nominationsFrom, votingFrom: votingFrom, votingUntil: votingUntil) }
}

/// Someone standing for election, with their statement and declared interests, public.
public final class CandidateRecord: Model, @unchecked Sendable {
    public static let schema = "election_candidates"

    @ID(key: .id) public var id: UUID?
    @Field(key: "election_id") public var electionID: UUID
    /// Nil once their account is closed: the public record of the candidacy stays.
    @OptionalField(key: "person_id") public var personID: UUID?
    @Field(key: "display_name") public var displayName: String
    @Field(key: "statement") public var statement: String
    @Field(key: "interests") public var interests: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// Who has voted in an election, kept apart from the ballots so no ballot can be tied to a voter.
public final class ElectionVoterRecord: Model, @unchecked Sendable {
    public static let schema = "election_voters"

    @ID(key: .id) public var id: UUID?
    @Field(key: "election_id") public var electionID: UUID
    @Field(key: "person_id") public var personID: UUID
    /// The day they voted (not the time, which could be matched to a ballot).
    @Field(key: "voted_on") public var votedOn: String

    public init() {}
}

/// An election's ballot box: every secret ballot, one ranking a line, each new one put in at a random place.
/// A row a ballot would keep the order ballots came in (SQLite's row ids, PostgreSQL's heap), which the order
/// of the voter list could match; a box has no order to match. No voter, no time, nothing that says whose.
public final class BallotBoxRecord: Model, @unchecked Sendable {
    public static let schema = "election_ballot_boxes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "election_id") public var electionID: UUID
    /// One ballot a line: candidate ids in order of preference, joined by commas.
    @Field(key: "ballots") public var ballots: String

    public init() {}
}

/// A representative's report-back to the people they represent: what they heard, what they raised, what answer came.
public final class ReportBackRecord: Model, @unchecked Sendable {
    public static let schema = "report_backs"

    @ID(key: .id) public var id: UUID?
    @Field(key: "candidate_id") public var candidateID: UUID
    /// The representative who wrote it; nil once their account is closed.
    @OptionalField(key: "person_id") public var personID: UUID?
    @Field(key: "heard") public var heard: String
    @Field(key: "raised") public var raised: String
    @Field(key: "answer") public var answer: String
    @Field(key: "written_at") public var writtenAt: Date

    public init() {}
}

struct CreatePanels: AsyncMigration {
    var name: String { "2026-12-05-CreatePanels" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PanelRecord.schema)
            .id()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("wards", .string, .required)
            .field("seats", .int, .required)
            .field("term_months", .int, .required)
            .field("report_weeks", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(PanelElectionRecord.schema)
            .id()
            .field("panel_id", .uuid, .required, .references(PanelRecord.schema, "id"))
            .field("nominations_from", .string, .required)
            .field("voting_from", .string, .required)
            .field("voting_until", .string, .required)
            .field("seats", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(CandidateRecord.schema)
            .id()
            .field("election_id", .uuid, .required, .references(PanelElectionRecord.schema, "id"))
            .field("person_id", .uuid, .references(PersonRecord.schema, "id"))
            .field("display_name", .string, .required)
            .field("statement", .string, .required)
            .field("interests", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "election_id", "person_id")
            .create()
        try await database.schema(ElectionVoterRecord.schema)
            .id()
            .field("election_id", .uuid, .required, .references(PanelElectionRecord.schema, "id"))
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("voted_on", .string, .required)
            .unique(on: "election_id", "person_id")
            .create()
        try await database.schema(BallotBoxRecord.schema)
            .id()
            .field("election_id", .uuid, .required, .references(PanelElectionRecord.schema, "id"))
            .field("ballots", .string, .required)
            .unique(on: "election_id")
            .create()
        try await database.schema(ReportBackRecord.schema)
            .id()
            .field("candidate_id", .uuid, .required, .references(CandidateRecord.schema, "id"))
            .field("person_id", .uuid, .references(PersonRecord.schema, "id"))
            .field("heard", .string, .required)
            .field("raised", .string, .required)
            .field("answer", .string, .required)
            .field("written_at", .datetime, .required)
            .create()
        for statement in [
            "CREATE INDEX election_voters_person ON election_voters (person_id)",
            "CREATE INDEX election_candidates_person ON election_candidates (person_id)",
            "CREATE INDEX report_backs_candidate ON report_backs (candidate_id, written_at)",
            "CREATE INDEX report_backs_person ON report_backs (person_id)",
        ] { try await StoreSQL.run(on: database, statement) }
    }

    func revert(on database: any Database) async throws {
        for schema in [ReportBackRecord.schema, BallotBoxRecord.schema, ElectionVoterRecord.schema, CandidateRecord.schema,
                       PanelElectionRecord.schema, PanelRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// A resident's question to a panel's representatives, answered in public by one of them.
public final class PanelQuestionRecord: Model, @unchecked Sendable {
    public static let schema = "panel_questions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "panel_id") public var panelID: UUID
    /// Nil once their account is closed; never shown.
    @OptionalField(key: "asked_by") public var askedBy: UUID?
    @Field(key: "question") public var question: String
    @Field(key: "asked_at") public var askedAt: Date
    @OptionalField(key: "answer") public var answer: String?
    /// The representative (a candidate elected) who answered.
    @OptionalField(key: "answered_by") public var answeredBy: UUID?
    @OptionalField(key: "answered_at") public var answeredAt: Date?

    public init() {}
}

struct CreatePanelQuestions: AsyncMigration {
    var name: String { "2026-12-05-CreatePanelQuestions" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PanelQuestionRecord.schema)
            .id()
            .field("panel_id", .uuid, .required, .references(PanelRecord.schema, "id"))
            .field("asked_by", .uuid, .references(PersonRecord.schema, "id"))
            .field("question", .string, .required)
            .field("asked_at", .datetime, .required)
            .field("answer", .string)
            .field("answered_by", .uuid, .references(CandidateRecord.schema, "id"))
            .field("answered_at", .datetime)
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX panel_questions_asked_by ON panel_questions (asked_by)")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PanelQuestionRecord.schema).delete()
    }
}
