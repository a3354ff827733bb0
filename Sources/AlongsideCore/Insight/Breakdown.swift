import Foundation

/// How an insight figure is split, as NHS England asks (Core20PLUS5): by deprivation, age, sex, ethnicity and
/// whether the person cares for someone. Each split has its groups in a fixed order, with "not known" reported as
/// a gap, never dropped.
public enum InsightSplit: String, CaseIterable, Sendable {
    case imdQuintile = "imd_quintile"
    case ageBand = "age_band"
    case sex
    case ethnicity
    case carer
    /// The GP practice that referred (its ODS code); the groups come from the place's practice list.
    case practice
    /// The referring practice's primary care network (its ODS code).
    case pcn

    /// Splits whose groups come from the place's practice list, not a fixed list.
    public var isByPractice: Bool { self == .practice || self == .pcn }

    public var title: String {
        switch self {
        case .imdQuintile: "Deprivation (IMD 2019 fifth)"
        case .ageBand: "Age"
        case .sex: "Sex"
        case .ethnicity: "Ethnic group"
        case .carer: "Caring"
        case .practice: "Referring GP practice"
        case .pcn: "Primary care network"
        }
    }

    /// The groups in order: (key as the API names it, name for people). A split by practice or PCN has only its
    /// "no practice" group here; `PracticeGroups.groups` makes the rest from the place's list.
    public var groups: [(key: String, name: String)] {
        switch self {
        case .imdQuintile:
            [("1", "1 (most deprived)"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5 (least deprived)"), ("unknown", "Not known")]
        case .ageBand:
            AgeBand.allCases.map { ($0.rawValue, $0.title) } + [("unknown", "Not known")]
        case .sex:
            Sex.allCases.map { ($0.rawValue, $0.title) }
        case .ethnicity:
            Ethnicity.allCases.map { ($0.rawValue, $0 == .notStated ? "Not stated" : $0.title) } + [("not_known", "Not known")]
        case .carer:
            [("young_carer", "Young carer (under 18)"), ("carer", "Carer (18 or over)"), ("not_a_carer", "Not a carer")]
        case .practice, .pcn:
            [PracticeGroups.noPractice]
        }
    }

    /// The group a person falls in, from what is recorded about them (nil or unreadable: not known).
    public func group(of person: InsightPerson, on day: Date) -> String {
        switch self {
        case .imdQuintile:
            guard let decile = person.imdDecile, (1...10).contains(decile) else { return "unknown" }
            return String((decile + 1) / 2)
        case .ageBand:
            return AgeBand(birthDate: person.birthDate, on: day)?.rawValue ?? "unknown"
        case .sex:
            return (person.sex.flatMap(Sex.init(rawValue:)) ?? .notKnown).rawValue
        case .ethnicity:
            return person.ethnicity.flatMap(Ethnicity.init(rawValue:))?.rawValue ?? "not_known"
        case .carer:
            guard person.isCarer else { return "not_a_carer" }
            return AgeBand(birthDate: person.birthDate, on: day) == .under18 ? "young_carer" : "carer"
        case .practice:
            return person.practice ?? PracticeGroups.noPractice.key
        case .pcn:
            return person.pcn ?? PracticeGroups.noPractice.key
        }
    }
}

/// What insight knows of a person: never a name, only what the splits need.
public struct InsightPerson: Sendable, Equatable {
    public var imdDecile: Int?
    public var birthDate: String?
    public var sex: String?
    public var ethnicity: String?
    public var isCarer: Bool
    /// The ODS codes of the practice that referred, and of its network, when a practice on the list did.
    public var practice: String?
    public var pcn: String?

    public init(imdDecile: Int?, birthDate: String?, sex: String?, ethnicity: String?, isCarer: Bool, practice: String? = nil, pcn: String? = nil) {
        self.imdDecile = imdDecile; self.birthDate = birthDate; self.sex = sex; self.ethnicity = ethnicity; self.isCarer = isCarer
        self.practice = practice; self.pcn = pcn
    }
}

/// Five-year age bands grouped as the dashboards show them.
public enum AgeBand: String, CaseIterable, Sendable {
    case under18 = "0-17", from18 = "18-24", from25 = "25-49", from50 = "50-64", from65 = "65-79", from80 = "80+"

    public var title: String {
        switch self {
        case .under18: "0 to 17"
        case .from18: "18 to 24"
        case .from25: "25 to 49"
        case .from50: "50 to 64"
        case .from65: "65 to 79"
        case .from80: "80 and over"
        }
    }

    public init?(age: Int) {
        switch age {
        case ..<0: return nil
        case 0...17: self = .under18
        case 18...24: self = .from18
        case 25...49: self = .from25
        case 50...64: self = .from50
        case 65...79: self = .from65
        case 80...130: self = .from80
        default: return nil
        }
    }

    /// The band of someone born on `birthDate` (YYYY-MM-DD), on `day`; nil when the date is missing, not written
    /// as YYYY-MM-DD, or impossible.
    public init?(birthDate: String?, on day: Date) {
        guard let birthDate, Self.isWritten(birthDate), let born = ISODay(birthDate) else { return nil }
        let today = ISODay(day)
        var age = today.year - born.year
        if (today.month, today.day) < (born.month, born.day) { age -= 1 }
        self.init(age: age)
    }
}

extension AgeBand {
    /// Whether the text starts with a date written YYYY-MM-DD: four digits, a dash, two digits, a dash, two digits.
    public static func isWritten(_ text: String) -> Bool {
        let start = Array(text.prefix(10))
        guard start.count == 10 else { return false }
        return start.enumerated().allSatisfy { index, c in index == 4 || index == 7 ? c == "-" : c.isASCII && c.isNumber }
    }

    /// The bands as ranges of birth dates on `day`, youngest first: a person is in a band when their date of birth
    /// (YYYY-MM-DD, compared as text) is after `bornAfter` and on or before the previous band's. Born after `day`
    /// itself, or on or before the last `bornAfter`, is no band. The same rule as `init(birthDate:on:)`, for a
    /// database to apply.
    public static func birthDateBounds(on day: Date) -> (latest: String, bands: [(band: AgeBand, bornAfter: String)]) {
        let today = ISODay(day)
        func born(yearsBefore years: Int) -> String { String(format: "%04d-%02d-%02d", today.year - years, today.month, today.day) }
        return (born(yearsBefore: 0), [(.under18, born(yearsBefore: 18)), (.from18, born(yearsBefore: 25)), (.from25, born(yearsBefore: 50)),
                                      (.from50, born(yearsBefore: 65)), (.from65, born(yearsBefore: 80)), (.from80, born(yearsBefore: 131))])
    }
}

/// A calendar day read from or made for ISO 8601 text, in UTC.
struct ISODay {
    let year: Int, month: Int, day: Int

    init?(_ text: String) {
        let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        (year, month, day) = (parts[0], parts[1], parts[2])
    }

    init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        (year, month, day) = (parts.year!, parts.month!, parts.day!)
    }
}

/// A dashboard's period as typed (YYYY-MM-DD, both days included), checked: when nothing is typed, the year to today.
public struct InsightPeriod: Sendable, Equatable {
    public let from: Date
    /// The start of the day after the last day.
    public let until: Date
    public let fromText: String
    public let toText: String

    public static func parse(from: String?, to: String?, today: Date) throws -> InsightPeriod {
        let day = 86_400.0
        let todayStart = Date(timeIntervalSince1970: (today.timeIntervalSince1970 / day).rounded(.down) * day)
        func read(_ text: String?, _ field: String, _ label: String, _ otherwise: Date) throws -> Date {
            let typed = (text ?? "").trimmingCharacters(in: .whitespaces)
            if typed.isEmpty { return otherwise }
            guard typed.count == 10, let parsed = ISODay(typed), let date = parsed.date, ISODay(date).text == typed else {
                throw FieldError(field, "Enter the \(label) as a real date, year-month-day, for example 2026-04-01")
            }
            return date
        }
        let first = try read(from, "from", "first day", todayStart.addingTimeInterval(-364 * day))
        let last = try read(to, "to", "last day", todayStart)
        guard last >= first else { throw FieldError("to", "The last day must be on or after the first day") }
        guard last.timeIntervalSince(first) <= 10 * 366 * day else { throw FieldError("to", "Choose a period of ten years or less") }
        return InsightPeriod(from: first, until: last.addingTimeInterval(day), fromText: ISODay(first).text, toText: ISODay(last).text)
    }
}

extension ISODay {
    /// Midnight UTC at the start of the day, if the day exists.
    var date: Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    var text: String { String(format: "%04d-%02d-%02d", year, month, day) }
}
