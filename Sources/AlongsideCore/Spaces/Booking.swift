import Foundation

/// How a booking repeats: the directory's schedules, as a room's owner and a group say them.
public enum BookingRepeat: String, Sendable, Codable, CaseIterable {
    case week
    case twoWeeks = "two_weeks"
    /// The same numbered weekday each month (the second Tuesday; a fifth one counts as the last).
    case monthWeekday = "month_weekday"

    public var label: String {
        switch self {
        case .week: "Every week"
        case .twoWeeks: "Every other week"
        case .monthWeekday: "Once a month, on the same weekday"
        }
    }
}

/// What a room's owner allows: when it is open, the gap kept between bookings, the longest booking, the days it is
/// closed, and whether they approve each booking.
public struct RoomRules: Sendable, Equatable, Codable {
    public var openDays: Set<Weekday>
    public var opens: TimeOfDay
    public var closes: TimeOfDay
    public var bufferMinutes: Int
    public var longestMinutes: Int
    /// Days the room is closed, as ISO dates (`2027-12-25`).
    public var blackouts: Set<String>
    public var needsApproval: Bool
    /// The groups (organisations) the owner keeps the room for; empty when any community group may book it.
    public var onlyGroups: Set<UUID>

    public init(openDays: Set<Weekday>, opens: TimeOfDay, closes: TimeOfDay, bufferMinutes: Int = 15, longestMinutes: Int = 240,
                blackouts: Set<String> = [], needsApproval: Bool = false, onlyGroups: Set<UUID> = []) {
        self.openDays = openDays
        self.opens = opens
        self.closes = closes
        self.bufferMinutes = bufferMinutes
        self.longestMinutes = longestMinutes
        self.blackouts = blackouts
        self.needsApproval = needsApproval
        self.onlyGroups = onlyGroups
    }

    enum CodingKeys: String, CodingKey { case openDays, opens, closes, bufferMinutes, longestMinutes, blackouts, needsApproval, onlyGroups }

    /// Reads rules saved before owners could keep a room for particular groups.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(openDays: try c.decode(Set<Weekday>.self, forKey: .openDays), opens: try c.decode(TimeOfDay.self, forKey: .opens),
                  closes: try c.decode(TimeOfDay.self, forKey: .closes), bufferMinutes: try c.decode(Int.self, forKey: .bufferMinutes),
                  longestMinutes: try c.decode(Int.self, forKey: .longestMinutes), blackouts: try c.decode(Set<String>.self, forKey: .blackouts),
                  needsApproval: try c.decode(Bool.self, forKey: .needsApproval), onlyGroups: try c.decodeIfPresent(Set<UUID>.self, forKey: .onlyGroups) ?? [])
    }

    /// Why this group may not book the room, if it may not: the owner keeps it for other groups. The owner's own
    /// organisation may always book its room.
    public func whyNotGroup(_ organisation: UUID, owner: UUID) -> String? {
        guard !onlyGroups.isEmpty, organisation != owner, !onlyGroups.contains(organisation) else { return nil }
        return "The owner keeps this room for particular groups, and yours is not one of them: ask them about using it."
    }
}

/// One booked time: start and end.
public struct Occurrence: Sendable, Equatable, Hashable, Comparable {
    public let starts: Date
    public let ends: Date

    public init(starts: Date, ends: Date) {
        self.starts = starts
        self.ends = ends
    }

    /// The day it falls on in UK time, `2027-01-12`.
    public var day: String { UKDates.isoDay(starts) }

    /// Whether two bookings of one room come closer than `buffer` minutes (or overlap).
    public func clashes(with other: Occurrence, buffer: Int) -> Bool {
        let gap = TimeInterval(buffer * 60)
        return starts < other.ends + gap && other.starts < ends + gap
    }

    public static func < (a: Occurrence, b: Occurrence) -> Bool { (a.starts, a.ends) < (b.starts, b.ends) }
}

/// A booking as asked for: the first time, and how it repeats until which day. Checked before anything is written.
public struct BookingRequest: Sendable, Equatable {
    public let first: Occurrence
    public let repeats: BookingRepeat?
    /// The last day a series may fall on (UK date, `2027-06-30`).
    public let until: String?

    /// The most occurrences one request may make: a year of weekly meetings.
    public static let longestSeries = 53

    public init(first: Occurrence, repeats: BookingRepeat?, until: String?) {
        self.first = first
        self.repeats = repeats
        self.until = until
    }

    /// From a form or JSON: a start and an end (`2027-01-12T10:00`, UK time, or with an offset), and optionally how it
    /// repeats and until when. A series with no end is refused.
    public static func from(starts: String?, ends: String?, repeats: String?, until: String?) throws -> BookingRequest {
        var checks = FieldChecks()
        let s = checks.check { try time(starts, field: "starts_at", label: "the start") }
        let e = checks.check { try time(ends, field: "ends_at", label: "the end") }
        var how: BookingRepeat?
        var last: String?
        if let text = repeats?.trimmed, !text.isEmpty {
            how = checks.check { () throws -> BookingRepeat in
                guard let r = BookingRepeat(rawValue: text) else { throw FieldError("repeat", "Choose every week, every other week or once a month") }
                return r
            }
            last = checks.check { () throws -> String in
                guard let day = until?.trimmed, !day.isEmpty else { throw FieldError("until", "Give the last day the meeting is booked until: a series needs an end") }
                guard let date = UKDates.parseISODay(day) else { throw FieldError("until", "Enter the last day as a real date, like 2027-07-20") }
                return UKDates.isoDay(date)
            }
        }
        if let s, let e {
            if e <= s { checks.add("ends_at", "The end must be after the start") }
            if let last, let until = UKDates.parseISODay(last) {
                if until < Calendar.ukCivil.startOfDay(for: s) { checks.add("until", "The last day must be on or after the first") }
                if until > s.addingTimeInterval(365 * 86_400) { checks.add("until", "A series can be booked up to a year ahead: choose a last day within a year") }
            }
        }
        try checks.finish()
        return BookingRequest(first: Occurrence(starts: s!, ends: e!), repeats: how, until: last)
    }

    public static func time(_ text: String?, field: String, label: String) throws -> Date {
        let typed = (text ?? "").trimmed
        guard !typed.isEmpty else { throw FieldError(field, "Enter \(label): a date and time, like 2027-01-12T10:00") }
        if let date = ISO8601DateFormatter().date(from: typed) { return date }
        let local = DateFormatter()
        local.calendar = .ukCivil
        local.timeZone = Calendar.ukCivil.timeZone
        local.locale = Locale(identifier: "en_GB_POSIX")
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            local.dateFormat = format
            if let date = local.date(from: typed), local.string(from: date) == typed { return date }
        }
        throw FieldError(field, "Enter \(label) as a real date and time, like 2027-01-12T10:00")
    }

    /// Every time the request books, in order: the first, then each repeat up to and including `until`, in UK clock time
    /// (a 10:00 meeting stays at 10:00 across the change to summer time).
    public func occurrences(calendar: Calendar = .ukCivil) -> [Occurrence] {
        guard let repeats, let until, let lastDay = UKDates.parseISODay(until) else { return [first] }
        let length = first.ends.timeIntervalSince(first.starts)
        let end = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: lastDay))!
        var out: [Occurrence] = []
        let parts = calendar.dateComponents([.weekday, .day, .hour, .minute], from: first.starts)
        let position = min((parts.day! - 1) / 7 + 1, 5)
        var n = 0
        while out.count < Self.longestSeries {
            let start: Date?
            switch repeats {
            case .week: start = calendar.date(byAdding: .day, value: 7 * n, to: first.starts)
            case .twoWeeks: start = calendar.date(byAdding: .day, value: 14 * n, to: first.starts)
            case .monthWeekday:
                let month = calendar.date(byAdding: .month, value: n, to: calendar.date(from: calendar.dateComponents([.year, .month], from: first.starts))!)!
                start = Self.weekday(parts.weekday!, position: position == 5 ? -1 : position, in: month, hour: parts.hour!, minute: parts.minute!, calendar)
            }
            n += 1
            guard let start else { continue }
            if start >= end { break }
            out.append(Occurrence(starts: start, ends: start + length))
        }
        return out
    }

    /// The series as the directory's schedule (Open Referral UK's `schedule`): weekly, every other week, or monthly on the
    /// numbered weekday (a fifth one as the last), at the first meeting's clock times, from its day to the series' last.
    /// Nil for a single booking.
    public func schedule(notes: String, calendar: Calendar = .ukCivil) -> Schedule? {
        guard let repeats, let until, let lastDay = UKDates.parseISODay(until) else { return nil }
        let parts = calendar.dateComponents([.weekday, .day, .hour, .minute], from: first.starts)
        let ends = calendar.dateComponents([.hour, .minute], from: first.ends)
        let weekday = Weekday(gregorianWeekday: parts.weekday!)
        let position = min((parts.day! - 1) / 7 + 1, 5)
        let day: Schedule.Day = repeats == .monthWeekday ? Schedule.Day(weekday, position: position == 5 ? -1 : position) : Schedule.Day(weekday)
        return Schedule(frequency: repeats == .monthWeekday ? .monthly : .weekly, interval: repeats == .twoWeeks ? 2 : 1, days: [day],
                        opensAt: TimeOfDay(hour: parts.hour!, minute: parts.minute!), closesAt: TimeOfDay(hour: ends.hour!, minute: ends.minute!),
                        validFrom: calendar.startOfDay(for: first.starts), validTo: lastDay, notes: notes)
    }

    /// The `position`th (or, -1, the last) `weekday` of the month starting at `month`, at a clock time.
    static func weekday(_ weekday: Int, position: Int, in month: Date, hour: Int, minute: Int, _ calendar: Calendar) -> Date? {
        let days = calendar.range(of: .day, in: .month, for: month)!.count
        let matching = (0..<days).compactMap { calendar.date(byAdding: .day, value: $0, to: month) }.filter { calendar.component(.weekday, from: $0) == weekday }
        guard let day = position == -1 ? matching.last : (matching.count >= position ? matching[position - 1] : nil) else { return nil }
        return calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day)
    }
}

extension RoomRules {
    /// Why the room cannot be booked at this time, if it cannot: closed that day or at that time, a closed date, longer
    /// than the owner allows.
    public func whyNot(_ o: Occurrence, calendar: Calendar = .ukCivil) -> String? {
        let day = o.day
        if blackouts.contains(day) { return "The room is closed on \(UKDates.day(o.starts))." }
        let weekday = Weekday(gregorianWeekday: calendar.component(.weekday, from: o.starts))
        guard openDays.contains(weekday) else { return "The room is not open on \(weekday.plural)." }
        let startMinute = calendar.component(.hour, from: o.starts) * 60 + calendar.component(.minute, from: o.starts)
        let length = Int(o.ends.timeIntervalSince(o.starts) / 60)
        guard length <= longestMinutes else { return "A booking is at most \(longestMinutes / 60 == 0 ? "\(longestMinutes) minutes" : TimeBankLedger.duration(longestMinutes)) here." }
        guard UKDates.isoDay(o.ends.addingTimeInterval(-1)) == day, startMinute >= opens.minutes, startMinute + length <= closes.minutes else {
            return "The room is open from \(opens) to \(closes)."
        }
        return nil
    }
}
