import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Record only what happened: no form the app renders starts with an answer chosen for the person — no radio
/// ticked, no option but a blank one selected — when the person has not answered it before.
@Suite struct NoAnswerChosenTests {
    /// The radios and options a page starts with chosen (blank options excepted).
    static func chosen(in html: String) -> [String] {
        var found: [String] = []
        for tag in html.components(separatedBy: "<").dropFirst() {
            let element = String(tag.prefix { $0 != ">" })
            if element.hasPrefix("input"), element.contains(#"type="radio""#), element.range(of: #"\bchecked\b"#, options: .regularExpression) != nil {
                found.append("<" + element + ">")
            }
            if element.hasPrefix("option"), element.range(of: #"\bselected\b"#, options: .regularExpression) != nil, !element.contains(#"value="""#) {
                found.append("<" + element + ">")
            }
        }
        return found
    }

    @Test func theCheckFindsAChosenRadioAndOption() {
        #expect(Self.chosen(in: #"<input type="radio" name="way" value="phone" checked><option value="">Choose</option>"#).count == 1)
        #expect(Self.chosen(in: #"<select><option value="" selected>Choose</option><option value="a" selected>A</option></select>"#).count == 1)
        #expect(Self.chosen(in: #"<input type="radio" name="way" value="phone"><option value="a">A</option>"#).isEmpty)
    }

    @Test func everyFormStartsUnanswered() async throws {
        try await withAlongside(demo: true, directory: true, geography: true) { app in
            var pages: [(who: String, path: String, html: String)] = []
            func visit(_ browser: Browser, _ who: String, _ path: String) async throws {
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(who) \(path): \(response.status)")
                pages.append((who, path, response.text))
            }
            let anonymous = Browser(app)
            for path in [SiteURL.askForLinkWorker.path, SiteURL.register.path, SiteURL.signIn.path, SiteURL.forgotPassword.path] {
                try await visit(anonymous, "anyone", path)
            }
            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            try await visit(clinician, "clinician", SiteURL.newReferral.path)

            let (resident, worker, person) = try await PlanPagesTests.onCaseload(app)
            let referral = try #require(try await ReferralRecord.query(on: app.db).filter(\.$personID == person).first()).id!
            for path in [SiteURL.planEdit(person).path, SiteURL.caring(person).path, SiteURL.contingencyEdit(person).path,
                         SiteURL.measures(person).path, SiteURL.changePassword.path] {
                try await visit(resident, "resident", path)
            }
            for path in [SiteURL.referral(referral).path, SiteURL.referrals.path, SiteURL.planEdit(person).path, SiteURL.newReferral.path] {
                try await visit(worker, "link worker", path)
            }

            // An organisation with a referral waiting, and one accepted (attendance to record).
            let grant = try #require(try await RoleGrantRecord.query(on: app.db).filter(\.$role == Role.organisationMember.rawValue).first())
            let service = try #require(try await ServiceRecord.query(on: app.db).filter(\.$organisation.$id == grant.$organisation.id!).first())
            let sent = try await worker.post(SiteURL.referralCommunity(referral).path, [("service_id", service.id!.uuidString), ("hopes", "Company")])
            #expect(sent.status == .seeOther)
            let organisation = Browser(app)
            try await organisation.signIn("organisation@alongside.example")
            for path in [SiteURL.organisationReferrals.path, SiteURL.newListing.path] {
                try await visit(organisation, "organisation", path)
            }
            let waiting = try #require(try await CommunityReferralRecord.query(on: app.db).first()).id!
            _ = try await organisation.post(SiteURL.communityResponse(waiting).path, [("response", "accept")])
            try await visit(organisation, "organisation (accepted)", SiteURL.organisationReferrals.path)

            let admin = Browser(app)
            try await admin.signIn("admin@alongside.example")
            for path in [SiteURL.adminUsers.path] { try await visit(admin, "administrator", path) }

            // A room to book, and the time bank's forms for a member and a coordinator.
            let rules = RoomRules(openDays: Set(Weekday.allCases), opens: TimeOfDay(hour: 8, minute: 0), closes: TimeOfDay(hour: 22, minute: 0))
            let room = try await Rooms().create(RoomDraft(name: "Hall", place: "Lancaster", description: "A hall", capacity: 40, access: "Step-free", equipment: "Chairs",
                                                          pricePence: 0, rules: rules), owner: grant.$organisation.id!, on: app.db)
            try await visit(organisation, "organisation", RoomsURL.room(room).path)
            try await TimeBank().approve(person: person, by: UUID(), now: Date(), on: app.db)
            for path in [TimeBankURL.home.path, TimeBankURL.newOffer.path, TimeBankURL.offers.path] { try await visit(resident, "time bank member", path) }
            let coordinator = Browser(app)
            try await coordinator.signIn("coordinator@alongside.example")
            try await visit(coordinator, "coordinator", TimeBankURL.coordinate.path)

            #expect(pages.count >= 22)
            for page in pages {
                #expect(page.html.contains("<form"), "\(page.who) \(page.path) has no form")
                let chosen = Self.chosen(in: page.html)
                #expect(chosen.isEmpty, "\(page.who) \(page.path) starts with \(chosen)")
            }
        }
    }

    @Test func aChoiceLeftUnansweredIsAskedForAndNothingIsRecorded() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let (_, worker, person) = try await PlanPagesTests.onCaseload(app)
            let referral = try #require(try await ReferralRecord.query(on: app.db).filter(\.$personID == person).first()).id!
            let contact = try await worker.post(SiteURL.referralContacts(referral).path, [("notes", "Left a message")])
            #expect(contact.status == .unprocessableEntity)
            #expect(contact.text.contains("Choose how you were in touch") && contact.text.contains("Say whether you reached them"))
            #expect(try await EpisodeContactRecord.query(on: app.db).count() == 0)
            let move = try await worker.post(SiteURL.referralMoves(referral).path, [("to", "")])
            #expect(move.status == .unprocessableEntity && move.text.contains("Choose where the episode moves to"))
            #expect(try await Referrals().find(referral, on: app.db)?.currentStage == .accepted)

            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            let referred = try await clinician.post(SiteURL.newReferral.path, ReferralPagesTests().referral(key: "no-choices", []).filter {
                !["preferred_contact", "gp_sharing"].contains($0.0)
            })
            #expect(referred.status == .unprocessableEntity)
            #expect(referred.text.contains("Choose the best way to get in touch") && referred.text.contains("Choose what goes back to the GP record"))
        }
    }
}
