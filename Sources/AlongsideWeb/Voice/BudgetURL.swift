import Foundation
import Vapor

/// Community budget rounds' addresses, pages and API: routes are registered from these values and links made from them.
enum BudgetURL: AreaURL {
    case rounds, newRound
    case round(UUID), edit(UUID), ideas(UUID), ballot(UUID), results(UUID), resultsFile(UUID)
    case review(project: UUID)
    case apiRounds, apiRound(UUID), apiBallot(UUID), apiResults(UUID), apiResultsFile(UUID)

    var path: String {
        func round(_ id: UUID) -> String { "/budgets/" + id.uuidString.lowercased() }
        func api(_ id: UUID) -> String { "/api/v1/budget-rounds/" + id.uuidString.lowercased() }
        return switch self {
        case .rounds: "/budgets"
        case .newRound: "/budgets/new"
        case .round(let id): round(id)
        case .edit(let id): round(id) + "/edit"
        case .ideas(let id): round(id) + "/ideas"
        case .ballot(let id): round(id) + "/ballot"
        case .results(let id): round(id) + "/results"
        case .resultsFile(let id): round(id) + "/results.pb"
        case .review(let project): "/budget-projects/" + project.uuidString.lowercased() + "/review"
        case .apiRounds: "/api/v1/budget-rounds"
        case .apiRound(let id): api(id)
        case .apiBallot(let id): api(id) + "/ballot"
        case .apiResults(let id): api(id) + "/results"
        case .apiResultsFile(let id): api(id) + "/results.pb"
        }
    }
}
