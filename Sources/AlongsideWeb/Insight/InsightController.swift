import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The place's insight dashboards for commissioners and administrators: pages, JSON and CSV, every count
/// suppressed, every view audited as a read of figures about many people.
struct InsightController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(InsightURL.dashboards.pathComponents, use: dashboards)
        routes.get(InsightURL.referrals.pathComponents, use: referralsPage)
        routes.get(InsightURL.referralsCSV.pathComponents) { try await csv($0, channel: "web") }
        routes.get(InsightURL.apiReferrals.pathComponents, use: referralsJSON)
        routes.get(InsightURL.apiReferralsCSV.pathComponents) { try await csv($0, channel: "api") }
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

    /// The referrals table for what was asked, audited.
    static func referrals(_ request: Request, _ asked: Asked, channel: String) async throws -> InsightTable {
        let me = try request.requireSignedIn()
        try request.require(.readPlaceInsight)
        let insight = Insight()
        let query = InsightQuery(from: asked.period.from, until: asked.period.until, ward: asked.ward, split: asked.split)
        let counts = try await insight.referrals(query, on: request.db)
        let lsoas = try await insight.lsoasByQuintile(ward: asked.ward, on: request.db)
        try await AuditLog().record(AuditEntry(actor: me.personID, subject: nil, action: .viewedInsight, channel: channel,
                                               detail: "referrals by \(asked.split.rawValue), \(asked.period.fromText) to \(asked.period.toText), \(asked.ward ?? "whole place")"),
                                    at: request.now, on: request.db)
        return try InsightTable(split: asked.split, measures: Insight.referralMeasures, counts: counts, placeLSOAs: lsoas)
    }

    func dashboards(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.readPlaceInsight)
        return try InsightPages.dashboards(PageContext(request, title: "Insight")).response()
    }

    func referralsPage(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.readPlaceInsight)
        var context = PageContext(request, title: "Referrals")
        context.breadcrumbs = [NavigationLink(title: "Insight", path: InsightURL.dashboards.path)]
        do {
            let asked = try await Self.asked(request)
            let table = try await Self.referrals(request, asked, channel: "web")
            return try InsightPages.referrals(table, asked: asked, form: [:], errors: [], context).response()
        } catch let error as FieldError {
            context.hasErrors = true
            let form = ["from": request.query["from"] ?? "", "to": request.query["to"] ?? "", "area": request.query["area"] ?? "", "by": request.query["by"] ?? ""]
            return try InsightPages.referrals(nil, asked: nil, form: form, errors: [error], context, wards: try await Geography().wards(on: request.db))
                .response(status: .badRequest)
        }
    }

    func referralsJSON(_ request: Request) async throws -> Response {
        let asked = try await Self.checked(request)
        let table = try await Self.referrals(request, asked, channel: "api")
        return try ReferralsAPIController.json(InsightDTO(table, asked: asked), status: .ok)
    }

    func csv(_ request: Request, channel: String) async throws -> Response {
        let asked = try await Self.checked(request)
        let table = try await Self.referrals(request, asked, channel: channel)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"referrals-by-\(asked.split.rawValue)-\(asked.period.fromText)-to-\(asked.period.toText).csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: InsightPages.csv(table)))
    }

    /// For the API and downloads: a fault is a 400 naming the field.
    static func checked(_ request: Request) async throws -> Asked {
        _ = try request.requireSignedIn()
        try request.require(.readPlaceInsight)
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
    }

    enum ShownValue: Encodable {
        case count(Int), hidden
        init(_ shown: ShownCount) { self = if case .count(let n) = shown { .count(n) } else { .hidden } }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .count(let n): try container.encode(n)
            case .hidden: try container.encode("*")
            }
        }
    }

    let dashboard = "referrals"
    let by: String
    let from: String
    let to: String
    let area: String?
    let rows: [Row]
    let total: [String: ShownValue]
    let core20_ratio: Double?
    let rii: Double?

    init(_ table: InsightTable, asked: InsightController.Asked) {
        func values(_ shown: [ShownCount]) -> [String: ShownValue] {
            Dictionary(uniqueKeysWithValues: zip(table.measures.map(\.key), shown.map(ShownValue.init)))
        }
        by = table.split.rawValue
        from = asked.period.fromText
        to = asked.period.toText
        area = asked.ward
        rows = table.rows.map { Row(group: $0.key, name: $0.name, values: values($0.values)) }
        total = values(table.total)
        core20_ratio = table.deprivation?.core20Ratio.map { ($0 * 100).rounded() / 100 }
        rii = table.deprivation?.rii.map { ($0 * 100).rounded() / 100 }
    }
}
