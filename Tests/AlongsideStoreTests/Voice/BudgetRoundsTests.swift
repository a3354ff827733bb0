import AlongsideCore
@testable import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import Testing

@Suite struct BudgetRoundsTests {
    func day(_ iso: String) -> Date { Self.day(iso) }
    static func day(_ iso: String) -> Date { UKDates.parseISODay(iso)! }

    /// Adults at LA1 1AA (ward E05014890), born in 1980.
    func voters(_ count: Int, _ db: any Database) async throws -> [UUID] {
        try await BundledGeography.load(on: db)
        var ids: [UUID] = []
        for i in 0..<count {
            let person = PersonRecord(givenName: "Voter", familyName: "\(i)", postcode: "LA1 1AA", createdAt: testNow)
            person.birthDate = "1980-05-01"
            try await person.create(on: db)
            ids.append(person.id!)
        }
        return ids
    }

    func rules(_ ballot: BallotKind = .approval(limit: nil), rule: BudgetRule = .equalSharesAdd1, wards: [String] = []) -> BudgetRoundDraft {
        BudgetRoundDraft(title: "Wellbeing fund", description: "Small grants", budget: 100_000, wards: wards, ideasFrom: "2027-01-04",
                         feasibilityFrom: "2027-02-01", votingFrom: "2027-03-01", votingUntil: "2027-03-14", ballot: ballot, rule: rule)
    }

    /// A round with three feasible projects (£600, £400, £300) and one found not feasible.
    func round(_ db: any Database, _ rules: BudgetRoundDraft, by resident: UUID) async throws -> (UUID, [UUID]) {
        let id = try await BudgetRounds().create(rules, now: testNow, on: db)
        var projects: [UUID] = []
        for (title, cost) in [("Walking group kit", 60_000), ("Allotment tools", 40_000), ("Tea after the walk", 30_000), ("A swimming pool", 0)] {
            let p = try await BudgetRounds().addIdea(to: id, title: title, description: "Idea", ward: nil, proposedBy: resident, now: day("2027-01-10"), on: db)
            try await BudgetRounds().review(project: p, cost: cost == 0 ? nil : cost, reason: cost == 0 ? "Far more than the budget." : "",
                                            now: day("2027-02-10"), on: db)
            projects.append(p)
        }
        return (id, projects)
    }

    @Test func aRoundGoesFromIdeasToResultsAndEachStepKeepsToItsPhase() async throws {
        try await withStore { db in
            let people = try await voters(4, db)
            let (id, p) = try await round(db, rules(), by: people[0])
            // Ideas only while ideas are open; reviews and rule changes until voting opens.
            await #expect(throws: BudgetRefused("Ideas for this round are taken only while ideas are open.")) {
                try await BudgetRounds().addIdea(to: id, title: "Late", description: "x", ward: nil, proposedBy: people[1], now: day("2027-02-02"), on: db)
            }
            await #expect(throws: BudgetRefused("Voting in this round has not opened yet.")) {
                try await BudgetRounds().cast([p[0]], in: id, by: people[1], now: day("2027-02-20"), on: db)
            }
            let view = try #require(try await BudgetRounds().round(id, on: db))
            #expect(view.onBallot.map(\.id) == Array(p.prefix(3)) && view.projects[3].feasibility == .notFeasible)
            // A ballot breaking its rules writes nothing.
            await #expect(throws: FieldError("projects", "Choose projects from this round's ballot")) {
                try await BudgetRounds().cast([p[3]], in: id, by: people[1], now: day("2027-03-02"), on: db)
            }
            try await BudgetRounds().cast([p[0], p[1]], in: id, by: people[1], now: day("2027-03-02"), on: db)
            try await BudgetRounds().cast([p[0]], in: id, by: people[2], now: day("2027-03-02"), on: db)
            try await BudgetRounds().cast([p[2]], in: id, by: people[3], now: day("2027-03-02"), on: db)
            // Changing one's ballot replaces it.
            try await BudgetRounds().cast([p[0], p[2]], in: id, by: people[3], now: day("2027-03-03"), on: db)
            let mine = try #require(try await BudgetRounds().ballot(in: id, of: people[3], on: db))
            #expect(mine.projects == [p[0], p[2]] && mine.castAt == day("2027-03-02") && mine.changedAt == day("2027-03-03"))
            // The rules are fixed once anyone has voted; results only once voting has closed.
            await #expect(throws: BudgetRefused("The rules are fixed: 3 people have voted under them.")) {
                try await BudgetRounds().update(id, rules(rule: .greedy), on: db)
            }
            #expect(try await BudgetRounds().results(id, today: day("2027-03-14"), on: db) == nil)
            await #expect(throws: BudgetRefused("Voting in this round has closed.")) {
                try await BudgetRounds().cast([p[0]], in: id, by: people[1], now: day("2027-03-15"), on: db)
            }
            // The voters by the deprivation of where they live: all three at LA1 1AA, in one fifth.
            let taking = try await BudgetRounds().participation(id, on: db)
            #expect(taking.total == 3 && taking.byQuintile.filter { $0 == 3 }.count == 1 && taking.placeLSOAs.reduce(0, +) > 50)
            let results = try #require(try await BudgetRounds().results(id, today: day("2027-03-15"), on: db))
            #expect(results.election.ballots.count == 3 && results.election.votes == [3, 1, 1])
            // Three voters each hold £333⅓: all three pay £200 each for the kit (£600); what is left cannot buy
            // either of the others by equal shares, and add1 then greedy funds the £300 tea (£400 no longer fits).
            #expect(results.outcome.selected.map { results.projectIDs[$0] } == [p[0], p[2]])
            #expect(results.outcome.cost == 90_000)
            #expect(results.pabulib.contains("budget;100000") && results.pabulib.contains("1;60000;3;Walking group kit;1"))
            // The file counts again to the same projects.
            let again = try Pabulib.parse(results.pabulib)
            #expect(BudgetCount.count(again, rule: .equalSharesAdd1).selected == results.outcome.selected)
        }
    }

    @Test func onlyThoseWhoMayVoteCanVote() async throws {
        try await withStore { db in
            let people = try await voters(3, db)
            let (id, p) = try await round(db, rules(wards: ["E05014891"]), by: people[0])
            await #expect(throws: BudgetRefused("This round is for people who live in its wards, and your home postcode is in another.")) {
                try await BudgetRounds().cast([p[0]], in: id, by: people[1], now: day("2027-03-02"), on: db)
            }
            let young = try #require(try await PersonRecord.find(people[2], on: db))
            young.birthDate = "2012-01-01"
            try await young.save(on: db)
            let (whole, q) = try await round(db, rules(), by: people[0])
            await #expect(throws: BudgetRefused("Voting in this round is from age 16.")) {
                try await BudgetRounds().cast([q[0]], in: whole, by: people[2], now: day("2027-03-02"), on: db)
            }
            #expect(try await BudgetBallotRecord.query(on: db).count() == 0)
        }
    }

    /// A hundred residents voting at once make a hundred ballots; the same resident twice at once makes one.
    @Test func ballotsCastAtOnceAreEachKeptOnce() async throws {
        try await withStore { db in
            let people = try await voters(100, db)
            let (id, p) = try await round(db, rules(), by: people[0])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (n, person) in people.enumerated() {
                    group.addTask { try await BudgetRounds().cast([p[n % 3]], in: id, by: person, now: Self.day("2027-03-02"), on: db) }
                }
                try await group.waitForAll()
            }
            #expect(try await BudgetBallotRecord.query(on: db).filter(\.$roundID == id).count() == 100)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<2 {
                    group.addTask { try await BudgetRounds().cast([p[n]], in: id, by: people[0], now: Self.day("2027-03-03"), on: db) }
                }
                try await group.waitForAll()
            }
            #expect(try await BudgetBallotRecord.query(on: db).filter(\.$roundID == id).count() == 100)
            #expect(try await BudgetBallotRecord.query(on: db).filter(\.$personID == people[0]).count() == 1)
        }
    }
}
