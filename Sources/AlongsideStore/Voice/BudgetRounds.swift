import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Refused: an idea outside the ideas phase, a change of rules after the first ballot, a ballot outside voting or
/// from someone who may not vote. The message is for the person; `field` names the input at fault, if any.
public struct BudgetRefused: Error, Equatable, Sendable {
    public let message: String
    public let field: String?
    public init(_ message: String, field: String? = nil) { self.message = message; self.field = field }
}

public struct BudgetNotFound: Error {}

/// A project on a round as its pages show it.
public struct BudgetProjectView: Sendable, Equatable {
    public enum Feasibility: String, Sendable { case pending, feasible, notFeasible = "not_feasible" }
    public let id: UUID
    public let number: Int
    public let title: String
    public let description: String
    public let ward: String?
    public let proposalID: UUID?
    public let feasibility: Feasibility
    /// Pence, once found feasible.
    public let cost: Int?
    public let reason: String
}

/// A round as its pages show it: its rules, its projects in the order they came, and how many have voted.
public struct BudgetRoundView: Sendable, Equatable {
    public let id: UUID
    public let rules: BudgetRoundDraft
    public let createdAt: Date
    public let projects: [BudgetProjectView]
    public let ballots: Int

    public func phase(on today: Date) -> BudgetPhase { rules.phase(on: today) }
    /// The projects on the ballot: those found feasible, with their costs.
    public var onBallot: [BudgetProjectView] { projects.filter { $0.feasibility == .feasible && $0.cost != nil } }
}

/// A counted round: the election as counted (feasible projects in number order, every ballot), what was funded and
/// why, and each position's project id.
public struct BudgetResults: Sendable {
    public let round: BudgetRoundView
    public let election: BudgetElection
    public let outcome: BudgetOutcome
    public let lines: [BudgetResultLine]
    public let projectIDs: [UUID]

    /// The round as a Pabulib file, for anyone to count again.
    public var pabulib: String { Pabulib.write(election, selected: Set(outcome.selected)) }
}

/// Participatory budgeting rounds: set up by commissioners, ideas from residents, feasibility from organisations,
/// one ballot per eligible resident, counted exactly by the round's rule. Every change is one transaction.
public struct BudgetRounds: Sendable {
    public init() {}

    /// Opens a round; `need` is the unmet need whose gap it was opened from, if any.
    public func create(_ rules: BudgetRoundDraft, need: Need? = nil, now: Date, on db: any Database) async throws -> UUID {
        try await db.writeTransaction { tx in
            let record = BudgetRoundRecord()
            record.set(rules)
            record.need = need?.rawValue
            record.createdAt = now
            try await record.create(on: tx)
            return record.id!
        }
    }

    /// Changes a round's rules; refused once anyone has voted.
    public func update(_ id: UUID, _ rules: BudgetRoundDraft, on db: any Database) async throws {
        try await db.writeTransaction(lock: "budget:\(id)") { tx in
            guard let record = try await BudgetRoundRecord.find(id, on: tx) else { throw BudgetNotFound() }
            let cast = try await BudgetBallotRecord.query(on: tx).filter(\.$roundID == id).count()
            guard cast == 0 else {
                throw BudgetRefused("The rules are fixed: \(cast == 1 ? "1 person has" : "\(cast) people have") voted under them.")
            }
            record.set(rules)
            try await record.save(on: tx)
        }
    }

    /// An idea for the round, during its ideas phase (or, with `proposedBy` nil, set up by the commissioner before
    /// voting opens). Its number is the next in the round.
    @discardableResult
    public func addIdea(to id: UUID, title: String, description: String, ward: String?, proposedBy: UUID?, proposal: UUID? = nil,
                        now: Date, on db: any Database) async throws -> UUID {
        var checks = FieldChecks()
        let title = checks.check { try Text.required(title, field: "title", label: "a title", maxLength: ProposalDraft.titleLimit) } ?? ""
        let description = checks.check {
            try Text.required(description, field: "description", label: "what the idea is", maxLength: ProposalDraft.bodyLimit, multiline: true)
        } ?? ""
        try checks.finish()
        return try await db.writeTransaction(lock: "budget:\(id)") { tx in
            guard let round = try await BudgetRoundRecord.find(id, on: tx) else { throw BudgetNotFound() }
            let phase = round.draft.phase(on: now)
            if proposedBy != nil, phase != .ideas { throw BudgetRefused("Ideas for this round are taken only while ideas are open.") }
            if proposedBy == nil, phase == .voting || phase == .results { throw BudgetRefused("Voting has opened: the ballot is fixed.") }
            let last = try await BudgetProjectRecord.query(on: tx).filter(\.$roundID == id).sort(\.$number, .descending).first()?.number ?? 0
            let project = BudgetProjectRecord()
            project.roundID = id
            project.number = last + 1
            project.title = title
            project.description = description
            project.ward = ward
            project.proposedBy = proposedBy
            project.proposalID = proposal
            project.feasibility = BudgetProjectView.Feasibility.pending.rawValue
            project.reason = ""
            project.createdAt = now
            try await project.create(on: tx)
            return project.id!
        }
    }

    /// The feasibility review: a cost it can be done for, or why it cannot. Until voting opens.
    public func review(project id: UUID, cost: Int?, reason: String, now: Date, on db: any Database) async throws {
        let reason = reason.trimmed
        if cost == nil && reason.isEmpty { throw FieldError("reason", "Say why it cannot be done, or give its cost") }
        if let cost, cost <= 0 { throw FieldError("cost", "Enter the cost in pounds and pence, like 1,250.00") }
        if reason.count > ProposalAnswer.reasonsLimit { throw FieldError("reason", "The reason must be \(ProposalAnswer.reasonsLimit) characters or fewer") }
        guard let roundID = try await BudgetProjectRecord.find(id, on: db)?.roundID else { throw BudgetNotFound() }
        try await db.writeTransaction(lock: "budget:\(roundID)") { tx in
            guard let project = try await BudgetProjectRecord.find(id, on: tx), let round = try await BudgetRoundRecord.find(roundID, on: tx) else {
                throw BudgetNotFound()
            }
            let phase = round.draft.phase(on: now)
            guard phase != .voting && phase != .results else { throw BudgetRefused("Voting has opened: the ballot is fixed.") }
            if let cost, cost > round.budget {
                throw FieldError("cost", "That is more than the round's whole budget of \(Money.pounds(round.budget))")
            }
            project.feasibility = (cost == nil ? BudgetProjectView.Feasibility.notFeasible : .feasible).rawValue
            project.cost = cost
            project.reason = reason
            try await project.save(on: tx)
        }
    }

    /// Casts or replaces the person's ballot. Refused outside voting, when they may not vote, or when the ballot breaks
    /// its rules — nothing written. Under the round's lock and a unique (round, person) pair: one ballot each.
    public func cast(_ chosen: [UUID], in id: UUID, by person: UUID, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "budget:\(id)") { tx in
            guard let round = try await BudgetRoundRecord.find(id, on: tx) else { throw BudgetNotFound() }
            let rules = round.draft
            guard rules.phase(on: now) == .voting else {
                throw BudgetRefused(rules.phase(on: now) == .results ? "Voting in this round has closed." : "Voting in this round has not opened yet.")
            }
            if let why = try await Self.whyNotEligible(person, for: rules, today: now, on: tx) { throw BudgetRefused(why) }
            let feasible = try await BudgetProjectRecord.query(on: tx).filter(\.$roundID == id)
                .filter(\.$feasibility == BudgetProjectView.Feasibility.feasible.rawValue).all()
            let costs = Dictionary(feasible.compactMap { p in p.cost.map { (p.id!, $0) } }, uniquingKeysWith: { a, _ in a })
            let ballot = try rules.checkedBallot(chosen, costs: costs)
            let text = ballot.map { $0.uuidString.lowercased() }.joined(separator: ",")
            if let existing = try await BudgetBallotRecord.query(on: tx).filter(\.$roundID == id).filter(\.$personID == person).first() {
                existing.projects = text
                existing.changedAt = now
                try await existing.save(on: tx)
            } else {
                let record = BudgetBallotRecord()
                record.roundID = id
                record.personID = person
                record.projects = text
                record.castAt = now
                record.changedAt = now
                try await record.create(on: tx)
            }
        }
    }

    /// Why the person may not vote in the round, or nil when they may.
    public func whyNotEligible(_ person: UUID, in id: UUID, today: Date, on db: any Database) async throws -> String? {
        guard let round = try await BudgetRoundRecord.find(id, on: db) else { throw BudgetNotFound() }
        return try await Self.whyNotEligible(person, for: round.draft, today: today, on: db)
    }

    static func whyNotEligible(_ person: UUID, for rules: BudgetRoundDraft, today: Date, on db: any Database) async throws -> String? {
        let home = try await Residence.of(person, on: db)
        return rules.whyNotEligible(birthDate: home.birthDate, ward: home.ward, livesInPlace: home.livesInPlace, today: today)
    }

    /// The person's ballot in the round: what they chose and when, or nil.
    public func ballot(in id: UUID, of person: UUID, on db: any Database) async throws -> (projects: [UUID], castAt: Date, changedAt: Date)? {
        guard let record = try await BudgetBallotRecord.query(on: db).filter(\.$roundID == id).filter(\.$personID == person).first() else { return nil }
        return (record.chosen, record.castAt, record.changedAt)
    }

    /// The voters, by the deprivation of where they live (voters whose accounts are closed count as not known).
    public func participation(_ id: UUID, on db: any Database) async throws -> Participation {
        let gone = try await BudgetBallotRecord.query(on: db).filter(\.$roundID == id).filter(\.$personID == nil).count()
        return try await Geography().participation("SELECT person_id FROM budget_ballots WHERE round_id = \(bind: id) AND person_id IS NOT NULL",
                                                   unknownExtra: gone, on: db)
    }

    /// The round a project is on, or nil when there is no such project.
    public func round(ofProject project: UUID, on db: any Database) async throws -> UUID? {
        try await BudgetProjectRecord.find(project, on: db)?.roundID
    }

    public func round(_ id: UUID, on db: any Database) async throws -> BudgetRoundView? {
        guard let record = try await BudgetRoundRecord.find(id, on: db) else { return nil }
        return try await views([record], on: db).first
    }

    /// Every round, the newest first.
    public func rounds(on db: any Database) async throws -> [BudgetRoundView] {
        try await views(try await BudgetRoundRecord.query(on: db).sort(\.$createdAt, .descending).sort(\.$id).all(), on: db)
    }

    /// The round counted by its rule, once voting has closed; nil before.
    public func results(_ id: UUID, today: Date, on db: any Database) async throws -> BudgetResults? {
        guard let round = try await round(id, on: db), round.phase(on: today) == .results else { return nil }
        let projects = round.onBallot.sorted { $0.number < $1.number }
        let position = Dictionary(uniqueKeysWithValues: projects.enumerated().map { ($1.id, $0) })
        var ballots: [[Int]] = []
        for row in try await StoreSQL.sql(db).raw("SELECT projects FROM budget_ballots WHERE round_id = \(bind: id) ORDER BY cast_at, id").all() {
            let text = try row.decode(column: "projects", as: String.self)
            ballots.append(text.split(separator: ",").compactMap { UUID(uuidString: String($0)).flatMap { position[$0] } })
        }
        let rules = round.rules
        let election = BudgetElection(
            budget: rules.budget, projects: projects.map { .init(id: "\($0.number)", name: $0.title, cost: $0.cost ?? 0) }, ballots: ballots,
            meta: [("description", rules.title), ("country", "United Kingdom"), ("unit", "Lancaster district"), ("instance", rules.votingFrom.prefix(4).description),
                   ("rule", rules.rule.rawValue), ("date_begin", rules.votingFrom), ("date_end", rules.votingUntil), ("currency", "GBP (pence)")])
        let outcome = BudgetCount.count(election, rule: rules.rule)
        return BudgetResults(round: round, election: election, outcome: outcome, lines: outcome.lines(of: election, rule: rules.rule),
                             projectIDs: projects.map(\.id))
    }

    func views(_ records: [BudgetRoundRecord], on db: any Database) async throws -> [BudgetRoundView] {
        guard !records.isEmpty else { return [] }
        let ids = records.map { $0.id! }
        var projects: [UUID: [BudgetProjectView]] = [:]
        for p in try await BudgetProjectRecord.query(on: db).filter(\.$roundID ~~ ids).sort(\.$number).all() {
            projects[p.roundID, default: []].append(BudgetProjectView(
                id: p.id!, number: p.number, title: p.title, description: p.description, ward: p.ward, proposalID: p.proposalID,
                feasibility: .init(rawValue: p.feasibility) ?? .pending, cost: p.cost, reason: p.reason))
        }
        var ballots: [UUID: Int] = [:]
        for row in try await StoreSQL.sql(db).raw("SELECT round_id, COUNT(*) AS n FROM budget_ballots WHERE round_id IN (\(binds: ids)) GROUP BY round_id").all() {
            ballots[try row.decode(column: "round_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return records.map { r in
            BudgetRoundView(id: r.id!, rules: r.draft, createdAt: r.createdAt, projects: projects[r.id!] ?? [], ballots: ballots[r.id!] ?? 0)
        }
    }
}

/// Where someone lives and how old they are, as the voice rules ask: their birth date, their postcode's ward, and
/// whether the place knows their postcode at all.
enum Residence {
    static func of(_ person: UUID, on db: any Database) async throws -> (birthDate: String?, ward: String?, livesInPlace: Bool) {
        let record = try await PersonRecord.find(person, on: db)
        var postcode: PostcodeRecord?
        if let code = record?.postcode { postcode = try await PostcodeRecord.find(code, on: db) }
        return (record?.birthDate, postcode?.ward, postcode != nil)
    }
}
