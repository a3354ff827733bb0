import AlongsideCore
@testable import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import Testing

@Suite struct TrainingTests {
    let starts = testNow.addingTimeInterval(14 * 86_400)

    func session(_ db: any Database, places: Int) async throws -> UUID {
        let org = OrganisationRecord(name: "University Hospitals of Morecambe Bay", description: "Hospitals", postcode: nil, createdAt: testNow)
        try await org.create(on: db)
        return try await Training().offer(TrainingSessionDraft(title: "Mental health first aid", covers: "Spotting the signs", starts: starts,
                                                               ends: starts.addingTimeInterval(3 * 3_600), place: "Education Centre", online: false, places: places),
                                          by: org.id!, now: testNow, on: db)
    }

    /// People with accounts, so a place that comes free can be emailed.
    func people(_ n: Int, _ db: any Database) async throws -> [UUID] {
        var ids: [UUID] = []
        for i in 0..<n {
            let person = PersonRecord(givenName: "Leader", familyName: "Number \(i)", postcode: "LA1 1AA", createdAt: testNow)
            try await person.create(on: db)
            try await AccountRecord(personID: person.id!, email: "leader\(i)@example.org", passwordHash: "x", createdAt: testNow).create(on: db)
            ids.append(person.id!)
        }
        return ids
    }

    static let email: Training.PromotionEmail = { name, session in
        TrainingPlaceEmail.promoted(name: name, title: session.draft.title, starts: session.draft.starts, place: session.draft.place, online: false,
                                    link: "https://alongside.example/training/\(session.id.uuidString.lowercased())")
    }

    @Test func thirtyLeadersAskingAtOnceForFivePlacesGetFiveAndAWaitingListOfTwentyFiveInOrder() async throws {
        try await withStore { db in
            let s = try await session(db, places: 5)
            let leaders = try await people(30, db)
            let outcomes = try await withThrowingTaskGroup(of: TrainingRequestOutcome.self) { group in
                for (i, leader) in leaders.enumerated() {
                    group.addTask { try await Training().request(s, person: leader, now: testNow.addingTimeInterval(Double(i)), on: db) }
                }
                return try await group.reduce(into: [TrainingRequestOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0.status == .booked }.count == 5)
            #expect(outcomes.filter { $0.status == .waiting }.count == 25)
            // Each waiting person was told a different position, 1 to 25.
            #expect(Set(outcomes.compactMap(\.position)) == Set(1...25))
            let view = try #require(try await Training().session(s, on: db))
            #expect(view.taken == 5 && view.waiting == 25 && view.placesLeft == 0)
            // Asking again changes nothing.
            let again = try await Training().request(s, person: leaders[0], now: testNow, on: db)
            #expect(again == outcomes.first { $0.place == again.place })
            #expect(try await TrainingPlaceRecord.query(on: db).count() == 30)
        }
    }

    @Test func aPlaceGivenUpGoesAtOnceToTheFirstWaitingWhoIsEmailedAndTheListMovesUp() async throws {
        try await withStore { db in
            let s = try await session(db, places: 2)
            let leaders = try await people(5, db)
            var asked: [UUID] = []
            for (i, leader) in leaders.enumerated() {
                asked.append(try await Training().request(s, person: leader, now: testNow.addingTimeInterval(Double(i) * 60), on: db).place)
            }
            let places = asked
            // The first on the list leaves it: nobody moves. Then both places are given up at once: the two still waiting move up, once each.
            #expect(try await Training().cancel(places[2], person: leaders[2], now: testNow, email: Self.email, on: db).isEmpty)
            let moved = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for i in [0, 1] { group.addTask { try await Training().cancel(places[i], person: leaders[i], now: testNow, email: Self.email, on: db) } }
                return try await group.reduce(into: [UUID]()) { $0 += $1 }
            }
            #expect(Set(moved) == Set([leaders[3], leaders[4]]))
            #expect(moved.count == 2)
            let statuses = try await Training().places(on: s, on: db).map(\.status)
            #expect(statuses == [.cancelled, .cancelled, .cancelled, .booked, .booked])
            for i in [3, 4] {
                let mail = try await Outbox().messages(to: "leader\(i)@example.org", on: db)
                #expect(mail.count == 1)
                #expect(mail.first?.subject == "A place on \u{201C}Mental health first aid\u{201D} is yours")
                #expect(mail.first?.body.contains("https://alongside.example/training/\(s.uuidString.lowercased())") == true)
            }
            #expect(try await Outbox().messages(to: "leader2@example.org", on: db).isEmpty)
            // Giving up again is refused, and nothing changes; asking again joins at the end.
            await #expect(throws: TrainingRefused.self) { try await Training().cancel(places[0], person: leaders[0], now: testNow, email: Self.email, on: db) }
            let back = try await Training().request(s, person: leaders[0], now: testNow, on: db)
            #expect(back.status == .waiting && back.position == 1)
        }
    }

    @Test func afterTheStartNobodyBooksGivesUpOrMovesUpAndAttendanceIsRecordedOnlyThen() async throws {
        try await withStore { db in
            let s = try await session(db, places: 1)
            let leaders = try await people(3, db)
            let first = try await Training().request(s, person: leaders[0], now: testNow, on: db)
            _ = try await Training().request(s, person: leaders[1], now: testNow, on: db)
            await #expect(throws: TrainingRefused.self) {
                try await Training().recordAttendance(first.place, attended: true, organisationAllowed: { _ in true }, now: testNow, on: db)
            }
            let during = starts.addingTimeInterval(60)
            await #expect(throws: TrainingRefused.self) { _ = try await Training().request(s, person: leaders[2], now: during, on: db) }
            await #expect(throws: TrainingRefused.self) { try await Training().cancel(first.place, person: leaders[0], now: during, email: Self.email, on: db) }
            // Only the organisation running it records attendance.
            await #expect(throws: TrainingRefused.self) {
                try await Training().recordAttendance(first.place, attended: true, organisationAllowed: { _ in false }, now: during, on: db)
            }
            try await Training().recordAttendance(first.place, attended: true, organisationAllowed: { _ in true }, now: during, on: db)
            let waiting = try #require(try await Training().mine(leaders[1], on: db).first)
            #expect(waiting.status == .waiting)
            await #expect(throws: TrainingRefused.self) {
                try await Training().recordAttendance(waiting.id, attended: true, organisationAllowed: { _ in true }, now: during, on: db)
            }
            #expect(try await Training().place(first.place, on: db)?.status == .attended)
            // Someone else cannot give another's place up.
            await #expect(throws: TrainingRefused.self) { try await Training().cancel(waiting.id, person: leaders[0], now: testNow, email: Self.email, on: db) }
        }
    }

    @Test func closingAnAccountGivesItsPlacesUpToThoseWaitingAndKeepsNoRecordOfThem() async throws {
        try await withStore { db in
            let s = try await session(db, places: 1)
            let leaders = try await people(2, db)
            _ = try await Training().request(s, person: leaders[0], now: testNow, on: db)
            _ = try await Training().request(s, person: leaders[1], now: testNow, on: db)
            let account = try #require(try await AccountRecord.query(on: db).filter(\.$person.$id == leaders[0]).first())
            try await Accounts().close(account, now: testNow, channel: "test", on: db)
            #expect(try await TrainingPlaceRecord.query(on: db).filter(\.$personID == leaders[0]).count() == 0)
            #expect(try await Training().mine(leaders[1], on: db).map(\.status) == [.booked])
            let mail = try await Outbox().messages(to: "leader1@example.org", on: db)
            #expect(mail.count == 1 && mail.first?.body.hasSuffix("sign in to Alongside and open Training.") == true)
        }
    }

    @Test func aSessionCalledOffGivesEveryPlaceUpTellsEveryoneAndTakesNoMoreBookings() async throws {
        try await withStore { db in
            let s = try await session(db, places: 1)
            let leaders = try await people(3, db)
            for (i, leader) in leaders.prefix(2).enumerated() { _ = try await Training().request(s, person: leader, now: testNow.addingTimeInterval(Double(i)), on: db) }
            let email: @Sendable (String, TrainingSessionView) -> TrainingPlaceEmail = { name, v in
                TrainingPlaceEmail.calledOff(name: name, title: v.draft.title, starts: v.draft.starts, reason: "The trainer is ill", link: "https://a.example/training")
            }
            await #expect(throws: TrainingRefused.self) {
                _ = try await Training().callOff(s, reason: "x", organisationAllowed: { _ in false }, now: testNow, email: email, on: db)
            }
            #expect(try await Set(Training().callOff(s, reason: "The trainer is ill", organisationAllowed: { _ in true }, now: testNow, email: email, on: db))
                    == Set(leaders.prefix(2)))
            #expect(try await Training().places(on: s, on: db).allSatisfy { $0.status == .cancelled })
            for i in [0, 1] {
                let mail = try await Outbox().messages(to: "leader\(i)@example.org", on: db)
                #expect(mail.count == 1 && mail.first?.body.contains("The trainer's reason: The trainer is ill") == true)
            }
            #expect(try await Training().sessions(from: testNow, on: db).isEmpty)
            #expect(try await Training().session(s, on: db)?.calledOff == "The trainer is ill")
            await #expect(throws: TrainingRefused.self) { _ = try await Training().request(s, person: leaders[2], now: testNow, on: db) }
            await #expect(throws: TrainingRefused.self) {
                _ = try await Training().callOff(s, reason: "again", organisationAllowed: { _ in true }, now: testNow, email: email, on: db)
            }
        }
    }
}
