import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Shared rooms through `/api/v1/rooms`: the rooms, every occurrence booked, and booking once or as a series.
struct RoomsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(RoomsURL.apiRooms.pathComponents, use: rooms)
        routes.get(RoomsURL.apiBookings(UUID()).pathComponents, use: bookings)
        routes.post(RoomsURL.apiBookings(UUID()).pathComponents, use: book)
    }

    struct RoomDTO: Content {
        let id: String; let organisation_id: String; let owner: String; let name: String; let place: String; let capacity: Int
        let access: String; let equipment: String; let price_pence: Int; let buffer_minutes: Int; let longest_minutes: Int; let needs_approval: Bool
    }
    struct RoomsDTO: Content { let rooms: [RoomDTO] }
    struct BookingDTO: Content { let id: String; let series_id: String?; let organisation_id: String; let title: String; let starts_at: Date; let ends_at: Date; let status: String }
    struct BookingsDTO: Content { let bookings: [BookingDTO] }
    struct TimeDTO: Content { let starts_at: Date; let ends_at: Date }
    struct BookedDTO: Content { let series_id: String?; let status: String; let booked: [TimeDTO]; let skipped: [TimeDTO] }
    struct RepeatBody: Decodable { var every: String?; var until: String? }
    struct BookBody: Decodable { var organisation_id: String?; var title: String?; var starts_at: String?; var ends_at: String?; var `repeat`: RepeatBody?; var skip_clashes: Bool? }

    func rooms(_ request: Request) async throws -> Response {
        let rooms = try await Rooms().rooms(on: request.db).map { r in
            RoomDTO(id: r.id.uuidString.lowercased(), organisation_id: r.organisationID.uuidString.lowercased(), owner: r.owner, name: r.name, place: r.place,
                    capacity: r.capacity, access: r.access, equipment: r.equipment, price_pence: r.pricePence, buffer_minutes: r.rules.bufferMinutes,
                    longest_minutes: r.rules.longestMinutes, needs_approval: r.rules.needsApproval)
        }
        return try ReferralsAPIController.json(RoomsDTO(rooms: rooms), status: .ok)
    }

    static func room(_ request: Request) async throws -> RoomView {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text), let room = try await Rooms().room(id, on: request.db) else {
            throw APIError.notFound("There is no room with this id.")
        }
        return room
    }

    /// Every occurrence from `from` to `to` (UK dates, `2027-01-01`; today and ten weeks on when not given).
    func bookings(_ request: Request) async throws -> Response {
        let room = try await Self.room(request)
        func day(_ name: String, _ otherwise: Date) throws -> Date {
            guard let text = try? request.query.get(String.self, at: name), !text.isEmpty else { return otherwise }
            guard let date = UKDates.parseISODay(text) else { throw APIError(status: .badRequest, code: "bad_request", message: "Give \(name) as a date, like 2027-01-31.", field: name) }
            return date
        }
        let from = try day("from", Calendar.ukCivil.startOfDay(for: request.now))
        let to = try Calendar.ukCivil.date(byAdding: .day, value: 1, to: day("to", from.addingTimeInterval(70 * 86_400)))!
        guard to > from, to.timeIntervalSince(from) <= 400 * 86_400 else {
            throw APIError(status: .badRequest, code: "bad_request", message: "Give a to date on or after from, at most 400 days later.", field: "to")
        }
        let list = try await Rooms().bookings(of: room.id, from: from, to: to, on: request.db).filter { $0.status == "confirmed" }.map { b in
            BookingDTO(id: b.id.uuidString.lowercased(), series_id: b.seriesID?.uuidString.lowercased(), organisation_id: b.organisationID.uuidString.lowercased(),
                       title: b.title, starts_at: b.occurrence.starts, ends_at: b.occurrence.ends, status: b.status)
        }
        return try ReferralsAPIController.json(BookingsDTO(bookings: list), status: .ok)
    }

    func book(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let room = try await Self.room(request)
        let body = try ReferralsAPIController.body(request, BookBody.self)
        guard let organisation = body.organisation_id.flatMap(UUID.init(uuidString:)) else {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "Send \"organisation_id\": the group the booking is for.", field: "organisation_id")
        }
        try request.require(.bookRoom(forOrganisation: organisation))
        var checks = FieldChecks()
        let title = checks.check { try Text.required(body.title ?? "Booking", field: "title", label: "what the booking is for", maxLength: 120) }
        let asked = checks.check { try BookingRequest.from(starts: body.starts_at, ends: body.ends_at, repeats: body.repeat.map { $0.every ?? "" }, until: body.repeat?.until) }
        try checks.finish()
        return try await ReferralsAPIController.idempotent(request) { db in
            do {
                let made = try await Rooms().book(room.id, for: organisation, title: title!, asked!, skipClashes: body.skip_clashes ?? false, now: request.now, on: db)
                return try ReferralsAPIController.json(BookedDTO(series_id: made.seriesID?.uuidString.lowercased(), status: made.status,
                                                                 booked: made.booked.map { TimeDTO(starts_at: $0.starts, ends_at: $0.ends) },
                                                                 skipped: made.skipped.map { TimeDTO(starts_at: $0.starts, ends_at: $0.ends) }), status: .created)
            } catch let refused as RoomRefused {
                throw APIError(status: refused.clashes.isEmpty ? .unprocessableEntity : .conflict, code: refused.clashes.isEmpty ? "invalid" : "clash",
                               message: refused.message, field: refused.field)
            }
        }
    }
}
