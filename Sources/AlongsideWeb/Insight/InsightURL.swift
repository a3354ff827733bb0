import AlongsideCore
import Foundation
import Vapor

/// Insight's addresses: routes are registered from these values and links made from them.
enum InsightURL: AreaURL {
    case dashboards, summary
    case page(InsightDashboard), csv(InsightDashboard), api(InsightDashboard), apiCSV(InsightDashboard)
    case unmetNeed, unmetNeedCSV, apiUnmetNeed, apiUnmetNeedCSV
    /// The outcomes dashboard's declines by service category, as CSV.
    case declinesCSV, apiDeclinesCSV
    /// One need's gap and what came of it.
    case gap(Need)
    /// The place's list of GP practices, one practice (with its clinicians), and adding or taking off a clinician.
    case practices, practice(UUID), practiceClinicians(UUID), removeClinician(UUID)
    /// A practice list from a file; taking a practice off the list.
    case importPractices, removePractice(UUID)

    var path: String {
        switch self {
        case .dashboards: "/insight"
        case .summary: "/insight/summary"
        case .page(let d): "/insight/" + d.rawValue
        case .csv(let d): "/insight/" + d.rawValue + ".csv"
        case .api(let d): "/api/v1/insight/" + d.rawValue
        case .apiCSV(let d): "/api/v1/insight/" + d.rawValue + ".csv"
        case .unmetNeed: "/insight/unmet-need"
        case .unmetNeedCSV: "/insight/unmet-need.csv"
        case .apiUnmetNeed: "/api/v1/insight/unmet-need"
        case .apiUnmetNeedCSV: "/api/v1/insight/unmet-need.csv"
        case .declinesCSV: "/insight/outcomes/declines.csv"
        case .apiDeclinesCSV: "/api/v1/insight/outcomes/declines.csv"
        case .gap(let need): "/insight/unmet-need/" + need.rawValue
        case .practices: "/insight/practices"
        case .practice(let id): "/insight/practices/" + id.uuidString.lowercased()
        case .practiceClinicians(let id): "/insight/practices/" + id.uuidString.lowercased() + "/clinicians"
        case .removeClinician(let id): "/insight/practices/" + id.uuidString.lowercased() + "/clinicians/remove"
        case .importPractices: "/insight/practices/import"
        case .removePractice(let id): "/insight/practices/" + id.uuidString.lowercased() + "/remove"
        }
    }

    /// The route of every need's gap page.
    static let gapRoute: [PathComponent] = ["insight", "unmet-need", ":need"]
}
