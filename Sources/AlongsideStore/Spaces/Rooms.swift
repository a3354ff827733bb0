import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A room as its page and the API show it.
public struct RoomView: Sendable, Equatable {
    public let id: UUID
    public let organisationID: UUID
    public let owner: String
    public let name: String
    public let place: String
    public let description: String
    public let capacity: Int
    public let access: String
    public let equipment: String
    public let pricePence: Int
    public let rules: RoomRules
}


/// One occurrence as listed.
public struct RoomBookingView: Sendable, Equatable {
    public let id: UUID
    public let seriesID: UUID?
    public let organisationID: UUID
    public let organisation: String
    public let title: String
    public let occurrence: Occurrence
    public let status: String
}

/// A booking that could not be made: the times that clash with confirmed bookings, or a reason and its field.
public struct RoomRefused: Error, Sendable, Equatable {
    public let message: String
    public let field: String
    /// The days that clash, when that is the reason.
    public let clashes: [Occurrence]
    public init(_ message: String, field: String = "starts_at", clashes: [Occurrence] = []) { self.message = message; self.field = field; self.clashes = clashes }
}

/// What a booking made: the times booked and the ones skipped because they clashed.
public struct RoomBooked: Sendable, Equatable {
    public let seriesID: UUID?
    public let booked: [Occurrence]
    public let skipped: [Occurrence]
    public let status: String
}

/// Shared rooms: listed by their owners, booked once or as a series by community groups, never double-booked.
public struct Rooms: Sendable {
    public init() {}

    public func create(_ draft: RoomDraft, owner: UUID, on db: any Database) async throws -> UUID {
        let room = RoomRecord()
        room.organisationID = owner; room.name = draft.name; room.place = draft.place; room.description = draft.description
        room.capacity = draft.capacity; room.access = draft.access; room.equipment = draft.equipment; room.pricePence = draft.pricePence
        room.rules = String(decoding: try JSONEncoder().encode(draft.rules), as: UTF8.self)
        try await room.create(on: db)
        return room.id!
    }

    /// The owner changes the room's details or rules. Bookings already made stay as they are.
    public func update(_ id: UUID, _ draft: RoomDraft, on db: any Database) async throws {
        try await db.writeTransaction(lock: "room:\(id)") { tx in
            guard let room = try await RoomRecord.find(id, on: tx) else { throw RoomRefused("There is no such room.", field: "room") }
            room.name = draft.name; room.place = draft.place; room.description = draft.description
            room.capacity = draft.capacity; room.access = draft.access; room.equipment = draft.equipment; room.pricePence = draft.pricePence
            room.rules = String(decoding: try JSONEncoder().encode(draft.rules), as: UTF8.self)
            try await room.save(on: tx)
        }
    }

    /// A group's regular booking: what it books, in which room.
    public struct Series: Sendable, Equatable {
        public let id: UUID
        public let room: RoomView
        public let organisationID: UUID
        public let title: String
        public let request: BookingRequest
    }

    public func series(_ id: UUID, on db: any Database) async throws -> Series? {
        guard let s = try await RoomSeriesRecord.find(id, on: db), let room = try await room(s.roomID, on: db),
              let repeats = BookingRepeat(rawValue: s.repeats) else { return nil }
        return Series(id: id, room: room, organisationID: s.organisationID, title: s.title,
                      request: BookingRequest(first: Occurrence(starts: s.firstStarts, ends: s.firstEnds), repeats: repeats, until: s.until))
    }

    /// The groups that meet in a room regularly: each series with a confirmed meeting still to come, by title.
    public func regulars(of room: UUID, now: Date, on db: any Database) async throws -> [Series] {
        let upcoming = try await RoomBookingRecord.query(on: db).filter(\.$roomID == room).filter(\.$status == "confirmed").filter(\.$seriesID != nil)
            .filter(\.$endsAt > now).all()
        var found: [Series] = []
        for id in Set(upcoming.compactMap(\.seriesID)) {
            if let s = try await series(id, on: db) { found.append(s) }
        }
        return found.sorted { ($0.title, $0.id.uuidString) < ($1.title, $1.id.uuidString) }
    }

    /// How many occurrences of each room wait for the owner's approval, from now on.
    public func waitingForApproval(_ rooms: [UUID], now: Date, on db: any Database) async throws -> [UUID: Int] {
        var waiting: [UUID: Int] = [:]
        for b in try await RoomBookingRecord.query(on: db).filter(\.$roomID ~~ rooms).filter(\.$status == "requested").filter(\.$endsAt > now).all() {
            waiting[b.roomID, default: 0] += 1
        }
        return waiting
    }

    public func rooms(on db: any Database) async throws -> [RoomView] {
        let records = try await RoomRecord.query(on: db).sort(\.$name).all()
        let owners = try await Organisations.names(Set(records.map(\.organisationID)), on: db)
        return try records.map { try Self.view($0, owners) }
    }

    public func room(_ id: UUID, on db: any Database) async throws -> RoomView? {
        guard let record = try await RoomRecord.find(id, on: db) else { return nil }
        return try Self.view(record, try await Organisations.names([record.organisationID], on: db))
    }

    static func view(_ r: RoomRecord, _ owners: [UUID: String]) throws -> RoomView {
        RoomView(id: r.id!, organisationID: r.organisationID, owner: owners[r.organisationID] ?? "An organisation", name: r.name, place: r.place,
                 description: r.description, capacity: r.capacity, access: r.access, equipment: r.equipment, pricePence: r.pricePence,
                 rules: try JSONDecoder().decode(RoomRules.self, from: Data(r.rules.utf8)))
    }


    /// Books a room for an organisation: every occurrence within the room's rules; those that clash with bookings are
    /// refused together (naming each), or, with `skipClashes`, left out. Confirmed at once unless the owner approves each.
    public func book(_ roomID: UUID, for organisation: UUID, title: String, _ request: BookingRequest, skipClashes: Bool, now: Date,
                     on db: any Database) async throws -> RoomBooked {
        guard let room = try await room(roomID, on: db) else { throw RoomRefused("There is no such room.", field: "room") }
        if let why = room.rules.whyNotGroup(organisation, owner: room.organisationID) { throw RoomRefused(why, field: "organisation_id") }
        let wanted = request.occurrences()
        // A day the room is closed is, for a series, a date that is not free; any other rule refuses the booking.
        let closed = wanted.count > 1 ? wanted.filter { room.rules.blackouts.contains($0.day) } : []
        for o in wanted where !closed.contains(o) {
            if let why = room.rules.whyNot(o) { throw RoomRefused(why + (wanted.count > 1 ? " (\(UKDates.day(o.starts)))" : "")) }
        }
        let status = room.rules.needsApproval ? "requested" : "confirmed"
        do {
            return try await db.writeTransaction(lock: "room:\(roomID)") { tx in
                let taken = try await Self.taken(roomID, from: wanted.first!.starts, to: wanted.last!.ends, buffer: room.rules.bufferMinutes, on: tx)
                let clashing = wanted.filter { o in closed.contains(o) || taken.contains { o.clashes(with: $0, buffer: room.rules.bufferMinutes) } }
                if !clashing.isEmpty && (!skipClashes || clashing.count == wanted.count) {
                    throw RoomRefused(Self.clashMessage(clashing, all: clashing.count == wanted.count), clashes: clashing)
                }
                let free = wanted.filter { !clashing.contains($0) }
                var seriesID: UUID?
                if let repeats = request.repeats, let until = request.until {
                    let series = RoomSeriesRecord()
                    series.roomID = roomID; series.organisationID = organisation; series.title = title; series.repeats = repeats.rawValue
                    series.until = until; series.firstStarts = request.first.starts; series.firstEnds = request.first.ends; series.createdAt = now
                    try await series.create(on: tx)
                    seriesID = series.id
                }
                for o in free {
                    let booking = RoomBookingRecord()
                    booking.roomID = roomID; booking.seriesID = seriesID; booking.organisationID = organisation; booking.title = title
                    booking.startsAt = o.starts; booking.endsAt = o.ends; booking.blockedUntil = o.ends + TimeInterval(room.rules.bufferMinutes * 60)
                    booking.status = status; booking.createdAt = now
                    try await booking.create(on: tx)
                }
                return RoomBooked(seriesID: seriesID, booked: free, skipped: clashing, status: status)
            }
        } catch let error where Self.isOverlap(error) {
            throw RoomRefused("Someone booked this time a moment ago: choose another.")
        }
    }

    /// The database's own refusal of an overlap (the exclusion constraint, or SQLite's trigger).
    static func isOverlap(_ error: any Error) -> Bool {
        String(reflecting: error).contains("room_bookings_no_overlap")
    }

    static func clashMessage(_ clashing: [Occurrence], all: Bool) -> String {
        let days = clashing.prefix(12).map { UKDates.day($0.starts) }
        let more = clashing.count > 12 ? " and \(clashing.count - 12) more" : ""
        return (all ? "The room is already booked or closed then: " : "The room is already booked or closed on ") + Text.list(days) + more
            + (all ? "." : ". Book only the dates that are free, or choose another time.")
    }

    /// Times already taken (confirmed or waiting for approval) around a span.
    static func taken(_ room: UUID, from: Date, to: Date, buffer: Int, on db: any Database) async throws -> [Occurrence] {
        let margin = TimeInterval(buffer * 60)
        return try await RoomBookingRecord.query(on: db).filter(\.$roomID == room).filter(\.$status != "cancelled")
            .filter(\.$startsAt < to + margin).filter(\.$blockedUntil > from - margin).all()
            .map { Occurrence(starts: $0.startsAt, ends: $0.endsAt) }
    }

    /// Every occurrence of the room between two times, not cancelled, in order.
    public func bookings(of room: UUID, from: Date, to: Date, on db: any Database) async throws -> [RoomBookingView] {
        let records = try await RoomBookingRecord.query(on: db).filter(\.$roomID == room).filter(\.$status != "cancelled")
            .filter(\.$startsAt < to).filter(\.$endsAt > from).sort(\.$startsAt).all()
        let names = try await Organisations.names(Set(records.map(\.organisationID)), on: db)
        return records.map { b in
            RoomBookingView(id: b.id!, seriesID: b.seriesID, organisationID: b.organisationID, organisation: names[b.organisationID] ?? "A group", title: b.title,
                            occurrence: Occurrence(starts: b.startsAt, ends: b.endsAt), status: b.status)
        }
    }

    /// Cancels one occurrence, or it and the rest of its series. Only the booking organisation (or the owner) does.
    public func cancel(_ booking: UUID, rest: Bool, allowed: @escaping @Sendable (UUID, UUID) -> Bool, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let b = try await RoomBookingRecord.find(booking, on: tx), let room = try await RoomRecord.find(b.roomID, on: tx),
                  allowed(b.organisationID, room.organisationID) else { throw RoomRefused("There is no such booking of yours.", field: "booking") }
            var cancelled = [b]
            if rest, let series = b.seriesID {
                cancelled = try await RoomBookingRecord.query(on: tx).filter(\.$seriesID == series).filter(\.$startsAt >= b.startsAt).all()
            }
            for c in cancelled { c.status = "cancelled"; try await c.save(on: tx) }
        }
    }

    /// The owner approves a requested booking (and, for a series, every requested occurrence of it).
    public func approve(_ booking: UUID, on db: any Database) async throws {
        do {
            try await db.writeTransaction { tx in
                guard let b = try await RoomBookingRecord.find(booking, on: tx) else { throw RoomRefused("There is no such booking.", field: "booking") }
                let all = b.seriesID == nil ? [b] : try await RoomBookingRecord.query(on: tx).filter(\.$seriesID == b.seriesID!).filter(\.$status == "requested").all()
                for r in all where r.status == "requested" { r.status = "confirmed"; try await r.save(on: tx) }
            }
        } catch let error where Self.isOverlap(error) {
            throw RoomRefused("Another booking was confirmed for that time first.", field: "booking")
        }
    }

    /// The room's confirmed bookings as iCalendar events: a series as one event with its rule and an exception for each
    /// day it does not meet; a single booking as itself.
    public func calendar(of room: UUID, organisation: UUID? = nil, on db: any Database) async throws -> [ICalendar.Event] {
        var bookingsQuery = RoomBookingRecord.query(on: db).filter(\.$roomID == room).filter(\.$status == "confirmed")
        if let organisation { bookingsQuery = bookingsQuery.filter(\.$organisationID == organisation) }
        let bookings = try await bookingsQuery.sort(\.$startsAt).all()
        let place = try await RoomRecord.find(room, on: db).map { "\($0.name), \($0.place)" } ?? ""
        let names = try await Organisations.names(Set(bookings.map(\.organisationID)), on: db)
        var events: [ICalendar.Event] = []
        for single in bookings where single.seriesID == nil {
            events.append(ICalendar.Event(uid: "\(single.id!.uuidString.lowercased())@alongside", summary: "\(single.title) (\(names[single.organisationID] ?? "A group"))",
                                          location: place, first: Occurrence(starts: single.startsAt, ends: single.endsAt), repeats: nil, until: nil, exceptions: []))
        }
        let seriesIDs = Set(bookings.compactMap(\.seriesID))
        for series in try await RoomSeriesRecord.query(on: db).filter(\.$id ~~ Array(seriesIDs)).sort(\.$firstStarts).all() {
            guard let repeats = BookingRepeat(rawValue: series.repeats) else { continue }
            let first = Occurrence(starts: series.firstStarts, ends: series.firstEnds)
            let meets = Set(bookings.filter { $0.seriesID == series.id }.map(\.startsAt))
            let all = BookingRequest(first: first, repeats: repeats, until: series.until).occurrences()
            events.append(ICalendar.Event(uid: "\(series.id!.uuidString.lowercased())@alongside", summary: "\(series.title) (\(names[series.organisationID] ?? "A group"))",
                                          location: place, first: first, repeats: repeats, until: series.until,
                                          exceptions: all.map(\.starts).filter { !meets.contains($0) }))
        }
        return events
    }
}
