import AlongsideCore
@testable import AlongsideWeb
import Testing
import Vapor
import VaporTesting

@Suite struct PageTests {
    @Test func theHomePageSaysWhatAlongsideIsAndWhereEachPersonGoes() async throws {
        try await withAlongside { app in
            let page = try await Browser(app).get("/")
            #expect(page.status == .ok)
            #expect(page.heading == "Alongside: what keeps you well, near you")
            for audience in ["Residents and carers", "Link workers", "GPs, nurses and therapists", "Community organisations"] {
                #expect(page.text.contains(audience))
            }
            // Nothing promised that is not there yet.
            #expect(!page.text.contains("book rooms") && !page.text.contains("Commissioners"))
        }
    }

    @Test func signedInTheHomePageShowsTheThingsEachPersonCameFor() async throws {
        try await withAlongside(demo: true) { app in
            for (email, first, count) in [("link-worker@alongside.example", SiteURL.referrals.path, 2), ("clinician@alongside.example", SiteURL.newReferral.path, 2),
                                          ("organisation@alongside.example", SiteURL.organisationReferrals.path, 2), ("admin@alongside.example", SiteURL.reviews.path, 2),
                                          ("resident@alongside.example", SiteURL.services.path, 3)] {
                let browser = Browser(app)
                try await browser.signIn(email)
                let page = try await browser.get("/").text
                let main = String(page[try #require(page.range(of: "<main"))!.lowerBound...])
                let links = main.components(separatedBy: "<h2><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                #expect(links.first == first && links.count == count, "\(email): \(links)")
            }
        }
    }

    @Test func everyPageHasASkipLinkLandmarksAndOneHeading() async throws {
        try await withAlongside(demo: true) { app in
            let browser = Browser(app)
            var pages = ["/", "/sign-in", "/register", "/forgot-password", "/no-such-page"]
            for path in pages {
                let page = try await browser.get(path)
                #expect(page.text.contains("<a class=\"skip-link\" href=\"#main\">"), "\(path) has a skip link")
                #expect(page.text.contains("<main id=\"main\""), "\(path) has a main landmark")
                #expect(page.text.components(separatedBy: "<h1>").count == 2, "\(path) has one h1")
                #expect(page.text.contains("<html lang=\"en-GB\">"))
            }
            try await browser.signIn("admin@alongside.example")
            pages = ["/account", "/account/who-has-seen-my-record", "/account/password", "/account/close", "/admin/users", "/admin/audit"]
            for path in pages {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.text.components(separatedBy: "<h1>").count == 2, "\(path) has one h1")
                #expect(page.text.contains("Signed in as Sam Airey"))
            }
        }
    }

    @Test func securityHeadersAreOnEveryResponse() async throws {
        try await withAlongside { app in
            for path in ["/", "/no-such-page", "/health", "/api/v1/postcodes/nope"] {
                let response = try await app.testing().sendRequest(.GET, path)
                let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "no-referrer")
                #expect(response.headers.first(name: "Strict-Transport-Security") == nil, "not promised over plain http")
            }
        }
    }

    @Test func aMethodAnAddressDoesNotTakeIsA405NamingThoseItDoes() async throws {
        try await withAlongside { app in
            for (method, path, allow) in [(HTTPMethod.PUT, "/api/v1/me", "GET"), (.TRACE, "/health", "GET"), (.DELETE, "/services", "GET"),
                                          (.GET, "/api/v1/sessions", "POST")] {
                let response = try await app.testing().sendRequest(method, path)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers.first(name: .allow) == allow, "\(method) \(path)")
            }
            // An address that does not exist stays a 404, and a parameter's address is matched by its pattern.
            #expect(try await app.testing().sendRequest(.GET, "/no-such-page").status == .notFound)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/referrals/\(UUID())").headers.first(name: .allow) == "GET")
        }
    }

    @Test func httpsIsPinnedOnlyWhenThePublicAddressIsHttps() async throws {
        try await withAlongside(publicURL: "https://alongside.example") { app in
            for path in ["/", "/no-such-page", "/health"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.headers.first(name: "Strict-Transport-Security") == "max-age=31536000; includeSubDomains", "\(path)")
            }
        }
    }

    @Test func theStylesheetIsCachedForAYearUnderAVersionedAddress() async throws {
        try await withAlongside { app in
            let response = try await app.testing().sendRequest(.GET, Stylesheet.versionedPath)
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .cacheControl)?.contains("max-age=31536000") == true)
            #expect(response.headers.contentType?.subType == "css")
            let home = try await app.testing().sendRequest(.GET, "/")
            #expect(home.body.string.contains(Stylesheet.versionedPath))
            #expect(!home.body.string.contains("<script"))
            #expect(!home.body.string.contains("style=\""))
        }
    }

    @Test func textFromPeopleIsEscapedInPages() {
        let node = el("p") { "<script>alert('x')</script> & \"friends\"" }
        #expect(node.html == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;</p>")
        #expect(el("a", .href("\"><script>")) { "x" }.html == "<a href=\"&quot;&gt;&lt;script&gt;\">x</a>")
    }

    @Test func navigationShowsOnlyWhatThePersonMayDo() {
        let policy = PermissionPolicy()
        let anonymous = PageContext.navigation(for: .anonymous, policy: policy).map(\.title)
        #expect(anonymous == ["Home", "Find support", "Proposals", "Community budgets", "Panels", "Register", "Sign in"])
        let resident = PageContext.navigation(for: Actor(personID: UUID(), roles: [.resident]), policy: policy).map(\.title)
        #expect(resident == ["Home", "Find support", "Proposals", "Community budgets", "Panels", "My account", "Who has seen my record", "My support", "My plan", "How am I doing?", "Caring", "Time bank"])
        let worker = PageContext.navigation(for: Actor(personID: UUID(), roles: [.linkWorker]), policy: policy).map(\.title)
        #expect(worker.contains("Referrals") && !worker.contains("Users"))
        let clinician = PageContext.navigation(for: Actor(personID: UUID(), roles: [.clinician]), policy: policy).map(\.title)
        #expect(clinician.contains("Referrals you made") && !clinician.contains("Referrals"))
        let admin = PageContext.navigation(for: Actor(personID: UUID(), roles: [.administrator]), policy: policy).map(\.title)
        #expect(admin.contains("Users") && admin.contains("Audit log"))
    }
}
