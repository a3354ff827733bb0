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
        routes.get(InsightURL.declinesCSV.pathComponents) { try await declinesCSV($0, channel: "web") }
        routes.get(InsightURL.apiDeclinesCSV.pathComponents) { try await declinesCSV($0, channel: "api") }
    }

    /// What was asked for, checked: each fault names its field.
    struct Asked {
        let period: InsightPeriod
        let ward: String?
        /// A primary care network's ODS code, when the area is one.
        var pcn: String? = nil
        let split: InsightSplit
        let wards: [WardArea]
        /// The place's practice list, for the area choices and the practice splits.
        var practices: [PracticeDraft] = []
        /// Unmet need: the most a session may cost, in pence, to count as low cost (0: free only).
        var lowCost = 0

        var query: [(String, String)] {
            [("from", period.fromText), ("to", period.toText), ("area", ward ?? pcn ?? ""), ("by", split.rawValue)] + lowCostQuery
        }

        /// The line for low cost, as links carry it (nothing for free only).
        var lowCostQuery: [(String, String)] { lowCost > 0 ? [("low_cost", String(lowCost))] : [] }

        /// The area's name as a page shows it.
        var areaName: String {
            if let ward { return wards.first { $0.code == ward }?.name ?? ward }
            if let pcn { return (networks.first { $0.code == pcn }?.name).map { "\($0) (primary care network)" } ?? pcn }
            return "the whole place"
        }

        /// The primary care networks on the practice list, by name.
        var networks: [(code: String, name: String)] { Self.networks(practices) }

        static func networks(_ practices: [PracticeDraft]) -> [(code: String, name: String)] {
            PracticeGroups.unique(practices.map { ($0.pcnCode, $0.pcnName) })
        }

        /// The groups of a split by practice or network, from the list; nil for the other splits.
        var groups: [(key: String, name: String)]? {
            switch split {
            case .practice: PracticeGroups.groups(practices.map { ($0.code, $0.name) })
            case .pcn: PracticeGroups.groups(practices.map { ($0.pcnCode, $0.pcnName) })
            default: nil
            }
        }
    }

    /// `dashboard` nil: a page that counts referrals (unmet need).
    static func asked(_ request: Request, for dashboard: InsightDashboard? = nil) async throws -> Asked {
        let period = try InsightPeriod.parse(from: request.query["from"], to: request.query["to"], today: request.now)
        let wards = try await Geography().wards(on: request.db)
        let practices = try await Practices().drafts(on: request.db)
        let networks = Asked.networks(practices)
        let area = (request.query[String.self, at: "area"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let isWard = wards.contains { $0.code == area }, isNetwork = networks.contains { $0.code == area }
        guard area.isEmpty || isWard || isNetwork else {
            throw FieldError("area", "Choose the whole place, one of its wards or a primary care network on the practice list: \"\(area)\" is none of these")
        }
        let by = (request.query[String.self, at: "by"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let split = by.isEmpty ? .imdQuintile : InsightSplit(rawValue: by) else {
            throw FieldError("by", "Split by one of: " + InsightSplit.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if dashboard?.countsReferrals == false, split.isByPractice || isNetwork {
            throw FieldError(split.isByPractice ? "by" : "area",
                             "Taking part counts everyone who lives in the area, referred or not, so it is not split or narrowed by GP practice: choose a ward or another split")
        }
        // Only unmet need counts services by what they cost.
        let lowCost = dashboard == nil ? try UnmetNeed.lowCost(request.query[String.self, at: "low_cost"]) : 0
        return Asked(period: period, ward: isWard ? area : nil, pcn: isNetwork ? area : nil, split: split, wards: wards, practices: practices,
                     lowCost: lowCost)
    }

    /// Whose figures a person sees: the place's, suppressed (commissioners, administrators); their own
    /// caseload's, exact (link workers); or the referrals their own practice made, suppressed (clinicians on a
    /// practice's list).
    enum Scope: Equatable {
        case place
        case caseload(UUID)
        case practice(UUID)

        var exact: Bool {
            if case .caseload = self { return true }
            return false
        }

        var assignedTo: UUID? {
            if case .caseload(let worker) = self { return worker }
            return nil
        }

        var practice: UUID? {
            if case .practice(let id) = self { return id }
            return nil
        }

        /// How the audit and the API name it.
        var name: String {
            switch self {
            case .place: "place"
            case .caseload: "own_caseload"
            case .practice: "own_practice"
            }
        }
    }

    static let notOnAList = "You are not on a GP practice's list here, so there are no practice figures to show you. An administrator keeps the list of practices and the clinicians at each: ask them to add you."

    static func scope(_ request: Request) async throws -> Scope {
        let me = try request.requireSignedIn()
        let policy = request.alongside.policy
        if policy.allows(.readPlaceInsight, for: request.actor) { return .place }
        if policy.allows(.readCaseloadInsight, for: request.actor) { return .caseload(me.personID) }
        try request.require(.readPracticeInsight)
        guard let practice = try await Practices().practice(ofClinician: me.personID, on: request.db) else {
            throw Abort(.forbidden, reason: Self.notOnAList)
        }
        return .practice(practice)
    }

    /// The dashboard's table for what was asked, audited.
    static func table(_ request: Request, _ dashboard: InsightDashboard, _ asked: Asked, channel: String) async throws -> InsightTable {
        let me = try request.requireSignedIn()
        let scope = try await Self.scope(request)
        if scope.practice != nil, !dashboard.countsReferrals {
            throw Abort(.forbidden, reason: "Taking part counts everyone who lives in an area, referred or not, so a practice has no figures of its own here: a practice's figures are about the referrals it made.")
        }
        let table = try await figures(dashboard, asked, scope: scope, on: request.db)
        try await AuditLog().record(AuditEntry(actor: me.personID, subject: nil, action: .viewedInsight, channel: channel,
                                               detail: "\(dashboard.rawValue) by \(asked.split.rawValue), \(asked.period.fromText) to \(asked.period.toText), \(Self.auditArea(asked, scope))"),
                                    at: request.now, on: request.db)
        return table
    }

    /// The outcomes dashboard's community referrals declined, by the service's category and the reason, for what was
    /// asked and whose figures these are (suppressed unless a link worker's own caseload). Read with the dashboard's
    /// table, so audited with it; on its own (as CSV), audited here.
    static func declines(_ request: Request, _ asked: Asked, scope: Scope, audit channel: String? = nil) async throws -> DeclineBreakdown {
        let found = try await Insight().declines(Self.query(asked, scope: scope), on: request.db)
        if let channel {
            try await AuditLog().record(AuditEntry(actor: try request.requireSignedIn().personID, subject: nil, action: .viewedInsight, channel: channel,
                                                   detail: "outcomes declines by service category, \(asked.period.fromText) to \(asked.period.toText), \(Self.auditArea(asked, scope))"),
                                        at: request.now, on: request.db)
        }
        return try DeclineBreakdown(counts: found.byCategory, total: found.total, names: found.names, exact: scope.exact)
    }

    func declinesCSV(_ request: Request, channel: String) async throws -> Response {
        let asked = try await Self.checked(request, for: .outcomes)
        let declines = try await Self.declines(request, asked, scope: try await Self.scope(request), audit: channel)
        return Self.csvResponse(InsightPages.csv(declines), name: "outcomes-declines-by-category-\(asked.period.fromText)-to-\(asked.period.toText)")
    }

    /// The area and whose figures, as the audit log names them.
    static func auditArea(_ asked: Asked, _ scope: Scope) -> String {
        (asked.ward ?? asked.pcn.map { "network \($0)" } ?? "whole place") + (scope == .place ? "" : ", \(scope.name.replacingOccurrences(of: "_", with: " "))")
    }

    /// The query a dashboard counts, narrowed to whose figures these are.
    static func query(_ asked: Asked, scope: Scope) -> InsightQuery {
        InsightQuery(from: asked.period.from, until: asked.period.until, ward: asked.ward, split: asked.split, assignedTo: scope.assignedTo,
                     pcn: asked.pcn, practice: scope.practice)
    }

    /// A dashboard's table: the place's or a practice's (suppressed), or one link worker's caseload's (exact).
    static func figures(_ dashboard: InsightDashboard, _ asked: Asked, scope: Scope, on db: any Database) async throws -> InsightTable {
        let insight = Insight()
        let query = Self.query(asked, scope: scope)
        let (exact, groups) = (scope.exact, asked.groups)
        switch dashboard {
        case .referrals:
            let counts = try await insight.referrals(query, on: db)
            // The Core20 comparison needs the area's people; a network's or a practice's registered list is not known here.
            let lsoas = asked.pcn == nil && scope.practice == nil ? try await insight.lsoasByQuintile(ward: asked.ward, on: db) : []
            return try InsightTable(split: asked.split, measures: dashboard.measures, counts: counts, exact: exact, placeLSOAs: lsoas, groups: groups)
        case .outcomes:
            return try InsightTable(split: asked.split, measures: dashboard.measures, counts: try await insight.outcomes(query, on: db), exact: exact,
                                    groups: groups)
        case .participation:
            return try InsightTable(split: asked.split, measures: dashboard.measures, counts: try await insight.participation(query, on: db), exact: exact)
        case .wellbeing:
            return try InsightTable.wellbeing(split: asked.split, pairs: try await insight.wellbeing(query, on: db), exact: exact, groups: groups)
        case .waiting:
            let waits = try await insight.waits(query, on: db)
            return try InsightTable.waiting(split: asked.split, toContact: waits.toContact, toConnection: waits.toConnection, exact: exact, groups: groups)
        }
    }

    func dashboards(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let policy = request.alongside.policy
        if !policy.allows(.readPlaceInsight, for: request.actor), !policy.allows(.readCaseloadInsight, for: request.actor),
           policy.allows(.readPracticeInsight, for: request.actor),
           try await Practices().practice(ofClinician: me.personID, on: request.db) == nil {
            // A clinician not yet on a practice's list: say why there is nothing, rather than refuse.
            let context = PageContext(request, title: "Insight")
            return try Layout.render(context) { el("h1") { context.title }; el("p") { Self.notOnAList } }.response()
        }
        let scope = try await Self.scope(request)
        return try InsightPages.dashboards(scope, canKeepPractices: policy.allows(.managePractices, for: request.actor),
                                           PageContext(request, title: "Insight")).response()
    }

    func page(_ request: Request, _ dashboard: InsightDashboard) async throws -> Response {
        _ = try request.requireSignedIn()
        let scope = try await Self.scope(request)
        var context = PageContext(request, title: dashboard.title)
        context.breadcrumbs = [NavigationLink(title: "Insight", path: InsightURL.dashboards.path)]
        do {
            let asked = try await Self.asked(request, for: dashboard)
            let table = try await Self.table(request, dashboard, asked, channel: "web")
            let declines = dashboard == .outcomes ? try await Self.declines(request, asked, scope: scope) : nil
            return try InsightPages.dashboard(dashboard, scope, table, asked: asked, form: [:], errors: [], context, declines: declines).response()
        } catch let error as FieldError {
            context.hasErrors = true
            let form = ["from": request.query["from"] ?? "", "to": request.query["to"] ?? "", "area": request.query["area"] ?? "", "by": request.query["by"] ?? ""]
            return try InsightPages.dashboard(dashboard, scope, nil, asked: nil, form: form, errors: [error], context,
                                              areas: try await Self.areas(request)).response(status: .badRequest)
        }
    }

    func json(_ request: Request, _ dashboard: InsightDashboard) async throws -> Response {
        let asked = try await Self.checked(request, for: dashboard)
        let table = try await Self.table(request, dashboard, asked, channel: "api")
        let scope = try await Self.scope(request)
        let declines = dashboard == .outcomes ? try await Self.declines(request, asked, scope: scope) : nil
        return try ReferralsAPIController.json(InsightDTO(dashboard, table, asked: asked, scope: scope, declines: declines), status: .ok)
    }

    /// The areas a dashboard can be narrowed to: the whole place, each ward, and each network on the practice list.
    static func areas(_ request: Request) async throws -> [(String, String)] {
        let wards = try await Geography().wards(on: request.db)
        let networks = Asked.networks(try await Practices().drafts(on: request.db))
        return [("", "The whole place")] + wards.map { ($0.code, $0.name) } + networks.map { ($0.code, "\($0.name) (primary care network)") }
    }

    func csv(_ request: Request, _ dashboard: InsightDashboard, channel: String) async throws -> Response {
        let asked = try await Self.checked(request, for: dashboard)
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
    static func checked(_ request: Request, for dashboard: InsightDashboard? = nil) async throws -> Asked {
        _ = try request.requireSignedIn()
        _ = try await Self.scope(request)
        do {
            return try await asked(request, for: dashboard)
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
    /// "place" or "own_practice" (suppressed), or "own_caseload" (exact).
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
    /// For the deprivation split: each fifth's count per area (LSOA) with its 95% interval (Byar's; exact Poisson below 10).
    let area_rates: [AreaRateDTO]?
    /// For the outcomes dashboard: community referrals declined, by the service's category and the reason.
    let declines_by_category: [DeclineRowDTO]?
    let declines_total: [String: ShownValue]?

    struct DeclineRowDTO: Encodable {
        let category: String
        let name: String
        let values: [String: ShownValue]
    }

    struct AreaRateDTO: Encodable {
        let quintile: String
        let referrals: ShownValue
        let areas: Int
        let rate: Double?
        let lower: Double?
        let upper: Double?
    }

    init(_ dashboard: InsightDashboard, _ table: InsightTable, asked: InsightController.Asked, scope: InsightController.Scope,
         declines: DeclineBreakdown? = nil) {
        self.scope = scope.name
        self.dashboard = dashboard.rawValue
        func values(_ shown: [InsightValue]) -> [String: ShownValue] {
            Dictionary(uniqueKeysWithValues: zip(table.measures.map(\.key), shown.map(ShownValue.init)))
        }
        by = table.split.rawValue
        from = asked.period.fromText
        to = asked.period.toText
        area = asked.ward ?? asked.pcn
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
        func rounded(_ x: Double?) -> Double? { x.map { ($0 * 10_000).rounded() / 10_000 } }
        area_rates = table.deprivation?.rates.map {
            AreaRateDTO(quintile: String($0.quintile), referrals: ShownValue($0.shown), areas: $0.areas, rate: rounded($0.rate),
                        lower: rounded($0.interval?.lower), upper: rounded($0.interval?.upper))
        }
        func reasons(_ shown: [InsightValue]) -> [String: ShownValue] {
            Dictionary(uniqueKeysWithValues: zip(DeclineBreakdown.measures.map(\.key), shown.map(ShownValue.init)))
        }
        declines_by_category = declines.map { $0.rows.map { DeclineRowDTO(category: $0.code, name: $0.name, values: reasons($0.values)) } }
        declines_total = declines.map { reasons($0.total) }
    }
}
