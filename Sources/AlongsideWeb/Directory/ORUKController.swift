import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The Open Referral UK 3.0 read API under `/oruk`: anonymous, open to any origin, paged, filtered.
struct ORUKController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let oruk = routes.grouped("oruk")
        oruk.get(use: root)
        oruk.get("openapi.json") { _ in ORUKOpenAPI.response() }
        oruk.get("services", use: services)
        oruk.get("services", ":id", use: service)
        oruk.get("service_at_locations", use: serviceAtLocations)
        oruk.get("service_at_locations", ":id", use: serviceAtLocation)
        oruk.get("taxonomies", use: taxonomies)
        oruk.get("taxonomies", ":id", use: taxonomy)
        oruk.get("taxonomy_terms", use: taxonomyTerms)
        oruk.get("taxonomy_terms", ":id", use: taxonomyTerm)
        oruk.get("organizations", use: organizations)
        oruk.get("organizations", ":id", use: organization)
    }

    func root(_ request: Request) async throws -> ORUK.Root {
        ORUK.Root(version: "3.0", profile: "https://openreferraluk.org/",
                  openapi_url: request.alongside.configuration.publicURL + "/oruk/openapi.json")
    }

    /// The query from the request's parameters, and the searched postcode's position.
    static func query(_ request: Request) async throws -> (DirectoryQuery, Coordinate?) {
        let parameters = (try? request.query.decode([String: String].self)) ?? [:]
        let query: DirectoryQuery
        do { query = try DirectoryQuery(oruk: parameters) } catch let error as FieldError {
            throw APIError(status: .badRequest, code: "invalid_parameter", message: error.message, field: error.field)
        }
        guard let postcode = query.postcode else { return (query, nil) }
        guard let place = try await request.alongside.geography.place(for: postcode, on: request.db) else {
            throw APIError(status: .badRequest, code: "invalid_parameter",
                           message: "postcode \(postcode.value) is not a postcode Alongside knows", field: "postcode")
        }
        return (query, place.coordinate)
    }

    static func flag(_ request: Request, _ name: String) -> Bool {
        ["true", "1", "yes"].contains(((try? request.query.get(String.self, at: name)) ?? "").lowercased())
    }

    static func id(_ request: Request) throws -> UUID {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw APIError(status: .notFound, code: "not_found", message: "There is nothing with this id: ids look like 5b1c0a5e-0000-4000-8000-000000000001.")
        }
        return id
    }

    func services(_ request: Request) async throws -> Response {
        try await request.alongside.directoryResponses.respond(to: request) { try await servicePage(request) }
    }

    func servicePage(_ request: Request) async throws -> ORUK.Page<ORUK.Service> {
        let (query, centre) = try await Self.query(request)
        let page = try await Directory().search(query, centre: centre, cache: request.alongside.directorySearch, on: request.db)
        let full = Self.flag(request, "full") && !Self.flag(request, "minimal")
        let terms = try await Taxonomies().termsByID(on: request.db)
        return ORUK.Page(page.items.map { ORUKMapping.service($0.listing, full: full, terms: terms) }, total: page.totalItems,
                         page: query.page, perPage: query.perPage)
    }

    func service(_ request: Request) async throws -> ORUK.Service {
        guard let listing = try await Directory().listing(id: try Self.id(request), on: request.db) else {
            throw APIError.notFound("There is no service with this id.")
        }
        return ORUKMapping.service(listing, full: true, terms: try await Taxonomies().termsByID(on: request.db))
    }

    func serviceAtLocations(_ request: Request) async throws -> Response {
        try await request.alongside.directoryResponses.respond(to: request) { try await serviceAtLocationPage(request) }
    }

    func serviceAtLocationPage(_ request: Request) async throws -> ORUK.Page<ORUK.ServiceAtLocation> {
        let (query, centre) = try await Self.query(request)
        let found = try await Directory().searchPlaces(query, centre: centre, cache: request.alongside.directorySearch, on: request.db)
        let terms = try await Taxonomies().termsByID(on: request.db)
        let items = found.items.map { listing, location in
            ORUK.ServiceAtLocation(id: location.serviceAtLocationID, service_id: listing.id, location_id: location.id,
                                   location: ORUKMapping.location(location), service: ORUKMapping.service(listing, full: false, terms: terms))
        }
        return ORUK.Page(items, total: found.total, page: query.page, perPage: query.perPage)
    }

    func serviceAtLocation(_ request: Request) async throws -> ORUK.ServiceAtLocation {
        let id = try Self.id(request)
        guard let pairing = try await ServiceAtLocationRecord.find(id, on: request.db),
              let listing = try await Directory().listing(id: pairing.$service.id, on: request.db),
              let location = listing.locations.first(where: { $0.serviceAtLocationID == id })
        else { throw APIError.notFound("There is no service at a location with this id.") }
        return ORUK.ServiceAtLocation(id: id, service_id: listing.id, location_id: location.id,
                                      location: ORUKMapping.location(location),
                                      service: ORUKMapping.service(listing, full: true, terms: try await Taxonomies().termsByID(on: request.db)))
    }

    static func paging(_ request: Request) throws -> (Int, Int) {
        let query = try DirectoryQuery(oruk: ["page": (try? request.query.get(String.self, at: "page")) ?? "",
                                              "per_page": (try? request.query.get(String.self, at: "per_page")) ?? ""])
        return (query.page, query.perPage)
    }

    static func page<T>(_ all: [T], _ request: Request) throws -> ORUK.Page<T> {
        let (page, perPage): (Int, Int)
        do { (page, perPage) = try paging(request) } catch let error as FieldError {
            throw APIError(status: .badRequest, code: "invalid_parameter", message: error.message, field: error.field)
        }
        let start = (page - 1) * perPage
        let items = start < all.count ? Array(all[start..<min(all.count, start + perPage)]) : []
        return ORUK.Page(items, total: all.count, page: page, perPage: perPage)
    }

    func taxonomies(_ request: Request) async throws -> ORUK.Page<ORUK.Taxonomy> {
        try Self.page(try await Taxonomies().taxonomies(on: request.db).map(ORUKMapping.taxonomy), request)
    }

    func taxonomy(_ request: Request) async throws -> ORUK.Taxonomy {
        let id = try Self.id(request)
        guard let taxonomy = try await Taxonomies().taxonomies(on: request.db).first(where: { $0.id == id }) else {
            throw APIError.notFound("There is no taxonomy with this id.")
        }
        return ORUKMapping.taxonomy(taxonomy)
    }

    func taxonomyTerms(_ request: Request) async throws -> ORUK.Page<ORUK.TaxonomyTerm> {
        var taxonomy: UUID?
        if let text = try? request.query.get(String.self, at: "taxonomy_id"), !text.isEmpty {
            guard let id = UUID(uuidString: text) else {
                throw APIError(status: .badRequest, code: "invalid_parameter", message: "taxonomy_id must be an id", field: "taxonomy_id")
            }
            taxonomy = id
        }
        return try Self.page(try await Taxonomies().terms(in: taxonomy, on: request.db).map { ORUKMapping.term($0) }, request)
    }

    func taxonomyTerm(_ request: Request) async throws -> ORUK.TaxonomyTerm {
        let id = try Self.id(request)
        guard let term = try await Taxonomies().term(id: id, on: request.db) else {
            throw APIError.notFound("There is no taxonomy term with this id.")
        }
        let detail = try await Taxonomies().taxonomies(on: request.db).first { $0.id == term.taxonomyID }
        return ORUKMapping.term(term, detail: detail)
    }

    func organizations(_ request: Request) async throws -> ORUK.Page<ORUK.Organization> {
        let organisations = try await request.alongside.accounts.organisations(on: request.db)
        return try Self.page(organisations.map { ORUK.Organization(id: $0.id!, name: $0.name, description: $0.description) }, request)
    }

    func organization(_ request: Request) async throws -> ORUK.Organization {
        guard let org = try await OrganisationRecord.find(try Self.id(request), on: request.db) else {
            throw APIError.notFound("There is no organisation with this id.")
        }
        return ORUK.Organization(id: org.id!, name: org.name, description: org.description)
    }
}

/// `Access-Control-Allow-Origin: *` on every ORUK answer, errors included, so any directory can read it.
struct OpenCORSMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.url.path.hasPrefix("/oruk") {
            response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: "*")
        }
        return response
    }
}
