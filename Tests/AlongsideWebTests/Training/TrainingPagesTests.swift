import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct TrainingPagesTests {
    /// A second community leader, a member of the demo member's organisation.
    func secondLeader(_ app: Application) async throws -> Browser {
        let org = try #require(try await RoleGrantRecord.query(on: app.db).filter(\.$role == Role.organisationMember.rawValue).first()).$organisation.id
        _ = try await Accounts().createStaff(givenName: "Kit", familyName: "Marsden", email: try EmailAddress("kit@example.org"),
                                             passwordHash: try Bcrypt.hash(DemoLoader.password, cost: 4), roles: [.organisationMember], organisationID: org,
                                             now: Date(), on: app.db)
        let kit = Browser(app)
        try await kit.signIn("kit@example.org")
        return kit
    }

    @Test func aTrainerOffersASessionLeadersBookAndWaitAPlaceGivenUpGoesToTheNextWhoIsEmailedAndGetsACertificate() async throws {
        try await withAlongside(demo: true, publicURL: "https://alongside.example") { app in
            let trainer = Browser(app), jen = Browser(app), resident = Browser(app)
            try await trainer.signIn(DemoLoader.email(for: .administrator))
            try await jen.signIn(DemoLoader.email(for: .organisationMember))
            try await resident.signIn(DemoLoader.email(for: .resident))
            let kit = try await secondLeader(app)
            let trust = OrganisationRecord(name: "University Hospitals of Morecambe Bay NHS Foundation Trust", description: "Hospitals", postcode: nil, createdAt: Date())
            try await trust.create(on: app.db)

            // Bad input: each problem named, nothing written.
            let bad = try await trainer.post(TrainingURL.offer.path, [("title", ""), ("starts_at", "2020-01-01T10:00"), ("ends_at", "2020-01-01T09:00"), ("places", "0")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Choose the organisation that runs the session", "Enter the session&#39;s title", "The session must start in the future",
                            "The end must be after the start", "Say whether the session is in person or online", "from 1 to 200"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await TrainingSessionRecord.query(on: app.db).count() == 0)

            let day = UKDates.isoDay(Date().addingTimeInterval(14 * 86_400))
            let offered = try await trainer.post(TrainingURL.offer.path, [("organisation", trust.id!.uuidString.lowercased()), ("title", "Safeguarding adults: level 1"),
                                                                           ("covers", "What abuse looks like"), ("starts_at", "\(day)T10:00"), ("ends_at", "\(day)T13:00"),
                                                                           ("how", "in_person"), ("place", "Lancaster Town Hall"), ("places", "1")])
            #expect(offered.status == .seeOther)
            let session = try #require(try await TrainingSessionRecord.query(on: app.db).first())
            let id = session.id!
            #expect(try await Browser(app).get(TrainingURL.sessions.path).text.contains("Safeguarding adults: level 1"))

            // Residents are not community leaders; the place goes to the first leader, the second waits.
            #expect(try await resident.post(TrainingURL.ask(id).path, []).status == .forbidden)
            #expect(try await jen.post(TrainingURL.ask(id).path, []).location?.contains("training-booked") == true)
            #expect(try await kit.post(TrainingURL.ask(id).path, []).location?.contains("training-waiting") == true)
            #expect(try await kit.get(TrainingURL.mine.path).text.contains("On the waiting list: number 1"))
            #expect(try await Browser(app).get(TrainingURL.session(id).path).text.contains("Full · 1 on the waiting list"))

            // Giving up asks first; then the place is Kit's at once, and Kit is emailed with a link to the session.
            let jenPlace = try #require(try await TrainingPlaceRecord.query(on: app.db).filter(\.$status == "booked").first()).id!
            #expect(try await kit.post(TrainingURL.giveUp(jenPlace).path, [("confirmed", "yes")]).status == .notFound)
            let ask = try await jen.post(TrainingURL.giveUp(jenPlace).path, [])
            #expect(ask.status == .ok && ask.text.contains("Give up your place on") && ask.text.contains("goes at once to the first person on the waiting list"))
            #expect(try await TrainingPlaceRecord.find(jenPlace, on: app.db)?.status == "booked")
            #expect(try await jen.post(TrainingURL.giveUp(jenPlace).path, [("confirmed", "yes")]).location?.contains("training-given-up") == true)
            #expect(try await kit.get(TrainingURL.mine.path).text.contains("You have a place"))
            let mail = try await Outbox().messages(to: "kit@example.org", on: app.db)
            #expect(mail.count == 1)
            #expect(mail.first?.body.contains("https://alongside.example/training/\(id.uuidString.lowercased())") == true)
            #expect(mail.first?.body.contains("Dear Kit,") == true)

            // The trainer sees who is coming (audited) and records attendance only once the session has begun.
            let kitPerson = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == "kit@example.org").first()).$person.id
            let people = try await trainer.get(TrainingURL.people(id).path)
            #expect(people.status == .ok && people.text.contains("Kit Marsden"))
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.viewedTrainingPlace.rawValue).filter(\.$subjectPersonID == kitPerson).count() == 1)
            #expect(try await jen.get(TrainingURL.people(id).path).status == .forbidden)
            let kitPlace = try #require(try await TrainingPlaceRecord.query(on: app.db).filter(\.$personID == kitPerson).first()).id!
            #expect(try await trainer.post(TrainingURL.attendance(kitPlace).path, [("attended", "yes")]).status == .conflict)
            #expect(try await kit.get(TrainingURL.certificate(kitPlace).path).status == .notFound)
            // An hour into the session (browser sessions from two weeks before have lapsed: sign in again).
            app.alongside.now = { session.startsAt.addingTimeInterval(3_600) }
            try await trainer.signIn(DemoLoader.email(for: .administrator))
            try await jen.signIn(DemoLoader.email(for: .organisationMember))
            try await kit.signIn("kit@example.org")
            #expect(try await jen.post(TrainingURL.attendance(kitPlace).path, [("attended", "yes")]).status == .notFound)
            #expect(try await trainer.post(TrainingURL.attendance(kitPlace).path, [("attended", "yes")]).status == .seeOther)
            let certificate = try await kit.get(TrainingURL.certificate(kitPlace).path)
            #expect(certificate.status == .ok && certificate.text.contains("Kit Marsden") && certificate.text.contains("attended \u{201C}Safeguarding adults: level 1\u{201D}"))
            #expect(try await jen.get(TrainingURL.certificate(kitPlace).path).status == .notFound)
            // Once it has started, nobody books or gives up.
            #expect(try await jen.post(TrainingURL.ask(id).path, []).status == .conflict)
        }
    }

    @Test func theAPIBooksWaitsAndGivesUp() async throws {
        try await withAlongside(demo: true) { app in
            let api = ReferralAPITests()
            _ = try await secondLeader(app)
            let org = try #require(try await OrganisationRecord.query(on: app.db).first()).id!
            let starts = Date().addingTimeInterval(7 * 86_400)
            let session = try await Training().offer(TrainingSessionDraft(title: "Understanding dementia", covers: "How dementia affects people", starts: starts,
                                                                          ends: starts.addingTimeInterval(7_200), place: "Teams", online: true, places: 1),
                                                     by: org, now: Date(), on: app.db)
            let jen = try await api.token(app, DemoLoader.email(for: .organisationMember)), kit = try await api.token(app, "kit@example.org")
            let list = try await api.send(app, .GET, TrainingURL.apiSessions.path, token: jen)
            #expect(list.status == .ok && list.body.string.contains("\"places_left\":1"))
            let booked = try await api.send(app, .POST, TrainingURL.apiAsk(session).path, token: jen, json: "{}")
            #expect(booked.status == .created && booked.body.string.contains("\"status\":\"booked\""))
            let waiting = try await api.send(app, .POST, TrainingURL.apiAsk(session).path, token: kit, json: "{}")
            #expect(waiting.status == .created && waiting.body.string.contains("\"status\":\"waiting\"") && waiting.body.string.contains("\"position\":1"))
            let resident = try await api.token(app, DemoLoader.email(for: .resident))
            #expect(try await api.send(app, .POST, TrainingURL.apiAsk(session).path, token: resident, json: "{}").status == .forbidden)
            #expect(try await api.send(app, .POST, TrainingURL.apiAsk(UUID()).path, token: jen, json: "{}").status == .notFound)
            let place = try #require(try await TrainingPlaceRecord.query(on: app.db).filter(\.$status == "booked").first()).id!
            #expect(try await api.send(app, .POST, TrainingURL.apiGiveUp(place).path, token: kit, json: "{}").status == .notFound)
            let given = try await api.send(app, .POST, TrainingURL.apiGiveUp(place).path, token: jen, json: "{}")
            #expect(given.status == .ok && given.body.string.contains("\"status\":\"cancelled\""))
            #expect(try await api.send(app, .POST, TrainingURL.apiGiveUp(place).path, token: jen, json: "{}").status == .conflict)
            let mine = try await api.send(app, .GET, TrainingURL.apiMine.path, token: kit)
            #expect(mine.status == .ok && mine.body.string.contains("\"status\":\"booked\""))
        }
    }

    @Test func aTrainerCallsASessionOffSayingWhyAskedFirst() async throws {
        try await withAlongside(demo: true, publicURL: "https://alongside.example") { app in
            let trainer = Browser(app), jen = Browser(app)
            try await trainer.signIn(DemoLoader.email(for: .administrator))
            try await jen.signIn(DemoLoader.email(for: .organisationMember))
            let council = OrganisationRecord(name: "Lancaster City Council", description: "The council", postcode: nil, createdAt: Date())
            try await council.create(on: app.db)
            let org = council.id!
            let starts = Date().addingTimeInterval(9 * 86_400)
            let id = try await Training().offer(TrainingSessionDraft(title: "First aid", covers: "CPR", starts: starts, ends: starts.addingTimeInterval(3_600),
                                                                     place: "Town Hall", online: false, places: 4), by: org, now: Date(), on: app.db)
            #expect(try await jen.post(TrainingURL.ask(id).path, []).status == .seeOther)
            #expect(try await jen.post(TrainingURL.callOff(id).path, [("reason", "x")]).status == .forbidden)
            let blank = try await trainer.post(TrainingURL.callOff(id).path, [("reason", " ")])
            #expect(blank.status == .unprocessableEntity && blank.text.contains("Enter why you are calling it off"))
            let ask = try await trainer.post(TrainingURL.callOff(id).path, [("reason", "The room flooded")])
            #expect(ask.status == .ok && ask.text.contains("Call off") && ask.text.contains("The 1 person booked or waiting"))
            #expect(try await TrainingSessionRecord.find(id, on: app.db)?.calledOffAt == nil)
            let done = try await trainer.post(TrainingURL.callOff(id).path, [("reason", "The room flooded"), ("confirmed", "yes")])
            #expect(done.location?.contains("training-called-off") == true)
            let mail = try await Outbox().messages(to: DemoLoader.email(for: .organisationMember), on: app.db)
            #expect(mail.contains { $0.subject.contains("has been called off") && $0.body.contains("The room flooded") && $0.body.contains("https://alongside.example/training") })
            let page = try await jen.get(TrainingURL.session(id).path)
            #expect(page.text.contains("This session has been called off.") && !page.text.contains("Book a place"))
            #expect(!(try await jen.get(TrainingURL.sessions.path).text.contains("First aid")))
        }
    }
}
