import AlongsideCore
import AlongsideStore
import Vapor

/// The public directory pages: search, and one service.
struct DirectoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.services.pathComponents, use: search)
        routes.get(SiteURL.service(UUID()).pathComponents, use: service)
    }

    static let fields = ["q", "category", "postcode", "distance", "day", "when", "age", "attending", "language", "free"]

    func search(_ request: Request) async throws -> Response {
        try request.require(.searchDirectory)
        var model = SearchPage.Model()
        for name in Self.fields { model.form[name] = (try? request.query.get(String.self, at: name))?.trimmed ?? "" }
        model.accessibility = Set((try? request.query.get([String].self, at: "access")) ?? [])
        let terms = try await Taxonomies().terms(in: SocialPrescribingTaxonomy.id, on: request.db)
        model.categories = terms.map { ($0.code, $0.name) }
        model.languages = ["English", "Polish", "Urdu", "Arabic", "British Sign Language"]
        model.searched = Self.fields.contains { !(model.form[$0] ?? "").isEmpty } || !model.accessibility.isEmpty
        let context = PageContext(request, title: "Find support near you")
        guard model.searched else {
            model.form["distance"] = "3"
            return SearchPage.render(model, context).response()
        }

        var checks = FieldChecks()
        var query = DirectoryQuery()
        let form = model.form
        query.text = form["q"].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        if let code = form["category"], !code.isEmpty {
            if let term = terms.first(where: { $0.code == code }) { query.taxonomyTermIDs = [term.id] } else { checks.add("category", "Choose a category from the list") }
        }
        var centre: Coordinate?
        if let text = form["postcode"], !text.isEmpty, let postcode = checks.check({ try Postcode(text) }) {
            if let place = try await request.alongside.geography.place(for: postcode, on: request.db) {
                centre = place.coordinate
                query.postcode = postcode
                if let miles = Double(form["distance"] ?? ""), [1, 3, 5, 10].contains(miles) { query.proximity = miles * 1609.344 }
            } else {
                checks.add("postcode", "We do not know the postcode \(postcode.value). Check it, or try a postcode nearby.")
            }
        }
        query.day = form["day"].flatMap(Weekday.init(parsing:))
        query.partOfDay = form["when"].flatMap(PartOfDay.init(rawValue:))
        if let text = form["age"], !text.isEmpty {
            if let age = Int(text), (0...130).contains(age) {
                query.minimumAge = age
                query.maximumAge = age
            } else {
                checks.add("age", "Enter an age as a whole number, like 67")
            }
        }
        query.attending = form["attending"].flatMap(AttendingMode.init(rawValue:))
        query.language = form["language"].flatMap { $0.isEmpty ? nil : $0 }
        query.freeOnly = form["free"] == "1"
        query.accessibility = model.accessibility.compactMap(AccessibilityFeature.init(rawValue:))
        query.perPage = 20
        query.page = max(1, min(10_000, Int((try? request.query.get(String.self, at: "page")) ?? "") ?? 1))
        model.errors = checks.errors
        guard checks.errors.isEmpty else { return SearchPage.render(model, context).response(status: .unprocessableEntity) }

        let page = try await Directory().search(query, centre: centre, cache: request.alongside.directorySearch, on: request.db)
        let now = request.now
        let offset = (query.page - 1) * query.perPage
        // Each result links back to this very search, so the service page's way back returns here.
        let searchAddress = Self.searchQuery(request.url.query ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics)
            .map { $0.isEmpty ? "" : "?search=" + $0 } ?? ""
        model.total = page.totalItems
        model.results = page.items.enumerated().map { index, item in
            let listing = item.listing
            return SearchPage.Result(
                number: offset + index + 1, path: SiteURL.service(listing.id).path + searchAddress, name: listing.name,
                organisation: listing.organisationName, distance: item.distance.map(ResultsMap.miles),
                when: listing.schedules.map(\.phrase), cost: listing.costPhrase, capacity: listing.capacity.phrase,
                mayBeOutOfDate: listing.isStale(now: now))
        }
        if let centre, let postcode = query.postcode {
            let markers = zip(model.results, page.items).compactMap { result, item in
                item.listing.nearest(to: centre).map { ResultsMap.Marker(number: result.number, label: result.name, coordinate: $0.0.coordinate) }
            }
            let radius = query.proximity ?? .infinity
            model.map = ResultsMap.render(centre: centre, centreLabel: postcode.value, radius: radius, markers: markers,
                                          wards: try await Self.wards(around: centre, span: ResultsMap.span(centre: centre, radius: radius, markers: markers), request))
        }
        let base = request.url.query.map { q in q.split(separator: "&").filter { !$0.hasPrefix("page=") }.joined(separator: "&") } ?? ""
        if query.page > 1 { model.previousPage = SiteURL.services.path + "?" + base + "&page=\(query.page - 1)" }
        if query.page < page.totalPages { model.nextPage = SiteURL.services.path + "?" + base + "&page=\(query.page + 1)" }
        model.pageText = page.totalItems == 0 ? "" : "Page \(query.page) of \(page.totalPages)"
        if page.totalItems == 0 { model.suggestions = suggestions(form, base) }
        model.chosen = Self.chosen(form, access: query.accessibility, terms: terms.map { ($0.code, $0.name) }, base: base,
                                   known: centre != nil)
        return SearchPage.render(model, context).response()
    }

    /// What the search asked for, each with the same search without it: "walking", "Tuesdays", "free",
    /// "within 3 miles of LA4 4AA".
    static func chosen(_ form: [String: String], access: [AccessibilityFeature], terms: [(String, String)], base: String,
                       known: Bool) -> [NavigationLink] {
        let parts = base.split(separator: "&").map(String.init)
        func without(_ drop: (String) -> Bool) -> String { SiteURL.services.path + "?" + parts.filter { !drop($0) }.joined(separator: "&") }
        func named(_ name: String) -> (String) -> Bool { { $0.hasPrefix(name + "=") } }
        var out: [NavigationLink] = []
        if let q = form["q"], !q.isEmpty { out.append(.init(title: "\u{201C}\(q)\u{201D}", path: without(named("q")))) }
        if let code = form["category"], let name = terms.first(where: { $0.0 == code })?.1 { out.append(.init(title: name, path: without(named("category")))) }
        if let day = form["day"].flatMap(Weekday.init(parsing:)) { out.append(.init(title: day.name + "s", path: without(named("day")))) }
        if let part = form["when"].flatMap(PartOfDay.init(rawValue:)) { out.append(.init(title: part.title, path: without(named("when")))) }
        if let age = form["age"], !age.isEmpty { out.append(.init(title: "age \(age)", path: without(named("age")))) }
        if let mode = form["attending"].flatMap(AttendingMode.init(rawValue:)) { out.append(.init(title: mode.title, path: without(named("attending")))) }
        if let language = form["language"], !language.isEmpty { out.append(.init(title: language, path: without(named("language")))) }
        for feature in access {
            out.append(.init(title: feature.title, path: without { $0 == "access%5B%5D=\(feature.rawValue)" || $0 == "access[]=\(feature.rawValue)" }))
        }
        if form["free"] == "1" { out.append(.init(title: "free", path: without(named("free")))) }
        if known, let postcode = form["postcode"], !postcode.isEmpty {
            let distance = form["distance"].flatMap { $0.isEmpty ? nil : $0 }
            out.append(.init(title: distance.map { "within \($0) \($0 == "1" ? "mile" : "miles") of \(postcode.uppercased())" } ?? "nearest to \(postcode.uppercased())",
                             path: without { named("postcode")($0) || named("distance")($0) }))
        }
        return out
    }

    /// Ways to widen a search that found nothing: a larger distance, or one filter fewer.
    private func suggestions(_ form: [String: String], _ base: String) -> [NavigationLink] {
        var links: [NavigationLink] = []
        func without(_ names: [String], setting: (String, String)? = nil) -> String {
            var parts = base.split(separator: "&").map(String.init).filter { part in !names.contains { part.hasPrefix($0 + "=") } }
            if let setting { parts.append("\(setting.0)=\(setting.1)") }
            return SiteURL.services.path + "?" + parts.joined(separator: "&")
        }
        if let distance = form["distance"], ["1", "3", "5"].contains(distance) {
            links.append(NavigationLink(title: "Look further away, within 10 miles", path: without(["distance"], setting: ("distance", "10"))))
        }
        let filters: [(String, String)] = [("category", "category"), ("day", "day"), ("when", "time of day"), ("age", "age"),
                                           ("free", "free only"), ("attending", "how you attend"), ("language", "language"), ("q", "words")]
        for (name, title) in filters where !(form[name] ?? "").isEmpty {
            links.append(NavigationLink(title: "Search again without the \(title)", path: without([name])))
        }
        return links
    }

    /// The postcodes and their wards around a map's centre, for drawing the wards.
    static func wards(around centre: Coordinate, span: Double, _ request: Request) async throws -> [ResultsMap.WardPoint] {
        let box = ResultsMap.bounds(centre: centre, span: span)
        return try await Geography().wardPoints(south: box.south, west: box.west, north: box.north, east: box.east, on: request.db)
    }

    /// A search's own fields, re-encoded from a query string (anything else dropped), as `q=walk&day=tuesday`.
    static func searchQuery(_ raw: String) -> String {
        var parsed = URLComponents()
        parsed.percentEncodedQuery = raw
        let kept = (parsed.queryItems ?? []).filter { item in (fields + ["access[]", "page"]).contains(item.name) && !(item.value ?? "").isEmpty }
        var out = URLComponents()
        out.queryItems = kept.map { URLQueryItem(name: $0.name, value: String(($0.value ?? "").prefix(200))) }
        return out.percentEncodedQuery ?? ""
    }

    func service(_ request: Request) async throws -> Response {
        try request.require(.readService)
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text),
              let listing = try await Directory().listing(id: id, on: request.db)
        else { throw Abort(.notFound, reason: "There is no service at this address. It may have been removed.") }
        // Back to the search the person came from, rebuilt from its own fields only.
        let search = Self.searchQuery((try? request.query.get(String.self, at: "search")) ?? "")
        let back = search.isEmpty ? NavigationLink(title: "Find support", path: SiteURL.services.path)
            : NavigationLink(title: "Your search", path: SiteURL.services.path + "?" + search)
        let context = PageContext(request, title: listing.name, breadcrumbs: [back])
        var model = ServicePage.Model(listing: listing, now: request.now)
        model.cameFrom = try await CommunityResults().funding(ofService: listing.id, on: request.db)
        for location in listing.locations {
            let marker = ResultsMap.Marker(number: 1, label: location.name, coordinate: location.coordinate)
            model.wards[location.id] = try await Self.wards(around: location.coordinate,
                                                            span: ResultsMap.span(centre: location.coordinate, radius: .infinity, markers: [marker]), request)
        }
        if let me = request.signedIn, me.actor.has(.resident) {
            model.addToPlanOf = me.personID
            model.inPlan = try await Plans().plan(of: me.personID, on: request.db).plan.services.contains(listing.id)
        }
        return ServicePage.render(model, context).response()
    }
}
