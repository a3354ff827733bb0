@testable import AlongsideWeb
import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import VaporTesting

/// Duplicates caught where they start: asking again while a request is open offers to add to it; the team's
/// inbox marks referrals that are probably someone already known.
@Suite struct DuplicatePagesTests {
    func askForMyself(_ resident: Browser, key: String) async throws -> TestingHTTPResponse {
        try await resident.post(SiteURL.newReferral.path, [
            ("given_name", "Robin"), ("family_name", "Resident"), ("birth_date", "1990-05-01"), ("postcode", "LA1 1AA"),
            ("phone", "01524 765432"), ("preferred_contact", "phone"), ("needs[]", "inactivity"), ("consented[]", "yes"), ("submission_key", key),
        ])
    }

    @Test func askingAgainWhileARequestIsOpenOffersToAddToItInstead() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            let first = try await resident.get(SiteURL.newReferral.path).text
            #expect(!first.contains("You already have a request open"))
            #expect(try await askForMyself(resident, key: "dup-1").status == .seeOther)
            let id = try #require(try await ReferralRecord.query(on: app.db).first()?.id)

            // Asking again: the open request is named, with a form to add to it and the needs not yet on it.
            let again = try await resident.get(SiteURL.newReferral.path).text
            #expect(again.contains("You already have a request open") && again.contains("It is waiting for a link worker to take it on."))
            #expect(again.contains("action=\"\(SiteURL.referralAdd(id).path)\""))
            #expect(again.contains("id=\"add_needs-money\"") && !again.contains("id=\"add_needs-inactivity\""))
            #expect(again.contains("Or ask again, for something separate"))

            // Nothing to add: said so, on the same page, nothing written.
            let empty = try await resident.post(SiteURL.referralAdd(id).path, [("text", "  ")])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Write what you would like to add"))
            #expect(try await EpisodeAdditionRecord.query(on: app.db).count() == 0)

            let added = try await resident.post(SiteURL.referralAdd(id).path, [("text", "I have also lost my job."), ("add_needs[]", "money")])
            #expect(added.status == .seeOther && added.location?.contains("added-to-request") == true)
            #expect(try await ReferralRecord.query(on: app.db).count() == 1)
            let r = try #require(try await ReferralRecord.find(id, on: app.db))
            #expect(r.needList == [.inactivity, .money])
            let support = try await resident.get(SiteURL.mySupport.path).text
            #expect(support.contains("You added: I have also lost my job. Also: Money"))

            // The link worker sees it beside what was first said, and in the timeline.
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            let episode = try await worker.get(SiteURL.referral(id).path).text
            #expect(episode.contains("Added by them on \(UKDates.day(Date()))") && episode.contains("I have also lost my job."))
            #expect(episode.contains("Robin added to the request"))

            // Someone else cannot add to it.
            let other = Browser(app)
            try await other.signIn("organisation@alongside.example")
            #expect(try await other.post(SiteURL.referralAdd(id).path, [("text", "Not mine")]).status == .forbidden)

            // Once it has ended, adding is refused in words and the form no longer offers it.
            _ = try await resident.post(SiteURL.referralMoves(id).path, [("to", "declined_by_person"), ("confirmed", "yes")])
            #expect(try await ReferralRecord.find(id, on: app.db)?.currentStage == .declinedByPerson)
            let late = try await resident.post(SiteURL.referralAdd(id).path, [("text", "One more thing")])
            #expect(late.status == .unprocessableEntity && late.text.contains("This request has ended"))
            #expect(!(try await resident.get(SiteURL.newReferral.path).text.contains("You already have a request open")))
        }
    }

    @Test func theTeamsInboxMarksReferralsThatAreProbablySomeoneAlreadyKnown() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            let referral = ReferralPagesTests()
            _ = try await clinician.post(SiteURL.newReferral.path, referral.referral(key: "d1", [("nhs_number", "943 476 5919")]))
            _ = try await clinician.post(SiteURL.newReferral.path, referral.referral(key: "d2", [("nhs_number", "9434765919"), ("given_name", "Maggie")]))
            _ = try await clinician.post(SiteURL.newReferral.path, referral.referral(key: "d3", [("given_name", "Arthur"), ("birth_date", "1941-01-02"), ("nhs_number", "")]))
            let all = try await ReferralRecord.query(on: app.db).sort(\.$createdAt).all()
            #expect(all.count == 3)
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            let inbox = try await worker.get(SiteURL.referrals.path).text
            #expect(inbox.components(separatedBy: "Possible duplicate").count - 1 == 2, "each of the two marks the other, Arthur is no one else")
            #expect(inbox.contains("They have the same NHS number."))
            let lead = Browser(app)
            try await lead.signIn("team-lead@alongside.example")
            let team = try await lead.get(SiteURL.team.path).text
            #expect(team.components(separatedBy: "Possible duplicate").count - 1 == 2)
        }
    }
}

/// The date of birth in three boxes, as GOV.UK asks for a memorable date: what was typed comes back with
/// a problem, and a real date is read whatever the browser.
@Suite struct DateOfBirthTests {
    @Test func threeBoxesReadAsOneDateAndKeptWhenSomethingIsWrong() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            let form = try await clinician.get(SiteURL.newReferral.path).text
            #expect(form.contains("id=\"birth_date-day\"") && form.contains("For example, 14 3 1956") && !form.contains("type=\"date\""))
            let fields = ReferralPagesTests().referral(key: "dob-1", [("birth_date", "")])
            let wrong = try await clinician.post(SiteURL.newReferral.path, fields + [("birth_date-day", "31"), ("birth_date-month", "2"), ("birth_date-year", "1950")])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("href=\"#birth_date\""))
            #expect(wrong.text.contains("id=\"birth_date-day\" name=\"birth_date-day\" type=\"text\" inputmode=\"numeric\" value=\"31\""))
            let right = try await clinician.post(SiteURL.newReferral.path, fields + [("birth_date-day", "11"), ("birth_date-month", "2"), ("birth_date-year", "1948")])
            #expect(right.status == .seeOther)
            #expect(try await ReferralRecord.query(on: app.db).first()?.birthDate == "1948-02-11")
        }
    }
}
