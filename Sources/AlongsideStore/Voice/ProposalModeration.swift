import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// One person's report of a proposal, with their reason (one each). Moderators see the reasons, never who reported.
public final class ProposalReportRecord: Model, @unchecked Sendable {
    public static let schema = "proposal_reports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "proposal_id") public var proposalID: UUID
    @Field(key: "reporter_id") public var reporterID: UUID
    @Field(key: "reason") public var reason: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A moderator's decision about a proposal, with the reason shown in its place when hidden.
public final class ModerationDecisionRecord: Model, @unchecked Sendable {
    public static let schema = "moderation_decisions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "proposal_id") public var proposalID: UUID
    @Field(key: "moderator_id") public var moderatorID: UUID
    @Field(key: "decision") public var decision: String
    @Field(key: "reason") public var reason: String
    /// Made at the author's request for another moderator to look: final.
    @Field(key: "second_look") public var secondLook: Bool
    @Field(key: "decided_at") public var decidedAt: Date

    public init() {}
}

struct AddProposalModeration: AsyncMigration {
    var name: String { "2026-12-05-AddProposalModeration" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProposalRecord.schema).field("second_look_asked_at", .datetime).update()
        try await database.schema(ProposalReportRecord.schema)
            .id()
            .field("proposal_id", .uuid, .required, .references(ProposalRecord.schema, "id"))
            .field("reporter_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "proposal_id", "reporter_id")
            .create()
        try await database.schema(ModerationDecisionRecord.schema)
            .id()
            .field("proposal_id", .uuid, .required, .references(ProposalRecord.schema, "id"))
            .field("moderator_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("decision", .string, .required)
            .field("reason", .string, .required)
            .field("second_look", .bool, .required)
            .field("decided_at", .datetime, .required)
            .create()
        for statement in [
            "CREATE INDEX proposal_reports_reporter ON proposal_reports (reporter_id)",
            "CREATE INDEX moderation_decisions_proposal ON moderation_decisions (proposal_id, decided_at)",
        ] { try await StoreSQL.run(on: database, statement) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ModerationDecisionRecord.schema).delete()
        try await database.schema(ProposalReportRecord.schema).delete()
        try await database.schema(ProposalRecord.schema).deleteField("second_look_asked_at").update()
    }
}

/// A proposal as the moderators' queue shows it: the reasons people gave (not who gave them) and what was decided.
public struct ModerationCase: Sendable, Equatable {
    public let proposalID: UUID
    public let title: String
    public let reasons: [String]
    public let standing: Moderation.Standing
    /// The moderator of the decision a second look is asked of: they may not make the second look.
    public let firstModerator: UUID?
}

/// Reports, moderators' decisions and second looks, each in one transaction under the proposal's lock, audited.
public struct ProposalModeration: Sendable {
    public init() {}

    /// A report with its reason; the third person's report hides the proposal until a moderator looks.
    public func report(_ id: UUID, by person: UUID, reason: String, now: Date, on db: any Database) async throws {
        let reason = try Moderation.reason(reason)
        try await db.writeTransaction(lock: "proposal:\(id)") { tx in
            guard let proposal = try await ProposalRecord.find(id, on: tx) else { throw ProposalNotFound() }
            guard proposal.authorID != person else { throw ProposalRefused("You wrote this proposal, so you cannot report it.", field: "reason") }
            guard try await ProposalReportRecord.query(on: tx).filter(\.$proposalID == id).filter(\.$reporterID == person).first() == nil else {
                throw ProposalRefused("You have already reported this proposal. A moderator will look at it.", field: "reason")
            }
            let report = ProposalReportRecord()
            report.proposalID = id; report.reporterID = person; report.reason = reason; report.createdAt = now
            try await report.create(on: tx)
            let reports = try await ProposalReportRecord.query(on: tx).filter(\.$proposalID == id).count()
            let decided = try await ModerationDecisionRecord.query(on: tx).filter(\.$proposalID == id).count() > 0
            if !decided, proposal.hiddenAt == nil, reports >= Moderation.hideAfterReports {
                proposal.hiddenAt = now
                proposal.hiddenReason = "Hidden while a moderator looks at it: \(Moderation.hideAfterReports) people reported it."
                try await proposal.save(on: tx)
            }
        }
    }

    /// A moderator hides or shows it again, with a reason. A second look must be by another moderator, and is final.
    /// `email` writes the author's message, queued in the same transaction.
    public func decide(_ id: UUID, _ decision: Moderation.Decision, reason: String, by moderator: UUID, now: Date,
                       email: (@Sendable (_ decision: Moderation.Decision, _ reason: String, _ final: Bool) -> (subject: String, body: String))? = nil,
                       on db: any Database) async throws {
        let reason = try Moderation.reason(reason)
        try await db.writeTransaction(lock: "proposal:\(id)") { tx in
            guard let proposal = try await ProposalRecord.find(id, on: tx) else { throw ProposalNotFound() }
            let earlier = try await ModerationDecisionRecord.query(on: tx).filter(\.$proposalID == id).sort(\.$decidedAt).all()
            let secondLook = proposal.secondLookAskedAt != nil
            if let why = Moderation.whyNotDecide(by: moderator, lastBy: earlier.last?.moderatorID, lastWasSecondLook: earlier.contains(where: \.secondLook),
                                                 secondLookAsked: secondLook) {
                throw ProposalRefused(why, field: "decision")
            }
            let record = ModerationDecisionRecord()
            record.proposalID = id; record.moderatorID = moderator; record.decision = decision.rawValue; record.reason = reason
            record.secondLook = secondLook; record.decidedAt = now
            try await record.create(on: tx)
            switch decision {
            case .hide: proposal.hiddenAt = now; proposal.hiddenReason = reason
            case .restore: proposal.hiddenAt = nil; proposal.hiddenReason = nil
            }
            try await proposal.save(on: tx)
            try await AuditLog().record(AuditEntry(actor: moderator, subject: proposal.authorID, action: .moderatedProposal, channel: "web",
                                                   detail: "\(decision.rawValue): \(reason)"), at: now, on: tx)
            if let email, let account = try await AccountRecord.query(on: tx).filter(\.$person.$id == proposal.authorID).filter(\.$closedAt == nil).first() {
                let message = email(decision, reason, secondLook)
                try await Outbox().enqueue(to: account.email, subject: message.subject, body: message.body, at: now, on: tx)
            }
        }
    }

    /// The author asks, once, for another moderator to look at a moderator's decision to hide.
    public func askSecondLook(_ id: UUID, by person: UUID, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "proposal:\(id)") { tx in
            guard let proposal = try await ProposalRecord.find(id, on: tx) else { throw ProposalNotFound() }
            guard proposal.authorID == person else { throw ProposalRefused("Only the author can ask for another look.") }
            let last = try await ModerationDecisionRecord.query(on: tx).filter(\.$proposalID == id).sort(\.$decidedAt, .descending).first()
            if let why = Moderation.whyNotAskAgain(last: last.flatMap { Moderation.Decision(rawValue: $0.decision) }, alreadyAsked: proposal.secondLookAskedAt != nil,
                                                   what: "proposal") {
                throw ProposalRefused(why)
            }
            proposal.secondLookAskedAt = now
            try await proposal.save(on: tx)
        }
    }

    public func hasReported(_ id: UUID, by person: UUID, on db: any Database) async throws -> Bool {
        try await ProposalReportRecord.query(on: db).filter(\.$proposalID == id).filter(\.$reporterID == person).first() != nil
    }

    /// Where the proposal stands with its moderators.
    public func standing(_ id: UUID, on db: any Database) async throws -> Moderation.Standing {
        guard let proposal = try await ProposalRecord.find(id, on: db) else { throw ProposalNotFound() }
        return try await Self.standing(proposal, on: db).0
    }

    static func standing(_ proposal: ProposalRecord, on db: any Database) async throws -> (Moderation.Standing, [ModerationDecisionRecord], [String]) {
        let id = proposal.id!
        let reasons = try await ProposalReportRecord.query(on: db).filter(\.$proposalID == id).sort(\.$createdAt).all().map(\.reason)
        let decisions = try await ModerationDecisionRecord.query(on: db).filter(\.$proposalID == id).sort(\.$decidedAt).all()
        let standing = Moderation.standing(reports: reasons.count, decisions: decisions.map { (Moderation.Decision(rawValue: $0.decision) ?? .hide, $0.reason, $0.secondLook) },
                                           secondLookAsked: proposal.secondLookAskedAt != nil)
        return (standing, decisions, reasons)
    }

    /// What waits for a moderator: proposals hidden by reports, and second looks asked for; then everything reported
    /// and not yet decided. Oldest first.
    public func queue(on db: any Database) async throws -> [ModerationCase] {
        let reported = try await StoreSQL.sql(db).raw("SELECT DISTINCT proposal_id FROM proposal_reports").all().map { try $0.decode(column: "proposal_id", as: UUID.self) }
        let asked = try await ProposalRecord.query(on: db).filter(\.$secondLookAskedAt != nil).all().map { $0.id! }
        let ids = Array(Set(reported + asked))
        guard !ids.isEmpty else { return [] }
        var cases: [(Date, ModerationCase)] = []
        for proposal in try await ProposalRecord.query(on: db).filter(\.$id ~~ ids).all() {
            let (standing, decisions, reasons) = try await Self.standing(proposal, on: db)
            let waiting: Bool = switch standing {
            case .waitingForModerator, .secondLookAsked: true
            case .visible: decisions.isEmpty
            case .hidden: false
            }
            guard waiting else { continue }
            cases.append((proposal.createdAt, ModerationCase(proposalID: proposal.id!, title: proposal.title, reasons: reasons, standing: standing,
                                                             firstModerator: decisions.last?.moderatorID)))
        }
        return cases.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
