import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Testing
import Vapor
import VaporTesting

@Suite struct SignInTests {
    @Test func inDemoModeTheSignInPageListsOneAccountPerRole() async throws {
        try await withAlongside(demo: true) { app in
            let page = try await Browser(app).get("/sign-in")
            for role in Role.allCases { #expect(page.text.contains(DemoLoader.email(for: role))) }
            #expect(page.text.contains("alongside-demo"))
        }
    }

    @Test func withoutDemoModeNoDemoAccountIsShownOrExists() async throws {
        try await withAlongside { app in
            let page = try await Browser(app).get("/sign-in")
            #expect(!page.text.contains("alongside.example"))
            let response = try await Browser(app).post("/sign-in", [("email", "admin@alongside.example"), ("password", "alongside-demo")])
            #expect(response.status == .unprocessableEntity)
        }
    }

    @Test func eachDemoRoleSignsInAndSeesOnlyWhatItMayDo() async throws {
        try await withAlongside(demo: true) { app in
            for role in Role.allCases {
                let browser = Browser(app)
                try await browser.signIn(DemoLoader.email(for: role))
                let page = try await browser.get("/account")
                #expect(page.heading == "My account")
                #expect(page.text.contains(">Users</a>") == (role == .administrator), "\(role) sees Users only if admin")
                #expect(page.text.contains(">Audit log</a>") == (role == .administrator))
                let audit = try await browser.get("/admin/audit")
                #expect(audit.status == (role == .administrator ? .ok : .forbidden))
            }
        }
    }

    @Test func aWrongPasswordSaysSoWithoutSayingWhichPartWasWrong() async throws {
        try await withAlongside(demo: true) { app in
            let response = try await Browser(app).post("/sign-in", [("email", "admin@alongside.example"), ("password", "wrong password")])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Enter a correct email address and password"))
            let unknown = try await Browser(app).post("/sign-in", [("email", "nobody@alongside.example"), ("password", "wrong password")])
            #expect(unknown.text.contains("Enter a correct email address and password"))
        }
    }

    @Test func theSixthWrongPasswordForAnAccountIsRefusedEvenIfRight() async throws {
        try await withAlongside(demo: true) { app in
            for _ in 0..<5 {
                try await Browser(app).post("/sign-in", [("email", "clinician@alongside.example"), ("password", "not the password")])
            }
            let response = try await Browser(app).post("/sign-in", [("email", "clinician@alongside.example"), ("password", DemoLoader.password)])
            #expect(response.status == .tooManyRequests)
            #expect(response.text.contains("Too many attempts"))
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        try await withAlongside(demo: true) { app in
            let browser = Browser(app)
            try await browser.signIn("resident@alongside.example")
            let stolenCookie = browser.cookies[SessionMiddleware.cookieName]!
            let out = try await browser.post("/sign-out", [])
            #expect(out.location == "/?done=signed-out")
            let after = try await browser.get("/account")
            #expect(after.status == .seeOther)
            #expect(after.location == "/sign-in?next=/account")
            // The old cookie no longer works anywhere.
            let replay = Browser(app)
            replay.cookies[SessionMiddleware.cookieName] = stolenCookie
            #expect(try await replay.get("/account").status == .seeOther)
        }
    }

    @Test func aTamperedSessionCookieIsTreatedAsSignedOut() async throws {
        try await withAlongside(demo: true) { app in
            let browser = Browser(app)
            try await browser.signIn("resident@alongside.example")
            browser.cookies[SessionMiddleware.cookieName]! += "x"
            let response = try await browser.get("/account")
            #expect(response.status == .seeOther)
            #expect(response.headers[.setCookie].contains { $0.hasPrefix("alongside_session=;") })
            let home = try await browser.get("/")
            #expect(home.status == .ok)
        }
    }

    @Test func aFormWithAMissingOrForgedCSRFTokenGetsA403PageNotA500() async throws {
        try await withAlongside(demo: true) { app in
            let forged = try await Browser(app).post("/sign-in", [("email", "admin@alongside.example"), ("password", "alongside-demo")], csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(forged.heading == "You cannot do this")
            #expect(forged.text.contains("This form has expired or did not come from Alongside"))
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let missing = try await app.testing().sendRequest(.POST, "/register", headers: headers, body: ByteBuffer(string: "email=a"))
            #expect(missing.status == .forbidden)
        }
    }

    @Test func cookiesAreHttpOnlyAndLaxAndSecureWhenThePublicAddressIsHttps() async throws {
        try await withAlongside(demo: true, publicURL: "https://alongside.example.org") { app in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let response = try await browser.post("/sign-in", [("email", "resident@alongside.example"), ("password", DemoLoader.password)])
            let session = try #require(response.headers[.setCookie].first { $0.hasPrefix("alongside_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
            #expect(session.contains("Secure"))
        }
        try await withAlongside(demo: true) { app in
            let response = try await Browser(app).get("/sign-in")
            let csrf = try #require(response.headers[.setCookie].first { $0.hasPrefix("alongside_csrf=") })
            #expect(csrf.contains("HttpOnly") && csrf.contains("SameSite=Lax") && !csrf.contains("Secure"))
        }
    }

    @Test func eachRoleLandsOnItsOwnWorkAfterSigningIn() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let expected: [Role: String] = [
                .linkWorker: SiteURL.referrals.path, .teamLead: SiteURL.team.path, .clinician: SiteURL.newReferral.path,
                .organisationMember: SiteURL.organisationReferrals.path, .administrator: SiteURL.reviews.path,
                .resident: SiteURL.home.path, .commissioner: InsightURL.dashboards.path, .moderator: VoiceURL.moderation.path, .coordinator: TimeBankURL.coordinate.path,
            ]
            for role in Role.allCases {
                let browser = Browser(app)
                try await browser.get("/sign-in")
                let response = try await browser.post("/sign-in", [("email", DemoLoader.email(for: role)), ("password", DemoLoader.password)])
                #expect(response.headers.first(name: .location) == expected[role], "\(role)")
                // Going to the sign-in page once signed in leads to the same place.
                #expect(try await browser.get("/sign-in").headers.first(name: .location) == expected[role], "\(role)")
                // The landing page is theirs to see.
                if let landing = expected[role] { #expect(try await browser.get(landing).status == .ok, "\(role) at \(landing)") }
            }
            // A resident who has been referred lands on "My support".
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            _ = try await resident.post(SiteURL.newReferral.path, [
                ("given_name", "Robin"), ("family_name", "Resident"), ("birth_date", "1990-05-01"), ("postcode", "LA1 1AA"),
                ("phone", "01524 765432"), ("preferred_contact", "phone"), ("needs[]", "inactivity"), ("consented[]", "yes"), ("submission_key", "land-1"),
            ])
            let again = Browser(app)
            try await again.get("/sign-in")
            let response = try await again.post("/sign-in", [("email", "resident@alongside.example"), ("password", DemoLoader.password)])
            #expect(response.headers.first(name: .location) == SiteURL.mySupport.path)
        }
    }

    @Test func signInOnlyFollowsSameSiteNextAddresses() {
        #expect(SignInService.safeNext("/account/my-data", landing: "/") == "/account/my-data")
        #expect(SignInService.safeNext("https://evil.example", landing: "/referrals") == "/referrals")
        #expect(SignInService.safeNext("//evil.example", landing: "/referrals") == "/referrals")
        #expect(SignInService.safeNext(nil, landing: "/referrals") == "/referrals")
        #expect(SignInService.safeNext("/\r\nSet-Cookie: injected=1", landing: "/referrals") == "/referrals")
        #expect(SignInService.safeNext("/\t/evil.example", landing: "/referrals") == "/referrals")
        #expect(SignInService.safeNext("/\\evil.example", landing: "/referrals") == "/referrals")
        #expect(SignInService.safeNext("/%2", landing: "/referrals") == "/referrals")
        #expect(SignInService.safeNext("/caf\u{e9}", landing: "/referrals") == "/referrals")
        #expect(SignInService.safeNext("/referrals/caseload?stage=accepted&page=2", landing: "/") == "/referrals/caseload?stage=accepted&page=2")
    }

    @Test func aNextAddressCannotInjectAHeaderOrLeaveTheSite() async throws {
        try await withAlongside(demo: true) { app in
            for hostile in ["/\r\nSet-Cookie: injected=1", "/\t/evil.example", "/\n/evil.example", "https://evil.example"] {
                let browser = Browser(app)
                let response = try await browser.post("/sign-in", [("email", "resident@alongside.example"),
                                                                   ("password", DemoLoader.password), ("next", hostile)])
                #expect(response.status == .seeOther)
                let location = response.headers.first(name: .location) ?? ""
                #expect(location.hasPrefix("/") && !location.hasPrefix("//"), "\(hostile.debugDescription) led to \(location.debugDescription)")
                #expect(!location.contains("evil") && !location.contains("\t") && !location.contains("\n"))
                #expect(!response.headers[.setCookie].contains { $0.contains("injected") })
            }
        }
    }
}
