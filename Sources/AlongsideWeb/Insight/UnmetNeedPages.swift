import AlongsideCore
import AlongsideStore
import Foundation

/// The unmet need page: each need in each ward, the largest gaps first, with its numbers; and the same as CSV.
enum UnmetNeedPages {
    static func page(_ rows: [UnmetNeedController.Row]?, byNeed: [UnmetNeedController.Row], _ scope: InsightController.Scope, asked: InsightController.Asked?, form: [String: String],
                     errors e: [FieldError], _ context: PageContext, areas: [(String, String)]? = nil, canOpenRound: Bool = false,
                     map: UnmetNeedController.MapView? = nil) -> Node {
        let areas = asked.map(InsightPages.areas) ?? areas ?? []
        let values: [String: String] = asked.map { ["from": $0.period.fromText, "to": $0.period.toText, "area": $0.ward ?? $0.pcn ?? "", "low_cost": String($0.lowCost)] } ?? form
        let affordable = UnmetNeed.affordablePhrase(lowCostUpTo: asked?.lowCost ?? 0)
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") {
                "For referrals made in the period: what the person said matters — each need on the referral, with any they added to it, each need their \"what matters\" conversation was agreed to point to, and each need their plan's goals speak to (a goal about meeting people counts as loneliness, about being more active as inactivity, and so on) — in the ward of the referral's postcode, against the directory. Each referral counts once for a need, however often it is named; a conversation whose words were not coded adds nothing. \"Nothing within reach\" counts people with no published service for that need with a place within 3 km of their postcode that is \(affordable), runs at least one day a week and, where the person has access needs recorded, has every one of them (online-only services, services costing more — or whose cost the directory gives only in words — and those meeting less often are not counted as within reach). \"Only full services\" counts people whose services within reach were all full. \"Turned away\" counts people a service declined for lack of space. A need in a ward with fewer than 8 people is too few to show. \(InsightPages.suppressionNote)"
            }
            InsightPages.whose(scope)
            InsightPages.filters(InsightURL.unmetNeed.path, values: values, areas: areas, asksLowCost: true, errors: e)
            if let rows, let asked {
                if rows.isEmpty {
                    el("p") { "No referral in the period names a need, and no plan of the people referred has a goal that speaks to one." }
                } else {
                    el("h2") { "By need, \(asked.ward == nil ? asked.areaName : "the whole ward"): \(asked.period.fromText) to \(asked.period.toText)" }
                    let round: (UnmetNeedController.Row) -> String? = { row in
                        guard canOpenRound, scope == .place, row.figures != nil, row.gap.ward != "unknown" else { return nil }
                        return BudgetURL.newRound.with([("need", row.gap.need.rawValue), ("area", row.gap.ward == "all" ? (asked.ward ?? "") : row.gap.ward),
                                                        ("from", asked.period.fromText), ("to", asked.period.toText)] + asked.lowCostQuery)
                    }
                    table("Unmet need by need", first: "Need", byNeed, ward: false, round: round)
                    if scope == .place {
                        el("p") {
                            "Follow a gap from what people said, through the rounds opened from it, to the services funded and the people who went: "
                            for (i, need) in byNeed.map(\.gap.need).enumerated() {
                                if i > 0 { ", " }
                                el("a", .href(InsightURL.gap(need).path)) { need.title }
                            }
                            "."
                        }
                    }
                    let shown = rows.filter { $0.figures != nil }
                    el("h2") { "Where the gaps are, by ward, the largest first" }
                    if shown.isEmpty {
                        el("p") { "No need has 8 or more people in one ward, so none can be shown by ward." }
                    } else {
                        table("Unmet need by ward", first: "Need", shown, ward: true, round: round)
                    }
                    if shown.count < rows.count {
                        el("p") { "\(rows.count - shown.count) more \(rows.count - shown.count == 1 ? "need in a ward has" : "needs in wards have") fewer than 8 people each, too few to show; they are counted in the figures by need above." }
                    }
                    if let map { mapSection(map, asked: asked, names: Dictionary(uniqueKeysWithValues: asked.wards.map { ($0.code, $0.name) })) }
                }
                el("p") {
                    el("a", .href(InsightURL.unmetNeedCSV.with([("from", asked.period.fromText), ("to", asked.period.toText), ("area", asked.ward ?? asked.pcn ?? "")] + asked.lowCostQuery))) {
                        "Download what is shown as CSV"
                    }
                    " (the same figures are in the API, at \(InsightURL.apiUnmetNeed.path))."
                }
            }
        }
    }

    /// One need's gaps on the map of the place's wards, with the same figures in a table and links to map the others.
    @HTMLContent
    static func mapSection(_ map: UnmetNeedController.MapView, asked: InsightController.Asked, names: [String: String]) -> [Node] {
        let title = map.need.title.lowercased()
        el("h2", .id("map")) { "Map: nothing within reach for \(title), by ward" }
        el("p") {
            "Each ward is shaded by the people who needed help with \(title) and had no service for it within 3 km of home, as the figure is shown (rounded to 5, * for 1 to 7), and the figure is written on the ward. Hatched wards have fewer than 8 people with the need, or none."
        }
        UnmetNeedMap.render(need: map.need, points: map.points, figures: map.figures, names: names)
        UnmetNeedMap.legend()
        scrollingTable("Nothing within reach for \(title), by ward") {
            el("thead") {
                el("tr") {
                    el("th", .init("scope", "col")) { "Ward" }
                    el("th", .init("scope", "col")) { "Nothing within reach" }
                }
            }
            el("tbody") {
                for ward in asked.wards {
                    el("tr") {
                        el("th", .init("scope", "row")) { ward.name }
                        el("td") { UnmetNeedMap.label(map.figures[ward.code]) }
                    }
                }
            }
        }
        if !map.others.isEmpty {
            el("p") {
                "Map another need: "
                for (i, need) in map.others.enumerated() {
                    if i > 0 { ", " }
                    el("a", .href(InsightURL.unmetNeed.with([("from", asked.period.fromText), ("to", asked.period.toText), ("map", need.rawValue)] + asked.lowCostQuery) + "#map")) {
                        need.title
                    }
                }
                "."
            }
        }
    }

    static func table(_ label: String, first: String, _ rows: [UnmetNeedController.Row], ward: Bool, round: (UnmetNeedController.Row) -> String?) -> Node {
        let acting = rows.contains { round($0) != nil }
        return 
        scrollingTable(label) {
            el("thead") {
                el("tr") {
                    for heading in [first] + (ward ? ["Ward"] : []) + ["People with the need", "Nothing within reach", "Turned away for lack of space", "Only full services within reach"]
                        + (acting ? ["What to do"] : []) {
                        el("th", .init("scope", "col")) { heading }
                    }
                }
            }
            el("tbody") {
                for row in rows {
                    el("tr") {
                        el("th", .init("scope", "row")) { row.gap.need.title }
                        if ward { el("td") { row.wardName } }
                        if let figures = row.figures {
                            for figure in figures { el("td") { figure.description } }
                        } else {
                            el("td", .init("colspan", "4")) { "Too few to show" }
                        }
                        if acting {
                            el("td") {
                                if let link = round(row) {
                                    el("a", .href(link)) { "Open a budget round for this"; el("span", .class("visually-hidden")) { ": \(row.gap.need.title), \(row.wardName)" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func csv(_ rows: [UnmetNeedController.Row]) -> String {
        var lines = ["need,need_name,ward,ward_name,people,nothing_near,turned_away,only_full"]
        for row in rows {
            let figures = row.figures.map { $0.map(\.description) } ?? ["too few", "too few", "too few", "too few"]
            lines.append(([row.gap.need.rawValue, row.gap.need.title, row.gap.ward, row.wardName] + figures).map(InsightPages.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
