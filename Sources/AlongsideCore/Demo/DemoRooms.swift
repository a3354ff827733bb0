import Foundation

/// The demo place's shared rooms: an NHS education centre, a GP surgery's community room and a church hall, with the
/// groups that meet in them regularly.
public enum DemoRooms {
    public struct Room: Sendable {
        public let owner: String
        public let ownerDescription: String
        public let draft: (name: String, place: String, description: String, capacity: Int, access: String, equipment: String, pricePence: Int)
        public let rules: RoomRules
    }

    public struct Regular: Sendable {
        public let room: Int
        public let group: String
        public let title: String
        /// Days from the start of next week (Monday) to the first meeting, and its clock time.
        public let firstDay: Int
        public let hour: Int
        public let minutes: Int
        public let repeats: BookingRepeat
    }

    static let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    public static let rooms: [Room] = [
        Room(owner: "University Hospitals of Morecambe Bay NHS Foundation Trust", ownerDescription: "The district's hospitals, sharing their rooms with local groups.",
             draft: ("Education Centre, Seminar Room 2", "Royal Lancaster Infirmary, Ashton Road, Lancaster LA1 4RP",
                     "A seminar room in the hospital's education centre, lent to community groups outside teaching hours.", 30, "Step-free, hearing loop, accessible toilet",
                     "Projector, screen, flip chart", 0),
             rules: RoomRules(openDays: weekdays, opens: TimeOfDay(hour: 17, minute: 30), closes: TimeOfDay(hour: 21, minute: 0), bufferMinutes: 30,
                              longestMinutes: 180, blackouts: ["2026-12-24", "2026-12-25", "2026-12-31", "2027-01-01"], needsApproval: true)),
        Room(owner: "Queen Square Medical Practice", ownerDescription: "A GP practice in Lancaster city centre.",
             draft: ("Community room", "Queen Square Medical Practice, 2 Queen Square, Lancaster LA1 1RP",
                     "A small room beside the waiting area, for groups that support the practice's patients.", 12, "Step-free, accessible toilet",
                     "Tea and coffee, table and chairs", 0),
             rules: RoomRules(openDays: weekdays, opens: TimeOfDay(hour: 9, minute: 0), closes: TimeOfDay(hour: 17, minute: 0), bufferMinutes: 15, longestMinutes: 120)),
        Room(owner: "Lancaster Faith Forum", ownerDescription: "",
             draft: ("St Mary's church hall", "St Mary's Parade, Morecambe LA4 4JQ", "A large hall with a kitchen, used by groups across Morecambe.", 80,
                     "Step-free at the side door, accessible toilet", "Kitchen, tables and chairs, piano", 1_200),
             rules: RoomRules(openDays: Set(Weekday.allCases), opens: TimeOfDay(hour: 8, minute: 0), closes: TimeOfDay(hour: 22, minute: 0), bufferMinutes: 15,
                              longestMinutes: 240, blackouts: ["2026-12-25", "2026-12-26"])),
    ]

    public static let regulars: [Regular] = [
        Regular(room: 2, group: "Bay Walkers", title: "Walk and talk: tea after the walk", firstDay: 1, hour: 11, minutes: 0, repeats: .week),
        Regular(room: 2, group: "Lancaster Carers' Network", title: "Carers' coffee morning", firstDay: 3, hour: 10, minutes: 0, repeats: .twoWeeks),
        Regular(room: 2, group: "Heysham Men's Shed", title: "Shed talks", firstDay: 8, hour: 14, minutes: 0, repeats: .monthWeekday),
        Regular(room: 1, group: "Lancaster Wellbeing Hub", title: "Living well with diabetes", firstDay: 2, hour: 10, minutes: 0, repeats: .week),
        Regular(room: 0, group: "Lancaster District Befriending", title: "Volunteer training evening", firstDay: 9, hour: 18, minutes: 0, repeats: .monthWeekday),
    ]
}
