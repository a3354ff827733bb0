import Foundation

/// A day of the week, with the two-letter code iCalendar and Open Referral use (`MO` … `SU`).
public enum Weekday: Int, CaseIterable, Codable, Sendable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var code: String { ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][rawValue - 1] }
    public var name: String { ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue - 1] }
    public var plural: String { name + "s" }

    /// From `TU`, `Tuesday` or `tuesday`.
    public init?(parsing text: String) {
        let t = text.trimmed.lowercased()
        guard let day = Weekday.allCases.first(where: { $0.code.lowercased() == t || $0.name.lowercased() == t }) else { return nil }
        self = day
    }

    /// From Foundation's weekday number (1 = Sunday … 7 = Saturday).
    public init(gregorianWeekday: Int) {
        self = Weekday(rawValue: gregorianWeekday == 1 ? 7 : gregorianWeekday - 1)!
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A time of day to the minute ("10:00"), as schedules and filters use it.
public struct TimeOfDay: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let minutes: Int

    public init(hour: Int, minute: Int) { minutes = hour * 60 + minute }

    /// From `10:00` or `10:00:00` (24-hour clock), or an RFC 3339 time as Open Referral's `start_time` may be
    /// sent (`10:00:00Z`, `10:00:00+01:00`, `10:00:00.5`). Schedules are the place's own clock times, which have
    /// no date to fix a zone's offset by, so the clock time is read as written and a valid zone is set aside.
    public init?(parsing text: String) {
        var clock = Substring(text.trimmed)
        if clock.last == "Z" || clock.last == "z" {
            clock = clock.dropLast()
        } else if clock.count > 6, let sign = clock.dropLast(5).last, sign == "+" || sign == "-" {
            let zone = clock.suffix(5).split(separator: ":", omittingEmptySubsequences: false)
            guard zone.count == 2, zone.allSatisfy({ $0.count == 2 }), let zh = Int(zone[0]), let zm = Int(zone[1]),
                  (0...23).contains(zh), (0...59).contains(zm) else { return nil }
            clock = clock.dropLast(6)
        }
        if let dot = clock.firstIndex(of: ".") {
            let fraction = clock[clock.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigitLike) else { return nil }
            clock = clock[..<dot]
        }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigitLike) }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m),
              parts.count == 2 || Int(parts[2]).map({ (0...59).contains($0) }) == true
        else { return nil }
        minutes = h * 60 + m
    }

    public var description: String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
    /// `10:00:00`, as Open Referral writes times.
    public var withSeconds: String { description + ":00" }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
}

extension Character {
    var isASCIIDigitLike: Bool { ("0"..."9").contains(self) }
}
