import AlongsideCore
import FluentKit
import Foundation

/// The demo place's shared rooms, written through the store, with regular groups booked for the next five months (across the
/// change to summer time), one meeting of each weekly group called off.
extension DemoLoader {
    static func loadRooms(now: Date, on db: any Database) async throws -> Int {
        var owners: [String: UUID] = [:]
        for org in try await OrganisationRecord.query(on: db).all() { owners[org.name] = org.id }
        var rooms: [UUID] = []
        for room in DemoRooms.rooms {
            let owner: UUID
            if let known = owners[room.owner] { owner = known } else {
                let org = OrganisationRecord(name: room.owner, description: room.ownerDescription, postcode: nil, createdAt: now)
                try await org.create(on: db)
                owner = org.id!
            }
            let d = room.draft
            rooms.append(try await Rooms().create(RoomDraft(name: d.name, place: d.place, description: d.description, capacity: d.capacity, access: d.access,
                                                            equipment: d.equipment, pricePence: d.pricePence, rules: room.rules), owner: owner, on: db))
        }
        let calendar = Calendar.ukCivil
        let today = calendar.startOfDay(for: now)
        let weekday = calendar.component(.weekday, from: today)
        let nextMonday = calendar.date(byAdding: .day, value: (9 - weekday) % 7 == 0 ? 7 : (9 - weekday) % 7, to: today)!
        var booked = 0
        for regular in DemoRooms.regulars {
            guard let group = owners[regular.group] else { continue }
            let day = calendar.date(byAdding: .day, value: regular.firstDay, to: nextMonday)!
            let starts = calendar.date(bySettingHour: regular.hour, minute: regular.minutes, second: 0, of: day)!
            let request = BookingRequest(first: Occurrence(starts: starts, ends: starts.addingTimeInterval(90 * 60)), repeats: regular.repeats,
                                         until: UKDates.isoDay(calendar.date(byAdding: .day, value: 150, to: day)!))
            let made = try await Rooms().book(rooms[regular.room], for: group, title: regular.title, request, skipClashes: true, now: now, on: db)
            for occurrence in made.booked.prefix(2) where DemoRooms.rooms[regular.room].rules.needsApproval {
                if let record = try await RoomBookingRecord.query(on: db).filter(\.$startsAt == occurrence.starts).filter(\.$roomID == rooms[regular.room]).first() {
                    try await Rooms().approve(record.id!, on: db)
                }
            }
            booked += made.booked.count
            // One meeting of each weekly group was called off: its feed says so with an exception.
            if regular.repeats == .week, made.booked.count > 3, let third = try await RoomBookingRecord.query(on: db).filter(\.$seriesID == made.seriesID)
                .filter(\.$startsAt == made.booked[2].starts).first() {
                try await Rooms().cancel(third.id!, rest: false, allowed: { _, _ in true }, on: db)
                booked -= 1
            }
        }
        return booked
    }
}
