import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A result: what an accepted proposal or a funded project became, public.
public final class CommunityResultRecord: Model, @unchecked Sendable {
    public static let schema = "community_results"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @OptionalField(key: "proposal_id") public var proposalID: UUID?
    @OptionalField(key: "project_id") public var projectID: UUID?
    @OptionalField(key: "round_id") public var roundID: UUID?
    @OptionalField(key: "parent_id") public var parentID: UUID?
    /// Its share of the parent's progress (the project's cost in pence, for a round's projects).
    @Field(key: "weight") public var weight: Int
    @OptionalField(key: "organisation_id") public var organisationID: UUID?
    @Field(key: "status") public var status: String
    @Field(key: "progress") public var progress: Int
    @OptionalField(key: "service_id") public var serviceID: UUID?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

public final class ResultMilestoneRecord: Model, @unchecked Sendable {
    public static let schema = "result_milestones"

    @ID(key: .id) public var id: UUID?
    @Field(key: "result_id") public var resultID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "due") public var due: String
    @OptionalField(key: "done_on") public var doneOn: String?

    public init() {}
}

public final class ResultUpdateRecord: Model, @unchecked Sendable {
    public static let schema = "result_updates"

    @ID(key: .id) public var id: UUID?
    @Field(key: "result_id") public var resultID: UUID
    @Field(key: "text") public var text: String
    @Field(key: "progress") public var progress: Int
    @Field(key: "status") public var status: String
    @Field(key: "written_at") public var writtenAt: Date

    public init() {}
}

struct CreateCommunityResults: AsyncMigration {
    var name: String { "2026-12-05-CreateCommunityResults" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CommunityResultRecord.schema)
            .id()
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("proposal_id", .uuid, .references(ProposalRecord.schema, "id"))
            .field("project_id", .uuid, .references(BudgetProjectRecord.schema, "id"))
            .field("round_id", .uuid, .references(BudgetRoundRecord.schema, "id"))
            .field("parent_id", .uuid)
            .field("weight", .int64, .required)
            .field("organisation_id", .uuid, .references(OrganisationRecord.schema, "id"))
            .field("status", .string, .required)
            .field("progress", .int, .required)
            .field("service_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(ResultMilestoneRecord.schema)
            .id()
            .field("result_id", .uuid, .required, .references(CommunityResultRecord.schema, "id"))
            .field("title", .string, .required)
            .field("due", .string, .required)
            .field("done_on", .string)
            .create()
        try await database.schema(ResultUpdateRecord.schema)
            .id()
            .field("result_id", .uuid, .required, .references(CommunityResultRecord.schema, "id"))
            .field("text", .string, .required)
            .field("progress", .int, .required)
            .field("status", .string, .required)
            .field("written_at", .datetime, .required)
            .create()
        for statement in [
            "CREATE INDEX result_milestones_result ON result_milestones (result_id, due)",
            "CREATE INDEX result_updates_result ON result_updates (result_id, written_at)",
            "CREATE INDEX community_results_parent ON community_results (parent_id)",
        ] { try await StoreSQL.run(on: database, statement) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResultUpdateRecord.schema).delete()
        try await database.schema(ResultMilestoneRecord.schema).delete()
        try await database.schema(CommunityResultRecord.schema).delete()
    }
}

public struct ResultView: Sendable, Equatable {
    public struct Update: Sendable, Equatable {
        public let text: String
        public let progress: Int
        public let status: ResultStatus
        public let at: Date
    }
    public let id: UUID
    public let title: String
    public let description: String
    public let proposalID: UUID?
    public let roundID: UUID?
    public let parentID: UUID?
    public let organisationID: UUID?
    public let status: ResultStatus
    /// Its own, or its children's weighted average when it has children.
    public let progress: Int
    public let serviceID: UUID?
    public let milestones: [(id: UUID, milestone: Milestone)]
    public let updates: [Update]
    public let children: [UUID]

    public static func == (a: ResultView, b: ResultView) -> Bool { a.id == b.id && a.progress == b.progress && a.status == b.status && a.updates == b.updates }
}

public struct ResultNotFound: Error {}

/// Results: accepted proposals and funded projects followed to the end. Each change one transaction.
public struct CommunityResults: Sendable {
    public init() {}

    /// The result an accepted proposal becomes, in the caller's transaction (the answer's).
    func fromProposal(_ proposal: ProposalRecord, organisation: UUID?, now: Date, on tx: any Database) async throws {
        let record = CommunityResultRecord()
        record.title = proposal.title; record.description = proposal.body; record.proposalID = proposal.id
        record.weight = 1; record.organisationID = organisation; record.status = ResultStatus.planned.rawValue; record.progress = 0; record.createdAt = now
        try await record.create(on: tx)
    }

    /// The round's funded projects as results, under one result for the round whose progress is theirs weighted by
    /// cost. Once per round; the round must have its results.
    @discardableResult
    public func track(round id: UUID, today: Date, on db: any Database) async throws -> UUID {
        guard let counted = try await BudgetRounds().results(id, today: today, on: db) else {
            throw ProposalRefused("A round's funded projects can be followed once its results are out.")
        }
        return try await db.writeTransaction(lock: "budget:\(id)") { tx in
            if let existing = try await CommunityResultRecord.query(on: tx).filter(\.$roundID == id).filter(\.$parentID == nil).first() { return existing.id! }
            let parent = CommunityResultRecord()
            parent.title = counted.round.rules.title; parent.description = counted.round.rules.description; parent.roundID = id
            parent.weight = counted.outcome.cost; parent.status = ResultStatus.planned.rawValue; parent.progress = 0; parent.createdAt = today
            try await parent.create(on: tx)
            for p in counted.outcome.selected {
                let project = counted.round.projects.first { $0.id == counted.projectIDs[p] }
                let child = CommunityResultRecord()
                child.title = project?.title ?? counted.election.projects[p].name; child.description = project?.description ?? ""
                child.projectID = counted.projectIDs[p]; child.roundID = id; child.parentID = parent.id
                child.weight = counted.election.projects[p].cost; child.status = ResultStatus.planned.rawValue; child.progress = 0; child.createdAt = today
                try await child.create(on: tx)
            }
            return parent.id!
        }
    }

    public func update(_ id: UUID, progress: Int, status: ResultStatus, text: String, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "result:\(id)") { tx in
            guard let record = try await CommunityResultRecord.find(id, on: tx) else { throw ResultNotFound() }
            record.progress = progress; record.status = status.rawValue
            try await record.save(on: tx)
            let update = ResultUpdateRecord()
            update.resultID = id; update.text = text; update.progress = progress; update.status = status.rawValue; update.writtenAt = now
            try await update.create(on: tx)
        }
    }

    public func addMilestone(to id: UUID, title: String, due: String, on db: any Database) async throws {
        try await db.writeTransaction(lock: "result:\(id)") { tx in
            guard try await CommunityResultRecord.find(id, on: tx) != nil else { throw ResultNotFound() }
            let m = ResultMilestoneRecord()
            m.resultID = id; m.title = title; m.due = due
            try await m.create(on: tx)
        }
    }

    public func completeMilestone(_ milestone: UUID, on day: String, on db: any Database) async throws -> UUID {
        try await db.writeTransaction { tx in
            guard let m = try await ResultMilestoneRecord.find(milestone, on: tx) else { throw ResultNotFound() }
            m.doneOn = day
            try await m.save(on: tx)
            return m.resultID
        }
    }

    /// The result a milestone belongs to.
    public func result(ofMilestone milestone: UUID, on db: any Database) async throws -> UUID? {
        try await ResultMilestoneRecord.find(milestone, on: db)?.resultID
    }

    /// The result following a round's funded projects, if anyone has started following them.
    public func result(ofRound round: UUID, on db: any Database) async throws -> UUID? {
        try await CommunityResultRecord.query(on: db).filter(\.$roundID == round).filter(\.$parentID == nil).first()?.id
    }

    /// Links a directory service the result created; the service must exist.
    public func link(_ id: UUID, service: UUID, on db: any Database) async throws {
        try await db.writeTransaction(lock: "result:\(id)") { tx in
            guard let record = try await CommunityResultRecord.find(id, on: tx) else { throw ResultNotFound() }
            guard try await ServiceRecord.find(service, on: tx) != nil else { throw FieldError("service", "There is no such service in the directory") }
            record.serviceID = service
            try await record.save(on: tx)
        }
    }

    /// The results a directory service came from.
    public func funding(ofService service: UUID, on db: any Database) async throws -> [(id: UUID, title: String, fromRound: Bool)] {
        try await CommunityResultRecord.query(on: db).filter(\.$serviceID == service).all().map { ($0.id!, $0.title, $0.roundID != nil) }
    }

    public func result(_ id: UUID, on db: any Database) async throws -> ResultView? {
        guard let record = try await CommunityResultRecord.find(id, on: db) else { return nil }
        return try await views([record], on: db).first
    }

    /// Every result without a parent (a round's projects are under the round), the newest first.
    public func all(on db: any Database) async throws -> [ResultView] {
        try await views(try await CommunityResultRecord.query(on: db).filter(\.$parentID == nil).sort(\.$createdAt, .descending).all(), on: db)
    }

    func views(_ records: [CommunityResultRecord], on db: any Database) async throws -> [ResultView] {
        var views: [ResultView] = []
        for r in records {
            let children = try await CommunityResultRecord.query(on: db).filter(\.$parentID == r.id!).sort(\.$createdAt).sort(\.$weight, .descending).sort(\.$title).all()
            let milestones = try await ResultMilestoneRecord.query(on: db).filter(\.$resultID == r.id!).sort(\.$due).all()
                .map { ($0.id!, Milestone(title: $0.title, due: $0.due, doneOn: $0.doneOn)) }
            let updates = try await ResultUpdateRecord.query(on: db).filter(\.$resultID == r.id!).sort(\.$writtenAt, .descending).all()
                .map { ResultView.Update(text: $0.text, progress: $0.progress, status: ResultStatus(rawValue: $0.status) ?? .planned, at: $0.writtenAt) }
            let progress = ResultProgress.weighted(children.map { ($0.progress, $0.weight) }) ?? r.progress
            views.append(ResultView(id: r.id!, title: r.title, description: r.description, proposalID: r.proposalID, roundID: r.roundID, parentID: r.parentID,
                                    organisationID: r.organisationID, status: ResultStatus(rawValue: r.status) ?? .planned, progress: progress,
                                    serviceID: r.serviceID, milestones: milestones, updates: updates, children: children.map { $0.id! }))
        }
        return views
    }
}
