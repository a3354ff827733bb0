import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct InvitationAndResetTests {
    /// The link in the newest email to an address, as the person would click it.
    func link(to email: String, _ app: Application) async throws -> String {
        let message = try #require(try await Outbox().messages(to: email, on: app.db).first)
        let line = try #require(message.body.split(separator: "\n").first { $0.contains("http") })
        let url = URLComponents(string: String(line).trimmingCharacters(in: .whitespaces))!
        return url.path + "?" + (url.percentEncodedQuery ?? "")
    }

    @Test func anAdministratorInvitesALinkWorkerWhoJoinsWithTheLinkOnce() async throws {
        try await withAlongside(demo: true) { app in
            let admin = Browser(app)
            try await admin.signIn("admin@alongside.example")
            let sent = try await admin.post("/admin/users/invite", [("email", "new.worker@example.org"), ("roles[]", "link_worker")])
            #expect(sent.location == "/admin/users?done=invited")
            let path = try await link(to: "new.worker@example.org", app)
            #expect(path.hasPrefix("/invitation?token="))

            let invitee = Browser(app)
            let page = try await invitee.get(path)
            #expect(page.text.contains("You have been invited as: Link worker"))
            let token = String(path.split(separator: "=", maxSplits: 1)[1])
            let joined = try await invitee.post("/invitation", [("token", token), ("given_name", "Nia"), ("family_name", "Worker"),
                                                                ("password", "otter meadow candle")])
            #expect(joined.location == "/account?done=invitation-accepted")
            let account = try await invitee.get("/account")
            #expect(account.text.contains("Link worker"))

            let reused = try await Browser(app).get(path)
            #expect(reused.status == .gone)
            #expect(reused.text.contains("already been used"))
        }
    }

    @Test func anInvitationNeedsARoleAndAnOrganisationForMembers() async throws {
        try await withAlongside(demo: true) { app in
            let admin = Browser(app)
            try await admin.signIn("admin@alongside.example")
            let none = try await admin.post("/admin/users/invite", [("email", "x@example.org")])
            #expect(none.status == .unprocessableEntity)
            #expect(none.text.contains("Choose at least one role"))
            let member = try await admin.post("/admin/users/invite", [("email", "x@example.org"), ("roles[]", "organisation_member")])
            #expect(member.text.contains("Choose the organisation this person is a member of"))
            #expect(try await InvitationRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func onlyAdministratorsInvite() async throws {
        try await withAlongside(demo: true) { app in
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            let response = try await worker.post("/admin/users/invite", [("email", "x@example.org"), ("roles[]", "administrator")])
            #expect(response.status == .forbidden)
            #expect(try await InvitationRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func anAdministratorGivesAnExistingPersonARole() async throws {
        try await withAlongside(demo: true) { app in
            let admin = Browser(app)
            try await admin.signIn("admin@alongside.example")
            let response = try await admin.post("/admin/users/grant", [("grant_email", "resident@alongside.example"), ("grant_role", "moderator")])
            #expect(response.location == "/admin/users?done=role-granted")
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            #expect(try await resident.get("/account").text.contains("Moderator"))
            let history = try await resident.get("/account/who-has-seen-my-record")
            #expect(history.text.contains("gave you a role"))
        }
    }

    @Test func aForgottenPasswordIsResetByEmailedLinkAndOldSessionsEnd() async throws {
        try await withAlongside(demo: true) { app in
            let old = Browser(app)
            try await old.signIn("clinician@alongside.example")
            let asked = try await Browser(app).post("/forgot-password", [("email", "clinician@alongside.example")])
            #expect(asked.location == "/sign-in?done=reset-sent")
            // An unknown address gets the same answer, and no email.
            let unknown = try await Browser(app).post("/forgot-password", [("email", "nobody@example.org")])
            #expect(unknown.location == asked.location)
            #expect(try await Outbox().messages(to: "nobody@example.org", on: app.db).isEmpty)

            let path = try await link(to: "clinician@alongside.example", app)
            let token = String(path.split(separator: "=", maxSplits: 1)[1])
            let browser = Browser(app)
            #expect(try await browser.get(path).status == .ok)
            let weak = try await browser.post("/reset-password", [("token", token), ("password", "password123")])
            #expect(weak.status == .unprocessableEntity)
            let done = try await browser.post("/reset-password", [("token", token), ("password", "granite puffin orchard")])
            #expect(done.location == "/sign-in?done=password-reset")
            #expect(try await old.get("/account").status == .seeOther)
            try await Browser(app).signIn("clinician@alongside.example", "granite puffin orchard")
            #expect(try await Browser(app).get(path).status == .gone)
        }
    }

    @Test func changingMyPasswordNeedsTheCurrentOne() async throws {
        try await withAlongside(demo: true) { app in
            let browser = Browser(app)
            try await browser.signIn("moderator@alongside.example")
            let wrong = try await browser.post("/account/password", [("current_password", "nope"), ("new_password", "lichen harbour swift")])
            #expect(wrong.text.contains("Your current password is not correct"))
            let right = try await browser.post("/account/password", [("current_password", DemoLoader.password), ("new_password", "lichen harbour swift")])
            #expect(right.location == "/account?done=password-changed")
            #expect(try await browser.get("/account").status == .ok)
            try await Browser(app).signIn("moderator@alongside.example", "lichen harbour swift")
        }
    }
}
