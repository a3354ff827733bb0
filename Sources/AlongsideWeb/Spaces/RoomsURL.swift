import Foundation
import Vapor

/// Shared rooms' addresses: pages, calendar feeds and the API.
enum RoomsURL: AreaURL {
    case rooms, room(UUID), bookings(UUID), calendar(UUID), groupCalendar(UUID), cancel(UUID), approve(UUID)
    case manage, edit(UUID), listingSchedule(UUID)
    case apiRooms, apiBookings(UUID)

    var path: String {
        func id(_ id: UUID) -> String { id.uuidString.lowercased() }
        return switch self {
        case .rooms: "/rooms"
        case .room(let r): "/rooms/\(id(r))"
        case .bookings(let r): "/rooms/\(id(r))/bookings"
        case .calendar(let r): "/rooms/\(id(r))/calendar.ics"
        case .groupCalendar(let o): "/organisations/\(id(o))/calendar.ics"
        case .cancel(let b): "/room-bookings/\(id(b))/cancel"
        case .approve(let b): "/room-bookings/\(id(b))/approve"
        case .manage: "/rooms/manage"
        case .edit(let r): "/rooms/\(id(r))/edit"
        case .listingSchedule(let s): "/room-series/\(id(s))/listing-schedule"
        case .apiRooms: "/api/v1/rooms"
        case .apiBookings(let r): "/api/v1/rooms/\(id(r))/bookings"
        }
    }
}
