@testable import AlongsideWeb
import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import VaporTesting

/// The administrator's users page: find someone, take a role away, suspend and restore, send an invitation again.
@Suite struct AdminUsersTests {
    @Test func findTakeAwaySuspendRestoreAndSendAgain() async throws {
        try await withAlongside(demo: true) { app in
            let admin = Browser(app)
            try await admin.signIn("admin@alongside.example")
            let all = try await admin.get(SiteURL.adminUsers.path).text
            #expect(all.contains("Priya Lawson") && all.contains("Tom Hartley"))
            let found = try await admin.get(SiteURL.adminUsers.with([("q", "priya")])).text
            #expect(found.contains("Priya Lawson") && !found.contains("Tom Hartley") && found.contains("match \u{201C}priya\u{201D}"))

            // Taking a role away asks first, then applies from their next page.
            let staff = try await Accounts().staff(on: app.db)
            let priya = try #require(staff.first { $0.email == "link-worker@alongside.example" })
            let grant = try #require(zip(priya.roles, priya.grantIDs).first { $0.0.role == .linkWorker }?.1)
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            #expect(try await worker.get(SiteURL.referrals.path).status == .ok)
            let ask = try await admin.post(SiteURL.adminRemoveRole(grant).path, [])
            #expect(ask.status == .ok && ask.text.contains("Yes, take the role away"))
            #expect(try await RoleGrantRecord.find(grant, on: app.db) != nil)
            #expect(try await admin.post(SiteURL.adminRemoveRole(grant).path, [("confirmed", "yes")]).location?.contains("role-removed") == true)
            #expect(try await RoleGrantRecord.find(grant, on: app.db) == nil)
            #expect(try await worker.get(SiteURL.referrals.path).status == .forbidden)
            // An administrator cannot take their own administrator role away.
            let me = try #require(staff.first { $0.email == "admin@alongside.example" })
            let own = try #require(zip(me.roles, me.grantIDs).first { $0.0.role == .administrator }?.1)
            let refused = try await admin.post(SiteURL.adminRemoveRole(own).path, [("confirmed", "yes")])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("You cannot take away your own administrator role"))

            // Suspending signs them out at once and stops sign-in; restoring lets them back.
            let tom = try #require(staff.first { $0.email == "clinician@alongside.example" })
            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            #expect(try await admin.post(SiteURL.adminSuspension(tom.accountID).path, [("suspend", "yes")]).text.contains("Yes, suspend the account"))
            #expect(try await admin.post(SiteURL.adminSuspension(tom.accountID).path, [("suspend", "yes"), ("confirmed", "yes")]).status == .seeOther)
            #expect(try await clinician.get(SiteURL.newReferral.path).location?.hasPrefix("/sign-in") == true)
            let blocked = try await Browser(app).post("/sign-in", [("email", "clinician@alongside.example"), ("password", DemoLoader.password)])
            #expect(blocked.status == .unprocessableEntity && blocked.text.contains("This account is suspended"))
            let wrong = try await Browser(app).post("/sign-in", [("email", "clinician@alongside.example"), ("password", "not the password")])
            #expect(!wrong.text.contains("suspended"), "a guesser learns nothing")
            #expect(try await admin.get(SiteURL.adminUsers.path).text.contains(">Suspended<"))
            #expect(try await admin.post(SiteURL.adminSuspension(tom.accountID).path, [("suspend", "no")]).status == .seeOther)
            try await Browser(app).signIn("clinician@alongside.example")

            // An invitation sent again: a new link, the old one no longer works.
            _ = try await admin.post(SiteURL.adminInvite.path, [("email", "new.worker@example.org"), ("roles[]", "link_worker")])
            let first = try #require(try await OutboxMessageRecord.query(on: app.db).filter(\.$recipient == "new.worker@example.org").first())
            let oldToken = try #require(first.body.firstMatch(of: /token=([A-Za-z0-9_\-]+)/)?.1)
            let pending = try #require(try await Accounts().pendingInvitations(on: app.db).first { $0.email == "new.worker@example.org" })
            #expect(try await admin.get(SiteURL.adminUsers.path).text.contains("Send again"))
            #expect(try await admin.post(SiteURL.adminResendInvitation(pending.id).path, []).location?.contains("invitation-resent") == true)
            let emails = try await OutboxMessageRecord.query(on: app.db).filter(\.$recipient == "new.worker@example.org").all()
            #expect(emails.count == 2)
            let newToken = try #require(emails.compactMap { $0.body.firstMatch(of: /token=([A-Za-z0-9_\-]+)/)?.1 }.first { $0 != oldToken })
            #expect(try await Browser(app).get(SiteURL.acceptInvitation.with([("token", String(oldToken))])).status != .ok)
            #expect(try await Browser(app).get(SiteURL.acceptInvitation.with([("token", String(newToken))])).status == .ok)

            // The audit log says it in words.
            let log = try await admin.get(SiteURL.adminAudit.with([("action", "suspended_account")])).text
            #expect(log.contains("suspended Dr Tom Hartley\u{2019}s account"))
            // Only administrators.
            #expect(try await worker.post(SiteURL.adminSuspension(me.accountID).path, [("suspend", "yes"), ("confirmed", "yes")]).status == .forbidden)
        }
    }
}
