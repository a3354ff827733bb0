import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Refused: supporting twice, supporting one's own proposal, withdrawing a support never given, answering a
/// proposal not owed an answer. The message is for the person; `field` names the input at fault, if any.
public struct ProposalRefused: Error, Equatable, Sendable {
    public let message: String
    public let field: String?
    public init(_ message: String, field: String? = nil) { self.message = message; self.field = field }
}

public struct ProposalNotFound: Error {}

/// A proposal as its page and lists show it: plain values, supports as a count and by ward, never names.
public struct ProposalView: Sendable, Equatable {
    public struct Answer: Sendable, Equatable {
        public let answer: ProposalAnswer
        public let at: Date
    }

    public let id: UUID
    public let authorID: UUID
    public let title: String
    public let body: String
    public let ward: String?
    public let category: String
    public let createdAt: Date
    public let supports: Int
    /// Supporters by the ward they lived in ("" for a supporter whose ward is not known).
    public let supportsByWard: [String: Int]
    /// Oldest first.
    public let answers: [Answer]
    public let standing: ProposalStanding
    public let hiddenReason: String?
    /// The call for proposals it answers, if any.
    public var callID: UUID? = nil
}

/// Proposals, the residents who support them and the answers owed to them. Every change is one transaction,
/// taken under the proposal's own lock so two supporters at once are both counted and the thresholds are
/// crossed once.
public struct Proposals: Sendable {
    public init() {}

    /// Saves a checked draft (`ProposalDraft.validated`) by its author.
    /// `notify`: the author chose to be told of the answer by email.
    /// `call`: the call for proposals it answers (the draft then has the call's ward and category). Whether the call is
    /// still open is checked here, under the lock closing it takes, so a proposal sent as the call closes is either
    /// in before it closed or refused with `CallAlreadyClosed`.
    public func create(_ draft: ProposalDraft, author: UUID, notify: Bool = false, call: UUID? = nil, now: Date, on db: any Database) async throws -> UUID {
        try await db.writeTransaction(lock: call.map { "call:\($0)" }) { tx in
            if let call {
                guard let answered = try await ProposalCallRecord.find(call, on: tx) else { throw ProposalCallNotFound() }
                guard answered.isOpen(today: now) else { throw answered.alreadyClosed }
            }
            let record = ProposalRecord(draft, author: author, at: now)
            record.notifyAuthor = notify
            record.callID = call
            try await record.create(on: tx)
            return record.id!
        }
    }

    /// One more supporter; the count after. The ward kept is the supporter's own (from their postcode).
    @discardableResult
    public func support(_ id: UUID, by person: UUID, notify: Bool = false, thresholds: ProposalThresholds, now: Date,
                        on db: any Database) async throws -> Int {
        try await db.writeTransaction(lock: "proposal:\(id)") { tx in
            guard let proposal = try await ProposalRecord.find(id, on: tx) else { throw ProposalNotFound() }
            guard proposal.hiddenAt == nil else { throw ProposalRefused("This proposal is hidden while a moderator looks at it, so it cannot be supported now.") }
            guard try await Self.finalAnswer(id, on: tx) == nil else {
                throw ProposalRefused("This proposal has been answered, so supporting it has closed.")
            }
            guard proposal.authorID != person else { throw ProposalRefused("You wrote this proposal: it counts the support of others.") }
            guard try await ProposalSupportRecord.query(on: tx).filter(\.$proposalID == id).filter(\.$personID == person).first() == nil else {
                throw ProposalRefused("You already support this proposal.")
            }
            let support = ProposalSupportRecord()
            support.proposalID = id
            support.personID = person
            support.ward = try await Self.ward(of: person, on: tx)
            support.createdAt = now
            support.notify = notify
            try await support.create(on: tx)
            let count = try await ProposalSupportRecord.query(on: tx).filter(\.$proposalID == id).count()
            var changed = false
            if proposal.owedSince == nil, count >= thresholds.answer { proposal.owedSince = now; changed = true }
            if proposal.boardSince == nil, count >= thresholds.board { proposal.boardSince = now; changed = true }
            if changed { try await proposal.save(on: tx) }
            return count
        }
    }

    /// Takes a support back, until the proposal is answered; the count after. A proposal already owed an answer stays owed.
    @discardableResult
    public func withdraw(_ id: UUID, by person: UUID, on db: any Database) async throws -> Int {
        try await db.writeTransaction(lock: "proposal:\(id)") { tx in
            guard try await ProposalRecord.find(id, on: tx) != nil else { throw ProposalNotFound() }
            guard try await Self.finalAnswer(id, on: tx) == nil else {
                throw ProposalRefused("This proposal has been answered, so supports can no longer be taken back.")
            }
            guard let support = try await ProposalSupportRecord.query(on: tx).filter(\.$proposalID == id).filter(\.$personID == person).first() else {
                throw ProposalRefused("You do not support this proposal.")
            }
            try await support.delete(on: tx)
            return try await ProposalSupportRecord.query(on: tx).filter(\.$proposalID == id).count()
        }
    }

    /// The health system's answer, with its audit row (who answered, about the author's proposal). Refused unless the
    /// proposal is owed an answer and has no final one yet; a service named as already doing it must exist.
    /// `email` writes the message each recipient gets: the author and the supporters who chose to be told, at their
    /// account's address (people without an account are not emailed), queued in the same transaction.
    public func answer(_ id: UUID, _ answer: ProposalAnswer, organisation: UUID?, by actor: UUID, now: Date,
                       email: (@Sendable (_ to: String, _ isAuthor: Bool, _ title: String) -> (subject: String, body: String))? = nil,
                       on db: any Database) async throws {
        try await db.writeTransaction(lock: "proposal:\(id)") { tx in
            guard let proposal = try await ProposalRecord.find(id, on: tx) else { throw ProposalNotFound() }
            guard proposal.owedSince != nil else { throw ProposalRefused("This proposal has not yet had enough supporters to be owed an answer.") }
            guard try await Self.finalAnswer(id, on: tx) == nil else { throw ProposalRefused("This proposal has already been answered.") }
            let record = ProposalAnswerRecord()
            record.proposalID = id
            record.kind = answer.kind.rawValue
            record.reasons = answer.reasons
            record.organisationID = organisation
            record.answeredAt = now
            switch answer {
            case .underConsideration(_, let newDue): record.newDue = newDue
            case .alreadyHappening(let service, _):
                guard try await ServiceRecord.find(service, on: tx) != nil else {
                    throw ProposalRefused("There is no such service in the directory: choose the one that already does this.", field: "service")
                }
                record.serviceID = service
            case .accepted, .notTakenForward: break
            }
            try await record.create(on: tx)
            // Accepted, it becomes a result everyone can follow to the end.
            if case .accepted = answer { try await CommunityResults().fromProposal(proposal, organisation: organisation, now: now, on: tx) }
            try await AuditLog().record(AuditEntry(actor: actor, subject: proposal.authorID, action: .answeredProposal, channel: "web",
                                                   detail: answer.kind.rawValue), at: now, on: tx)
            guard let email else { return }
            let supporters = try await ProposalSupportRecord.query(on: tx).filter(\.$proposalID == id).filter(\.$notify == true).all().map(\.personID)
            let told = (proposal.notifyAuthor ? [proposal.authorID] : []) + supporters
            guard !told.isEmpty else { return }
            var sent: Set<String> = []
            for account in try await AccountRecord.query(on: tx).filter(\.$person.$id ~~ told).filter(\.$closedAt == nil).all()
            where sent.insert(account.email).inserted {
                let message = email(account.email, account.$person.id == proposal.authorID, proposal.title)
                try await Outbox().enqueue(to: account.email, subject: message.subject, body: message.body, at: now, on: tx)
            }
        }
    }

    /// One proposal as its page shows it; nil when there is none.
    public func view(_ id: UUID, thresholds: ProposalThresholds, today: Date, on db: any Database) async throws -> ProposalView? {
        guard let record = try await ProposalRecord.find(id, on: db) else { return nil }
        return try await views([record], thresholds: thresholds, today: today, on: db).first
    }

    /// Proposals for everyone to read: published ones and those owed or given an answer (not those still gathering
    /// supporters, nor hidden ones), newest first.
    public func listed(thresholds: ProposalThresholds, today: Date, on db: any Database) async throws -> [ProposalView] {
        let records = try await ProposalRecord.query(on: db).filter(\.$hiddenAt == nil).sort(\.$createdAt, .descending).all()
        return try await views(records, thresholds: thresholds, today: today, on: db).filter { $0.standing.state != .gathering }
    }

    /// Proposals made in answer to a call that everyone may read (as `listed`), newest first.
    public func listed(inAnswerTo call: UUID, thresholds: ProposalThresholds, today: Date, on db: any Database) async throws -> [ProposalView] {
        let records = try await ProposalRecord.query(on: db).filter(\.$callID == call).filter(\.$hiddenAt == nil).sort(\.$createdAt, .descending).all()
        return try await views(records, thresholds: thresholds, today: today, on: db).filter { $0.standing.state != .gathering }
    }

    /// Proposals whose answer is late, the longest overdue first.
    public func overdue(thresholds: ProposalThresholds, today: Date, on db: any Database) async throws -> [ProposalView] {
        let records = try await ProposalRecord.query(on: db).filter(\.$owedSince != nil).filter(\.$hiddenAt == nil).all()
        return try await views(records, thresholds: thresholds, today: today, on: db).filter(\.standing.overdue)
            .sorted { ($0.standing.answerDue ?? "", $0.id.uuidString) < ($1.standing.answerDue ?? "", $1.id.uuidString) }
    }

    /// The author and supporters, by the deprivation of where they live.
    public func participation(_ id: UUID, on db: any Database) async throws -> Participation {
        try await Geography().participation("""
            SELECT author_id FROM proposals WHERE id = \(bind: id) UNION SELECT person_id FROM proposal_supports WHERE proposal_id = \(bind: id)
            """, on: db)
    }

    /// The category a proposal is about, or nil when there is no such proposal.
    public func category(of id: UUID, on db: any Database) async throws -> String? {
        try await ProposalRecord.find(id, on: db)?.category
    }

    /// Whether this person supports the proposal.
    public func supports(_ id: UUID, by person: UUID, on db: any Database) async throws -> Bool {
        try await ProposalSupportRecord.query(on: db).filter(\.$proposalID == id).filter(\.$personID == person).first() != nil
    }

    /// The demo place's proposals: each written, supported by `supporters` (a person and when), and owed an answer
    /// or on the board's agenda as its supporters say — in one go, for loading many supporters quickly.
    public func loadDemo(_ draft: ProposalDraft, author: UUID, writtenAt: Date, supporters: [(person: UUID, at: Date)], thresholds: ProposalThresholds,
                         on db: any Database) async throws -> UUID {
        try await db.writeTransaction { tx in
            let record = ProposalRecord(draft, author: author, at: writtenAt)
            let sorted = supporters.sorted { $0.at < $1.at }
            if sorted.count >= thresholds.answer { record.owedSince = sorted[thresholds.answer - 1].at }
            if sorted.count >= thresholds.board { record.boardSince = sorted[thresholds.board - 1].at }
            try await record.create(on: tx)
            var wards: [UUID: String] = [:]
            for chunk in sorted.map(\.person).chunked(500) {
                for row in try await StoreSQL.sql(tx).raw("""
                    SELECT people.id AS id, postcodes.ward AS ward FROM people JOIN postcodes ON postcodes.postcode = people.postcode
                    WHERE people.id IN (\(binds: Array(chunk)))
                    """).all() {
                    if let ward = try row.decode(column: "ward", as: String?.self) { wards[try row.decode(column: "id", as: UUID.self)] = ward }
                }
            }
            let records = sorted.map { s -> ProposalSupportRecord in
                let support = ProposalSupportRecord()
                support.proposalID = record.id!
                support.personID = s.person
                support.ward = wards[s.person]
                support.createdAt = s.at
                support.notify = false
                return support
            }
            for chunk in records.chunked(400) { try await Array(chunk).create(on: tx) }
            return record.id!
        }
    }

    // MARK: - Reading

    func views(_ records: [ProposalRecord], thresholds: ProposalThresholds, today: Date, on db: any Database) async throws -> [ProposalView] {
        guard !records.isEmpty else { return [] }
        let ids = records.map { $0.id! }
        var byWard: [UUID: [String: Int]] = [:]
        for chunk in ids.chunked(500) {
            for row in try await StoreSQL.sql(db).raw("""
                SELECT proposal_id, ward, COUNT(*) AS n FROM proposal_supports WHERE proposal_id IN (\(binds: Array(chunk))) GROUP BY proposal_id, ward
                """).all() {
                byWard[try row.decode(column: "proposal_id", as: UUID.self), default: [:]][try row.decode(column: "ward", as: String?.self) ?? ""] =
                    try row.decode(column: "n", as: Int.self)
            }
        }
        var answers: [UUID: [ProposalView.Answer]] = [:]
        for chunk in ids.chunked(500) {
            for record in try await ProposalAnswerRecord.query(on: db).filter(\.$proposalID ~~ Array(chunk)).sort(\.$answeredAt).sort(\.$id).all() {
                if let answer = record.answer { answers[record.proposalID, default: []].append(.init(answer: answer, at: record.answeredAt)) }
            }
        }
        return records.map { r in
            let wards = byWard[r.id!] ?? [:]
            let supports = wards.values.reduce(0, +)
            let given = answers[r.id!] ?? []
            let standing = ProposalStanding(supports: supports, thresholds: thresholds, owedSince: r.owedSince, boardSince: r.boardSince,
                                            lastAnswer: given.last?.answer, hidden: r.hiddenAt != nil, today: today)
            return ProposalView(id: r.id!, authorID: r.authorID, title: r.title, body: r.body, ward: r.ward, category: r.category, createdAt: r.createdAt,
                                supports: supports, supportsByWard: wards, answers: given, standing: standing, hiddenReason: r.hiddenReason,
                                callID: r.callID)
        }
    }

    static func finalAnswer(_ id: UUID, on db: any Database) async throws -> ProposalAnswerRecord? {
        try await ProposalAnswerRecord.query(on: db).filter(\.$proposalID == id)
            .filter(\.$kind != ProposalAnswer.Kind.underConsideration.rawValue).first()
    }

    /// The ward of the person's postcode, if both are known.
    static func ward(of person: UUID, on db: any Database) async throws -> String? {
        guard let postcode = try await PersonRecord.find(person, on: db)?.postcode else { return nil }
        return try await PostcodeRecord.find(postcode, on: db)?.ward
    }
}
