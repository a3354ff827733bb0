import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// A gap's page, the loop on one page: what people said they needed (a need's unmet need figures, by ward), the
/// budget rounds opened from it, the services those rounds' funded projects became, and the people referred to
/// them — how many went and how many ended their support with their goals met. For the place's commissioners and
/// administrators; every count suppressed; each view audited.
struct GapController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(InsightURL.gapRoute, use: page)
    }

    func page(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.readPlaceInsight)
        guard let need = request.parameters.get("need").flatMap(Need.init(rawValue:)) else {
            throw Abort(.notFound, reason: "There is no such need. The needs are: " + Need.allCases.map(\.title).joined(separator: ", ") + ".")
        }
        var context = PageContext(request, title: "Gap: \(need.title)")
        context.breadcrumbs = [NavigationLink(title: "Insight", path: InsightURL.dashboards.path),
                               NavigationLink(title: "Unmet need", path: InsightURL.unmetNeed.path)]
        let asked = try await InsightController.asked(request)
        let rows = try await UnmetNeedController.rows(request, asked, channel: "web",
                                                      detail: "gap \(need.rawValue): rounds, funded services and their referrals")
        let followUp = try await Insight().followUp(of: need, on: request.db)
        let places = try await ProposalsController.places(request)
        let calls = try await ProposalCalls().from(need: need, on: request.db).map { ProposalCallPages.Summary($0, places, today: request.now) }
        return try GapPage.render(need: need, asked: asked, whole: rows.byNeed.first { $0.gap.need == need },
                                  wards: rows.byWard.filter { $0.gap.need == need }, followUp: followUp, calls: calls,
                                  canOpenRound: request.alongside.policy.allows(.runBudgetRound, for: request.actor),
                                  canAsk: request.alongside.policy.allows(.askForProposals, for: request.actor), context).response()
    }
}

enum GapPage {
    static func render(need: Need, asked: InsightController.Asked, whole: UnmetNeedController.Row?, wards: [UnmetNeedController.Row],
                       followUp: GapFollowUp, calls: [ProposalCallPages.Summary] = [], canOpenRound: Bool, canAsk: Bool = false,
                       _ context: PageContext) -> Node {
        let title = need.title.lowercased()
        return Layout.render(context) {
            el("h1") { context.title }
            el("p") {
                "What people said they needed help with — \(title) — against what is near them, what was done about it, and what came of it: from the referrals that name the need (or whose person's plan has a goal that speaks to it), to the budget rounds and calls for proposals opened from this gap, the services the rounds' funding became, and the people referred to those services. \(InsightPages.suppressionNote)"
            }
            el("h2") { "What people said: \(asked.period.fromText) to \(asked.period.toText)" }
            if let figures = whole?.figures {
                el("dl", .class("summary")) {
                    InsightSummaryPage.item("People referred with this need", figures[0].description)
                    InsightSummaryPage.item("With nothing for it within 3 km of home", figures[1].description)
                    InsightSummaryPage.item("Turned away by a service with no space", figures[2].description)
                    InsightSummaryPage.item("With only full services for it within 3 km", figures[3].description)
                }
            } else {
                el("p") { "Too few referrals in the period name this need to show (fewer than 8), or none do." }
            }
            let shown = wards.filter { $0.figures != nil && $0.gap.ward != "unknown" }
            if !shown.isEmpty {
                UnmetNeedPages.table("\(need.title): the wards with figures to show", first: "Need", shown, ward: true, round: { _ in nil })
            }
            el("h2") { "Budget rounds opened from this gap" }
            if followUp.rounds.isEmpty {
                el("p") { "None yet." }
            } else {
                el("ul") { for round in followUp.rounds { el("li") { el("a", .href(BudgetURL.round(round.id).path)) { round.title } } } }
            }
            if canOpenRound, whole?.figures != nil {
                el("p") { el("a", .href(BudgetURL.newRound.with([("need", need.rawValue)]))) { "Open a budget round for this gap" } }
            }
            el("h2") { "Calls for proposals from this gap" }
            if calls.isEmpty { el("p") { "None yet." } } else { ProposalCallPages.list(calls) }
            if canAsk, whole?.figures != nil {
                el("p") { el("a", .href(VoiceURL.newCall.with([("need", need.rawValue)]))) { "Ask the community for proposals on this gap" } }
            }
            el("h2") { "What the funding became, and who went" }
            if followUp.services.isEmpty {
                el("p") { "No service funded by these rounds is in the directory yet. When a funded project's result is linked to its directory listing, it is followed here." }
            } else {
                scrollingTable("Services funded from this gap, and the people referred to them") {
                    el("thead") {
                        el("tr") {
                            for heading in ["Service", "Funded as", "People referred to it with this need", "Went at least once", "Support ended with goals met or partly met"] {
                                el("th", .init("scope", "col")) { heading }
                            }
                        }
                    }
                    el("tbody") {
                        for service in followUp.services {
                            el("tr") {
                                el("th", .init("scope", "row")) { el("a", .href(SiteURL.service(service.serviceID).path)) { service.serviceName } }
                                el("td") { service.resultTitle }
                                for count in [service.referred, service.went, service.goalsMet] {
                                    el("td") { ((try? InsightValue(suppressing: count)) ?? .hidden).description }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
