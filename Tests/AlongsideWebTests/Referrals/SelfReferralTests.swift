import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct SelfReferralTests {
    func publicForm(key: String, _ changes: [(String, String)] = []) -> [(String, String)] {
        ReferralPagesTests().referral(key: key, [("must_know", ""), ("gp_sharing", ""), ("nhs_number", ""),
                                                 ("given_name", "Dev"), ("family_name", "Okafor"), ("email", "dev.okafor@example.org"),
                                                 ("preferred_contact", "email")] + changes)
    }

    @Test func anyoneCanAskForALinkWorkerWithoutAnAccount() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let visitor = Browser(app)
            let form = try await visitor.get(SiteURL.askForLinkWorker.path)
            #expect(form.status == .ok && form.heading == "Ask for a link worker")
            #expect(try await visitor.get(SiteURL.home.path).text.contains("href=\"/ask-for-a-link-worker\""))

            // Slips are named and nothing is written.
            let bad = try await visitor.post(SiteURL.askForLinkWorker.path, publicForm(key: "p1", [("consented[]", ""), ("email", ""), ("phone", ""),
                                                                                                   ("postcode", "ZZ9 9ZZ")]))
            #expect(bad.status == .unprocessableEntity)
            for field in ["consented", "phone", "postcode"] { #expect(bad.text.contains("href=\"#\(field)\""), "\(field)") }
            #expect(try await ReferralRecord.query(on: app.db).count() == 0)

            // Sent twice (a double click), one referral; the thanks page repeats nothing the person typed.
            let sent = try await visitor.post(SiteURL.askForLinkWorker.path, publicForm(key: "p2"))
            #expect(sent.status == .ok && sent.heading == "Thank you: a link worker will be in touch")
            #expect(!sent.text.contains("Okafor"))
            _ = try await visitor.post(SiteURL.askForLinkWorker.path, publicForm(key: "p2"))
            let referrals = try await ReferralRecord.query(on: app.db).all()
            #expect(referrals.count == 1)
            let r = try #require(referrals.first)
            #expect(r.source == ReferralSource.selfReferral.rawValue && r.referredBy == nil)

            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            let inbox = try await worker.get(SiteURL.referrals.path).text
            #expect(inbox.contains("Dev Okafor") && inbox.contains("Themselves, on the public form"))

            // Someone signed in is sent to the form that knows them.
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            #expect(try await resident.get(SiteURL.askForLinkWorker.path).location == SiteURL.newReferral.path)
        }
    }

    @Test func theLinkWorkerInvitesThePersonToFollowTheirSupport() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            _ = try await Browser(app).post(SiteURL.askForLinkWorker.path, publicForm(key: "p3"))
            let r = try #require(try await ReferralRecord.query(on: app.db).first())
            let id = r.id!

            // Only the person's link worker may invite them.
            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            #expect(try await clinician.post(SiteURL.referralInvite(id).path, []).status == .forbidden)

            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            _ = try await worker.post(SiteURL.referralMoves(id).path, [("to", "accepted")])
            #expect(try await worker.get(SiteURL.referral(id).path).text.contains("Invite Dev to follow online"))
            let sent = try await worker.post(SiteURL.referralInvite(id).path, [])
            #expect(sent.location == SiteURL.referral(id).with([("done", Notice.supportInvited.rawValue)]))

            // The email names nobody and says nothing of why.
            let message = try #require(try await Outbox().messages(to: "dev.okafor@example.org", on: app.db).first)
            #expect(!message.body.contains("Okafor") && !message.body.contains("bereavement") && !message.body.contains("Lost her husband"))
            let path = try await InvitationAndResetTests().link(to: "dev.okafor@example.org", app)
            let person = Browser(app)
            let page = try await person.get(path)
            #expect(page.text.contains("value=\"Okafor\""))
            let token = String(path.split(separator: "=", maxSplits: 1)[1])
            let joined = try await person.post("/invitation", [("token", token), ("given_name", "Dev"), ("family_name", "Okafor"),
                                                               ("password", "otter meadow candle")])
            #expect(joined.location == SiteURL.mySupport.with([("done", Notice.invitationAccepted.rawValue)]))
            let support = try await person.get(SiteURL.mySupport.path).text
            #expect(support.contains("Your link worker is "), "\(support.suffix(2500))")

            // Their account is the same person: no second record, and no second invitation.
            #expect(try await AccountRecord.query(on: app.db).filter(\.$person.$id == r.personID).count() == 1)
            #expect(!(try await worker.get(SiteURL.referral(id).path).text.contains("Invite Dev to follow online")))
            let again = try await worker.post(SiteURL.referralInvite(id).path, [])
            #expect(again.status == .unprocessableEntity && again.text.contains("href=\"#invite\""))
        }
    }

    @Test func oneNetworkMaySendOnlyAFewInAnHour() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let visitor = Browser(app)
            for n in 1...5 {
                let sent = try await visitor.post(SiteURL.askForLinkWorker.path, publicForm(key: "limit-\(n)", [("family_name", "Okafor\(n)")]))
                #expect(sent.status == .ok, "\(n)")
            }
            let sixth = try await visitor.post(SiteURL.askForLinkWorker.path, publicForm(key: "limit-6"))
            #expect(sixth.status == .tooManyRequests && sixth.text.contains("Wait an hour and try again"))
            #expect(try await ReferralRecord.query(on: app.db).count() == 5)
            // A double click on one already sent is still answered with the thanks, not refused.
            #expect(try await visitor.post(SiteURL.askForLinkWorker.path, publicForm(key: "limit-5", [("family_name", "Okafor5")])).status == .ok)
        }
    }
}
