import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite struct RegistrationTests {
    let good: [(String, String)] = [("given_name", "Jo"), ("family_name", "Bloggs"), ("email", "jo@example.org"),
                                    ("postcode", "la1 1aa"), ("password", "heron quay lantern")]

    func replacing(_ field: String, with value: String) -> [(String, String)] {
        good.map { $0.0 == field ? ($0.0, value) : $0 }
    }

    @Test func aResidentRegistersWithALancasterPostcodeConfirmsByEmailAndIsSignedIn() async throws {
        try await withAlongside(geography: true) { app in
            let browser = Browser(app)
            let sent = try await browser.post("/register", good)
            #expect(sent.status == .seeOther && sent.location == "/register/check-your-email")
            #expect(try await browser.get(sent.location!).heading == "Check your email")
            // Nothing exists until the link is used.
            #expect(try await AccountRecord.query(on: app.db).count() == 0)
            #expect(try await PersonRecord.query(on: app.db).count() == 0)
            let mail = try #require(try await OutboxMessageRecord.query(on: app.db).filter(\.$recipient == "jo@example.org").first())
            #expect(mail.subject == "Finish creating your Alongside account")
            let token = String(try #require(mail.body.firstMatch(of: /register\/confirm\?token=([A-Za-z0-9_\-]+)/)?.1))
            #expect(mail.body.contains("http://127.0.0.1:8080/register/confirm?token="))

            // Opening the link (as a mail scanner might) changes nothing; the button makes the account.
            let page = try await browser.get(SiteURL.registerConfirm.with([("token", token)]))
            #expect(page.status == .ok && page.text.contains("Create my account"))
            #expect(try await AccountRecord.query(on: app.db).count() == 0)
            let response = try await browser.post(SiteURL.registerConfirm.path, [("token", token)])
            #expect(response.status == .seeOther)
            #expect(response.location == "/account?done=registered")
            let account = try await browser.get(response.location!)
            #expect(account.heading == "My account")
            #expect(account.text.contains("Your account has been created"))
            #expect(account.text.contains("LA1 1AA"))
            #expect(account.text.contains("Signed in as Jo Bloggs"))
            #expect(try await PendingRegistrationRecord.query(on: app.db).count() == 0)

            // The link works once.
            let again = try await Browser(app).post(SiteURL.registerConfirm.path, [("token", token)])
            #expect(again.status == .gone && again.text.contains("already been used or has expired"))
            #expect(try await AccountRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func aLinkThatIsWrongOrOlderThanADayMakesNothing() async throws {
        try await withAlongside(geography: true) { app in
            #expect(try await Browser(app).get(SiteURL.registerConfirm.with([("token", "not-a-token")])).status == .gone)
            #expect(try await Browser(app).post(SiteURL.registerConfirm.path, []).status == .gone)
            let browser = Browser(app)
            _ = try await browser.post("/register", good)
            let mail = try #require(try await OutboxMessageRecord.query(on: app.db).filter(\.$recipient == "jo@example.org").first())
            let token = String(try #require(mail.body.firstMatch(of: /token=([A-Za-z0-9_\-]+)/)?.1))
            let pending = try #require(try await PendingRegistrationRecord.query(on: app.db).first())
            pending.expiresAt = Date().addingTimeInterval(-1)
            try await pending.save(on: app.db)
            #expect(try await browser.post(SiteURL.registerConfirm.path, [("token", token)]).status == .gone)
            #expect(try await AccountRecord.query(on: app.db).count() == 0)
            // The next registration clears what has expired: a password hash is not kept for nothing.
            _ = try await Browser(app).post("/register", replacing("email", with: "someone.else@example.org"))
            #expect(try await PendingRegistrationRecord.query(on: app.db).all().map(\.email) == ["someone.else@example.org"])
        }
    }

    @Test func anEmptyFormNamesEveryMissingFieldInTheErrorSummary() async throws {
        try await withAlongside(geography: true) { app in
            let response = try await Browser(app).post("/register", [])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("<title>Error: Create an account"))
            for (field, message) in [("given_name", "Enter your first name"), ("family_name", "Enter your last name"),
                                     ("email", "Enter an email address"), ("postcode", "Enter a postcode"),
                                     ("password", "Enter a password")] {
                #expect(response.text.contains("<a href=\"#\(field)\">\(message)</a>"), "summary links to \(field)")
                #expect(response.text.contains("id=\"\(field)-error\""), "\(field) shows its own error")
            }
            #expect(try await AccountRecord.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: [
        ("postcode", "ZZ9 9ZZ", "We do not know the postcode ZZ9 9ZZ"),
        ("postcode", "not a postcode", "Enter a full UK postcode"),
        ("password", "password123", "too common"),
        ("password", "short", "at least 10 characters"),
        ("email", "jo@nowhere", "correct format"),
        ("given_name", String(repeating: "x", count: 101), "100 characters or fewer"),
    ])
    func badInputGetsAClearMessageAndNothingIsSaved(_ bad: (String, String, String)) async throws {
        try await withAlongside(geography: true) { app in
            let response = try await Browser(app).post("/register", replacing(bad.0, with: bad.1))
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains(bad.2))
            #expect(response.text.contains("href=\"#\(bad.0)\""))
            #expect(try await PersonRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func registeringAnAddressThatHasAnAccountLooksTheSameAndTellsOnlyItsOwner() async throws {
        try await withAlongside(geography: true) { app in
            try await Browser(app).register(good)
            let first = try await Browser(app).post("/register", replacing("email", with: "JO@example.org"))
            let fresh = try await Browser(app).post("/register", replacing("email", with: "nobody@example.org"))
            // Whoever fills in the form learns nothing: the same answer for a taken address and a free one.
            #expect(first.status == fresh.status && first.location == fresh.location)
            #expect(first.location == SiteURL.registerSent.path)
            #expect(try await AccountRecord.query(on: app.db).count() == 1)
            // The owner is told, with the way in; no second account waits on a link.
            let mail = try await OutboxMessageRecord.query(on: app.db).filter(\.$recipient == "jo@example.org").sort(\.$createdAt).all()
            #expect(mail.map(\.subject) == ["Finish creating your Alongside account", "You already have an Alongside account"])
            #expect(mail.last!.body.contains("/forgot-password") && !mail.last!.body.contains("token="))
            #expect(try await PendingRegistrationRecord.query(on: app.db).all().map(\.email) == ["nobody@example.org"])
        }
    }
}
