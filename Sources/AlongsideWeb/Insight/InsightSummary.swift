import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The public summary of the place's figures: anyone may read it, every count suppressed as a commissioner sees
/// it, over the year to today and the whole place, and each view audited as a read of figures about many people.
struct InsightSummaryController: RouteCollection {
    static let dashboards: [InsightDashboard] = [.referrals, .outcomes, .waiting, .wellbeing]

    func boot(routes: any RoutesBuilder) throws {
        routes.get(InsightURL.summary.pathComponents, use: page)
    }

    func page(_ request: Request) async throws -> Response {
        let period = try InsightPeriod.parse(from: nil, to: nil, today: request.now)
        let asked = InsightController.Asked(period: period, ward: nil, split: .imdQuintile, wards: [])
        var tables: [InsightDashboard: InsightTable] = [:]
        for dashboard in Self.dashboards {
            tables[dashboard] = try await InsightController.figures(dashboard, asked, scope: .place, on: request.db)
        }
        try await AuditLog().record(AuditEntry(actor: request.signedIn?.personID, subject: nil, action: .viewedInsight, channel: "web",
                                               detail: "public summary, \(period.fromText) to \(period.toText), whole place"),
                                    at: request.now, on: request.db)
        return try InsightSummaryPage.render(InsightSummaryPage.Model(period: period, tables: tables),
                                             PageContext(request, title: "Alongside in figures")).response()
    }
}

enum InsightSummaryPage {
    /// The summary's figures, already suppressed.
    struct Model {
        let period: InsightPeriod
        let tables: [InsightDashboard: InsightTable]

        /// The whole place's value of one measure of a dashboard.
        func total(_ dashboard: InsightDashboard, _ key: String) -> InsightValue {
            guard let table = tables[dashboard], let i = table.measures.firstIndex(where: { $0.key == key }) else { return .hidden }
            return table.total[i]
        }

        /// The whole place's share of one of a dashboard's shares.
        func share(_ dashboard: InsightDashboard, _ key: String) -> InsightShare {
            guard let table = tables[dashboard], let i = dashboard.shares.firstIndex(where: { $0.key == key }) else { return .none }
            return table.shares(dashboard.shares).total[i]
        }
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p") {
                "What social prescribing through Alongside has done for people in this place, from \(model.period.fromText) to \(model.period.toText). You see only counts, never a person. \(InsightPages.suppressionNote) A share is worked out from the counts as shown, with its 95% interval: the range the true share is likely to lie in."
            }
            el("h2") { "Who was referred" }
            el("dl", .class("summary")) {
                item("Referrals", model.total(.referrals, "referrals").description)
                item("People referred", model.total(.referrals, "people").description)
                item("From clinicians", model.total(.referrals, "from_clinicians").description)
                item("People referring themselves", model.total(.referrals, "self_referrals").description)
            }
            if let table = model.tables[.referrals] {
                scrollingTable("Referrals by deprivation") {
                    el("thead") {
                        el("tr") {
                            el("th", .init("scope", "col")) { table.split.title }
                            el("th", .init("scope", "col")) { "Referrals" }
                        }
                    }
                    el("tbody") {
                        for row in table.rows {
                            el("tr") {
                                el("th", .init("scope", "row")) { row.name }
                                el("td") { row.values.first?.description ?? "*" }
                            }
                        }
                    }
                }
                if let gap = table.deprivation { InsightPages.deprivation(gap) }
            }
            el("h2") { "What happened" }
            el("dl", .class("summary")) {
                item("Went to a community service at least once", model.share(.outcomes, "went_to_a_service").description + " of referrals")
                item("Declined support", model.share(.outcomes, "declined").description + " of referrals")
                item("Could not be contacted", model.share(.outcomes, "could_not_contact").description + " of referrals")
            }
            el("h2") { "How long people waited" }
            el("dl", .class("summary")) {
                item("Median days from referral to first being reached", model.total(.waiting, "median_days_to_contact").description)
                item("Median days from referral to being connected with support", model.total(.waiting, "median_days_to_connection").description)
            }
            el("h2") { "Wellbeing" }
            el("p") { "Only people who answered the short Warwick-Edinburgh wellbeing scale (SWEMWBS) both at the start and later in the same episode." }
            el("dl", .class("summary")) {
                item("People with a first and a later answer", model.total(.wellbeing, "swemwbs_pairs").description)
                item("Mean change in wellbeing", model.total(.wellbeing, "swemwbs_mean_change").description)
                item("Improved by 3 points or more", model.share(.wellbeing, "swemwbs_improved").description)
            }
            el("p") {
                "Commissioners sign in to see these figures for each ward and split by deprivation, age, sex, ethnic group and caring, with the gaps between what people need and what is near them."
            }
        }
    }

    @HTMLContent
    static func item(_ name: String, _ value: String) -> [Node] {
        el("dt") { name }
        el("dd") { value }
    }
}
