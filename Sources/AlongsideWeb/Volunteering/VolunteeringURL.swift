import Foundation
import Vapor

/// Volunteering's addresses.
enum VolunteeringURL: AreaURL {
    case roles, role(UUID), interest(UUID), hours(UUID), mine, record, organisation, newRole, decision(UUID), hoursDecision(UUID)
    case apiRoles, apiRecord, apiInterest(UUID), apiHours(UUID)

    var path: String {
        func id(_ id: UUID) -> String { id.uuidString.lowercased() }
        return switch self {
        case .roles: "/volunteering"
        case .role(let r): "/volunteering/\(id(r))"
        case .interest(let r): "/volunteering/\(id(r))/interest"
        case .hours(let r): "/volunteering/\(id(r))/hours"
        case .mine: "/volunteering/mine"
        case .record: "/volunteering/mine/record"
        case .organisation: "/volunteering/organisation"
        case .newRole: "/volunteering/organisation/roles"
        case .decision(let v): "/volunteers/\(id(v))/decision"
        case .hoursDecision(let h): "/volunteer-hours/\(id(h))/decision"
        case .apiRoles: "/api/v1/volunteering/roles"
        case .apiRecord: "/api/v1/volunteering/record"
        case .apiInterest(let r): "/api/v1/volunteering/roles/\(id(r))/interest"
        case .apiHours(let r): "/api/v1/volunteering/roles/\(id(r))/hours"
        }
    }
}
