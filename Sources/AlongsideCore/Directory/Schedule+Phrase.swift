import Foundation

extension Schedule {
    /// When it runs, in words: "Tuesdays 10:00–11:30", "2nd Saturday of the month 10:00–12:00",
    /// "Every other Monday 18:30–20:00", "Weekdays 09:00–17:00".
    public var phrase: String {
        var text: String
        switch frequency {
        case .weekly:
            let weekdays = days.map(\.weekday).sorted()
            if Set(weekdays) == Set(Weekday.allCases) {
                text = "Every day"
            } else if Set(weekdays) == [.monday, .tuesday, .wednesday, .thursday, .friday] {
                text = interval == 1 ? "Weekdays" : "Weekdays, every \(Self.ordinalWord(interval)) week"
            } else if interval == 1 {
                text = Self.list(weekdays.map(\.plural))
            } else if interval == 2 {
                text = "Every other " + Self.list(weekdays.map(\.name))
            } else {
                text = "Every \(interval) weeks on " + Self.list(weekdays.map(\.plural))
            }
        case .monthly:
            if !days.isEmpty {
                text = Self.list(days.map { day in
                    (day.position.map { $0 == -1 ? "Last" : Self.ordinal($0) } ?? "Every") + " " + day.weekday.name
                }) + " of the month"
            } else {
                text = "The " + Self.list(monthDays.sorted().map(Self.ordinal)) + " of the month"
            }
        }
        if let opens = opensAt, let closes = closesAt {
            text += " \(opens)–\(closes)"
        } else if let opens = opensAt {
            text += " from \(opens)"
        }
        if closedOnBankHolidays { text += ", not on bank holidays" }
        return text
    }

    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    static func ordinalWord(_ n: Int) -> String { n == 2 ? "other" : ordinal(n) }

    /// "A", "A and B", "A, B and C".
    public static func list(_ items: [String]) -> String { Text.list(items) }
}
