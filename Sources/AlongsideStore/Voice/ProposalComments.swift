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

    public init() {}
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

public struct CommentView: Sendable, Equatable {
    public let id: UUID
    public let body: String
    public let at: Date
    public let hiddenReason: String?
    public let mine: Bool
    public let replies: [CommentView]
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

    /// A moderator's decision on a comment, with the reason shown in its place; audited about its author.
    public func decide(_ id: UUID, _ decision: Moderation.Decision, reason: String, by moderator: UUID, now: Date, on db: any Database) async throws {
        let reason = try Moderation.reason(reason)
        guard let proposal = try await ProposalCommentRecord.find(id, on: db)?.proposalID else { throw ProposalNotFound() }
        try await db.writeTransaction(lock: "proposal:\(proposal)") { tx in
            guard let comment = try await ProposalCommentRecord.find(id, on: tx) else { throw ProposalNotFound() }
            switch decision {
            case .hide: comment.hiddenAt = now; comment.hiddenReason = reason
            case .restore: comment.hiddenAt = nil; comment.hiddenReason = nil
            }
            try await comment.save(on: tx)
            // Its reports are dealt with: they leave the moderators' queue.
            try await CommentReportRecord.query(on: tx).filter(\.$commentID == id).delete()
            try await AuditLog().record(AuditEntry(actor: moderator, subject: comment.authorID, action: .moderatedProposal, channel: "web",
                                                   detail: "comment \(decision.rawValue): \(reason)"), at: now, on: tx)
        }
    }

    /// Comments waiting for a moderator: reported ones, with the reasons (never who gave them).
    public func reported(on db: any Database) async throws -> [(id: UUID, proposal: UUID, body: String, reasons: [String], hidden: Bool)] {
        let reports = try await CommentReportRecord.query(on: db).sort(\.$createdAt).all()
        let ids = Array(Set(reports.map(\.commentID)))
        guard !ids.isEmpty else { return [] }
        return try await ProposalCommentRecord.query(on: db).filter(\.$id ~~ ids).sort(\.$createdAt).all().map { c in
            (c.id!, c.proposalID, c.body, reports.filter { $0.commentID == c.id }.map(\.reason), c.hiddenAt != nil)
        }
    }

    /// A proposal's comments, oldest first, each with its replies; hidden ones show their reason instead of the text.
    public func comments(on proposal: UUID, for person: UUID?, on db: any Database) async throws -> [CommentView] {
        let all = try await ProposalCommentRecord.query(on: db).filter(\.$proposalID == proposal).sort(\.$createdAt).sort(\.$id).all()
        func view(_ c: ProposalCommentRecord, replies: [CommentView]) -> CommentView {
            CommentView(id: c.id!, body: c.hiddenAt == nil ? c.body : "", at: c.createdAt, hiddenReason: c.hiddenAt == nil ? nil : c.hiddenReason,
                        mine: person != nil && c.authorID == person, replies: replies)
        }
        return all.filter { $0.parentID == nil }.map { top in
            view(top, replies: all.filter { $0.parentID == top.id }.map { view($0, replies: []) })
        }
    }
}
