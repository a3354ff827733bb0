import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Unmet need: what people said matters (the needs on their referrals and their plans' goals) against what the directory offers
/// within reach of their postcode, by ward — a page, CSV and `/api/v1/insight/unmet-need`, suppressed, audited.
struct UnmetNeedController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(InsightURL.unmetNeed.pathComponents, use: page)
        routes.get(InsightURL.unmetNeedCSV.pathComponents) { try await csv($0, channel: "web") }
        routes.get(InsightURL.apiUnmetNeed.pathComponents, use: json)
        routes.get(InsightURL.apiUnmetNeedCSV.pathComponents) { try await csv($0, channel: "api") }
    }

    /// A gap as shown: nil figures when there are too few people to show.
    struct Row {
        let gap: UnmetNeed.Gap
        let wardName: String
        let figures: [InsightValue]?
    }

    /// The gaps by ward, and by need for the whole area.
    /// `detail` is the audit's wording for the view, when a page shows more than these figures.
    static func rows(_ request: Request, _ asked: InsightController.Asked, channel: String,
                     detail: String? = nil) async throws -> (byWard: [Row], byNeed: [Row]) {
        let me = try request.requireSignedIn()
        let scope = try await InsightController.scope(request)
        let query = InsightController.query(asked, scope: scope)
        let (people, services) = try await Insight().unmetNeed(query, lowCostUpTo: asked.lowCost, on: request.db)
        let names = Dictionary(uniqueKeysWithValues: asked.wards.map { ($0.code, $0.name) })
        func row(_ gap: UnmetNeed.Gap) throws -> Row {
            let figures: [InsightValue]? = scope.exact
                ? [.count(gap.people), .count(gap.nothingNear), .count(gap.turnedAway), .count(gap.onlyFull)]
                : try gap.shown().map { [$0.people, $0.nothingNear, $0.turnedAway, $0.onlyFull] }
            return Row(gap: gap, wardName: gap.ward == "all" ? "The whole area" : names[gap.ward] ?? "Ward not known", figures: figures)
        }
        let gaps = UnmetNeed.gaps(people, services: services)
        func ordered(_ rows: [Row]) -> [Row] {
            UnmetNeed.orderedAsShown(rows, figures: \.figures, names: { ($0.gap.need.title, $0.wardName) })
        }
        let rows = (byWard: ordered(try gaps.map(row)), byNeed: ordered(try UnmetNeed.byNeed(gaps).map(row)))
        try await AuditLog().record(AuditEntry(actor: me.personID, subject: nil, action: .viewedInsight, channel: channel,
                                               detail: (detail.map { $0 + ", " } ?? "")
                                                   + "unmet need, \(asked.period.fromText) to \(asked.period.toText), \(InsightController.auditArea(asked, scope))"
                                                   + (asked.lowCost > 0 ? ", counting up to \(Money.pounds(asked.lowCost)) a session" : "")),
                                    at: request.now, on: request.db)
        return rows
    }

    /// A gap as a budget round starts from it: a title, a description with the gap's figures as the page shows them,
    /// and the area (its ward, or the whole place). Nil when the gap is too few to show.
    static func gap(_ request: Request, need: Need) async throws -> (title: String, description: String, area: String)? {
        let asked = try await InsightController.asked(request)
        let rows = try await Self.rows(request, asked, channel: "web")
        let ward = asked.ward
        guard let row = (ward == nil ? rows.byNeed : rows.byWard).first(where: { $0.gap.need == need && (ward == nil || $0.gap.ward == ward) }),
              let figures = row.figures else { return nil }
        let place = ward == nil ? asked.areaName : row.wardName
        let description = """
            From the unmet need figures, \(asked.period.fromText) to \(asked.period.toText): \(figures[0]) people referred in \(place) needed help with             "\(need.title.lowercased())"; \(figures[1]) had no service for it within 3 km of home that is \(UnmetNeed.affordablePhrase(lowCostUpTo: asked.lowCost)), \(figures[3]) had only full ones, and \(figures[2]) were turned away by a service with no space.             (Counts from 1 to 7 are shown as *, others rounded to the nearest 5.)
            """
        return ("\(need.title) in \(place)", description, ward ?? ProposalDraft.wholePlace)
    }

    /// What the map shows: one need's figures by ward over the whole place.
    struct MapView {
        let need: Need
        let points: [(postcode: String, coordinate: Coordinate, ward: String)]
        /// "Nothing within reach" as shown, nil when too few to show; wards missing had no one with the need.
        let figures: [String: InsightValue?]
        /// Needs with a figure to show, to map instead.
        let others: [Need]
    }

    /// The map for the whole place: the need asked for (`map`), or the largest gap as shown that a ward has a figure for.
    static func map(_ request: Request, _ asked: InsightController.Asked, rows: (byWard: [Row], byNeed: [Row])) async throws -> MapView? {
        let typed = (request.query[String.self, at: "map"] ?? "").trimmingCharacters(in: .whitespaces)
        let shown = rows.byNeed.filter { $0.figures != nil }.map(\.gap.need)
        // The largest gap that some ward has a figure for, so the first map drawn has something on it.
        let mappable = shown.filter { need in rows.byWard.contains { $0.gap.need == need && $0.figures != nil && $0.gap.ward != "unknown" } }
        var need = mappable.first ?? shown.first
        if !typed.isEmpty {
            guard let chosen = Need(rawValue: typed) else {
                throw FieldError("map", "Choose a need to map: \"\(typed)\" is not one of " + Need.allCases.map(\.rawValue).joined(separator: ", "))
            }
            need = chosen
        }
        guard asked.ward == nil, let need else { return nil }
        var figures: [String: InsightValue?] = [:]
        for row in rows.byWard where row.gap.need == need && row.gap.ward != "unknown" {
            // Kept even when too few to show (a nil figure), which is not the same as no one with the need.
            figures.updateValue(row.figures.map { $0[1] }, forKey: row.gap.ward)
        }
        let points = try await Geography().wardPoints(south: -90, west: -180, north: 90, east: 180, on: request.db)
        return MapView(need: need, points: points, figures: figures, others: shown.filter { $0 != need })
    }

    func page(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let scope = try await InsightController.scope(request)
        var context = PageContext(request, title: "Unmet need")
        context.breadcrumbs = [NavigationLink(title: "Insight", path: InsightURL.dashboards.path)]
        do {
            let asked = try await InsightController.asked(request)
            let rows = try await Self.rows(request, asked, channel: "web")
            let map = try await Self.map(request, asked, rows: rows)
            return try UnmetNeedPages.page(rows.byWard, byNeed: rows.byNeed, scope, asked: asked, form: [:], errors: [], context,
                                           canOpenRound: request.alongside.policy.allows(.runBudgetRound, for: request.actor), map: map).response()
        } catch let error as FieldError {
            context.hasErrors = true
            let form = ["from": request.query["from"] ?? "", "to": request.query["to"] ?? "", "area": request.query["area"] ?? "",
                        "low_cost": request.query["low_cost"] ?? ""]
            return try UnmetNeedPages.page(nil, byNeed: [], scope, asked: nil, form: form, errors: [error], context,
                                           areas: try await InsightController.areas(request)).response(status: .badRequest)
        }
    }

    struct GapDTO: Encodable {
        let need: String
        let need_name: String
        let ward: String
        let ward_name: String
        let too_few: Bool
        let people: InsightDTO.ShownValue?
        let nothing_near: InsightDTO.ShownValue?
        let turned_away: InsightDTO.ShownValue?
        let only_full: InsightDTO.ShownValue?
    }

    struct UnmetNeedDTO: Encodable {
        let dashboard = "unmet-need"
        let scope: String
        let from: String
        let to: String
        let area: String?
        let reach_metres: Int
        /// The most a session may cost, in pence, to count as within reach (0: free only).
        let low_cost: Int
        let gaps: [GapDTO]
    }

    func json(_ request: Request) async throws -> Response {
        let asked = try await InsightController.checked(request)
        let rows = try await Self.rows(request, asked, channel: "api")
        let gaps = rows.byWard.map { row in
            GapDTO(need: row.gap.need.rawValue, need_name: row.gap.need.title, ward: row.gap.ward, ward_name: row.wardName, too_few: row.figures == nil,
                   people: row.figures.map { .init($0[0]) }, nothing_near: row.figures.map { .init($0[1]) }, turned_away: row.figures.map { .init($0[2]) },
                   only_full: row.figures.map { .init($0[3]) })
        }
        let scope = try await InsightController.scope(request)
        return try ReferralsAPIController.json(UnmetNeedDTO(scope: scope.name, from: asked.period.fromText,
                                                            to: asked.period.toText, area: asked.ward ?? asked.pcn, reach_metres: Int(UnmetNeed.reachMetres), low_cost: asked.lowCost, gaps: gaps),
                                               status: .ok)
    }

    func csv(_ request: Request, channel: String) async throws -> Response {
        let asked = try await InsightController.checked(request)
        let rows = try await Self.rows(request, asked, channel: channel)
        return InsightController.csvResponse(UnmetNeedPages.csv(rows.byWard), name: "unmet-need-\(asked.period.fromText)-to-\(asked.period.toText)")
    }
}
