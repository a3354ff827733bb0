import AlongsideCore
import Foundation
import Testing

@Suite struct AccountRulesTests {
    @Test(arguments: ["", "short", "123456789"])
    func aPasswordUnderTenCharactersIsRefused(_ password: String) {
        #expect(throws: FieldError.self) { try PasswordRules.check(password) }
    }

    @Test(arguments: ["password123", "Password123", "qwertyuiop", "1234567890", "aaaaaaaaaaaa", "alongside-demo"])
    func aCommonPasswordIsRefusedWithAReason(_ password: String) {
        do {
            try PasswordRules.check(password)
            Issue.record("\(password) was accepted")
        } catch let error as FieldError {
            #expect(error.field == "password")
            #expect(error.message.contains("common") || error.message.contains("at least"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func aLongUncommonPasswordIsAccepted() throws {
        try PasswordRules.check("heron quay lantern")
    }

    @Test func aPasswordOver128CharactersIsRefused() {
        #expect(throws: FieldError("password", "Password must be 128 characters or fewer")) {
            try PasswordRules.check(String(repeating: "ab", count: 65))
        }
    }

    @Test func emailAddressesAreTrimmedAndLowerCased() throws {
        #expect(try EmailAddress("  Jo.Bloggs@Example.ORG ").value == "jo.bloggs@example.org")
    }

    @Test(arguments: ["", "jo", "jo@", "@example.org", "jo@example", "jo bloggs@example.org", "jo@.org"])
    func malformedEmailAddressesAreRefused(_ raw: String) {
        #expect(throws: FieldError.self) { try EmailAddress(raw) }
    }

    @Test func theSignInThrottleStopsTheSixthFailureForAnAccount() {
        let throttle = SignInThrottle()
        #expect(throttle.decide(failuresForAccount: 4, failuresFromAddress: 4).isAllowed)
        #expect(!throttle.decide(failuresForAccount: 5, failuresFromAddress: 5).isAllowed)
        #expect(!throttle.decide(failuresForAccount: 0, failuresFromAddress: 20).isAllowed)
    }

    @Test func aLinkIsUnusableOnceUsedOrExpired() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(TokenLifetimes.problem(expiresAt: now.addingTimeInterval(60), usedAt: nil, now: now, what: "invitation") == nil)
        #expect(TokenLifetimes.problem(expiresAt: now, usedAt: nil, now: now, what: "invitation")!.contains("expired"))
        #expect(TokenLifetimes.problem(expiresAt: now.addingTimeInterval(60), usedAt: now, now: now, what: "invitation")!.contains("already been used"))
    }

    @Test func checksCollectEveryProblemInOneGo() {
        var checks = FieldChecks()
        checks.check { try EmailAddress("") }
        checks.check { try Postcode("nonsense") }
        checks.check { try Text.required("   ", field: "given_name", label: "your first name") }
        #expect(checks.errors.map(\.field) == ["email", "postcode", "given_name"])
        #expect(throws: ValidationFailure.self) { try checks.finish() }
    }
}
