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

    @Test func aResidentRegistersWithALancasterPostcodeAndIsSignedIn() async throws {
        try await withAlongside(geography: true) { app in
            let browser = Browser(app)
            let response = try await browser.post("/register", good)
            #expect(response.status == .seeOther)
            #expect(response.location == "/account?done=registered")
            let account = try await browser.get(response.location!)
            #expect(account.heading == "My account")
            #expect(account.text.contains("Your account has been created"))
            #expect(account.text.contains("LA1 1AA"))
            #expect(account.text.contains("Signed in as Jo Bloggs"))
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

    @Test func aSecondRegistrationWithTheSameEmailIsTurnedAwayKindly() async throws {
        try await withAlongside(geography: true) { app in
            try await Browser(app).post("/register", good)
            let response = try await Browser(app).post("/register", replacing("email", with: "JO@example.org"))
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("An account with this email address already exists"))
            #expect(try await AccountRecord.query(on: app.db).count() == 1)
        }
    }
}
