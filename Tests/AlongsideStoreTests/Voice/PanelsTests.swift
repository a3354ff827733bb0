import AlongsideCore
@testable import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import Testing

@Suite struct PanelsTests {
    static func day(_ iso: String) -> Date { UKDates.parseISODay(iso)! }
    let days = ElectionDays(nominationsFrom: "2027-01-04", votingFrom: "2027-02-01", votingUntil: "2027-02-14")

    @Test func residentsStandVoteInSecretAndTheCountElectsWhomTheBallotsSay() async throws {
        try await withStore { db in
            let people = try await BudgetRoundsTests().voters(12, db)
            let panel = try await Panels().create(PanelDraft(name: "Lancaster panel", description: "Health", wards: [], seats: 2, termMonths: 12), now: testNow, on: db)
            let id = try await Panels().createElection(for: panel, days, now: testNow, on: db)
            let statement = Candidacy(statement: "I will listen.", interests: "None")
            await #expect(throws: PanelRefused("Standing for this election is open only before voting starts.")) {
                try await Panels().stand(in: id, person: people[0], statement, now: Self.day("2027-02-02"), on: db)
            }
            var candidates: [UUID] = []
            for p in people.prefix(3) { candidates.append(try await Panels().stand(in: id, person: p, statement, now: Self.day("2027-01-10"), on: db)) }
            await #expect(throws: PanelRefused("You are already standing in this election.")) {
                try await Panels().stand(in: id, person: people[0], statement, now: Self.day("2027-01-10"), on: db)
            }
            await #expect(throws: PanelRefused("Voting in this election has not opened yet.")) {
                try await Panels().vote(in: id, person: people[5], ranking: [candidates[0]], now: Self.day("2027-01-10"), on: db)
            }
            // A ranking that repeats a candidate writes nothing.
            await #expect(throws: FieldError("ranking", "Rank each candidate once: Voter 0 is ranked twice")) {
                try await Panels().vote(in: id, person: people[5], ranking: [candidates[0], candidates[0]], now: Self.day("2027-02-02"), on: db)
            }
            #expect(try await ElectionVoterRecord.query(on: db).count() == 0)
            // Nine voters: five put A first, three B, one C then B. Two seats, quota 9/3+1 = 4.
            let rankings: [[Int]] = [[0, 1], [0, 1], [0, 2], [0], [0], [1], [1], [1, 0], [2, 1]]
            for (n, ranking) in rankings.enumerated() {
                try await Panels().vote(in: id, person: people[3 + n], ranking: ranking.map { candidates[$0] }, now: Self.day("2027-02-02"), on: db)
            }
            await #expect(throws: PanelRefused("You have already voted in this election.")) {
                try await Panels().vote(in: id, person: people[3], ranking: [candidates[1]], now: Self.day("2027-02-03"), on: db)
            }
            // Secret: the box holds rankings only; the voter list holds only who voted and on what day.
            let box = try #require(try await BallotBoxRecord.query(on: db).first())
            #expect(box.ballots.split(separator: "\n").count == 9)
            for person in people { #expect(!box.ballots.contains(person.uuidString.lowercased())) }
            #expect(try await ElectionVoterRecord.query(on: db).all().allSatisfy { $0.votedOn == "2027-02-02" })
            #expect(try await Panels().results(id, today: Self.day("2027-02-14"), on: db) == nil)
            let counted = try #require(try await Panels().results(id, today: Self.day("2027-02-15"), on: db))
            #expect(counted.result.quota == 4 && counted.elected.map(\.id) == [candidates[0], candidates[1]] && !counted.result.unopposed)
            #expect(counted.result.stages.first?.votes == [5, 3, 1].map { $0 * ScottishSTV.scale })

            // The elected report back every 8 weeks from the start of their term; late ones show as late.
            let view = try #require(try await Panels().panel(panel, today: Self.day("2027-05-01"), on: db))
            #expect(view.representatives.map(\.candidate.id) == [candidates[0], candidates[1]])
            #expect(view.representatives.allSatisfy { $0.termFrom == "2027-02-15" && $0.nextDue == "2027-04-12" && $0.overdue })
            await #expect(throws: PanelRefused("Only the panel's representatives write its report-backs.")) {
                try await Panels().reportBack(panel: panel, by: people[2], heard: "a", raised: "b", answer: "c", now: Self.day("2027-05-01"), on: db)
            }
            try await Panels().reportBack(panel: panel, by: people[0], heard: "Long waits", raised: "At the board", answer: "None yet", now: Self.day("2027-05-01"), on: db)
            let after = try #require(try await Panels().panel(panel, today: Self.day("2027-05-02"), on: db))
            #expect(after.representatives[0].nextDue == "2027-06-26" && !after.representatives[0].overdue && after.representatives[1].overdue)
        }
    }

    /// Fifty residents voting at once are fifty ballots and fifty on the voter list; the same resident twice at once is one.
    @Test func ballotsCastAtOnceAreEachKeptOnce() async throws {
        try await withStore { db in
            let people = try await BudgetRoundsTests().voters(52, db)
            let panel = try await Panels().create(PanelDraft(name: "Panel", description: "D", wards: [], seats: 1, termMonths: 12), now: testNow, on: db)
            let id = try await Panels().createElection(for: panel, days, now: testNow, on: db)
            let a = try await Panels().stand(in: id, person: people[0], Candidacy(statement: "a", interests: "None"), now: Self.day("2027-01-10"), on: db)
            let b = try await Panels().stand(in: id, person: people[1], Candidacy(statement: "b", interests: "None"), now: Self.day("2027-01-10"), on: db)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (n, person) in people.prefix(50).enumerated() {
                    group.addTask { try await Panels().vote(in: id, person: person, ranking: n % 2 == 0 ? [a, b] : [b], now: Self.day("2027-02-02"), on: db) }
                }
                try await group.waitForAll()
            }
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do { try await Panels().vote(in: id, person: people[51], ranking: [a], now: Self.day("2027-02-02"), on: db); return true } catch is PanelRefused { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await ElectionVoterRecord.query(on: db).count() == 51)
            #expect(try await BallotBoxRecord.query(on: db).first()?.ballots.split(separator: "\n").count == 51)
        }
    }
}
