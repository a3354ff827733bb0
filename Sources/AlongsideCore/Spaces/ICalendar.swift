import Foundation

/// iCalendar (RFC 5545) feeds of room bookings: a series is one event with an RRULE and an EXDATE for each date it does
/// not meet (a clash skipped, an occurrence cancelled), in UK clock time with the Europe/London time zone written out.
public enum ICalendar {
    public struct Event: Sendable, Equatable {
        public let uid: String
        public let summary: String
        public let location: String
        public let first: Occurrence
        /// `FREQ=…` without UNTIL, or nil for a single booking.
        public let repeats: BookingRepeat?
        /// The last day of a series (UK date).
        public let until: String?
        /// Starts of the occurrences the series does not meet on.
        public let exceptions: [Date]

        public init(uid: String, summary: String, location: String, first: Occurrence, repeats: BookingRepeat?, until: String?, exceptions: [Date]) {
            self.uid = uid
            self.summary = summary
            self.location = location
            self.first = first
            self.repeats = repeats
            self.until = until
            self.exceptions = exceptions
        }
    }

    /// The rule's text for a series starting at `first`: `FREQ=WEEKLY;INTERVAL=2;UNTIL=…`.
    public static func rule(_ repeats: BookingRepeat, first: Date, until: String, calendar: Calendar = .ukCivil) -> String {
        let lastDay = UKDates.parseISODay(until)!
        let end = calendar.date(byAdding: .day, value: 1, to: lastDay)!.addingTimeInterval(-1)
        let untilUTC = utc(end)
        switch repeats {
        case .week: return "FREQ=WEEKLY;UNTIL=\(untilUTC)"
        case .twoWeeks: return "FREQ=WEEKLY;INTERVAL=2;UNTIL=\(untilUTC)"
        case .monthWeekday:
            let parts = calendar.dateComponents([.weekday, .day], from: first)
            let position = (parts.day! - 1) / 7 + 1
            return "FREQ=MONTHLY;BYDAY=\(position >= 5 ? -1 : position)\(Weekday(gregorianWeekday: parts.weekday!).code);UNTIL=\(untilUTC)"
        }
    }

    /// The whole feed.
    public static func feed(name: String, events: [Event], now: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Alongside//Rooms//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + text(name)]
        lines += londonTimeZone
        for e in events {
            lines += ["BEGIN:VEVENT", "UID:\(e.uid)", "DTSTAMP:\(utc(now))", "DTSTART;TZID=Europe/London:\(local(e.first.starts))",
                      "DTEND;TZID=Europe/London:\(local(e.first.ends))", "SUMMARY:" + text(e.summary), "LOCATION:" + text(e.location)]
            if let repeats = e.repeats, let until = e.until {
                lines.append("RRULE:" + rule(repeats, first: e.first.starts, until: until))
                for x in e.exceptions.sorted() { lines.append("EXDATE;TZID=Europe/London:\(local(x))") }
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Europe/London since 1996: GMT in winter, BST from the last Sunday of March to the last Sunday of October.
    static let londonTimeZone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/London",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19810329T010000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19961027T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// Text as a property value: backslashes, semicolons, commas and line breaks escaped, control characters dropped.
    public static func text(_ value: String) -> String {
        Text.escaping(value) { scalar in
            switch scalar {
            case "\\": "\\\\"
            case ";": "\\;"
            case ",": "\\,"
            case "\n": "\\n"
            case "\r": ""
            default: Text.isControl(scalar) ? "" : nil
            }
        }
    }

    /// Lines longer than 75 octets folded, never inside a character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = "", count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 { out += "\r\n "; count = 1 }
            out.append(character)
            count += size
        }
        return out
    }

    static func local(_ date: Date) -> String { UKDates.formatter("yyyyMMdd'T'HHmmss", locale: "en_GB_POSIX").string(from: date) }

    static func utc(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }
}
