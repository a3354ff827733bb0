import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct ORUKExchangeTests {
    func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/oruk")!.path
    }

    @Test func theUKProfileExampleImportsExportsAndImportsAgainWithoutChange() async throws {
        try await withAlongside(geography: true) { app in
            let first = try await ORUKExchange.importJSON(path: fixture("service_full"), skipInvalid: false, now: Date(), on: app.db)
            #expect(first.added == 1)
            #expect(first.rejected.isEmpty)
            #expect(first.notes.contains { $0.reason.contains("100.0, 101.0 is not a position") })
            let again = try await ORUKExchange.importJSON(path: fixture("service_full"), skipInvalid: false, now: Date(), on: app.db)
            #expect(again.unchanged == 1 && again.changed == 0 && again.added == 0)

            let exported = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).json")
            try await ORUKExchange.exportJSON(on: app.db).write(to: exported)
            let roundTrip = try await ORUKExchange.importJSON(path: exported.path, skipInvalid: false, now: Date(), on: app.db)
            #expect(roundTrip.unchanged == 1 && roundTrip.changed == 0 && roundTrip.added == 0)

            let listing = try #require(try await Directory().listing(id: UUID(uuidString: "ac148810-d857-441c-9679-408f346de14b")!, on: app.db))
            #expect(listing.name == "Community Counselling")
            #expect(listing.schedules.first?.byDay == "TH,FR")
            #expect(listing.minimumAge == 12 && listing.maximumAge == 100)
            // Its cost option's amount (£35) is kept in pence, and served back as the same amount.
            #expect(!listing.isFree && listing.costPence == 3_500)
            // What was imported is served, field for field: the example's one contact among them.
            #expect(listing.contacts == [ServiceContact(id: UUID(uuidString: "1e7efce3-639b-4880-940c-b95cd30cdb50")!, name: "Ann Persona",
                                                        title: "Reception Manager")])
            let served = try await app.testing().sendRequest(.GET, "/oruk/services/ac148810-d857-441c-9679-408f346de14b")
            #expect(served.body.string.contains(#""contacts":[{"id":"1e7efce3-639b-4880-940c-b95cd30cdb50","name":"Ann Persona","#))
            #expect(served.body.string.contains(#""title":"Reception Manager""#))
            #expect(served.body.string.contains(#""amount":35,"#), "\(served.body.string)")
        }
    }

    @Test func theTabularExampleImportsAndCSVExportsImportAgainWithoutChange() async throws {
        try await withAlongside(geography: true) { app in
            let folder = Bundle.module.url(forResource: "csv", withExtension: nil, subdirectory: "Fixtures/oruk")!.path
            let first = try await ORUKExchange.importFeed(path: folder, skipInvalid: false, now: Date(), on: app.db)
            #expect(first.added == 1 && first.rejected.isEmpty)
            let listing = try #require(try await Directory().listing(id: UUID(uuidString: "ac148810-d857-441c-9679-408f346de14b")!, on: app.db))
            #expect(listing.name == "Community Counselling")
            #expect(listing.organisationName == "Example Organization Inc.")
            #expect(listing.schedules.first?.byDay == "TH,FR")
            #expect(listing.phone == "+44 1234 234567")
            #expect(listing.costPence == 3_500)
            #expect(first.notes.contains { $0.reason.contains("100.0, 101.0 is not a position") })

            // The JSON example is the same service: importing it over the CSV changes nothing a person would see.
            let json = try await ORUKExchange.importFeed(path: fixture("service_full"), skipInvalid: false, now: Date(), on: app.db)
            #expect(json.added == 0 && json.rejected.isEmpty)

            let out = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            for (name, text) in try await ORUKExchange.exportCSV(on: app.db) {
                try Data(text.utf8).write(to: out.appendingPathComponent(name))
            }
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("schedules.csv").path))
            let again = try await ORUKExchange.importFeed(path: out.path, skipInvalid: false, now: Date(), on: app.db)
            #expect(again.unchanged == 1 && again.changed == 0 && again.added == 0 && again.rejected.isEmpty)
        }
    }

    @Test func theDemoDirectoryExportedAsCSVImportsBackUnchanged() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let count = try await Directory().listings(on: app.db).count
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let files = try await ORUKExchange.exportCSV(on: app.db)
            #expect(Set(files.keys).isSuperset(of: ["services.csv", "organizations.csv", "locations.csv", "service_at_locations.csv",
                                                     "addresses.csv", "schedules.csv", "attributes.csv", "taxonomy_terms.csv"]))
            for (name, text) in files { try Data(text.utf8).write(to: out.appendingPathComponent(name)) }
            let again = try await ORUKExchange.importFeed(path: out.path, skipInvalid: false, now: Date(), on: app.db)
            #expect(again.unchanged == count && again.changed == 0 && again.added == 0 && again.rejected.isEmpty)
        }
    }

    @Test func csvWithQuotedCommasAndNewlinesSurvivesTheTrip() {
        let table = HSDSTabular.Table(columns: ["id", "name", "description"],
                                      rows: [["id": "a", "name": "Knit, natter", "description": "Say \"hello\"\nand stay"]])
        let back = HSDSTabular.table(HSDSTabular.csv(table))
        #expect(back.rows == table.rows)
        #expect(HSDSTabular.tableName(forFile: "service_at_location.csv") == "service_at_locations")
        #expect(HSDSTabular.tableName(forFile: "Taxonomy.csv") == "taxonomies")
        #expect(HSDSTabular.tableName(forFile: "meta_table_descriptions.csv") == nil)
    }

    @Test func aFeedWithABadItemWritesNothingUnlessToldToSkipIt() async throws {
        try await withAlongside { app in
            let feed = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).json")
            try Data("""
                {"contents": [
                  {"id": "11111111-1111-4111-8111-111111111111", "name": "Good group", "status": "Active", "description": "Meets weekly.",
                   "url": "https://example.org", "organization": {"id": "22222222-2222-4222-8222-222222222222", "name": "Good Org", "description": "x"},
                   "schedules": [{"id": "33333333-3333-4333-8333-333333333333", "freq": "weekly", "byday": "TU", "opens_at": "10:00", "closes_at": "11:00"}]},
                  {"id": "not-a-uuid", "name": "Broken", "status": ""}
                ]}
                """.utf8).write(to: feed)
            let refused = try await ORUKExchange.importJSON(path: feed.path, skipInvalid: false, now: Date(), on: app.db)
            #expect(refused.writtenNothing)
            #expect(refused.rejected.first?.line == 2)
            #expect(try await Directory().listings(on: app.db).isEmpty)
            let skipped = try await ORUKExchange.importJSON(path: feed.path, skipInvalid: true, now: Date(), on: app.db)
            #expect(skipped.added == 1)
            #expect(skipped.notes.contains { $0.reason.contains(#"status "Active" read as "active""#) })
            #expect(skipped.notes.contains { $0.reason.contains(#"freq "weekly" read as WEEKLY"#) })
        }
    }
}
