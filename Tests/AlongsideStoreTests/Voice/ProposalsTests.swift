import AlongsideCore
@testable import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import Testing

@Suite struct ProposalsTests {
    /// People living in the place; the first `inLA1` at LA1 1AA (ward E05014890), the rest with no postcode.
    func residents(_ count: Int, _ db: any Database, inLA1: Int = 0) async throws -> [UUID] {
        if inLA1 > 0 { try await BundledGeography.load(on: db) }
        var ids: [UUID] = []
        for i in 0..<count {
            let person = PersonRecord(givenName: "Resident", familyName: "\(i)", postcode: i < inLA1 ? "LA1 1AA" : nil, createdAt: testNow)
            try await person.create(on: db)
            ids.append(person.id!)
        }
        return ids
    }

    func draft() -> ProposalDraft { ProposalDraft(title: "Benches on the prom", body: "Somewhere to rest.", ward: nil, category: "walking") }

    let small = ProposalThresholds(publish: 2, answer: 3, board: 4)
    let day = 86_400.0

    @Test func supportersPublishItThenAnAnswerIsOwedByADateAndTheBoardHearsIt() async throws {
        try await withStore { db in
            let people = try await residents(6, db, inLA1: 2)
            let id = try await Proposals().create(draft(), author: people[0], now: testNow, on: db)
            func standing(_ today: Date = testNow) async throws -> ProposalStanding {
                try #require(try await Proposals().view(id, thresholds: small, today: today, on: db)).standing
            }
            #expect(try await standing().state == .gathering)
            #expect(try await Proposals().listed(thresholds: small, today: testNow, on: db).isEmpty)
            // The author's own support is not asked for; supporting twice is refused.
            await #expect(throws: ProposalRefused("You wrote this proposal: it counts the support of others.")) {
                try await Proposals().support(id, by: people[0], thresholds: small, now: testNow, on: db)
            }
            #expect(try await Proposals().support(id, by: people[1], thresholds: small, now: testNow, on: db) == 1)
            await #expect(throws: ProposalRefused("You already support this proposal.")) {
                try await Proposals().support(id, by: people[1], thresholds: small, now: testNow, on: db)
            }
            #expect(try await Proposals().support(id, by: people[2], thresholds: small, now: testNow, on: db) == 2)
            #expect(try await standing().state == .published)
            #expect(try await Proposals().listed(thresholds: small, today: testNow, on: db).map(\.id) == [id])
            // Answering before it is owed is refused.
            await #expect(throws: ProposalRefused("This proposal has not yet had enough supporters to be owed an answer.")) {
                try await Proposals().answer(id, .accepted(reasons: ""), organisation: nil, by: people[5], now: testNow, on: db)
            }
            try await Proposals().support(id, by: people[3], thresholds: small, now: testNow + day, on: db)
            let owed = try await standing()
            #expect(owed.state == .owedAnswer && owed.answerDue == small.answerDue(reachedAt: testNow + day) && !owed.onBoardAgenda)
            // A withdrawal does not take the answer away; supports are counted by the supporter's ward, never named.
            #expect(try await Proposals().withdraw(id, by: people[3], on: db) == 2)
            #expect(try await standing().state == .owedAnswer)
            let view = try #require(try await Proposals().view(id, thresholds: small, today: testNow, on: db))
            #expect(view.supportsByWard == ["E05014890": 1, "": 1])
            await #expect(throws: ProposalRefused("You do not support this proposal.")) { try await Proposals().withdraw(id, by: people[4], on: db) }
            try await Proposals().support(id, by: people[3], thresholds: small, now: testNow + day, on: db)
            try await Proposals().support(id, by: people[4], thresholds: small, now: testNow + day, on: db)
            #expect(try await standing().onBoardAgenda)

            // Late: on the overdue list the day after it was due.
            let late = testNow + 40 * day
            #expect(try await Proposals().overdue(thresholds: small, today: late, on: db).map(\.id) == [id])
            // An interim answer sets a new date; a final one closes supporting, and both are audited about the author.
            try await Proposals().answer(id, .underConsideration(reasons: "Costing it", newDue: UKDates.isoDay(late + 30 * day)), organisation: nil,
                                         by: people[5], now: late, on: db)
            #expect(try await Proposals().overdue(thresholds: small, today: late, on: db).isEmpty)
            try await Proposals().answer(id, .notTakenForward(reasons: "The council owns the prom"), organisation: nil, by: people[5], now: late + day, on: db)
            #expect(try await standing(late).state == .answered)
            await #expect(throws: ProposalRefused("This proposal has been answered, so supporting it has closed.")) {
                try await Proposals().support(id, by: people[5], thresholds: small, now: late, on: db)
            }
            await #expect(throws: ProposalRefused("This proposal has already been answered.")) {
                try await Proposals().answer(id, .accepted(reasons: ""), organisation: nil, by: people[5], now: late, on: db)
            }
            let audited = try await AuditEventRecord.query(on: db).filter(\.$action == AuditAction.answeredProposal.rawValue).all()
            #expect(audited.count == 2 && audited.allSatisfy { $0.subjectPersonID == people[0] && $0.actorPersonID == people[5] })
        }
    }

    @Test func anAnswerThatItIsAlreadyHappeningNamesARealService() async throws {
        try await withStore { db in
            let people = try await residents(3, db)
            let id = try await Proposals().create(draft(), author: people[0], now: testNow, on: db)
            for p in people.dropFirst() { try await Proposals().support(id, by: p, thresholds: ProposalThresholds(publish: 1, answer: 2, board: 3), now: testNow, on: db) }
            await #expect(throws: ProposalRefused("There is no such service in the directory: choose the one that already does this.", field: "service")) {
                try await Proposals().answer(id, .alreadyHappening(service: UUID(), reasons: ""), organisation: nil, by: people[1], now: testNow, on: db)
            }
            #expect(try await ProposalAnswerRecord.query(on: db).count() == 0)
        }
    }

    /// Thirty residents at once are thirty supports, the threshold crossed once; the same resident twice at once is one.
    @Test func supportsGivenAtOnceAreEachCountedOnce() async throws {
        try await withStore { db in
            let people = try await residents(31, db)
            let id = try await Proposals().create(draft(), author: people[0], now: testNow, on: db)
            let thresholds = ProposalThresholds(publish: 5, answer: 20, board: 40)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for p in people.dropFirst() {
                    group.addTask { try await Proposals().support(id, by: p, thresholds: thresholds, now: testNow, on: db) }
                }
                try await group.waitForAll()
            }
            #expect(try await ProposalSupportRecord.query(on: db).filter(\.$proposalID == id).count() == 30)
            let owedSince = try #require(try await ProposalRecord.find(id, on: db)?.owedSince)
            #expect(owedSince == testNow)

            let twice = try await Proposals().create(draft(), author: people[0], now: testNow, on: db)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do { try await Proposals().support(twice, by: people[1], thresholds: thresholds, now: testNow, on: db); return true } catch is ProposalRefused {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1 && outcomes.count == 2)
            #expect(try await ProposalSupportRecord.query(on: db).filter(\.$proposalID == twice).count() == 1)
        }
    }

    /// A proposal sent in answer to a call as the call is closed is either in before it closed or refused: the call's
    /// open state is checked inside the proposal's own transaction, under the lock closing takes.
    @Test func proposalsSentAsACallClosesAreInBeforeItClosedOrRefused() async throws {
        try await withStore { db in
            let people = try await residents(8, db)
            let call = try await ProposalCalls().open(ProposalCallDraft(title: "Walking", body: "Ideas, please.", ward: nil, category: "walking",
                                                                         closesOn: UKDates.isoDay(testNow.addingTimeInterval(30 * day))), now: testNow, on: db).id
            let later = testNow.addingTimeInterval(day)
            let outcomes = try await withThrowingTaskGroup(of: Bool?.self) { group in
                for person in people {
                    group.addTask {
                        do {
                            _ = try await Proposals().create(self.draft(), author: person, call: call, now: later, on: db)
                            return true
                        } catch is CallAlreadyClosed {
                            return false
                        }
                    }
                }
                group.addTask { _ = try await ProposalCalls().close(call, now: later, on: db); return nil }
                return try await group.reduce(into: [Bool]()) { if let made = $1 { $0.append(made) } }
            }
            let made = outcomes.filter { $0 }.count
            #expect(outcomes.count == people.count)
            // What was taken is exactly what is stored, and the call counts it.
            #expect(try await ProposalRecord.query(on: db).filter(\.$callID == call).count() == made)
            #expect(try await ProposalCalls().find(call, on: db)?.answered == made)
            // Closed now: every later answer is refused, and one to no call at all is named.
            await #expect(throws: CallAlreadyClosed(closedOn: UKDates.isoDay(later))) {
                try await Proposals().create(self.draft(), author: people[0], call: call, now: later, on: db)
            }
            await #expect(throws: ProposalCallNotFound()) {
                try await Proposals().create(self.draft(), author: people[0], call: UUID(), now: later, on: db)
            }
        }
    }
}
