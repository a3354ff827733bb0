import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Testing
import Vapor
import VaporTesting

/// The public forms that email someone cannot be used to fill an inbox or to learn who has an account.
@Suite struct EmailingFormLimitTests {
    let registration: [(String, String)] = [("given_name", "Jo"), ("family_name", "Bloggs"), ("email", "jo@example.org"),
                                            ("postcode", "la1 1aa"), ("password", "heron quay lantern")]

    @Test func oneAddressGetsAtMostThreeResetEmailsAnHourHoweverOftenTheFormIsSent() async throws {
        try await withAlongside(demo: true) { app in
            for _ in 1...6 {
                let known = try await Browser(app).post(SiteURL.forgotPassword.path, [("email", "clinician@alongside.example")])
                let unknown = try await Browser(app).post(SiteURL.forgotPassword.path, [("email", "nobody@example.org")])
                // The same answer every time, for both: nothing says which address has an account, or that the limit was met.
                #expect(known.status == .seeOther && known.location == unknown.location)
            }
            #expect(try await Outbox().messages(to: "clinician@alongside.example", on: app.db).count == 3)
            #expect(try await Outbox().messages(to: "nobody@example.org", on: app.db).isEmpty)
            #expect(try await PasswordResetRecord.query(on: app.db).count() == 3)
        }
    }

    @Test func oneAddressGetsAtMostThreeRegistrationEmailsAnHour() async throws {
        try await withAlongside(geography: true) { app in
            for _ in 1...5 {
                let sent = try await Browser(app).post("/register", registration)
                #expect(sent.location == SiteURL.registerSent.path)
            }
            #expect(try await Outbox().messages(to: "jo@example.org", on: app.db).count == 3)
            #expect(try await PendingRegistrationRecord.query(on: app.db).count() == 3)
        }
    }

    @Test func oneNetworkAddressIsAskedToWaitAfterTwentyInAnHour() async throws {
        try await withAlongside(geography: true) { app in
            for n in 1...20 {
                let sent = try await Browser(app).post("/register", registration.map { $0.0 == "email" ? ($0.0, "person\(n)@example.org") : $0 })
                #expect(sent.status == .seeOther)
            }
            let refused = try await Browser(app).post("/register", registration)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.text.contains("Several requests have come from your network in the last hour"))
            #expect(try await Outbox().messages(to: "jo@example.org", on: app.db).isEmpty)
            let reset = try await Browser(app).post(SiteURL.forgotPassword.path, [("email", "jo@example.org")])
            #expect(reset.status == .seeOther, "each form is counted on its own")
        }
    }
}
