import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The place's insight dashboards for commissioners and administrators: pages, JSON and CSV, every count
/// suppressed, every view audited as a read of figures about many people.
struct InsightController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(InsightURL.dashboards.pathComponents, use: dashboards)
        for dashboard in InsightDashboard.allCases {
            routes.get(InsightURL.page(dashboard).pathComponents) { try await page($0, dashboard) }
            routes.get(InsightURL.csv(dashboard).pathComponents) { try await csv($0, dashboard, channel: "web") }
            routes.get(InsightURL.api(dashboard).pathComponents) { try await json($0, dashboard) }
            routes.get(InsightURL.apiCSV(dashboard).pathComponents) { try await csv($0, dashboard, channel: "api") }
        }
    }

    /// What was asked for, checked: each fault names its field.
    struct Asked {
        let period: InsightPeriod
        let ward: String?
        let split: InsightSplit
        let wards: [WardArea]

        var query: [(String, String)] {
            [("from", period.fromText), ("to", period.toText), ("area", ward ?? ""), ("by", split.rawValue)]
        }
    }

    static func asked(_ request: Request) async throws -> Asked {
        let period = try InsightPeriod.parse(from: request.query["from"], to: request.query["to"], today: request.now)
        let wards = try await Geography().wards(on: request.db)
        let area = (request.query[String.self, at: "area"] ?? "").trimmingCharacters(in: .whitespaces)
        guard area.isEmpty || wards.contains(where: { $0.code == area }) else {
            throw FieldError("area", "Choose the whole place or one of its wards: \"\(area)\" is not a ward here")
        }
        let by = (request.query[String.self, at: "by"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let split = by.isEmpty ? .imdQuintile : InsightSplit(rawValue: by) else {
            throw FieldError("by", "Split by one of: " + InsightSplit.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return Asked(period: period, ward: area.isEmpty ? nil : area, split: split, wards: wards)
    }

    /// Whose figures a person sees: the place's, suppressed (commissioners, administrators), or their own
    /// caseload's, exact (link workers); nil for anyone else.
    enum Scope: Equatable {
        case place
        case caseload(UUID)

        var exact: Bool { self != .place }
    }

    static func scope(_ request: Request) throws -> Scope {
        let me = try request.requireSignedIn()
        if request.alongside.policy.allows(.readPlaceInsight, for: request.actor) { return .place }
        try request.require(.readCaseloadInsight)
        return .caseload(me.personID)
    }

    /// The dashboard's table for what was asked, audited.
    static func table(_ request: Request, _ dashboard: InsightDashboard, _ asked: Asked, channel: String) async throws -> InsightTable {
        let me = try request.requireSignedIn()
        let scope = try Self.scope(request)
        var mine: UUID? = nil
        if case .caseload(let worker) = scope { mine = worker }
        let table = try await figures(dashboard, asked, assignedTo: mine, exact: scope.exact, on: request.db)
        let whose = mine == nil ? "" : ", own caseload"
        try await AuditLog().record(AuditEntry(actor: me.personID, subject: nil, action: .viewedInsight, channel: channel,
                                               detail: "\(dashboard.rawValue) by \(asked.split.rawValue), \(asked.period.fromText) to \(asked.period.toText), \(asked.ward ?? "whole place")\(whose)"),
                                    at: request.now, on: request.db)
        return table
    }

    /// A dashboard's table: the place's (suppressed unless `exact`), or one link worker's caseload's.
    static func figures(_ dashboard: InsightDashboard, _ asked: Asked, assignedTo mine: UUID?, exact: Bool, on db: any Database) async throws -> InsightTable {
        let insight = Insight()
        let query = InsightQuery(from: asked.period.from, until: asked.period.until, ward: asked.ward, split: asked.split, assignedTo: mine)
        switch dashboard {
        case .referrals:
            let counts = try await insight.referrals(query, on: db)
            let lsoas = try await insight.lsoasByQuintile(ward: asked.ward, on: db)
            return try InsightTable(split: asked.split, measures: dashboard.measures, counts: counts, exact: exact, placeLSOAs: lsoas)
        case .outcomes:
            return try InsightTable(split: asked.split, measures: dashboard.measures, counts: try await insight.outcomes(query, on: db), exact: exact)
        case .participation:
            return try InsightTable(split: asked.split, measures: dashboard.measures, counts: try await insight.participation(query, on: db), exact: exact)
        case .wellbeing:
            return try InsightTable.wellbeing(split: asked.split, pairs: try await insight.wellbeing(query, on: db), exact: exact)
        case .waiting:
            let waits = try await insight.waits(query, on: db)
            return try InsightTable.waiting(split: asked.split, toContact: waits.toContact, toConnection: waits.toConnection, exact: exact)
        }
    }

    func dashboards(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let scope = try Self.scope(request)
        return try InsightPages.dashboards(scope, PageContext(request, title: "Insight")).response()
    }

    func page(_ request: Request, _ dashboard: InsightDashboard) async throws -> Response {
        _ = try request.requireSignedIn()
        let scope = try Self.scope(request)
        var context = PageContext(request, title: dashboard.title)
        context.breadcrumbs = [NavigationLink(title: "Insight", path: InsightURL.dashboards.path)]
        do {
            let asked = try await Self.asked(request)
            let table = try await Self.table(request, dashboard, asked, channel: "web")
            return try InsightPages.dashboard(dashboard, scope, table, asked: asked, form: [:], errors: [], context).response()
        } catch let error as FieldError {
            context.hasErrors = true
            let form = ["from": request.query["from"] ?? "", "to": request.query["to"] ?? "", "area": request.query["area"] ?? "", "by": request.query["by"] ?? ""]
            return try InsightPages.dashboard(dashboard, scope, nil, asked: nil, form: form, errors: [error], context, wards: try await Geography().wards(on: request.db))
                .response(status: .badRequest)
        }
    }

    func json(_ request: Request, _ dashboard: InsightDashboard) async throws -> Response {
        let asked = try await Self.checked(request)
        let table = try await Self.table(request, dashboard, asked, channel: "api")
        return try ReferralsAPIController.json(InsightDTO(dashboard, table, asked: asked, scope: try Self.scope(request)), status: .ok)
    }

    func csv(_ request: Request, _ dashboard: InsightDashboard, channel: String) async throws -> Response {
        let asked = try await Self.checked(request)
        let table = try await Self.table(request, dashboard, asked, channel: channel)
        return Self.csvResponse(InsightPages.csv(table, shares: dashboard.shares), name: "\(dashboard.rawValue)-by-\(asked.split.rawValue)-\(asked.period.fromText)-to-\(asked.period.toText)")
    }

    /// A CSV download, never cached.
    static func csvResponse(_ text: String, name: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// For the API and downloads: a fault is a 400 naming the field.
    static func checked(_ request: Request) async throws -> Asked {
        _ = try request.requireSignedIn()
        _ = try Self.scope(request)
        do {
            return try await asked(request)
        } catch let error as FieldError {
            throw APIError(status: .badRequest, code: "invalid", message: error.message + ".", field: error.field)
        }
    }
}

/// A dashboard as JSON: a suppressed count is the string "*".
struct InsightDTO: Encodable {
    struct Row: Encodable {
        let group: String
        let name: String
        let values: [String: ShownValue]
        /// Absent for a dashboard without shares.
        let shares: [String: ShownShare]?
    }

    /// A share as a proportion with its 95% interval, "*" when a count it is made from is hidden, or null when
    /// there is no one to take a share of.
    struct ShownShare: Encodable {
        let share: InsightShare
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch share {
            case .share(let p, let interval):
                func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
                try container.encode(["share": rounded(p), "lower": rounded(interval.lower), "upper": rounded(interval.upper)])
            case .hidden: try container.encode("*")
            case .none: try container.encodeNil()
            }
        }
    }

    struct ShownValue: Encodable {
        let value: InsightValue
        init(_ value: InsightValue) { self.value = value }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch value {
            case .count(let n): try container.encode(n)
            case .days(let d): try container.encode(d)
            case .change(let c): try container.encode((c * 100).rounded() / 100)
            case .hidden: try container.encode("*")
            }
        }
    }

    let dashboard: String
    /// "place" (suppressed) or "own_caseload" (exact).
    let scope: String
    let by: String
    let from: String
    let to: String
    let area: String?
    let rows: [Row]
    let total: [String: ShownValue]
    let total_shares: [String: ShownShare]?
    let core20_ratio: Double?
    let rii: Double?

    init(_ dashboard: InsightDashboard, _ table: InsightTable, asked: InsightController.Asked, scope: InsightController.Scope) {
        self.scope = scope == .place ? "place" : "own_caseload"
        self.dashboard = dashboard.rawValue
        func values(_ shown: [InsightValue]) -> [String: ShownValue] {
            Dictionary(uniqueKeysWithValues: zip(table.measures.map(\.key), shown.map(ShownValue.init)))
        }
        by = table.split.rawValue
        from = asked.period.fromText
        to = asked.period.toText
        area = asked.ward
        let measures = dashboard.shares
        let shares = table.shares(measures)
        func shown(_ row: [InsightShare]?) -> [String: ShownShare]? {
            guard !measures.isEmpty, let row else { return nil }
            return Dictionary(uniqueKeysWithValues: zip(measures.map(\.key), row.map(ShownShare.init)))
        }
        rows = table.rows.map { Row(group: $0.key, name: $0.name, values: values($0.values), shares: shown(shares.rows[$0.key])) }
        total = values(table.total)
        total_shares = shown(shares.total)
        core20_ratio = table.deprivation?.core20Ratio.map { ($0 * 100).rounded() / 100 }
        rii = table.deprivation?.rii.map { ($0 * 100).rounded() / 100 }
    }
}
