import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite struct CategoriesTests {
    @Test func anAdministratorRenamesACategoryAndServicesAreFoundByTheNewName() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let active = SocialPrescribingTaxonomy.term(code: "physical-activity")!
            let filed = try await Directory().listings(on: app.db).filter { $0.taxonomyTermIDs.contains(active.id) }.count
            #expect(filed > 0)
            let admin = Browser(app)
            try await admin.signIn("admin@alongside.example")
            #expect(try await admin.get(SiteURL.categories.path).text.contains("Physical activity"))
            // The server's own search remembers words; after the rename they find the services filed there.
            var before = DirectoryQuery()
            before.text = "zumbafit movers"
            #expect(try await Directory().search(before, centre: nil, cache: app.alongside.directorySearch, on: app.db).totalItems == 0)
            let saved = try await admin.post(SiteURL.category(active.id).path,
                                             [("name", "Zumbafit movers"), ("description", "Walking, sport and dance.")])
            #expect(saved.location == "/admin/categories?done=category-saved")

            var query = DirectoryQuery()
            query.text = "zumbafit movers"
            query.taxonomyTermIDs = [active.id]
            #expect(try await Directory().search(query, centre: nil, on: app.db).totalItems == filed)
            let term = try await admin.get("/oruk/taxonomy_terms/" + active.id.uuidString.lowercased())
            #expect(term.text.contains("Zumbafit movers"))
            #expect(try await admin.get("/services").text.contains("Zumbafit movers"))
            var cached = DirectoryQuery()
            cached.text = "zumbafit movers"
            #expect(try await Directory().search(cached, centre: nil, cache: app.alongside.directorySearch, on: app.db).totalItems == filed)
        }
    }

    @Test func aNewCategoryNeedsANameNoOtherHasAndOnlyAdministratorsKeepThem() async throws {
        try await withAlongside(demo: true) { app in
            let admin = Browser(app)
            try await admin.signIn("admin@alongside.example")
            let clash = try await admin.post(SiteURL.categories.path, [("name", "housing"), ("description", "")])
            #expect(clash.status == .unprocessableEntity)
            #expect(clash.text.contains("There is already a category called housing"))
            #expect(clash.text.contains("Enter a short description"))
            let added = try await admin.post(SiteURL.categories.path, [("name", "Repair cafés"), ("description", "Fix things together.")])
            #expect(added.status == .seeOther || added.status == .found)
            let terms = try await Taxonomies().terms(in: SocialPrescribingTaxonomy.id, on: app.db)
            #expect(terms.contains { $0.name == "Repair cafés" && $0.code == "repair-cafés" })

            for email in ["organisation@alongside.example", "link-worker@alongside.example", "moderator@alongside.example"] {
                let other = Browser(app)
                try await other.signIn(email)
                #expect(try await other.get(SiteURL.categories.path).status == .forbidden, "\(email)")
                #expect(try await other.post(SiteURL.categories.path, [("name", "Sneaky"), ("description", "x")]).status == .forbidden)
            }
            #expect(try await Taxonomies().terms(on: app.db).contains { $0.name == "Sneaky" } == false)
        }
    }

    @Test func anImportedTaxonomyIsServedBesideOurs() async throws {
        try await withAlongside(geography: true) { app in
            let feed = FileManager.default.temporaryDirectory.appendingPathComponent("taxonomy-\(UUID().uuidString).json")
            try Data("""
                {"id": "11111111-1111-4111-8111-111111111111", "name": "Good group", "status": "active", "description": "Meets weekly.",
                 "url": "https://example.org", "organization": {"id": "22222222-2222-4222-8222-222222222222", "name": "Good Org", "description": "x"},
                 "attributes": [{"id": "44444444-4444-4444-8444-444444444444", "link_id": "11111111-1111-4111-8111-111111111111",
                   "link_type": "service", "taxonomy_term_id": "55555555-5555-4555-8555-555555555555",
                   "taxonomy_term": {"id": "55555555-5555-4555-8555-555555555555", "name": "Befriending", "description": "Visits",
                     "taxonomy_id": "66666666-6666-4666-8666-666666666666",
                     "taxonomy_detail": {"id": "66666666-6666-4666-8666-666666666666", "name": "Council categories", "description": "From the council"}}}]}
                """.utf8).write(to: feed)
            let report = try await ORUKExchange.importFeed(path: feed.path, skipInvalid: false, now: Date(), on: app.db)
            #expect(report.added == 1, "\(report.rejected)")
            let visitor = Browser(app)
            #expect(try await visitor.get("/oruk/taxonomies").text.contains("Council categories"))
            let terms = try await visitor.get("/oruk/taxonomy_terms?taxonomy_id=66666666-6666-4666-8666-666666666666")
            #expect(terms.text.contains("Befriending") && !terms.text.contains("Physical activity"))
            let service = try await visitor.get("/oruk/services/11111111-1111-4111-8111-111111111111")
            #expect(service.text.contains("\"taxonomy_id\":\"66666666-6666-4666-8666-666666666666\""))
        }
    }
}
