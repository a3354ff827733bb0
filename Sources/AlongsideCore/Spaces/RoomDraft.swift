import Foundation

/// What a room's owner writes to list it: the room, its cost, and its rules.
public struct RoomDraft: Sendable, Equatable {
    public var name: String, place: String, description: String, capacity: Int, access: String, equipment: String, pricePence: Int, rules: RoomRules

    public init(name: String, place: String, description: String, capacity: Int, access: String, equipment: String, pricePence: Int, rules: RoomRules) {
        self.name = name; self.place = place; self.description = description; self.capacity = capacity
        self.access = access; self.equipment = equipment; self.pricePence = pricePence; self.rules = rules
    }

    /// From the owner's form: `name`, `place`, `description`, `capacity`, `access`, `equipment`, `price` (pounds an hour;
    /// blank or 0 for free), `day-monday`…`day-sunday` ("yes" when open), `opens` and `closes` (24-hour clock), `buffer`
    /// and `longest` (minutes), `blackouts` (dates, one a line or separated by commas), `approval` ("yes"/"no"), `who`
    /// ("any"/"chosen") with `group-<id>` ("yes") for each group it is kept for, from `groups` the directory knows.
    /// Each problem names its field.
    public static func from(_ form: [String: String], groups: Set<UUID>) throws -> RoomDraft {
        var checks = FieldChecks()
        let name = checks.check { try Text.required(form["name"], field: "name", label: "the room's name", maxLength: 120) }
        let place = checks.check { try Text.required(form["place"], field: "place", label: "where the room is: the building and its address", maxLength: 300) }
        let description = checks.check { try Text.required(form["description"], field: "description", label: "what the room is like", maxLength: 2_000, multiline: true) }
        let access = checks.check { try Text.required(form["access"], field: "access", label: "the access (steps, lift, toilets, hearing loop…)", maxLength: 500) }
        let equipment = checks.check { try Text.required(form["equipment"], field: "equipment", label: "the equipment, or \u{201C}None\u{201D}", maxLength: 500) }
        let capacity = checks.check { try whole(form["capacity"], field: "capacity", in: 1...2_000, "Enter how many people the room holds, from 1 to 2,000") }
        let price = checks.check { () throws -> Int in
            let typed = (form["price"] ?? "").trimmed
            if typed.isEmpty { return 0 }
            guard let pence = Money.pence(from: typed), pence <= 100_000 else {
                throw FieldError("price", "Enter the price an hour in pounds and pence, like 12.50, up to £1,000; or 0 for free")
            }
            return pence
        }
        let days = Set(Weekday.allCases.filter { form["day-\($0.name.lowercased())"] == "yes" })
        if days.isEmpty { checks.add("days", "Choose the days the room is open") }
        let opens = checks.check { try clock(form["opens"], field: "opens", label: "the time it opens") }
        let closes = checks.check { try clock(form["closes"], field: "closes", label: "the time it closes") }
        if let opens, let closes, closes <= opens { checks.add("closes", "The room must close after it opens") }
        let buffer = checks.check { try whole(form["buffer"], field: "buffer", in: 0...240, "Enter the minutes kept free between bookings, from 0 to 240") }
        let longest = checks.check { try whole(form["longest"], field: "longest", in: 15...1_440, "Enter the longest booking in minutes, from 15 to 1,440") }
        let blackouts = checks.check { () throws -> Set<String> in
            let typed = (form["blackouts"] ?? "").split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == "\r" }).map { String($0).trimmed }.filter { !$0.isEmpty }
            guard typed.count <= 366 else { throw FieldError("blackouts", "List at most 366 closed days") }
            return Set(try typed.map { text in
                guard let day = UKDates.parseISODay(text) else { throw FieldError("blackouts", "\u{201C}\(text.prefix(20))\u{201D} is not a date: write each like 2027-12-25") }
                return UKDates.isoDay(day)
            })
        }
        let approval = checks.check { () throws -> Bool in
            switch form["approval"] {
            case "yes": return true
            case "no": return false
            default: throw FieldError("approval", "Say whether you approve each booking")
            }
        }
        let only = checks.check { () throws -> Set<UUID> in
            switch form["who"] {
            case "any": return []
            case "chosen":
                let chosen = Set(groups.filter { form["group-\($0.uuidString.lowercased())"] == "yes" })
                guard !chosen.isEmpty else { throw FieldError("who", "Choose the groups the room is kept for, or let any community group book it") }
                return chosen
            default: throw FieldError("who", "Say which groups may book the room")
            }
        }
        try checks.finish()
        return RoomDraft(name: name!, place: place!, description: description!, capacity: capacity!, access: access!, equipment: equipment!, pricePence: price!,
                         rules: RoomRules(openDays: days, opens: opens!, closes: closes!, bufferMinutes: buffer!, longestMinutes: longest!, blackouts: blackouts!,
                                          needsApproval: approval!, onlyGroups: only!))
    }

    static func whole(_ text: String?, field: String, in range: ClosedRange<Int>, _ message: String) throws -> Int {
        guard let n = text.flatMap({ Int($0.trimmed) }), range.contains(n) else { throw FieldError(field, message) }
        return n
    }

    static func clock(_ text: String?, field: String, label: String) throws -> TimeOfDay {
        guard let typed = text?.trimmed, !typed.isEmpty else { throw FieldError(field, "Enter \(label), like 09:00") }
        guard typed.count <= 5, let time = TimeOfDay(parsing: typed) else { throw FieldError(field, "Enter \(label) on the 24-hour clock, like 09:00 or 21:30") }
        return time
    }

    /// The form's values for this draft, to edit it.
    public var form: [String: String] {
        var form = ["name": name, "place": place, "description": description, "capacity": String(capacity), "access": access, "equipment": equipment,
                    "price": pricePence == 0 ? "0" : String(format: "%d.%02d", pricePence / 100, pricePence % 100),
                    "opens": rules.opens.description, "closes": rules.closes.description, "buffer": String(rules.bufferMinutes),
                    "longest": String(rules.longestMinutes), "blackouts": rules.blackouts.sorted().joined(separator: "\n"),
                    "approval": rules.needsApproval ? "yes" : "no", "who": rules.onlyGroups.isEmpty ? "any" : "chosen"]
        for day in rules.openDays { form["day-\(day.name.lowercased())"] = "yes" }
        for group in rules.onlyGroups { form["group-\(group.uuidString.lowercased())"] = "yes" }
        return form
    }
}
