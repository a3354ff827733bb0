import Foundation

/// Bank holidays in England and Wales, worked out by the rules that set them (Easter by the Gregorian computus,
/// the first and last Mondays of May, the last Monday of August, substitute days when Christmas, Boxing Day or
/// New Year's Day fall at a weekend) and the one-off changes proclaimed since 1995.
public enum BankHolidays {
    /// The days that were moved or added by proclamation: (year, month, day) added, and the usual day they replaced.
    static let added: [(Int, Int, Int)] = [
        (1995, 5, 8), (1999, 12, 31), (2002, 6, 3), (2002, 6, 4), (2011, 4, 29), (2012, 6, 4), (2012, 6, 5),
        (2020, 5, 8), (2022, 6, 2), (2022, 6, 3), (2022, 9, 19), (2023, 5, 8),
    ]
    static let moved: [(Int, Int, Int)] = [(1995, 5, 1), (2002, 5, 27), (2012, 5, 28), (2020, 5, 4), (2022, 5, 30)]

    /// Every bank holiday of the year, as dates in the UK calendar, in order.
    public static func englandAndWales(_ year: Int, calendar: Calendar = .ukCivil) -> [DateComponents] {
        func date(_ m: Int, _ d: Int) -> Date { calendar.date(from: DateComponents(year: year, month: m, day: d))! }
        func weekday(_ m: Int, _ d: Int) -> Weekday { Weekday(gregorianWeekday: calendar.component(.weekday, from: date(m, d))) }
        func day(_ d: Date) -> (Int, Int) { (calendar.component(.month, from: d), calendar.component(.day, from: d)) }
        var days: [(Int, Int)] = []

        // New Year's Day, or the Monday after.
        switch weekday(1, 1) {
        case .saturday: days.append((1, 3))
        case .sunday: days.append((1, 2))
        default: days.append((1, 1))
        }
        let easter = easterSunday(year)
        days.append(day(calendar.date(byAdding: .day, value: -2, to: date(easter.0, easter.1))!))
        days.append(day(calendar.date(byAdding: .day, value: 1, to: date(easter.0, easter.1))!))
        // First Monday of May; last Monday of May; last Monday of August.
        days.append((5, (1...7).first { weekday(5, $0) == .monday }!))
        days.append((5, (25...31).first { weekday(5, $0) == .monday }!))
        days.append((8, (25...31).first { weekday(8, $0) == .monday }!))
        // Christmas and Boxing Day, with substitutes on the next weekdays.
        switch weekday(12, 25) {
        case .friday: days += [(12, 25), (12, 28)]
        case .saturday: days += [(12, 27), (12, 28)]
        case .sunday: days += [(12, 26), (12, 27)]
        default: days += [(12, 25), (12, 26)]
        }
        days.removeAll { d in moved.contains { $0.0 == year && $0.1 == d.0 && $0.2 == d.1 } }
        days += added.filter { $0.0 == year }.map { ($0.1, $0.2) }
        return days.sorted { $0 < $1 }.map { DateComponents(year: year, month: $0.0, day: $0.1) }
    }

    /// Whether the date (in the UK calendar) is a bank holiday in England and Wales.
    public static func isBankHoliday(_ date: Date, calendar: Calendar = .ukCivil) -> Bool {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return englandAndWales(parts.year!, calendar: calendar).contains { $0.month == parts.month && $0.day == parts.day }
    }

    /// Easter Sunday's (month, day) in the Gregorian calendar (the anonymous Gregorian algorithm).
    public static func easterSunday(_ year: Int) -> (Int, Int) {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return (month, day)
    }
}
