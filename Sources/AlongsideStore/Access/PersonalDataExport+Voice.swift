import AlongsideCore
import FluentKit
import Foundation

/// Community voice in a person's download: what they proposed, supported, voted, stood for, wrote and reported.
extension PersonalDataExport {
    /// A proposal you wrote.
    public struct Proposal: Codable, Sendable, Equatable {
        public let id: UUID
        public let title: String
        public let body: String
        public let ward: String?
        public let category: String
        public let writtenAt: Date
    }
    /// A proposal you support, and the ward you lived in when you did.
    public struct Support: Codable, Sendable, Equatable {
        public let proposal: UUID
        public let ward: String?
        public let at: Date
    }

    /// An idea you put forward for a community budget round, and what the feasibility review found.
    public struct BudgetIdea: Codable, Sendable, Equatable {
        public let round: UUID
        public let title: String
        public let description: String
        public let feasibility: String
        public let costPence: Int?
        public let putForwardAt: Date
    }
    /// Your ballot in a community budget round: the projects you chose.
    public struct BudgetBallot: Codable, Sendable, Equatable {
        public let round: UUID
        public let projects: [UUID]
        public let castAt: Date
        public let changedAt: Date
    }

    /// You stood for a panel: your statement and interests, public.
    public struct Candidacy: Codable, Sendable, Equatable {
        public let election: UUID
        public let statement: String
        public let interests: String
        public let stoodAt: Date
    }
    /// You voted in a panel election (your ballot is secret: it is not tied to you, so it cannot be in here).
    public struct Voted: Codable, Sendable, Equatable {
        public let election: UUID
        public let on: String
    }
    /// A report-back you wrote as a representative.
    public struct ReportBack: Codable, Sendable, Equatable {
        public let heard: String
        public let raised: String
        public let answer: String
        public let writtenAt: Date
    }

    /// A proposal you reported to the moderators, and why.
    public struct Report: Codable, Sendable, Equatable {
        public let proposal: UUID
        public let reason: String
        public let at: Date
    }

    /// A collaborative pair you are in.
    public struct Pair: Codable, Sendable, Equatable {
        public let id: UUID
        public let title: String
        public let change: String
        public let goals: String
        public let yourPart: String
    }
    /// An update you posted on a pair.
    public struct PairUpdate: Codable, Sendable, Equatable {
        public let pair: UUID
        public let text: String
        public let residentMinutes: Int?
        public let at: Date
    }

    /// A question you put to a panel's representatives.
    public struct Question: Codable, Sendable, Equatable {
        public let panel: UUID
        public let text: String
        public let at: Date
    }
    /// A comment you reported to the moderators, and why.
    public struct CommentReport: Codable, Sendable, Equatable {
        public let comment: UUID
        public let reason: String
        public let at: Date
    }
    /// A comment you wrote on a proposal.
    public struct Comment: Codable, Sendable, Equatable {
        public let proposal: UUID
        public let text: String
        public let at: Date
    }
}

extension Accounts {
    /// Adds the person's community voice records to their download.
    static func addCommunityVoice(of personID: UUID, to export: inout PersonalDataExport, on db: any Database) async throws {
        export.proposals = try await ProposalRecord.query(on: db).filter(\.$authorID == personID).sort(\.$createdAt).all()
            .map { .init(id: $0.id!, title: $0.title, body: $0.body, ward: $0.ward, category: $0.category, writtenAt: $0.createdAt) }
        export.proposalsSupported = try await ProposalSupportRecord.query(on: db).filter(\.$personID == personID).sort(\.$createdAt).all()
            .map { .init(proposal: $0.proposalID, ward: $0.ward, at: $0.createdAt) }
        export.budgetIdeas = try await BudgetProjectRecord.query(on: db).filter(\.$proposedBy == personID).sort(\.$createdAt).all()
            .map { .init(round: $0.roundID, title: $0.title, description: $0.description, feasibility: $0.feasibility, costPence: $0.cost, putForwardAt: $0.createdAt) }
        export.candidacies = try await CandidateRecord.query(on: db).filter(\.$personID == personID).sort(\.$createdAt).all()
            .map { .init(election: $0.electionID, statement: $0.statement, interests: $0.interests, stoodAt: $0.createdAt) }
        export.electionsVotedIn = try await ElectionVoterRecord.query(on: db).filter(\.$personID == personID).sort(\.$votedOn).all()
            .map { .init(election: $0.electionID, on: $0.votedOn) }
        export.reportBacks = try await ReportBackRecord.query(on: db).filter(\.$personID == personID).sort(\.$writtenAt).all()
            .map { .init(heard: $0.heard, raised: $0.raised, answer: $0.answer, writtenAt: $0.writtenAt) }
        export.proposalsReported = try await ProposalReportRecord.query(on: db).filter(\.$reporterID == personID).sort(\.$createdAt).all()
            .map { .init(proposal: $0.proposalID, reason: $0.reason, at: $0.createdAt) }
        export.collaborativePairs = try await PairRecord.query(on: db).group(.or) { $0.filter(\.$residentID == personID).filter(\.$professionalID == personID) }
            .sort(\.$createdAt).all()
            .map { .init(id: $0.id!, title: $0.title, change: $0.change, goals: $0.goals, yourPart: $0.residentID == personID ? "resident" : "professional") }
        export.pairUpdates = try await PairUpdateRecord.query(on: db).filter(\.$authorID == personID).sort(\.$writtenAt).all()
            .map { .init(pair: $0.pairID, text: $0.text, residentMinutes: $0.residentMinutes, at: $0.writtenAt) }
        export.comments = try await ProposalCommentRecord.query(on: db).filter(\.$authorID == personID).sort(\.$createdAt).all()
            .map { .init(proposal: $0.proposalID, text: $0.body, at: $0.createdAt) }
        export.commentsReported = try await CommentReportRecord.query(on: db).filter(\.$reporterID == personID).sort(\.$createdAt).all()
            .map { .init(comment: $0.commentID, reason: $0.reason, at: $0.createdAt) }
        export.questionsToRepresentatives = try await PanelQuestionRecord.query(on: db).filter(\.$askedBy == personID).sort(\.$askedAt).all()
            .map { .init(panel: $0.panelID, text: $0.question, at: $0.askedAt) }
        export.budgetBallots = try await BudgetBallotRecord.query(on: db).filter(\.$personID == personID).sort(\.$castAt).all()
            .map { .init(round: $0.roundID, projects: $0.chosen, castAt: $0.castAt, changedAt: $0.changedAt) }
    }

    /// Closing an account, for community voice: what was public stays, with no one to it; what was private goes.
    static func eraseCommunityVoice(of personID: UUID, on tx: any Database) async throws {
        // What they supported goes too (a proposal already owed an answer stays owed). Proposals they wrote stay,
        // public as they were, with no name to them: their person is erased above.
        try await ProposalSupportRecord.query(on: tx).filter(\.$personID == personID).delete()
        // Ballots already cast stay counted and ideas stay on their rounds, with no one to them.
        try await BudgetBallotRecord.query(on: tx).filter(\.$personID == personID).set(\.$personID, to: nil).update()
        try await BudgetProjectRecord.query(on: tx).filter(\.$proposedBy == personID).set(\.$proposedBy, to: nil).update()
        // A candidacy and report-backs were public and stay so, with no account to them; that they voted goes.
        try await CandidateRecord.query(on: tx).filter(\.$personID == personID).set(\.$personID, to: nil).update()
        try await ReportBackRecord.query(on: tx).filter(\.$personID == personID).set(\.$personID, to: nil).update()
        try await ElectionVoterRecord.query(on: tx).filter(\.$personID == personID).delete()
        try await ProposalReportRecord.query(on: tx).filter(\.$reporterID == personID).delete()
        // Pairs and their updates were public once both confirmed; they stay, with no one to them.
        try await PairRecord.query(on: tx).filter(\.$residentID == personID).set(\.$residentID, to: nil).update()
        try await PairRecord.query(on: tx).filter(\.$professionalID == personID).set(\.$professionalID, to: nil).update()
        try await PairUpdateRecord.query(on: tx).filter(\.$authorID == personID).set(\.$authorID, to: nil).update()
        // Comments stay with no one to them (they never showed a name); their reports go.
        try await ProposalCommentRecord.query(on: tx).filter(\.$authorID == personID).set(\.$authorID, to: nil).update()
        try await CommentReportRecord.query(on: tx).filter(\.$reporterID == personID).delete()
        try await PanelQuestionRecord.query(on: tx).filter(\.$askedBy == personID).set(\.$askedBy, to: nil).update()
    }
}
