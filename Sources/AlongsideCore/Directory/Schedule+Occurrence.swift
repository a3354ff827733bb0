import Foundation

extension Schedule {
    /// Whether the service runs on this calendar date (ignoring the time of day). Weekly schedules with an
    /// interval count weeks from `validFrom` (or always run when it is not set).
    public func runs(on date: Date, calendar: Calendar = .ukCivil) -> Bool {
        if let from = validFrom, calendar.startOfDay(for: date) < calendar.startOfDay(for: from) { return false }
        if let to = validTo, calendar.startOfDay(for: date) > calendar.startOfDay(for: to) { return false }
        if closedOnBankHolidays && BankHolidays.isBankHoliday(date, calendar: calendar) { return false }
        let parts = calendar.dateComponents([.weekday, .day], from: date)
        let weekday = Weekday(gregorianWeekday: parts.weekday!)
        let dayOfMonth = parts.day!
        switch frequency {
        case .weekly:
            guard days.contains(where: { $0.weekday == weekday }) else { return false }
            guard interval > 1, let from = validFrom else { return true }
            let weeks = calendar.dateComponents([.day], from: calendar.startOfDay(for: from), to: calendar.startOfDay(for: date)).day! / 7
            return weeks % interval == 0
        case .monthly:
            if monthDays.contains(dayOfMonth) { return true }
            let daysInMonth = calendar.range(of: .day, in: .month, for: date)!.count
            let position = (dayOfMonth - 1) / 7 + 1
            let isLast = dayOfMonth + 7 > daysInMonth
            return days.contains { day in
                day.weekday == weekday && (day.position == nil || day.position == position || (day.position == -1 && isLast))
            }
        }
    }

    /// Whether it is open on that weekday at that time, as the ORUK `day` and `start_time` filters ask: some
    /// occurrence falls on the weekday and the time is within opening hours (or no hours are given).
    public func isOpen(on weekday: Weekday?, at time: TimeOfDay?) -> Bool {
        if let weekday, !days.isEmpty, !days.contains(where: { $0.weekday == weekday }) { return false }
        guard let time else { return true }
        guard let opens = opensAt else { return true }
        let closes = closesAt ?? TimeOfDay(hour: 23, minute: 59)
        return opens <= time && time < closes
    }

    /// The next date and time it opens at or after `now`, looking up to a year ahead.
    public func nextOpening(after now: Date, calendar: Calendar = .ukCivil) -> Date? {
        let start = calendar.startOfDay(for: now)
        for offset in 0..<366 {
            guard let day = calendar.date(byAdding: .day, value: offset, to: start), runs(on: day, calendar: calendar) else { continue }
            let opens = opensAt ?? TimeOfDay(hour: 0, minute: 0)
            let when = calendar.date(byAdding: .minute, value: opens.minutes, to: day)!
            let closes = closesAt.map { calendar.date(byAdding: .minute, value: $0.minutes, to: day)! } ?? when
            if max(when, closes) >= now { return when }
        }
        return nil
    }
}

extension Calendar {
    /// The Gregorian calendar in UK time, which every schedule in Alongside is written in.
    public static var ukCivil: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        calendar.locale = Locale(identifier: "en_GB")
        return calendar
    }
}
