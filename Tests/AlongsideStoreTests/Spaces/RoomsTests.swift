import AlongsideCore
@testable import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

@Suite struct RoomsTests {
    func at(_ text: String) -> Date { try! BookingRequest.time(text, field: "x", label: "x") }

    func organisation(_ name: String, _ db: any Database) async throws -> UUID {
        let org = OrganisationRecord(name: name, description: "A group", postcode: nil, createdAt: testNow)
        try await org.create(on: db)
        return org.id!
    }

    func hall(_ db: any Database, approval: Bool = false) async throws -> (room: UUID, owner: UUID) {
        let owner = try await organisation("St Mary's church", db)
        let rules = RoomRules(openDays: Set(Weekday.allCases), opens: TimeOfDay(hour: 8, minute: 0), closes: TimeOfDay(hour: 22, minute: 0),
                              bufferMinutes: 15, longestMinutes: 240, blackouts: ["2027-12-25"], needsApproval: approval)
        let room = try await Rooms().create(RoomDraft(name: "Church hall", place: "Lancaster", description: "A hall", capacity: 60, access: "Step-free",
                                                      equipment: "Kitchen", pricePence: 0, rules: rules), owner: owner, on: db)
        return (room, owner)
    }

    @Test func thirtyGroupsBookingOneSlotAtOnceConfirmExactlyOne() async throws {
        try await withStore { db in
            let (room, _) = try await hall(db)
            var groups: [UUID] = []
            for i in 0..<30 { groups.append(try await organisation("Group \(i)", db)) }
            let slot = try BookingRequest.from(starts: "2027-01-12T10:00", ends: "2027-01-12T12:00", repeats: nil, until: nil)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for g in groups {
                    group.addTask {
                        do { _ = try await Rooms().book(room, for: g, title: "Meeting", slot, skipClashes: false, now: testNow, on: db); return true } catch is RoomRefused {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await RoomBookingRecord.query(on: db).filter(\.$status == "confirmed").count() == 1)
        }
    }

    @Test func theDatabaseItselfRefusesTwoConfirmedBookingsThatOverlap() async throws {
        try await withStore { db in
            let (room, owner) = try await hall(db)
            _ = try await Rooms().book(room, for: owner, title: "First", try BookingRequest.from(starts: "2027-01-12T10:00", ends: "2027-01-12T12:00", repeats: nil, until: nil),
                                       skipClashes: false, now: testNow, on: db)
            func insert(_ s: String, _ e: String, status: String) async throws {
                let b = RoomBookingRecord()
                b.roomID = room; b.organisationID = owner; b.title = "Sneaked in"; b.startsAt = at(s); b.endsAt = at(e)
                b.blockedUntil = at(e).addingTimeInterval(15 * 60); b.status = status; b.createdAt = testNow
                try await b.create(on: db)
            }
            // Written straight to the database, past the store's own check: within the buffer after, or overlapping.
            await #expect(throws: (any Error).self) { try await insert("2027-01-12T12:10", "2027-01-12T13:00", status: "confirmed") }
            await #expect(throws: (any Error).self) { try await insert("2027-01-12T09:00", "2027-01-12T10:30", status: "confirmed") }
            // A request waiting for approval, and a booking after the buffer, are let in; approving a clashing request is refused.
            try await insert("2027-01-12T12:15", "2027-01-12T13:00", status: "confirmed")
            try await insert("2027-01-12T11:00", "2027-01-12T11:30", status: "requested")
            let requested = try #require(try await RoomBookingRecord.query(on: db).filter(\.$status == "requested").first())
            await #expect(throws: RoomRefused.self) { try await Rooms().approve(requested.id!, on: db) }
            #expect(try await RoomBookingRecord.query(on: db).filter(\.$status == "confirmed").count() == 2)
        }
    }

    @Test func aWeeklySeriesWithOneClashBooksTheFreeDatesAndItsFeedSaysSo() async throws {
        try await withStore { db in
            let (room, owner) = try await hall(db)
            let other = try await organisation("Knit and natter", db)
            _ = try await Rooms().book(room, for: other, title: "Quiz", try BookingRequest.from(starts: "2027-01-19T11:00", ends: "2027-01-19T12:00", repeats: nil, until: nil),
                                       skipClashes: false, now: testNow, on: db)
            let weekly = try BookingRequest.from(starts: "2027-01-05T10:00", ends: "2027-01-05T11:00", repeats: "week", until: "2027-02-02")
            do {
                _ = try await Rooms().book(room, for: owner, title: "Walk and talk", weekly, skipClashes: false, now: testNow, on: db)
                Issue.record("booked over a clash")
            } catch let refused as RoomRefused {
                #expect(refused.clashes.map(\.day) == ["2027-01-19"] && refused.message.contains("19 January 2027"))
            }
            let made = try await Rooms().book(room, for: owner, title: "Walk and talk", weekly, skipClashes: true, now: testNow, on: db)
            #expect(made.booked.map(\.day) == ["2027-01-05", "2027-01-12", "2027-01-26", "2027-02-02"] && made.skipped.map(\.day) == ["2027-01-19"])
            // Cancelling one occurrence frees it and adds it to the feed's exceptions.
            let twelfth = try #require(try await RoomBookingRecord.query(on: db).filter(\.$startsAt == at("2027-01-12T10:00")).first())
            try await Rooms().cancel(twelfth.id!, rest: false, allowed: { _, _ in true }, on: db)
            let events = try await Rooms().calendar(of: room, on: db)
            let series = try #require(events.first { $0.repeats == .week })
            #expect(series.exceptions.map { UKDates.isoDay($0) } == ["2027-01-12", "2027-01-19"])
            #expect(events.count == 2)
            // Outside the room's rules: refused with the reason, nothing written.
            await #expect(throws: RoomRefused.self) {
                _ = try await Rooms().book(room, for: owner, title: "Carols", try BookingRequest.from(starts: "2027-12-25T10:00", ends: "2027-12-25T11:00", repeats: nil, until: nil),
                                           skipClashes: false, now: testNow, on: db)
            }
            let listed = try await Rooms().bookings(of: room, from: at("2027-01-01T00:00"), to: at("2027-03-01T00:00"), on: db)
            #expect(listed.map(\.occurrence.starts.description).count == 4)
        }
    }
}
