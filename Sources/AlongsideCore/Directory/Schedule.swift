import Foundation

/// When a service runs, in the shape of an Open Referral schedule (an iCalendar recurrence rule): weekly on
/// some days, or monthly on a numbered weekday ("2nd Saturday") or on dates of the month.
public struct Schedule: Equatable, Sendable, Codable {
    public enum Frequency: String, Codable, Sendable { case weekly = "WEEKLY", monthly = "MONTHLY" }

    /// A weekday, and for monthly schedules which one in the month (1…4, or -1 for the last).
    public struct Day: Equatable, Hashable, Sendable, Codable {
        public let weekday: Weekday
        public let position: Int?

        public init(_ weekday: Weekday, position: Int? = nil) {
            self.weekday = weekday
            self.position = position
        }

        /// `TU`, `2SA`, `-1FR`.
        public init?(parsing text: String) {
            let t = text.trimmed.uppercased()
            guard t.count >= 2, let weekday = Weekday(parsing: String(t.suffix(2))) else { return nil }
            let prefix = t.dropLast(2)
            if prefix.isEmpty {
                self.init(weekday)
            } else {
                guard let n = Int(prefix), [1, 2, 3, 4, 5, -1].contains(n) else { return nil }
                self.init(weekday, position: n)
            }
        }

        public var code: String { (position.map(String.init) ?? "") + weekday.code }
    }

    public var frequency: Frequency
    public var interval: Int
    public var days: [Day]
    public var monthDays: [Int]
    public var opensAt: TimeOfDay?
    public var closesAt: TimeOfDay?
    public var validFrom: Date?
    public var validTo: Date?
    /// Free words from the organisation ("Bring a packed lunch").
    public var notes: String
    /// Whether it stops on bank holidays in England and Wales.
    public var closedOnBankHolidays: Bool

    public init(frequency: Frequency = .weekly, interval: Int = 1, days: [Day] = [], monthDays: [Int] = [],
                opensAt: TimeOfDay? = nil, closesAt: TimeOfDay? = nil, validFrom: Date? = nil, validTo: Date? = nil,
                notes: String = "", closedOnBankHolidays: Bool = false) {
        self.closedOnBankHolidays = closedOnBankHolidays
        self.frequency = frequency
        self.interval = interval
        self.days = days
        self.monthDays = monthDays
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.validFrom = validFrom
        self.validTo = validTo
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case frequency, interval, days, monthDays, opensAt, closesAt, validFrom, validTo, notes, closedOnBankHolidays
    }

    /// Reads schedules saved before bank holidays were recorded as running on them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(frequency: try c.decode(Frequency.self, forKey: .frequency), interval: try c.decode(Int.self, forKey: .interval),
                  days: try c.decode([Day].self, forKey: .days), monthDays: try c.decode([Int].self, forKey: .monthDays),
                  opensAt: try c.decodeIfPresent(TimeOfDay.self, forKey: .opensAt), closesAt: try c.decodeIfPresent(TimeOfDay.self, forKey: .closesAt),
                  validFrom: try c.decodeIfPresent(Date.self, forKey: .validFrom), validTo: try c.decodeIfPresent(Date.self, forKey: .validTo),
                  notes: try c.decode(String.self, forKey: .notes),
                  closedOnBankHolidays: try c.decodeIfPresent(Bool.self, forKey: .closedOnBankHolidays) ?? false)
    }

    /// Weekly on the given days.
    public static func weekly(_ days: Weekday..., from opens: TimeOfDay, to closes: TimeOfDay) -> Schedule {
        Schedule(days: days.map { Day($0) }, opensAt: opens, closesAt: closes)
    }

    /// Monthly on one numbered weekday, e.g. the 2nd Saturday.
    public static func monthly(_ position: Int, _ weekday: Weekday, from opens: TimeOfDay, to closes: TimeOfDay) -> Schedule {
        Schedule(frequency: .monthly, days: [Day(weekday, position: position)], opensAt: opens, closesAt: closes)
    }

    /// The `byday` value as Open Referral writes it (`TU,TH` or `2SA`).
    public var byDay: String { days.map(\.code).joined(separator: ",") }

    /// Checks the rule makes sense, naming the field that does not.
    public func validate() throws {
        var checks = FieldChecks()
        if days.isEmpty && monthDays.isEmpty { checks.add("byday", "Choose at least one day the service runs") }
        if !(1...52).contains(interval) { checks.add("interval", "How often must be every 1 to 52 weeks or months") }
        if monthDays.contains(where: { !(1...31).contains($0) }) { checks.add("bymonthday", "Days of the month must be from 1 to 31") }
        if frequency == .weekly && days.contains(where: { $0.position != nil }) {
            checks.add("byday", "A weekly schedule cannot say which week of the month")
        }
        if let opens = opensAt, let closes = closesAt, closes <= opens {
            checks.add("closes_at", "Closing time must be after opening time")
        }
        if let from = validFrom, let to = validTo, to < from { checks.add("valid_to", "The end date must be after the start date") }
        try checks.finish()
    }
}
