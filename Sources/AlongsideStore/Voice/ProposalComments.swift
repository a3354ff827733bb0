import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A comment on a proposal, or a reply to one (one level: replies are not replied to). Shown without names.
public final class ProposalCommentRecord: Model, @unchecked Sendable {
    public static let schema = "proposal_comments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "proposal_id") public var proposalID: UUID
    @OptionalField(key: "author_id") public var authorID: UUID?
    @OptionalField(key: "parent_id") public var parentID: UUID?
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "hidden_at") public var hiddenAt: Date?
    @OptionalField(key: "hidden_reason") public var hiddenReason: String?
    /// A moderator's latest decision (hide or restore), and who made it.
    @OptionalField(key: "decision") public var decision: String?
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    /// When the author asked for another moderator to look, and who did: their decision is final.
    @OptionalField(key: "second_look_asked_at") public var secondLookAskedAt: Date?
    @OptionalField(key: "second_look_by") public var secondLookBy: UUID?

    public init() {}

    var lastDecision: Moderation.Decision? { decision.flatMap(Moderation.Decision.init(rawValue:)) }

    /// Where the comment stands with its moderators.
    func standing(reports: Int) -> Moderation.Standing {
        Moderation.standing(reports: reports, decisions: lastDecision.map { [($0, hiddenReason ?? "", secondLookBy != nil)] } ?? [],
                            secondLookAsked: secondLookAskedAt != nil)
    }
}

/// One person's report of a comment, with their reason (one each).
public final class CommentReportRecord: Model, @unchecked Sendable {
    public static let schema = "comment_reports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "comment_id") public var commentID: UUID
    @Field(key: "reporter_id") public var reporterID: UUID
    @Field(key: "reason") public var reason: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

struct CreateProposalComments: AsyncMigration {
    var name: String { "2026-12-05-CreateProposalComments" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProposalCommentRecord.schema)
            .id()
            .field("proposal_id", .uuid, .required, .references(ProposalRecord.schema, "id"))
            .field("author_id", .uuid, .references(PersonRecord.schema, "id"))
            .field("parent_id", .uuid)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("hidden_at", .datetime)
            .field("hidden_reason", .string)
            .create()
        try await database.schema(CommentReportRecord.schema)
            .id()
            .field("comment_id", .uuid, .required, .references(ProposalCommentRecord.schema, "id"))
            .field("reporter_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "comment_id", "reporter_id")
            .create()
        for statement in [
            "CREATE INDEX proposal_comments_proposal ON proposal_comments (proposal_id, created_at)",
            "CREATE INDEX proposal_comments_author ON proposal_comments (author_id)",
            "CREATE INDEX comment_reports_reporter ON comment_reports (reporter_id)",
        ] { try await StoreSQL.run(on: database, statement) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CommentReportRecord.schema).delete()
        try await database.schema(ProposalCommentRecord.schema).delete()
    }
}

/// A comment's author may ask, once, for another moderator to look at a decision to hide it, as for a proposal.
struct AddCommentModeration: AsyncMigration {
    var name: String { "2026-12-05-AddCommentModeration" }

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds one at a time.
        for (column, type) in Self.columns {
            try await database.schema(ProposalCommentRecord.schema).field(column, type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (column, _) in Self.columns.reversed() {
            try await database.schema(ProposalCommentRecord.schema).deleteField(column).update()
        }
    }

    static let columns: [(FieldKey, DatabaseSchema.DataType)] = [("decision", .string), ("decided_by", .uuid), ("second_look_asked_at", .datetime), ("second_look_by", .uuid)]
}

public struct CommentView: Sendable, Equatable {
    public let id: UUID
    public let body: String
    public let at: Date
    public let hiddenReason: String?
    public let mine: Bool
    /// Only for its author: whether they may ask for another moderator to look, or have asked.
    public let mayAskAgain: Bool
    public let secondLookAsked: Bool
    public let replies: [CommentView]
}

/// A reported comment, or one whose author asked for another look, as the moderators' queue shows it.
public struct CommentCase: Sendable, Equatable {
    public let id: UUID
    public let proposal: UUID
    public let body: String
    public let reasons: [String]
    public let standing: Moderation.Standing
    /// Whose decision the author asked to be looked at again.
    public let firstModerator: UUID?
}

/// Comments on proposals and replies to them; reports hide a comment at the same threshold as a proposal, and a
/// moderator hides or shows it again with a reason. Each change one transaction, under the proposal's lock.
public struct ProposalComments: Sendable {
    public static let limit = 2_000
    public init() {}

    @discardableResult
    public func add(to proposal: UUID, by person: UUID, replyingTo parent: UUID?, body: String, now: Date, on db: any Database) async throws -> UUID {
        let text = try Text.required(body, field: "comment", label: "your comment", maxLength: Self.limit, multiline: true)
        return try await db.writeTransaction(lock: "proposal:\(proposal)") { tx in
            guard try await ProposalRecord.find(proposal, on: tx) != nil else { throw ProposalNotFound() }
            if let parent {
                guard let replied = try await ProposalCommentRecord.find(parent, on: tx), replied.proposalID == proposal else {
                    throw ProposalRefused("There is no such comment to reply to.", field: "comment")
                }
                guard replied.parentID == nil else { throw ProposalRefused("Reply to the comment itself: replies are not replied to.", field: "comment") }
            }
            let comment = ProposalCommentRecord()
            comment.proposalID = proposal; comment.authorID = person; comment.parentID = parent; comment.body = text; comment.createdAt = now
            try await comment.create(on: tx)
            return comment.id!
        }
    }

    public func report(_ id: UUID, by person: UUID, reason: String, now: Date, on db: any Database) async throws -> UUID {
        let reason = try Moderation.reason(reason)
        guard let proposal = try await ProposalCommentRecord.find(id, on: db)?.proposalID else { throw ProposalNotFound() }
        try await db.writeTransaction(lock: "proposal:\(proposal)") { tx in
            guard let comment = try await ProposalCommentRecord.find(id, on: tx) else { throw ProposalNotFound() }
            guard comment.authorID != person else { throw ProposalRefused("You wrote this comment, so you cannot report it.", field: "reason") }
            guard try await CommentReportRecord.query(on: tx).filter(\.$commentID == id).filter(\.$reporterID == person).first() == nil else {
                throw ProposalRefused("You have already reported this comment.", field: "reason")
            }
            let report = CommentReportRecord()
            report.commentID = id; report.reporterID = person; report.reason = reason; report.createdAt = now
            try await report.create(on: tx)
            if comment.hiddenAt == nil, try await CommentReportRecord.query(on: tx).filter(\.$commentID == id).count() >= Moderation.hideAfterReports {
                comment.hiddenAt = now
                comment.hiddenReason = "Hidden while a moderator looks at it: \(Moderation.hideAfterReports) people reported it."
                try await comment.save(on: tx)
            }
        }
        return proposal
    }

    /// A moderator's decision on a comment, with the reason shown in its place; audited about its author, who is
    /// emailed (`email` writes the message, queued in the same transaction). A second look is final.
    public func decide(_ id: UUID, _ decision: Moderation.Decision, reason: String, by moderator: UUID, now: Date,
                       email: (@Sendable (_ decision: Moderation.Decision, _ reason: String, _ final: Bool) -> (subject: String, body: String))? = nil,
                       on db: any Database) async throws {
        let reason = try Moderation.reason(reason)
        guard let proposal = try await ProposalCommentRecord.find(id, on: db)?.proposalID else { throw ProposalNotFound() }
        try await db.writeTransaction(lock: "proposal:\(proposal)") { tx in
            guard let comment = try await ProposalCommentRecord.find(id, on: tx) else { throw ProposalNotFound() }
            if let why = Moderation.whyNotDecide(by: moderator, lastBy: comment.decidedBy, lastWasSecondLook: comment.secondLookBy != nil,
                                                 secondLookAsked: comment.secondLookAskedAt != nil) {
                throw ProposalRefused(why, field: "decision")
            }
            switch decision {
            case .hide: comment.hiddenAt = now; comment.hiddenReason = reason
            case .restore: comment.hiddenAt = nil; comment.hiddenReason = nil
            }
            comment.decision = decision.rawValue
            comment.decidedBy = moderator
            if comment.secondLookAskedAt != nil { comment.secondLookBy = moderator }
            try await comment.save(on: tx)
            // Its reports are dealt with: they leave the moderators' queue.
            try await CommentReportRecord.query(on: tx).filter(\.$commentID == id).delete()
            try await AuditLog().record(AuditEntry(actor: moderator, subject: comment.authorID, action: .moderatedProposal, channel: "web",
                                                   detail: "comment \(decision.rawValue): \(reason)"), at: now, on: tx)
            if let email, let author = comment.authorID,
               let account = try await AccountRecord.query(on: tx).filter(\.$person.$id == author).filter(\.$closedAt == nil).first() {
                let message = email(decision, reason, comment.secondLookBy != nil)
                try await Outbox().enqueue(to: account.email, subject: message.subject, body: message.body, at: now, on: tx)
            }
        }
    }

    /// The proposal a comment is on, if the comment exists.
    public func proposal(of comment: UUID, on db: any Database) async throws -> UUID? {
        try await ProposalCommentRecord.find(comment, on: db)?.proposalID
    }

    /// The author asks, once, for another moderator to look at a decision to hide their comment.
    @discardableResult
    public func askSecondLook(_ id: UUID, by person: UUID, now: Date, on db: any Database) async throws -> UUID {
        guard let proposal = try await ProposalCommentRecord.find(id, on: db)?.proposalID else { throw ProposalNotFound() }
        try await db.writeTransaction(lock: "proposal:\(proposal)") { tx in
            guard let comment = try await ProposalCommentRecord.find(id, on: tx) else { throw ProposalNotFound() }
            guard comment.authorID == person else { throw ProposalRefused("Only the person who wrote the comment can ask for another look.") }
            if let why = Moderation.whyNotAskAgain(last: comment.lastDecision, alreadyAsked: comment.secondLookAskedAt != nil, what: "comment") {
                throw ProposalRefused(why)
            }
            comment.secondLookAskedAt = now
            try await comment.save(on: tx)
        }
        return proposal
    }

    /// Comments waiting for a moderator: reported ones, with the reasons (never who gave them), and those whose
    /// author asked for another look. Oldest first.
    public func reported(on db: any Database) async throws -> [CommentCase] {
        let reports = try await CommentReportRecord.query(on: db).sort(\.$createdAt).all()
        let asked = try await ProposalCommentRecord.query(on: db).filter(\.$secondLookAskedAt != nil).filter(\.$secondLookBy == nil).all()
        let ids = Array(Set(reports.map(\.commentID) + asked.compactMap(\.id)))
        guard !ids.isEmpty else { return [] }
        return try await ProposalCommentRecord.query(on: db).filter(\.$id ~~ ids).sort(\.$createdAt).all().map { c in
            let reasons = reports.filter { $0.commentID == c.id }.map(\.reason)
            return CommentCase(id: c.id!, proposal: c.proposalID, body: c.body, reasons: reasons, standing: c.standing(reports: reasons.count),
                               firstModerator: c.decidedBy)
        }
    }

    /// A proposal's comments, oldest first, each with its replies; hidden ones show their reason instead of the text.
    public func comments(on proposal: UUID, for person: UUID?, on db: any Database) async throws -> [CommentView] {
        let all = try await ProposalCommentRecord.query(on: db).filter(\.$proposalID == proposal).sort(\.$createdAt).sort(\.$id).all()
        func view(_ c: ProposalCommentRecord, replies: [CommentView]) -> CommentView {
            let mine = person != nil && c.authorID == person
            return CommentView(id: c.id!, body: c.hiddenAt == nil ? c.body : "", at: c.createdAt, hiddenReason: c.hiddenAt == nil ? nil : c.hiddenReason,
                               mine: mine, mayAskAgain: mine && Moderation.whyNotAskAgain(last: c.lastDecision, alreadyAsked: c.secondLookAskedAt != nil, what: "") == nil,
                               secondLookAsked: mine && c.secondLookAskedAt != nil && c.secondLookBy == nil, replies: replies)
        }
        return all.filter { $0.parentID == nil }.map { top in
            view(top, replies: all.filter { $0.parentID == top.id }.map { view($0, replies: []) })
        }
    }
}
