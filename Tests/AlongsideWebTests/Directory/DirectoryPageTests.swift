import AlongsideCore
@testable import AlongsideWeb
import Testing
import Vapor
import VaporTesting

@Suite struct DirectoryPageTests {
    @Test func anyoneSearchesByWordsNearAPostcodeAndSeesAListAndAMap() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let page = try await Browser(app).get("/services?q=walking&postcode=la4+4aa&distance=5")
            #expect(page.status == .ok)
            #expect(page.heading == "Find support near you")
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("Map of"))
            // The wards are drawn around the results, from the postcodes, and the towns in view are named.
            #expect(page.text.contains("Lines mark wards"))
            #expect(page.text.contains(">Morecambe</text>"))
            #expect(page.text.contains("miles away"))
            #expect(!page.text.contains(">0 results<"))
        }
    }

    @Test func anUnknownPostcodeOrBadAgeIsNamedInTheErrorSummary() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let page = try await Browser(app).get("/services?q=choir&postcode=ZZ9+9ZZ&age=old")
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("<a href=\"#postcode\">We do not know the postcode ZZ9 9ZZ"))
            #expect(page.text.contains("<a href=\"#age\">Enter an age as a whole number"))
        }
    }

    @Test func nothingFoundSaysSoAndOffersToWiden() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let page = try await Browser(app).get("/services?q=zumba&postcode=LA1+1AA&distance=1")
            #expect(page.text.contains(">0 results<"))
            #expect(page.text.contains("Look further away, within 10 miles"))
            #expect(page.text.contains("Search again without the words"))
        }
    }

    @Test func aServicePageSaysHowToGoAndWhenItWasChecked() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let list = try await Browser(app).get("/services?q=choir")
            let path = try #require(list.text.range(of: "href=\"/services/").map { range in
                String(list.text[range.upperBound...].prefix(36))
            })
            let page = try await Browser(app).get("/services/\(path)")
            #expect(page.status == .ok)
            for words in ["Who it is for", "How to join", "Cost", "When", "Where", "Contact", "Last checked on"] {
                #expect(page.text.contains(words))
            }
            #expect(try await Browser(app).get("/services/00000000-0000-4000-8000-000000000000").status == .notFound)
        }
    }

    @Test func theSearchKeepsWhatWasChosenInViewWithAWayToRemoveEach() async throws {
        try await withAlongside(demo: true, directory: true, geography: true) { app in
            let page = try await Browser(app).get("/services?q=walk&postcode=LA1+1AA&distance=3&day=tuesday&free=1").text
            #expect(page.contains("For: \u{201C}walk\u{201D} (<a href=\"/services?postcode=LA1+1AA&amp;distance=3&amp;day=tuesday&amp;free=1\">remove"))
            #expect(page.contains("Tuesdays") && page.contains("within 3 miles of LA1 1AA"))
            #expect(page.contains("<details class=\"more-filters\" open>"))
            let plain = try await Browser(app).get("/services?q=walk").text
            #expect(plain.contains("<details class=\"more-filters\">"))
        }
    }

    @Test func aResultLinksToItsServiceAndTheServiceBackToTheSameSearch() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let list = try await Browser(app).get("/services?q=walk&day=tuesday&distance=3&postcode=&page=1").text
            let href = try #require(list.firstMatch(of: /href="(\/services\/[0-9a-f-]{36}\?search=[^"]+)"/)?.1)
            #expect(href.hasSuffix("?search=q%3Dwalk%26day%3Dtuesday%26distance%3D3%26page%3D1"))
            let page = try await Browser(app).get(String(href)).text
            #expect(page.contains("<a href=\"/services?q=walk&amp;day=tuesday&amp;distance=3&amp;page=1\">Your search</a>"))
            // Only the search's own fields come back: nothing else can be slipped into the link.
            let odd = try await Browser(app).get("/services/\(href.dropFirst(10).prefix(36))?search=q%3Dwalk%26next%3D%2F%2Fevil.example").text
            #expect(odd.contains("href=\"/services?q=walk\"") && !odd.contains("evil.example"))
            // Directions as links to map apps, not raw coordinates.
            #expect(page.contains("href=\"geo:") && page.contains("openstreetmap.org/directions") && !page.contains("Latitude "))
        }
    }
}
