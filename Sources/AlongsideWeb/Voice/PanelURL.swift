import Foundation
import Vapor

/// Panels' and their elections' addresses, pages and API.
enum PanelURL: AreaURL {
    case panels, newPanel
    case panel(UUID), elections(UUID), reportBacks(UUID), questions(UUID), answer(UUID)
    case election(UUID), stand(UUID), ballot(UUID), results(UUID)
    case apiBallot(UUID), apiResults(UUID)

    var path: String {
        func panel(_ id: UUID) -> String { "/panels/" + id.uuidString.lowercased() }
        func election(_ id: UUID) -> String { "/elections/" + id.uuidString.lowercased() }
        return switch self {
        case .panels: "/panels"
        case .newPanel: "/panels/new"
        case .panel(let id): panel(id)
        case .elections(let id): panel(id) + "/elections"
        case .reportBacks(let id): panel(id) + "/report-backs"
        case .questions(let id): panel(id) + "/questions"
        case .answer(let id): "/panel-questions/" + id.uuidString.lowercased() + "/answer"
        case .election(let id): election(id)
        case .stand(let id): election(id) + "/stand"
        case .ballot(let id): election(id) + "/ballot"
        case .results(let id): election(id) + "/results"
        case .apiBallot(let id): "/api/v1" + election(id) + "/ballot"
        case .apiResults(let id): "/api/v1" + election(id) + "/results"
        }
    }
}
