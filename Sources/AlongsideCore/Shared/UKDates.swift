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
        parseISODay(text) ?? formatter("d/M/yyyy", locale: "en_GB_POSIX").date(from: text.trimmed)
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
        formatter("yyyy-MM-dd", locale: "en_GB_POSIX").date(from: text.trimmed)
    }
}
