import AlongsideCore
import AlongsideStore
import Foundation

/// Insight's pages: the list of dashboards, and each dashboard as a table with its numbers, a way to choose the
/// period, area and split, and downloads of exactly what is shown.
enum InsightPages {
    static let suppressionNote = "Counts from 1 to 7 are shown as *, every other count is rounded to the nearest 5 (totals from the true total), so that no one can be picked out."

    static func dashboards(_ scope: InsightController.Scope, canKeepPractices: Bool = false, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            switch scope {
            case .place:
                el("p") { "Figures about the people Alongside serves in this place, split the way NHS England asks, so you can see who is reached, who is missed and where the gaps are. You never see a person, only counts. \(suppressionNote)" }
            case .caseload:
                el("p") { caseloadNote }
            case .practice:
                el("p") { practiceNote }
            }
            el("ul", .class("links")) {
                for dashboard in InsightDashboard.allCases where scope.practice == nil || dashboard.countsReferrals {
                    el("li") {
                        el("a", .href(InsightURL.page(dashboard).path)) { dashboard.title }
                        " — \(dashboard.summary), by deprivation, age, sex, ethnic group and caring\(dashboard.countsReferrals ? ", and by referring practice and network" : "")."
                    }
                }
                el("li") {
                    el("a", .href(InsightURL.summary.path)) { "Alongside in figures" }
                    " — the public summary: the whole place over the year to today, as anyone may read it."
                }
                el("li") {
                    el("a", .href(InsightURL.unmetNeed.path)) { "Unmet need" }
                    " — what people said they needed against what the directory offers within 3 km of their home, by ward, the largest gaps first."
                }
                if canKeepPractices {
                    el("li") {
                        el("a", .href(InsightURL.practices.path)) { "GP practices" }
                        " — the list of the place's practices, their primary care networks and the clinicians at each, which the practice splits count by."
                    }
                }
            }
        }
    }

    static let practiceNote = "Figures about the referrals your own GP practice's clinicians made, split the way NHS England asks. You never see a person, only counts. Counts from 1 to 7 are shown as *, every other count is rounded to the nearest 5, as for the place's figures."

    /// Whose figures these are, when not the place's.
    @HTMLContent
    static func whose(_ scope: InsightController.Scope) -> [Node] {
        switch scope {
        case .place: []
        case .caseload: [el("p") { el("strong") { "Your caseload only. " }; caseloadNote }]
        case .practice: [el("p") { el("strong") { "Your practice only. " }; practiceNote }]
        }
    }

    /// The areas to choose from: the whole place, its wards, and the networks on the practice list.
    static func areas(_ asked: InsightController.Asked) -> [(String, String)] {
        [("", "The whole place")] + asked.wards.map { ($0.code, $0.name) } + asked.networks.map { ($0.code, "\($0.name) (primary care network)") }
    }

    static let caseloadNote = "Figures about your own caseload — the people assigned to you — split the way NHS England asks. The counts are exact, as these are people you work with; the place's figures are for commissioners."

    static func dashboard(_ dashboard: InsightDashboard, _ scope: InsightController.Scope, _ table: InsightTable?, asked: InsightController.Asked?, form: [String: String], errors e: [FieldError],
                          _ context: PageContext, areas: [(String, String)]? = nil, declines: DeclineBreakdown? = nil) -> Node {
        let areas = asked.map(Self.areas) ?? areas ?? []
        let values: [String: String] = asked.map { ["from": $0.period.fromText, "to": $0.period.toText, "area": $0.ward ?? $0.pcn ?? "", "by": $0.split.rawValue] } ?? form
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") { intro(dashboard) }
            whose(scope)
            filters(InsightURL.page(dashboard).path, values: values, areas: areas,
                    splits: InsightSplit.allCases.filter { dashboard.countsReferrals || !$0.isByPractice }, errors: e)
            if let table, let asked {
                el("h2") { "\(table.split.title): \(asked.period.fromText) to \(asked.period.toText), \(asked.areaName)" }
                countsTable("\(dashboard.title) by \(table.split.title.lowercased())", first: table.split.title, columns: table.measures.map(\.name),
                            rows: table.rows.map { ($0.name, $0.values) }, total: table.total)
                if !dashboard.shares.isEmpty { shares(dashboard, table) }
                if let gap = table.deprivation { deprivation(gap) }
                el("p") {
                    el("a", .href(InsightURL.csv(dashboard).with(asked.query))) { "Download what is shown as CSV" }
                    " (the same figures are in the API, at \(InsightURL.api(dashboard).path))."
                }
                if let declines { Self.declines(declines, asked) }
            }
        }
    }

    /// The period, the area and (for a split dashboard) the split, asked for by GET so the address can be kept.
    static func filters(_ action: String, values: [String: String], areas: [(String, String)], splits: [InsightSplit] = [],
                        asksLowCost: Bool = false, errors e: [FieldError]) -> Node {
        el("form", .init("method", "get"), .init("action", action), .init("novalidate", ""), .class("filters")) {
            Form.field("from", label: "First day", value: values["from"] ?? "", hint: "Year-month-day, for example 2026-04-01", errors: e, width: "10")
            Form.field("to", label: "Last day", value: values["to"] ?? "", hint: "Year-month-day", errors: e, width: "10")
            Form.select("area", label: "Area", areas, chosen: values["area"], errors: e)
            if !splits.isEmpty { Form.select("by", label: "Split by", splits.map { ($0.rawValue, $0.title) }, chosen: values["by"], errors: e) }
            if asksLowCost {
                // The usual lines, and whichever other one a link asked for.
                let lines = Set(UnmetNeed.usualLowCostLines + [Int(values["low_cost"] ?? "") ?? 0]).sorted()
                Form.select("low_cost", label: "Counted as within reach", lines.map { (String($0), $0 > 0 ? "Free, or up to \(Money.pounds($0)) a session" : "Free only") },
                            chosen: values["low_cost"] ?? "0", errors: e)
            }
            Form.button("Show")
        }
    }

    static func intro(_ dashboard: InsightDashboard) -> String {
        switch dashboard {
        case .referrals:
            "Referrals made in the period, from the area of the postcode given on each referral. \(suppressionNote)"
        case .outcomes:
            "For referrals made in the period, from the area of the postcode given on each: whether the person went to a community service at least once, whether their support has ended and how, and whether a service turned them away for lack of space. \(suppressionNote)"
        case .wellbeing:
            "For referrals made in the period: each person's first and latest answers within the same episode, and only people who answered both — so those who answered once are not mixed in. A change in wellbeing (SWEMWBS metric score) of 3 points or more either way is counted as meaningful. Each personal wellbeing (ONS4) question is paired on its own, as the ONS reports them (never added up). Involvement and support are each person's latest answers; people who did not want to be involved, or had not needed support, are left out of those. A mean from fewer than 8 people is withheld, shown as *. \(suppressionNote)"
        case .participation:
            "People whose home postcode is in the area (for a link worker, the people on their caseload), and how many of them, in the period, proposed, supported or commented on a proposal, voted in a budget round, gave or received time in the time bank, had volunteering hours confirmed by an organisation, or attended a training session. Each person counts once a column, however often they took part. \(suppressionNote)"
        case .waiting:
            "For referrals made in the period: whole days from the referral to the person first being reached (a contact logged as reached), and to being connected with support, for those who got there (people still waiting are not in these figures). A median or 90th percentile from fewer than 8 people is withheld, shown as *. \(suppressionNote)"
        }
    }

    /// The dashboard's shares by group, each with its 95% interval, worked out from the counts shown above.
    @HTMLContent
    static func shares(_ dashboard: InsightDashboard, _ table: InsightTable) -> [Node] {
        let measures = dashboard.shares
        let shares = table.shares(measures)
        let wholes = Dictionary(uniqueKeysWithValues: table.measures.map { ($0.key, $0.name.lowercased()) })
        el("h3") { "As shares, with 95% intervals" }
        el("p") {
            "Each share is worked out from the counts shown above, with its Wilson score 95% interval (the method OHID uses for Fingertips): the range the true share is likely to lie in, wider where the counts are small. * means a count it is made from is hidden; — that there is no one to take a share of."
        }
        scrollingTable("\(dashboard.title) by \(table.split.title.lowercased()), as shares") {
            el("thead") {
                el("tr") {
                    el("th", .init("scope", "col")) { table.split.title }
                    for measure in measures { el("th", .init("scope", "col")) { "\(measure.name) (of \(wholes[measure.whole] ?? measure.whole))" } }
                }
            }
            el("tbody") {
                for row in table.rows {
                    el("tr") {
                        el("th", .init("scope", "row")) { row.name }
                        for share in shares.rows[row.key] ?? [] { el("td") { share.description } }
                    }
                }
                el("tr", .class("total")) {
                    el("th", .init("scope", "row")) { "All" }
                    for share in shares.total { el("td") { share.description } }
                }
            }
        }
    }

    /// A table of figures: a row a group, headed by its name, a column a measure, and the total row ("All").
    static func countsTable(_ label: String, first: String, columns: [String], rows: [(name: String, values: [InsightValue])],
                            total: [InsightValue]) -> Node {
        scrollingTable(label) {
            el("thead") {
                el("tr") {
                    el("th", .init("scope", "col")) { first }
                    for column in columns { el("th", .init("scope", "col")) { column } }
                }
            }
            el("tbody") {
                for row in rows {
                    el("tr") {
                        el("th", .init("scope", "row")) { row.name }
                        for value in row.values { el("td") { value.description } }
                    }
                }
                el("tr", .class("total")) {
                    el("th", .init("scope", "row")) { "All" }
                    for value in total { el("td") { value.description } }
                }
            }
        }
    }

    /// Which services turn people away, and why: declines by the service's category and the reason given.
    @HTMLContent
    static func declines(_ declines: DeclineBreakdown, _ asked: InsightController.Asked) -> [Node] {
        el("h2") { "Turned away: by the kind of service and the reason" }
        el("p") {
            "Referrals to community services that the organisation declined, for the referrals above, by the category the service is listed under and the reason the organisation gave. A person a link worker referred to two services that both declined counts twice. A service listed under two categories counts under each, so the rows can add up to more than \"All\". Categories with no declines are not listed."
        }
        if declines.rows.isEmpty {
            el("p") { "No service declined a referral from these." }
        } else {
            countsTable("Referrals declined by services, by the service's category and the reason", first: "Kind of service",
                        columns: DeclineBreakdown.measures.map(\.name), rows: declines.rows.map { ($0.name, $0.values) }, total: declines.total)
        }
        el("p") {
            el("a", .href(InsightURL.declinesCSV.with(asked.query.filter { $0.0 != "by" }))) { "Download the declines as CSV" }
            " (also in the API, as declines_by_category)."
        }
    }

    /// The declines as CSV: the category's code and name, then each reason; suppressed counts as *.
    static func csv(_ declines: DeclineBreakdown) -> String {
        var lines = [(["category", "name"] + DeclineBreakdown.measures.map(\.key)).map(csvField).joined(separator: ",")]
        for row in declines.rows { lines.append(([row.code, row.name] + row.values.map(\.description)).map(csvField).joined(separator: ",")) }
        lines.append((["total", "All"] + declines.total.map(\.description)).map(csvField).joined(separator: ","))
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    @HTMLContent
    static func deprivation(_ gap: DeprivationGap) -> [Node] {
        el("h3") { "Do referrals reach the most deprived?" }
        el("dl", .class("summary")) {
            figure("Core20 ratio", gap.core20Ratio,
                   "the most deprived fifth's share of referrals (with a known fifth) over its share of this place's areas. Above 1, they are referred more than their share; below 1, less.")
            figure("Relative index of inequality", gap.rii,
                   "referrals per area at the least deprived end over the most deprived end, from a line fitted across the five fifths (OHID's method). Below 1, the most deprived are referred more.")
        }
        el("p") {
            "Referrals per neighbourhood (LSOA, each home to about 1,500 people) in each fifth, from the counts shown above, with 95% intervals by Byar's method (the exact Poisson interval below 10 referrals), as OHID works them out: where two fifths' intervals do not overlap, the difference is unlikely to be chance."
        }
        scrollingTable("Referrals per neighbourhood, by deprivation fifth") {
            el("thead") {
                el("tr") {
                    for heading in ["Deprivation (IMD 2019 fifth)", "Referrals", "Neighbourhoods (LSOAs)", "Referrals per neighbourhood (95% interval)"] {
                        el("th", .init("scope", "col")) { heading }
                    }
                }
            }
            el("tbody") {
                for rate in gap.rates {
                    el("tr") {
                        el("th", .init("scope", "row")) { InsightSplit.imdQuintile.groups[rate.quintile - 1].name }
                        el("td") { rate.shown.description }
                        el("td") { String(rate.areas) }
                        el("td") { rate.description }
                    }
                }
            }
        }
    }

    /// One figure of the deprivation gap with what it means, or why it is withheld.
    @HTMLContent
    static func figure(_ name: String, _ value: Double?, _ meaning: String) -> [Node] {
        el("dt") { name }
        el("dd") { value.map { String(format: "%.2f", $0) + ": " + meaning } ?? "Withheld: a fifth has 1 to 7 referrals, or there are none." }
    }

    /// The table as CSV: the group, then each measure; suppressed counts as *.
    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Each share follows the counts as three columns: the share, and its interval's lower and upper ends, as
    /// percentages to one decimal ("*" when hidden, empty when there is no one to take a share of).
    static func csv(_ table: InsightTable, shares measures: [ShareMeasure] = []) -> String {
        let field = csvField
        let shares = table.shares(measures)
        let shareColumns = measures.flatMap { ["\($0.key)_share_percent", "\($0.key)_lower_percent", "\($0.key)_upper_percent"] }
        var lines = [([table.split.rawValue, "name"] + table.measures.map(\.key) + shareColumns).map(field).joined(separator: ",")]
        for row in table.rows {
            let shown = row.values.map(\.description) + (shares.rows[row.key] ?? []).flatMap(\.fields)
            lines.append(([row.key, row.name] + shown).map(field).joined(separator: ","))
        }
        lines.append((["total", "All"] + table.total.map(\.description) + shares.total.flatMap(\.fields)).map(field).joined(separator: ","))
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
