import Foundation
import Vapor

/// Training places' addresses.
enum TrainingURL: AreaURL {
    case sessions, session(UUID), ask(UUID), mine, giveUp(UUID), certificate(UUID), organisation, offer, people(UUID), attendance(UUID), callOff(UUID)
    case apiSessions, apiAsk(UUID), apiMine, apiGiveUp(UUID)

    var path: String {
        func id(_ id: UUID) -> String { id.uuidString.lowercased() }
        return switch self {
        case .sessions: "/training"
        case .session(let s): "/training/\(id(s))"
        case .ask(let s): "/training/\(id(s))/places"
        case .mine: "/training/mine"
        case .giveUp(let p): "/training-places/\(id(p))/give-up"
        case .certificate(let p): "/training-places/\(id(p))/certificate"
        case .organisation: "/training/organisation"
        case .offer: "/training/organisation/sessions"
        case .people(let s): "/training/\(id(s))/people"
        case .attendance(let p): "/training-places/\(id(p))/attendance"
        case .callOff(let s): "/training/\(id(s))/call-off"
        case .apiSessions: "/api/v1/training/sessions"
        case .apiAsk(let s): "/api/v1/training/sessions/\(id(s))/places"
        case .apiMine: "/api/v1/training/places"
        case .apiGiveUp(let p): "/api/v1/training/places/\(id(p))/give-up"
        }
    }
}
