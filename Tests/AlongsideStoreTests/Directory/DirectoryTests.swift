import AlongsideCore
import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import Testing

/// The same tests run on SQLite (FTS5) and PostgreSQL (tsvector), so both engines must find the same services.
@Suite struct DirectoryTests {
    let lancaster = Coordinate(latitude: 54.0466, longitude: -2.8007)
    let morecambe = Coordinate(latitude: 54.0722, longitude: -2.8645)
    let carnforth = Coordinate(latitude: 54.1297, longitude: -2.7668)

    func organisation(on db: any Database) async throws -> OrganisationRecord {
        let org = OrganisationRecord(name: "Lancaster District Trust", description: "Runs groups", postcode: nil, createdAt: testNow)
        try await org.create(on: db)
        return org
    }

    func listing(_ name: String, _ description: String, org: OrganisationRecord, at place: Coordinate, postcode: String = "LA1 1AA",
                 schedule: Schedule, minimumAge: Int? = nil, terms: [String] = []) -> ServiceListing {
        ServiceListing(
            id: UUID(), organisationID: org.id!, organisationName: org.name, name: name, description: description,
            phone: "01524 000000", minimumAge: minimumAge,
            locations: [ListingLocation(id: UUID(), serviceAtLocationID: UUID(), name: "Hall", address: "1 Main Street",
                                        town: "Lancaster", postcode: postcode, coordinate: place, accessibility: [.stepFree])],
            schedules: [schedule], taxonomyTermIDs: terms.compactMap { SocialPrescribingTaxonomy.term(code: $0)?.id },
            lastModified: testNow, lastChecked: testNow)
    }

    func seed(_ db: any Database) async throws -> [ServiceListing] {
        let org = try await organisation(on: db)
        let ten = TimeOfDay(hour: 10, minute: 0), noon = TimeOfDay(hour: 12, minute: 0)
        let services = [
            listing("Prom health walk", "A gentle walk along the promenade.", org: org, at: morecambe,
                    schedule: .weekly(.tuesday, from: ten, to: noon), terms: ["physical-activity"]),
            listing("Walkers' breakfast club", "Walking then breakfast together.", org: org, at: lancaster,
                    schedule: .weekly(.saturday, from: ten, to: noon), terms: ["physical-activity", "food"]),
            listing("Community choir", "Singing for everyone, no auditions.", org: org, at: lancaster,
                    schedule: .weekly(.tuesday, from: TimeOfDay(hour: 19, minute: 0), to: TimeOfDay(hour: 21, minute: 0)), minimumAge: 16,
                    terms: ["arts-and-creativity"]),
            listing("Carnforth men's shed", "Making and mending, and walks on Fridays.", org: org, at: carnforth,
                    schedule: .weekly(.friday, from: ten, to: noon), minimumAge: 18, terms: ["social-connection"]),
        ]
        for service in services { try await Directory().save(service, on: db) }
        return services
    }

    func names(_ page: DirectoryPage) -> [String] { page.items.map(\.listing.name) }

    @Test func aListingIsSavedAndReadBackWhole() async throws {
        try await withStore { db in
            let services = try await seed(db)
            let read = try #require(try await Directory().listing(id: services[0].id, on: db))
            #expect(read == services[0])
            #expect(read.schedules.first?.phrase == "Tuesdays 10:00–12:00")
        }
    }

    @Test func wordsAreStemmedAndMatchedAsPrefixes() async throws {
        try await withStore { db in
            _ = try await seed(db)
            var query = DirectoryQuery()
            query.text = "walking"
            let walking = try await Directory().search(query, centre: nil, on: db)
            #expect(Set(names(walking)) == ["Prom health walk", "Walkers' breakfast club", "Carnforth men's shed"])
            query.text = "sing"
            #expect(names(try await Directory().search(query, centre: nil, on: db)) == ["Community choir"])
            query.text = "walk breakfast"
            #expect(names(try await Directory().search(query, centre: nil, on: db)) == ["Walkers' breakfast club"])
            query.text = "zumba"
            #expect(try await Directory().search(query, centre: nil, on: db).totalItems == 0)
        }
    }

    @Test func nearAPostcodeFindsOnlyWhatIsWithinTheDistanceNearestFirst() async throws {
        try await withStore { db in
            _ = try await seed(db)
            var query = DirectoryQuery()
            query.postcode = try Postcode("LA1 1AA")
            query.proximity = 6_000
            let near = try await Directory().search(query, centre: lancaster, on: db)
            #expect(names(near) == ["Community choir", "Walkers' breakfast club", "Prom health walk"])
            #expect(near.items.first!.distance! < 100)
        }
    }

    @Test func dayTimeAgeAndCategoryFiltersCombine() async throws {
        try await withStore { db in
            _ = try await seed(db)
            var query = DirectoryQuery()
            query.day = .tuesday
            #expect(Set(names(try await Directory().search(query, centre: nil, on: db))) == ["Prom health walk", "Community choir"])
            query.startTime = TimeOfDay(hour: 10, minute: 30)
            #expect(names(try await Directory().search(query, centre: nil, on: db)) == ["Prom health walk"])
            query = DirectoryQuery()
            query.maximumAge = 12
            #expect(Set(names(try await Directory().search(query, centre: nil, on: db))) == ["Prom health walk", "Walkers' breakfast club"])
            query = DirectoryQuery()
            query.taxonomyTermIDs = [SocialPrescribingTaxonomy.term(code: "physical-activity")!.id]
            query.text = "breakfast"
            #expect(names(try await Directory().search(query, centre: nil, on: db)) == ["Walkers' breakfast club"])
        }
    }

    @Test func resultsArePagedWithTheTotal() async throws {
        try await withStore { db in
            _ = try await seed(db)
            var query = DirectoryQuery()
            query.perPage = 3
            query.page = 2
            let page = try await Directory().search(query, centre: nil, on: db)
            #expect(page.totalItems == 4)
            #expect(page.totalPages == 2)
            #expect(page.items.count == 1)
        }
    }

    @Test func servicesWithTheWordsInTheirNameComeFirst() async throws {
        try await withStore { db in
            _ = try await seed(db)
            var query = DirectoryQuery()
            query.text = "walk"
            query.postcode = try Postcode("LA1 1AA")
            // The men's shed is nearer Carnforth but only mentions walks; the named walks come first, nearest first.
            let found = try await Directory().search(query, centre: carnforth, on: db)
            #expect(names(found) == ["Prom health walk", "Walkers' breakfast club", "Carnforth men's shed"])
        }
    }

    @Test func aServerHoldingTheSearchFactsSeesChangesMadeThroughAnother() async throws {
        try await withStore { db in
            var services = try await seed(db)
            let serverA = DirectorySearchCache(), serverB = DirectorySearchCache()
            var query = DirectoryQuery()
            query.day = .monday
            #expect(try await Directory().search(query, centre: nil, cache: serverA, on: db).totalItems == 0)
            #expect(try await Directory().search(query, centre: nil, cache: serverB, on: db).totalItems == 0)
            services[2].schedules = [.weekly(.monday, from: TimeOfDay(hour: 18, minute: 0), to: TimeOfDay(hour: 20, minute: 0))]
            try await Directory().save(services[2], on: db)
            #expect(names(try await Directory().search(query, centre: nil, cache: serverA, on: db)) == ["Community choir"])
            #expect(names(try await Directory().search(query, centre: nil, cache: serverB, on: db)) == ["Community choir"])

            // Words searched before a change are matched afresh after it.
            var words = DirectoryQuery()
            words.text = "orchestra"
            #expect(try await Directory().search(words, centre: nil, cache: serverA, on: db).totalItems == 0)
            services[2].name = "Community orchestra"
            try await Directory().save(services[2], on: db)
            #expect(names(try await Directory().search(words, centre: nil, cache: serverA, on: db)) == ["Community orchestra"])
        }
    }

    @Test func savingAgainReplacesTheOldWordsAndSchedules() async throws {
        try await withStore { db in
            var services = try await seed(db)
            services[2].name = "Community orchestra"
            services[2].description = "Bring an instrument."
            services[2].schedules = [.weekly(.monday, from: TimeOfDay(hour: 18, minute: 0), to: TimeOfDay(hour: 20, minute: 0))]
            try await Directory().save(services[2], on: db)
            var query = DirectoryQuery()
            query.text = "choir"
            #expect(try await Directory().search(query, centre: nil, on: db).totalItems == 0)
            query.text = "orchestra"
            let found = try await Directory().search(query, centre: nil, on: db)
            #expect(found.items.first?.listing.schedules.map(\.phrase) == ["Mondays 18:00–20:00"])
        }
    }
}

@Suite struct BulkDirectoryTests {
    @Test func manyNewListingsWrittenAtOnceReadBackAndSearchLikeOneAtATime() async throws {
        try await withStore { db in
            let org = OrganisationRecord(name: "Bulk Trust", description: "x", postcode: nil, createdAt: testNow)
            try await org.create(on: db)
            let positions = [("LA1 1AA", Coordinate(latitude: 54.048151, longitude: -2.803827)),
                             ("LA4 4AA", Coordinate(latitude: 54.07, longitude: -2.86))]
            let listings = DemoDirectory.generate(postcodes: positions, organisations: [(org.id!, org.name)], count: 120, now: testNow)
            try await Directory().saveNew(listings, on: db)
            let read = try await Directory().listings(on: db)
            #expect(read.count == 120)
            for listing in listings {
                let back = try #require(read.first { $0.id == listing.id })
                #expect(back.isSame(as: listing))
            }
            var query = DirectoryQuery()
            query.text = "choir"
            let found = try await Directory().search(query, centre: nil, on: db)
            #expect(found.totalItems == listings.filter { $0.name.hasPrefix("Community choir") }.count)

            // The search facts read straight from the tables are what the listings say.
            let facts = try await DirectorySearchCache.facts(ids: nil, on: db)
            #expect(facts.count == 120)
            for listing in listings {
                let fact = try #require(facts[listing.id])
                let expected = SearchableService(key: fact.key, listing: listing, taxonomyIDs: listing.taxonomyTermIDs.isEmpty ? [] : [SocialPrescribingTaxonomy.id])
                #expect(fact == expected)
            }
            #expect(Set(facts.values.map(\.key)).count == 120)
        }
    }
}
