import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct RoomPagesTests {
    @Test func aGroupBooksNamesItsClashesAndOthersSeeWhoMeetsThere() async throws {
        try await withAlongside(demo: true) { app in
            let grant = try #require(try await RoleGrantRecord.query(on: app.db).filter(\.$role == Role.organisationMember.rawValue).first())
            let mine = grant.$organisation.id!
            let owner = OrganisationRecord(name: "St Mary's church", description: "A church", postcode: nil, createdAt: Date())
            try await owner.create(on: app.db)
            let rules = RoomRules(openDays: [.tuesday, .wednesday], opens: TimeOfDay(hour: 9, minute: 0), closes: TimeOfDay(hour: 21, minute: 0), needsApproval: false)
            let room = try await Rooms().create(RoomDraft(name: "Church hall", place: "Morecambe", description: "A hall", capacity: 80, access: "Step-free",
                                                          equipment: "Kitchen", pricePence: 0, rules: rules), owner: owner.id!, on: app.db)
            let member = Browser(app)
            try await member.signIn(DemoLoader.email(for: .organisationMember))

            let bad = try await member.post(RoomsURL.bookings(room).path, [("title", ""), ("starts_at", "2027-01-06T10:00"), ("ends_at", "2027-01-06T09:00")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Enter what the booking is for", "Choose whether it is once or repeats", "The end must be after the start"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            let monday = try await member.post(RoomsURL.bookings(room).path, [("title", "Walk"), ("starts_at", "2027-01-04T10:00"), ("ends_at", "2027-01-04T11:00"),
                                                                              ("repeat", "once")])
            #expect(monday.status == .unprocessableEntity && monday.text.contains("The room is not open on Mondays."))
            #expect(try await member.post(RoomsURL.bookings(room).path, [("title", "Committee"), ("starts_at", "2027-01-12T18:00"), ("ends_at", "2027-01-12T19:00"),
                                                                         ("repeat", "once")]).status == .seeOther)
            let weekly: [(String, String)] = [("title", "Walk and talk"), ("starts_at", "2027-01-05T18:30"), ("ends_at", "2027-01-05T19:30"), ("repeat", "week"), ("until", "2027-01-26")]
            let clash = try await member.post(RoomsURL.bookings(room).path, weekly)
            #expect(clash.status == .conflict && clash.text.contains("Tuesday 12 January 2027") && clash.text.contains("Book only the dates that are free"))
            #expect(try await member.post(RoomsURL.bookings(room).path, weekly + [("skip_clashes", "yes")]).status == .seeOther)
            #expect(try await RoomBookingRecord.query(on: app.db).filter(\.$status == "confirmed").count() == 4)

            // Anyone sees who meets there; the feed has the series with the clashing date excepted.
            let page = try await Browser(app).get(RoomsURL.room(room).path)
            #expect(page.status == .ok && page.text.contains("Who meets here") && page.text.contains("Walk and talk"))
            let feed = try await Browser(app).get(RoomsURL.calendar(room).path)
            #expect(feed.headers.contentType?.subType == "calendar")
            #expect(feed.text.contains("RRULE:FREQ=WEEKLY;UNTIL=20270126T235959Z") && feed.text.contains("EXDATE;TZID=Europe/London:20270112T183000"))
            #expect(try await Browser(app).get(RoomsURL.groupCalendar(mine).path).text.contains("SUMMARY:Committee"))

            // Someone who is not in a group cannot book; cancelling someone else's booking is not found.
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            #expect(try await resident.post(RoomsURL.bookings(room).path, weekly).status == .forbidden)
            let booking = try #require(try await RoomBookingRecord.query(on: app.db).first())
            #expect(try await resident.post(RoomsURL.cancel(booking.id!).path, []).status == .notFound)

            // Through the API: the occurrences listed, and a clash is a 409 naming the date.
            let token = try await ReferralAPITests().token(app, DemoLoader.email(for: .organisationMember))
            let listed = try await ReferralAPITests().send(app, .GET, RoomsURL.apiBookings(room).path + "?from=2027-01-01&to=2027-01-31", token: token)
            #expect(listed.status == .ok && listed.body.string.components(separatedBy: "\"starts_at\"").count - 1 == 4)
            let conflict = try await ReferralAPITests().send(app, .POST, RoomsURL.apiBookings(room).path, token: token, json: """
                {"organisation_id": "\(mine.uuidString)", "title": "Quiz", "starts_at": "2027-01-19T18:00", "ends_at": "2027-01-19T19:00"}
                """)
            #expect(conflict.status == .conflict && conflict.body.string.contains("19 January 2027"))
            let series = try await ReferralAPITests().send(app, .POST, RoomsURL.apiBookings(room).path, token: token, json: """
                {"organisation_id": "\(mine.uuidString)", "title": "Quiz", "starts_at": "2027-02-03T18:00", "ends_at": "2027-02-03T19:00",
                 "repeat": {"every": "two_weeks", "until": "2027-03-03"}}
                """)
            #expect(series.status == .created && series.body.string.components(separatedBy: "\"starts_at\"").count - 1 == 3)
            let endless = try await ReferralAPITests().send(app, .POST, RoomsURL.apiBookings(room).path, token: token, json: """
                {"organisation_id": "\(mine.uuidString)", "starts_at": "2027-02-03T18:00", "ends_at": "2027-02-03T19:00", "repeat": {"every": "week"}}
                """)
            #expect(endless.status == .unprocessableEntity && endless.body.string.contains("until"))
        }
    }
}
