import Foundation

/// Dates as people in the UK read and write them, in UK time: one place for every page, email and form.
public enum UKDates {
    static func formatter(_ format: String, locale: String = "en_GB") -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = format
        return formatter
    }

    /// "25 November 2026".
    public static func day(_ date: Date) -> String { formatter("d MMMM yyyy").string(from: date) }

    /// "25 Nov 2026", where space is short (chart axes).
    public static func short(_ date: Date) -> String { formatter("d MMM yyyy").string(from: date) }

    /// "Wednesday 25 November 2026".
    public static func weekdayAndDay(_ date: Date) -> String { formatter("EEEE d MMMM yyyy").string(from: date) }

    /// "25 November 2026 at 6:38pm".
    public static func dayAndTime(_ date: Date) -> String {
        formatter("d MMMM yyyy 'at' h:mma").string(from: date)
            .replacingOccurrences(of: "AM", with: "am").replacingOccurrences(of: "PM", with: "pm")
    }

    /// "6:38pm".
    public static func time(_ date: Date) -> String {
        formatter("h:mma").string(from: date).replacingOccurrences(of: "AM", with: "am").replacingOccurrences(of: "PM", with: "pm")
    }

    /// A date as people type it: `2026-11-01` (as date inputs send it) or `1/11/2026` (day first, as in the UK).
    public static func parseTypedDay(_ text: String) -> Date? {
        if let day = parseISODay(text) { return day }
        let parts = text.trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 else { return nil }
        return realDay(year: parts[2], month: parts[1], day: parts[0])
    }

    /// An RFC 3339 date and time (`2026-11-01T10:00:00Z`, `2026-11-01T10:00:00.5+01:00`) whose day exists in
    /// `realYears`; nil for anything else (a year 0000, 30 February, a missing zone).
    public static func parseDateTime(_ text: String) -> Date? {
        let text = text.trimmed
        guard text.count >= 20, let t = text.firstIndex(where: { $0 == "T" || $0 == "t" }) else { return nil }
        guard parseISODay(String(text[..<t])) != nil else { return nil }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return plain.date(from: text) ?? fractional.date(from: text)
    }

    /// The years a date typed into Alongside may fall in: a year like 0000 or 9999 is a slip, not a date.
    public static let realYears = 1900...2199

    /// The day at the start of which `year-month-day` falls in UK time, only if each part is digits and the
    /// day exists (no 30 February, no month 13) in `realYears`. Foundation's parser would turn 2026-02-30
    /// into 2 March; this refuses it.
    static func realDay(year: Substring, month: Substring, day: Substring) -> Date? {
        func number(_ text: Substring) -> Int? {
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(text)
        }
        guard let y = number(year), let m = number(month), let d = number(day),
              realYears.contains(y), (1...12).contains(m), d >= 1 else { return nil }
        let calendar = Calendar.ukCivil
        guard let first = calendar.date(from: DateComponents(year: y, month: m, day: 1)),
              let days = calendar.range(of: .day, in: .month, for: first), days.contains(d) else { return nil }
        return calendar.date(from: DateComponents(year: y, month: m, day: d))
    }

    /// How old someone born on `birthDate` (`YYYY-MM-DD`) is on `day`, in whole years; nil without a date.
    public static func yearsOld(bornOn birthDate: String?, on day: Date) -> Int? {
        guard let born = birthDate.flatMap(parseISODay) else { return nil }
        return Calendar.ukCivil.dateComponents([.year], from: born, to: day).year
    }

    /// `2026-11-01`.
    public static func isoDay(_ date: Date) -> String { formatter("yyyy-MM-dd", locale: "en_GB_POSIX").string(from: date) }

    /// A date typed as `2026-11-01` (as date inputs send it), at the start of that day in UK time; nil if it is not one.
    public static func parseISODay(_ text: String) -> Date? {
        let parts = text.trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else { return nil }
        return realDay(year: parts[0], month: parts[1], day: parts[2])
    }
}
