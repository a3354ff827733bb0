import Foundation
import Vapor

/// The community voice area's addresses: routes are registered from these values and links made from them.
enum VoiceURL {
    case proposals, newProposal, overdueAnswers
    case proposal(UUID), proposalSupport(UUID), proposalWithdraw(UUID), proposalAnswer(UUID)
    case proposalReport(UUID), proposalSecondLook(UUID), proposalModerate(UUID), moderation, settings

    var path: String {
        switch self {
        case .proposals: "/proposals"
        case .newProposal: "/proposals/new"
        case .overdueAnswers: "/proposals/answers-overdue"
        case .proposal(let id): "/proposals/" + id.uuidString.lowercased()
        case .proposalSupport(let id): "/proposals/" + id.uuidString.lowercased() + "/support"
        case .proposalWithdraw(let id): "/proposals/" + id.uuidString.lowercased() + "/withdraw"
        case .proposalAnswer(let id): "/proposals/" + id.uuidString.lowercased() + "/answer"
        case .proposalReport(let id): "/proposals/" + id.uuidString.lowercased() + "/report"
        case .proposalSecondLook(let id): "/proposals/" + id.uuidString.lowercased() + "/second-look"
        case .proposalModerate(let id): "/proposals/" + id.uuidString.lowercased() + "/moderate"
        case .moderation: "/moderation"
        case .settings: "/admin/voice"
        }
    }

    /// The path's parts for registering a route (the id as `:id`).
    var pathComponents: [PathComponent] { Self.routeParts(path) }

    /// A path's parts for registering a route, each id in it as `:id`.
    static func routeParts(_ path: String) -> [PathComponent] {
        path.split(separator: "/").map { part in
            part.count == 36 && UUID(uuidString: String(part)) != nil ? ":id" : PathComponent(stringLiteral: String(part))
        }
    }

    func with(_ query: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return path + "?" + (components.percentEncodedQuery ?? "")
    }
}
