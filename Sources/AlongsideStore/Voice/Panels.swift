import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Refused: standing or voting outside its phase or without the right, voting twice, a report-back by someone who
/// is not a representative. The message is for the person.
public struct PanelRefused: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

public struct PanelNotFound: Error {}

public struct CandidateView: Sendable, Equatable {
    public let id: UUID
    public let personID: UUID?
    public let name: String
    public let statement: String
    public let interests: String
}

public struct ElectionView: Sendable, Equatable {
    public let id: UUID
    public let panelID: UUID
    public let panelName: String
    public let days: ElectionDays
    public let seats: Int
    public let candidates: [CandidateView]
    public let voters: Int
}

/// A counted election: the count as the Order prescribes, every stage, and the candidates in the count's order.
public struct ElectionResults: Sendable {
    public let election: ElectionView
    public let ranked: RankedElection
    public let result: ScottishSTV.Result
    public var elected: [CandidateView] { result.elected.map { election.candidates[$0] } }
}

/// A representative in their term, and their report-backs, newest first.
public struct RepresentativeView: Sendable, Equatable {
    public struct Report: Sendable, Equatable {
        public let heard: String
        public let raised: String
        public let answer: String
        public let writtenAt: Date
    }
    public let candidate: CandidateView
    public let termFrom: String
    public let termUntil: String
    public let reports: [Report]
    public let nextDue: String
    public let overdue: Bool
}

public struct PanelView: Sendable, Equatable {
    public let id: UUID
    public let rules: PanelDraft
    public let elections: [ElectionView]
    public let representatives: [RepresentativeView]
    /// Residents' questions, newest first: the question, and the answer with who gave it.
    public var questions: [(id: UUID, question: String, askedAt: Date, answer: String?, answeredBy: String?)] = []

    public static func == (a: PanelView, b: PanelView) -> Bool { a.id == b.id && a.representatives == b.representatives && a.elections == b.elections }
}

/// Panels, their elections (Scottish STV, secret ballots) and their representatives' report-backs. Each change is
/// one transaction; standing and voting are under the election's lock with a unique (election, person) pair.
public struct Panels: Sendable {
    public init() {}

    public func create(_ rules: PanelDraft, now: Date, on db: any Database) async throws -> UUID {
        try await db.writeTransaction { tx in
            let record = PanelRecord()
            record.name = rules.name; record.description = rules.description; record.wards = rules.wards.joined(separator: ",")
            record.seats = rules.seats; record.termMonths = rules.termMonths; record.reportWeeks = rules.reportEveryWeeks; record.createdAt = now
            try await record.create(on: tx)
            return record.id!
        }
    }

    public func createElection(for panel: UUID, _ days: ElectionDays, now: Date, on db: any Database) async throws -> UUID {
        try await db.writeTransaction { tx in
            guard let record = try await PanelRecord.find(panel, on: tx) else { throw PanelNotFound() }
            let election = PanelElectionRecord()
            election.panelID = panel; election.seats = record.seats; election.createdAt = now
            election.nominationsFrom = days.nominationsFrom; election.votingFrom = days.votingFrom; election.votingUntil = days.votingUntil
            try await election.create(on: tx)
            return election.id!
        }
    }

    /// Stands the person for election, with their statement and interests, during nominations.
    @discardableResult
    public func stand(in id: UUID, person: UUID, _ candidacy: Candidacy, now: Date, on db: any Database) async throws -> UUID {
        let checked = try candidacy.validated()
        return try await db.writeTransaction(lock: "election:\(id)") { tx in
            let (election, panel) = try await Self.election(id, on: tx)
            guard election.days.phase(on: now) == .nominations else { throw PanelRefused("Standing for this election is open only before voting starts.") }
            if let why = try await Self.whyNotEligible(person, for: panel.draft, today: now, on: tx) { throw PanelRefused(why) }
            guard try await CandidateRecord.query(on: tx).filter(\.$electionID == id).filter(\.$personID == person).first() == nil else {
                throw PanelRefused("You are already standing in this election.")
            }
            guard let record = try await PersonRecord.find(person, on: tx) else { throw PanelNotFound() }
            let candidate = CandidateRecord()
            candidate.electionID = id; candidate.personID = person
            candidate.displayName = "\(record.givenName) \(record.familyName)".trimmed
            candidate.statement = checked.statement; candidate.interests = checked.interests; candidate.createdAt = now
            try await candidate.create(on: tx)
            return candidate.id!
        }
    }

    /// Casts the person's secret ballot: who voted goes on the voter list and the ranking into the ballot box, at a
    /// random place, in one transaction. Once each; a ballot cannot be changed, since nothing ties it to the voter.
    public func vote(in id: UUID, person: UUID, ranking: [UUID], now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "election:\(id)") { tx in
            let (election, panel) = try await Self.election(id, on: tx)
            switch election.days.phase(on: now) {
            case .voting: break
            case .results: throw PanelRefused("Voting in this election has closed.")
            default: throw PanelRefused("Voting in this election has not opened yet.")
            }
            if let why = try await Self.whyNotEligible(person, for: panel.draft, today: now, on: tx) { throw PanelRefused(why) }
            guard try await ElectionVoterRecord.query(on: tx).filter(\.$electionID == id).filter(\.$personID == person).first() == nil else {
                throw PanelRefused("You have already voted in this election.")
            }
            let candidates = try await CandidateRecord.query(on: tx).filter(\.$electionID == id).all()
            let checked = try checkedRanking(ranking, standing: Set(candidates.map { $0.id! }),
                                             names: Dictionary(uniqueKeysWithValues: candidates.map { ($0.id!, $0.displayName) }))
            let voter = ElectionVoterRecord()
            voter.electionID = id; voter.personID = person; voter.votedOn = UKDates.isoDay(now)
            try await voter.create(on: tx)
            let line = checked.map { $0.uuidString.lowercased() }.joined(separator: ",")
            if let box = try await BallotBoxRecord.query(on: tx).filter(\.$electionID == id).first() {
                var lines = box.ballots.split(separator: "\n").map(String.init)
                lines.insert(line, at: Int.random(in: 0...lines.count))
                box.ballots = lines.joined(separator: "\n")
                try await box.save(on: tx)
            } else {
                let box = BallotBoxRecord()
                box.electionID = id; box.ballots = line
                try await box.create(on: tx)
            }
        }
    }

    /// Who voted, by the deprivation of where they live (the voter list, never the ballots).
    public func participation(_ id: UUID, on db: any Database) async throws -> Participation {
        try await Geography().participation("SELECT person_id FROM election_voters WHERE election_id = \(bind: id)", on: db)
    }

    public func hasVoted(in id: UUID, person: UUID, on db: any Database) async throws -> Bool {
        try await ElectionVoterRecord.query(on: db).filter(\.$electionID == id).filter(\.$personID == person).first() != nil
    }

    public func whyNotEligible(_ person: UUID, inPanel panel: UUID, today: Date, on db: any Database) async throws -> String? {
        guard let record = try await PanelRecord.find(panel, on: db) else { throw PanelNotFound() }
        return try await Self.whyNotEligible(person, for: record.draft, today: today, on: db)
    }

    static func whyNotEligible(_ person: UUID, for rules: PanelDraft, today: Date, on db: any Database) async throws -> String? {
        let home = try await Residence.of(person, on: db)
        return rules.whyNotEligible(birthDate: home.birthDate, ward: home.ward, livesInPlace: home.livesInPlace, today: today)
    }

    static func election(_ id: UUID, on db: any Database) async throws -> (PanelElectionRecord, PanelRecord) {
        guard let election = try await PanelElectionRecord.find(id, on: db), let panel = try await PanelRecord.find(election.panelID, on: db) else {
            throw PanelNotFound()
        }
        return (election, panel)
    }

    // MARK: - Reading

    public func panels(on db: any Database) async throws -> [(id: UUID, rules: PanelDraft)] {
        try await PanelRecord.query(on: db).sort(\.$createdAt).sort(\.$id).all().map { ($0.id!, $0.draft) }
    }

    public func election(_ id: UUID, on db: any Database) async throws -> ElectionView? {
        guard let record = try await PanelElectionRecord.find(id, on: db), let panel = try await PanelRecord.find(record.panelID, on: db) else { return nil }
        return try await view(record, panel: panel, on: db)
    }

    func view(_ record: PanelElectionRecord, panel: PanelRecord, on db: any Database) async throws -> ElectionView {
        // As on a ballot paper: in alphabetical order.
        let candidates = try await CandidateRecord.query(on: db).filter(\.$electionID == record.id!).all()
            .sorted { ($0.displayName, $0.id!.uuidString) < ($1.displayName, $1.id!.uuidString) }
        let voters = try await ElectionVoterRecord.query(on: db).filter(\.$electionID == record.id!).count()
        return ElectionView(id: record.id!, panelID: panel.id!, panelName: panel.name, days: record.days, seats: record.seats,
                            candidates: candidates.map { CandidateView(id: $0.id!, personID: $0.personID, name: $0.displayName, statement: $0.statement, interests: $0.interests) },
                            voters: voters)
    }

    /// The election counted by Scottish STV once voting has closed; nil before.
    public func results(_ id: UUID, today: Date, on db: any Database) async throws -> ElectionResults? {
        guard let election = try await election(id, on: db), election.days.phase(on: today) == .results else { return nil }
        let position = Dictionary(uniqueKeysWithValues: election.candidates.enumerated().map { ($1.id, $0) })
        let box = try await BallotBoxRecord.query(on: db).filter(\.$electionID == id).first()?.ballots ?? ""
        let ballots = box.split(separator: "\n").map { line in
            RankedElection.Ballot(ranking: line.split(separator: ",").compactMap { UUID(uuidString: String($0)).flatMap { position[$0] } })
        }
        let ranked = RankedElection(title: election.panelName, candidates: election.candidates.map(\.name), seats: election.seats, ballots: ballots)
        return ElectionResults(election: election, ranked: ranked, result: ScottishSTV.count(ranked))
    }

    /// A panel with its elections and the representatives in their term (elected at its latest counted election).
    public func panel(_ id: UUID, today: Date, on db: any Database) async throws -> PanelView? {
        guard let panel = try await PanelRecord.find(id, on: db) else { return nil }
        let records = try await PanelElectionRecord.query(on: db).filter(\.$panelID == id).sort(\.$votingUntil, .descending).all()
        var elections: [ElectionView] = []
        for record in records { elections.append(try await view(record, panel: panel, on: db)) }
        var representatives: [RepresentativeView] = []
        if let latest = elections.first(where: { $0.days.phase(on: today) == .results }), let counted = try await results(latest.id, today: today, on: db) {
            let calendar = Calendar.ukCivil
            let from = UKDates.parseISODay(latest.days.votingUntil).flatMap { calendar.date(byAdding: .day, value: 1, to: $0) } ?? today
            let until = calendar.date(byAdding: .month, value: panel.termMonths, to: from) ?? from
            for candidate in counted.elected {
                let reports = try await ReportBackRecord.query(on: db).filter(\.$candidateID == candidate.id).sort(\.$writtenAt, .descending).all()
                    .map { RepresentativeView.Report(heard: $0.heard, raised: $0.raised, answer: $0.answer, writtenAt: $0.writtenAt) }
                let due = panel.draft.reportDue(termFrom: UKDates.isoDay(from), lastReport: reports.first?.writtenAt, today: today)
                representatives.append(RepresentativeView(candidate: candidate, termFrom: UKDates.isoDay(from), termUntil: UKDates.isoDay(until),
                                                          reports: reports, nextDue: due.due, overdue: due.overdue && today < until))
            }
        }
        var view = PanelView(id: id, rules: panel.draft, elections: elections, representatives: representatives)
        let names = Dictionary(representatives.map { ($0.candidate.id, $0.candidate.name) }, uniquingKeysWith: { a, _ in a })
        view.questions = try await PanelQuestionRecord.query(on: db).filter(\.$panelID == id).sort(\.$askedAt, .descending).all().map {
            ($0.id!, $0.question, $0.askedAt, $0.answer, $0.answeredBy.flatMap { names[$0] } ?? ($0.answer == nil ? nil : "A representative"))
        }
        return view
    }

    /// A resident of the panel's area asks its representatives a question.
    public func ask(panel: UUID, by person: UUID, question: String, now: Date, on db: any Database) async throws {
        let text = try Text.required(question, field: "question", label: "your question", maxLength: 2_000, multiline: true)
        guard let record = try await PanelRecord.find(panel, on: db) else { throw PanelNotFound() }
        if let why = try await Self.whyNotEligible(person, for: record.draft, today: now, on: db) { throw PanelRefused(why) }
        try await db.writeTransaction { tx in
            let q = PanelQuestionRecord()
            q.panelID = panel; q.askedBy = person; q.question = text; q.askedAt = now
            try await q.create(on: tx)
        }
    }

    /// A representative in their term answers a question, in public, once.
    public func answer(question id: UUID, by person: UUID, answer: String, now: Date, on db: any Database) async throws -> UUID {
        let text = try Text.required(answer, field: "answer-\(id.uuidString.lowercased())", label: "the answer", maxLength: 6_000, multiline: true)
        guard let question = try await PanelQuestionRecord.find(id, on: db) else { throw PanelNotFound() }
        guard let view = try await panel(question.panelID, today: now, on: db),
              let me = view.representatives.first(where: { $0.candidate.personID == person }) else {
            throw PanelRefused("Only the panel's representatives answer its questions.")
        }
        try await db.writeTransaction(lock: "question:\(id)") { tx in
            guard let q = try await PanelQuestionRecord.find(id, on: tx), q.answer == nil else { throw PanelRefused("This question has been answered.") }
            q.answer = text; q.answeredBy = me.candidate.id; q.answeredAt = now
            try await q.save(on: tx)
        }
        return question.panelID
    }

    /// A representative's report-back; only a representative in their term writes their own.
    public func reportBack(panel: UUID, by person: UUID, heard: String, raised: String, answer: String, now: Date, on db: any Database) async throws {
        var checks = FieldChecks()
        let heard = checks.check { try Text.required(heard, field: "heard", label: "what you heard", maxLength: 6_000, multiline: true) } ?? ""
        let raised = checks.check { try Text.required(raised, field: "raised", label: "what you raised", maxLength: 6_000, multiline: true) } ?? ""
        let answer = checks.check { try Text.required(answer, field: "answer", label: "what answer came, or that none has yet", maxLength: 6_000, multiline: true) } ?? ""
        try checks.finish()
        guard let view = try await self.panel(panel, today: now, on: db) else { throw PanelNotFound() }
        guard let me = view.representatives.first(where: { $0.candidate.personID == person }), UKDates.isoDay(now) < me.termUntil else {
            throw PanelRefused("Only the panel's representatives write its report-backs.")
        }
        try await db.writeTransaction { tx in
            let report = ReportBackRecord()
            report.candidateID = me.candidate.id; report.personID = person
            report.heard = heard; report.raised = raised; report.answer = answer; report.writtenAt = now
            try await report.create(on: tx)
        }
    }
}
