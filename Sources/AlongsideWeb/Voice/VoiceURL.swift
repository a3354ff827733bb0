import Foundation
import Vapor

/// The community voice area's addresses: routes are registered from these values and links made from them.
enum VoiceURL: AreaURL {
    case proposals, newProposal, overdueAnswers, newCall, call(UUID), closeCall(UUID), editCall(UUID)
    case proposal(UUID), proposalSupport(UUID), proposalWithdraw(UUID), proposalAnswer(UUID)
    case proposalReport(UUID), proposalSecondLook(UUID), proposalModerate(UUID), moderation, settings
    case proposalComments(UUID), commentReport(UUID), commentModerate(UUID), commentSecondLook(UUID)
    case pairs, newPair, pair(UUID), pairConfirm(UUID), pairUpdates(UUID), pairLinks(UUID)
    case results, result(UUID), resultUpdate(UUID), resultMilestones(UUID), milestoneDone(UUID), resultService(UUID), trackRound(UUID)

    var path: String {
        switch self {
        case .proposals: "/proposals"
        case .newProposal: "/proposals/new"
        case .overdueAnswers: "/proposals/answers-overdue"
        case .newCall: "/calls/new"
        case .call(let id): "/calls/" + id.uuidString.lowercased()
        case .closeCall(let id): "/calls/" + id.uuidString.lowercased() + "/close"
        case .editCall(let id): "/calls/" + id.uuidString.lowercased() + "/edit"
        case .proposal(let id): "/proposals/" + id.uuidString.lowercased()
        case .proposalSupport(let id): "/proposals/" + id.uuidString.lowercased() + "/support"
        case .proposalWithdraw(let id): "/proposals/" + id.uuidString.lowercased() + "/withdraw"
        case .proposalAnswer(let id): "/proposals/" + id.uuidString.lowercased() + "/answer"
        case .proposalReport(let id): "/proposals/" + id.uuidString.lowercased() + "/report"
        case .proposalSecondLook(let id): "/proposals/" + id.uuidString.lowercased() + "/second-look"
        case .proposalModerate(let id): "/proposals/" + id.uuidString.lowercased() + "/moderate"
        case .moderation: "/moderation"
        case .settings: "/admin/voice"
        case .proposalComments(let id): "/proposals/" + id.uuidString.lowercased() + "/comments"
        case .commentReport(let id): "/comments/" + id.uuidString.lowercased() + "/report"
        case .commentModerate(let id): "/comments/" + id.uuidString.lowercased() + "/moderate"
        case .commentSecondLook(let id): "/comments/" + id.uuidString.lowercased() + "/second-look"
        case .pairs: "/pairs"
        case .newPair: "/pairs/new"
        case .pair(let id): "/pairs/" + id.uuidString.lowercased()
        case .pairConfirm(let id): "/pairs/" + id.uuidString.lowercased() + "/confirm"
        case .pairUpdates(let id): "/pairs/" + id.uuidString.lowercased() + "/updates"
        case .pairLinks(let id): "/pairs/" + id.uuidString.lowercased() + "/links"
        case .results: "/results"
        case .result(let id): "/results/" + id.uuidString.lowercased()
        case .resultUpdate(let id): "/results/" + id.uuidString.lowercased() + "/updates"
        case .resultMilestones(let id): "/results/" + id.uuidString.lowercased() + "/milestones"
        case .milestoneDone(let id): "/milestones/" + id.uuidString.lowercased() + "/done"
        case .resultService(let id): "/results/" + id.uuidString.lowercased() + "/service"
        case .trackRound(let id): "/budgets/" + id.uuidString.lowercased() + "/track"
        }
    }

    /// A path's parts for registering a route, each id in it as `:id`.
    static func routeParts(_ path: String) -> [PathComponent] {
        path.split(separator: "/").map { part in
            part.count == 36 && UUID(uuidString: String(part)) != nil ? ":id" : PathComponent(stringLiteral: String(part))
        }
    }
}
