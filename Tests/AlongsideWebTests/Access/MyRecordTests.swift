import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct MyRecordTests {
    @Test func whoHasSeenMyRecordListsEachLookInPlainEnglish() async throws {
        try await withAlongside(demo: true) { app in
            let browser = Browser(app)
            try await browser.signIn("resident@alongside.example")
            try await browser.get("/account")
            try await browser.get("/account/my-data")
            // Three looks of one's own in a row are one line, with how many.
            for _ in 0..<3 { try await browser.get("/account") }
            let page = try await browser.get("/account/who-has-seen-my-record")
            #expect(page.text.contains("(3 times)"))
            #expect(page.text.components(separatedBy: "looked at your own record").count - 1 == 2)
            #expect(page.heading == "Who has seen my record")
            #expect(page.text.contains("looked at who has seen your record"))
            #expect(page.text.contains("looked at your own record"))
            #expect(page.text.contains("downloaded all the data held about you"))
            #expect(page.text.contains("My account page"))
            #expect(page.text.contains("<td>You</td>"))
        }
    }

    @Test func myDataDownloadHoldsMyRecordAndTheAccessHistory() async throws {
        try await withAlongside(demo: true) { app in
            let browser = Browser(app)
            try await browser.signIn("resident@alongside.example")
            let download = try await browser.get("/account/my-data")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: download.body)) as! [String: Any]
            let person = json["person"] as! [String: Any]
            #expect(person["postcode"] as? String != nil)
            #expect((json["account"] as! [String: Any])["email"] as? String == "resident@alongside.example")
            #expect((json["access_history"] as! [Any]).count >= 1)
            // Also offered as FHIR: a Bundle of their own resources, from the page (the FHIR API takes only tokens).
            let me = try #require(try await Accounts().account(email: try EmailAddress("resident@alongside.example"), on: app.db)).$person.id
            #expect(try await browser.get("/account").text.contains("href=\"\(SiteURL.myDataFHIR.path)\""))
            let bundle = try await browser.get(SiteURL.myDataFHIR.path)
            #expect(bundle.text.contains("\"id\":\"\(me.uuidString.lowercased())\""))
            #expect(bundle.status == .ok && bundle.text.contains("\"resourceType\":\"Bundle\""), "\(bundle.status) \(bundle.text.prefix(500))")
        }
    }

    @Test func signedOutPeopleAreSentToSignInFirst() async throws {
        try await withAlongside { app in
            for path in ["/account", "/account/who-has-seen-my-record", "/account/my-data", "/account/close"] {
                let response = try await Browser(app).get(path)
                #expect(response.status == .seeOther)
                #expect(response.location == "/sign-in?next=\(path)")
            }
        }
    }

    @Test func closingMyAccountErasesMeStopsSignInAndKeepsTheAuditRows() async throws {
        try await withAlongside(demo: true) { app in
            let browser = Browser(app)
            try await browser.signIn("resident@alongside.example")
            let me = try await Accounts().account(email: try EmailAddress("resident@alongside.example"), on: app.db)!
            let wrong = try await browser.post("/account/close", [("password", "not my password")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Your password is not correct"))
            let closed = try await browser.post("/account/close", [("password", DemoLoader.password)])
            #expect(closed.location == "/?done=account-closed")
            let again = try await Browser(app).post("/sign-in", [("email", "resident@alongside.example"), ("password", DemoLoader.password)])
            #expect(again.status == .unprocessableEntity)
            let person = try await PersonRecord.find(me.$person.id, on: app.db)!
            #expect(person.fullName == "Closed account" && person.postcode == nil && person.birthDate == nil)
            let events = try await AuditLog().events(about: me.$person.id, on: app.db)
            #expect(events.first?.action == .closedAccount)
            #expect(events.count >= 2)
        }
    }

    @Test func administratorsSearchTheAuditLogByPersonAndAction() async throws {
        try await withAlongside(demo: true) { app in
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            try await resident.get("/account/my-data")
            let admin = Browser(app)
            try await admin.signIn("admin@alongside.example")
            let all = try await admin.get("/admin/audit?email=resident%40alongside.example&action=exported_data")
            #expect(all.status == .ok)
            #expect(all.text.contains("<h2>1 entry</h2>"))
            // In the third person, through a page named in words, not its address.
            #expect(all.text.contains("downloaded all the data held about themselves</td><td>Download my data</td>"))
            #expect(!all.text.contains("GET /account/my-data"))
            let bad = try await admin.get("/admin/audit?from=yesterday")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Enter a real date"))
            let unknown = try await admin.get("/admin/audit?email=nobody%40example.org")
            #expect(unknown.text.contains("No account uses this email address"))
        }
    }
}
