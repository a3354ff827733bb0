import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct RoomOwnerPagesTests {
    @Test func anOwnerListsARoomKeepsItForAGroupAndAGroupPutsItsMeetingOnItsListing() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let grant = try #require(try await RoleGrantRecord.query(on: app.db).filter(\.$role == Role.organisationMember.rawValue).first())
            let mine = grant.$organisation.id!
            let other = try #require(try await OrganisationRecord.query(on: app.db).filter(\.$id != mine).first()).id!
            _ = try await Accounts().createStaff(givenName: "Kit", familyName: "Marsden", email: try EmailAddress("kit@example.org"),
                                                 passwordHash: try Bcrypt.hash(DemoLoader.password, cost: 4), roles: [.organisationMember], organisationID: other,
                                                 now: Date(), on: app.db)
            let jen = Browser(app), kit = Browser(app), resident = Browser(app)
            try await jen.signIn(DemoLoader.email(for: .organisationMember))
            try await kit.signIn("kit@example.org")
            try await resident.signIn(DemoLoader.email(for: .resident))
            #expect(try await resident.get(RoomsURL.manage.path).status == .forbidden)

            // Listing a room: each problem named, nothing written.
            let bad = try await jen.post(RoomsURL.manage.path, [("name", "Hall"), ("capacity", "0"), ("opens", "21:00"), ("closes", "09:00"), ("price", "12.505")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Enter how many people the room holds", "Enter the price an hour in pounds and pence", "Choose the days the room is open",
                            "The room must close after it opens", "Say whether you approve each booking", "Say which groups may book the room"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await RoomRecord.query(on: app.db).count() == 0)
            var form: [(String, String)] = [("owner", mine.uuidString.lowercased()), ("name", "Community room"), ("place", "Queen Square, Lancaster"),
                                            ("description", "A bright room upstairs"), ("capacity", "20"), ("access", "Lift"), ("equipment", "Chairs"),
                                            ("price", "0"), ("day-tuesday", "yes"), ("opens", "09:00"), ("closes", "21:00"), ("buffer", "15"),
                                            ("longest", "180"), ("blackouts", "2027-12-28"), ("approval", "no"), ("who", "any")]
            let listed = try await jen.post(RoomsURL.manage.path, form)
            #expect(listed.status == .seeOther && listed.location?.contains("room-listed") == true)
            let room = try #require(try await RoomRecord.query(on: app.db).first()).id!
            #expect(try await jen.get(RoomsURL.manage.path).text.contains("Community room"))

            // Kept for the owner's own group: another group's member may not change it, is told it is kept for others, and cannot book.
            #expect(try await kit.get(RoomsURL.edit(room).path).status == .forbidden)
            form.removeAll { $0.0 == "who" || $0.0 == "owner" }
            let saved = try await jen.post(RoomsURL.edit(room).path, form + [("who", "chosen"), ("group-\(mine.uuidString.lowercased())", "yes")])
            #expect(saved.status == .seeOther)
            let page = try await kit.get(RoomsURL.room(room).path)
            #expect(page.text.contains("Kept for") && !page.text.contains("Book this room"))
            let refused = try await kit.post(RoomsURL.bookings(room).path, [("organisation_id", other.uuidString.lowercased()), ("title", "Knit and natter"),
                                                                           ("starts_at", "2027-03-02T10:00"), ("ends_at", "2027-03-02T11:00"), ("repeat", "once")])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("keeps this room for particular groups"))
            #expect(try await RoomBookingRecord.query(on: app.db).count() == 0)

            // The group's weekly meeting becomes its listing's schedule, asked first.
            #expect(try await jen.post(RoomsURL.bookings(room).path, [("title", "Carers' coffee"), ("starts_at", "2027-03-02T10:00"), ("ends_at", "2027-03-02T11:30"),
                                                                      ("repeat", "week"), ("until", "2027-05-25")]).status == .seeOther)
            let series = try #require(try await RoomSeriesRecord.query(on: app.db).first()).id!
            let listing = try #require(try await Directory().listings(on: app.db).first { $0.organisationID == mine })
            let theirs = try #require(try await Directory().listings(on: app.db).first { $0.organisationID != mine })
            #expect(try await jen.get(RoomsURL.room(room).path).text.contains("Use as the listing"))
            #expect(try await jen.post(RoomsURL.listingSchedule(series).path, [("service_id", theirs.id.uuidString.lowercased())]).status == .unprocessableEntity)
            #expect(try await kit.post(RoomsURL.listingSchedule(series).path, [("service_id", listing.id.uuidString.lowercased())]).status == .forbidden)
            let ask = try await jen.post(RoomsURL.listingSchedule(series).path, [("service_id", listing.id.uuidString.lowercased())])
            #expect(ask.status == .ok && ask.text.contains("as the schedule of") && ask.text.contains("Tuesday"))
            #expect(try await Directory().listing(id: listing.id, on: app.db)?.schedules == listing.schedules)
            let done = try await jen.post(RoomsURL.listingSchedule(series).path, [("service_id", listing.id.uuidString.lowercased()), ("confirmed", "yes")])
            #expect(done.status == .seeOther)
            // A new schedule is more than wording: from an organisation's member it waits for review, trusted or not.
            #expect(done.location?.contains("listing-schedule-sent") == true)
            let expected = try #require(try BookingRequest.from(starts: "2027-03-02T10:00", ends: "2027-03-02T11:30", repeats: "week", until: "2027-05-25")
                .schedule(notes: "At Community room, Queen Square, Lancaster"))
            if done.location?.contains("listing-schedule-published") == true {
                #expect(try await Directory().listing(id: listing.id, on: app.db)?.schedules == [expected])
            } else {
                let change = try #require(try await ListingChangeRecord.query(on: app.db).filter(\.$serviceID == listing.id).first())
                #expect(try ListingEditor.listing(change.snapshot).schedules == [expected])
            }
        }
    }
}
