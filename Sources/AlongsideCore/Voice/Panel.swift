import Foundation

/// A panel of representatives chosen by their peers: for the whole place or some wards, with a number of seats,
/// a term, and a report-back owed to the people they represent every few weeks.
public struct PanelDraft: Equatable, Sendable {
    public static let standardReportWeeks = 8

    public var name: String
    public var description: String
    /// Ward codes; empty for the whole place.
    public var wards: [String]
    public var seats: Int
    public var termMonths: Int
    public var reportEveryWeeks: Int

    public init(name: String, description: String, wards: [String], seats: Int, termMonths: Int, reportEveryWeeks: Int = Self.standardReportWeeks) {
        self.name = name; self.description = description; self.wards = wards; self.seats = seats
        self.termMonths = termMonths; self.reportEveryWeeks = reportEveryWeeks
    }

    /// The form as typed, checked, every fault named.
    public static func from(name: String, description: String, area: [String], seats: String, termMonths: String, reportEveryWeeks: String,
                            knownWards: Set<String>) throws -> PanelDraft {
        var checks = FieldChecks()
        let name = checks.check { try Text.required(name, field: "name", label: "a name", maxLength: 150) } ?? ""
        let description = checks.check {
            try Text.required(description, field: "description", label: "what the panel is for", maxLength: 6_000, multiline: true)
        } ?? ""
        let chosen = area.map(\.trimmed).filter { !$0.isEmpty }
        var wards: [String] = []
        if chosen.isEmpty { checks.add("area", "Choose the whole place or at least one ward") } else if chosen.contains(ProposalDraft.wholePlace) {
            if chosen.count > 1 { checks.add("area", "Choose the whole place, or wards, not both") }
        } else if chosen.allSatisfy(knownWards.contains) { wards = Array(Set(chosen)).sorted() } else { checks.add("area", "Choose wards from the list") }
        let seats = Int(seats.trimmed) ?? 0
        if !(1...15).contains(seats) { checks.add("seats", "Enter the number of seats, from 1 to 15") }
        let term = Int(termMonths.trimmed) ?? 0
        if !(3...60).contains(term) { checks.add("term_months", "Enter the term in months, from 3 to 60") }
        var weeks = standardReportWeeks
        if !reportEveryWeeks.trimmed.isEmpty {
            weeks = Int(reportEveryWeeks.trimmed) ?? 0
            if !(2...26).contains(weeks) { checks.add("report_weeks", "Enter how often representatives report back, from 2 to 26 weeks, or leave it empty for 8") }
        }
        try checks.finish()
        return PanelDraft(name: name, description: description, wards: wards, seats: seats, termMonths: term, reportEveryWeeks: weeks)
    }

    /// Whether someone may stand or vote: living in the panel's area, aged 16 or over. The reason when not.
    public func whyNotEligible(birthDate: String?, ward: String?, livesInPlace: Bool, today: Date) -> String? {
        guard livesInPlace else { return "Panels are for people who live here, and your account has no home postcode in this place." }
        if !wards.isEmpty, !(ward.map(wards.contains) ?? false) { return "This panel is for people who live in its wards, and your home postcode is in another." }
        guard let age = UKDates.yearsOld(bornOn: birthDate, on: today) else {
            return "Panels are for people aged 16 or over: add your date of birth to your account to take part."
        }
        return age >= 16 ? nil : "Panels are for people aged 16 or over."
    }

    /// When a representative's next report-back is due: `reportEveryWeeks` after their last one, or after their
    /// term began if they have not reported yet. Overdue once today is past it.
    public func reportDue(termFrom: String, lastReport: Date?, today: Date) -> (due: String, overdue: Bool) {
        let calendar = Calendar.ukCivil
        let start = lastReport.map { calendar.startOfDay(for: $0) } ?? UKDates.parseISODay(termFrom) ?? today
        let due = calendar.date(byAdding: .day, value: 7 * reportEveryWeeks, to: start) ?? start
        return (UKDates.isoDay(due), UKDates.isoDay(today) > UKDates.isoDay(due))
    }
}

/// The phases of a panel election, each from its day.
public enum ElectionPhase: String, CaseIterable, Sendable {
    case upcoming, nominations, voting, results

    public var title: String {
        switch self {
        case .upcoming: "Not open yet"
        case .nominations: "Standing for election"
        case .voting: "Voting"
        case .results: "Results"
        }
    }
}

/// An election's days: nominations open, voting opens, the last day of voting.
public struct ElectionDays: Equatable, Sendable {
    public var nominationsFrom: String
    public var votingFrom: String
    public var votingUntil: String

    public init(nominationsFrom: String, votingFrom: String, votingUntil: String) {
        self.nominationsFrom = nominationsFrom; self.votingFrom = votingFrom; self.votingUntil = votingUntil
    }

    public func phase(on today: Date) -> ElectionPhase {
        let day = UKDates.isoDay(today)
        if day < nominationsFrom { return .upcoming }
        if day < votingFrom { return .nominations }
        if day <= votingUntil { return .voting }
        return .results
    }

    /// Typed days (ISO, or nil when what was typed is not a date) checked in order.
    public static func from(nominationsFrom: String?, votingFrom: String?, votingUntil: String?) throws -> ElectionDays {
        var checks = FieldChecks()
        for (field, value, label) in [("nominations_from", nominationsFrom, "the day people may start to stand"),
                                      ("voting_from", votingFrom, "the day voting opens"), ("voting_until", votingUntil, "the last day of voting")]
        where value == nil { checks.add(field, "Enter \(label) as a real date, like 14 3 2027") }
        let (n, v, u) = (nominationsFrom ?? "", votingFrom ?? "", votingUntil ?? "")
        if !n.isEmpty && !v.isEmpty && v <= n { checks.add("voting_from", "Voting must open after people start to stand") }
        if !v.isEmpty && !u.isEmpty && u < v { checks.add("voting_until", "The last day of voting must be on or after the day voting opens") }
        try checks.finish()
        return ElectionDays(nominationsFrom: n, votingFrom: v, votingUntil: u)
    }
}

/// A candidate's statement and declared interests, as typed.
public struct Candidacy: Equatable, Sendable {
    public static let statementLimit = 3_000
    public var statement: String
    public var interests: String

    public init(statement: String, interests: String) { self.statement = statement; self.interests = interests }

    public func validated() throws -> Candidacy {
        var checks = FieldChecks()
        let tidyStatement = checks.check {
            try Text.required(self.statement, field: "statement", label: "why you are standing", maxLength: Self.statementLimit, multiline: true)
        } ?? ""
        let tidyInterests = checks.check {
            try Text.required(self.interests, field: "interests", label: "your interests, or \"None\"", maxLength: Self.statementLimit, multiline: true)
        } ?? ""
        try checks.finish()
        return Candidacy(statement: tidyStatement, interests: tidyInterests)
    }
}

/// A ranking of candidates checked: at least one, each once, each standing. The ranking as given.
public func checkedRanking(_ ranking: [UUID], standing: Set<UUID>, names: [UUID: String]) throws -> [UUID] {
    if ranking.isEmpty { throw FieldError("ranking", "Rank at least one candidate") }
    var seen = Set<UUID>()
    for id in ranking {
        guard standing.contains(id) else { throw FieldError("ranking", "Rank only the candidates standing in this election") }
        guard seen.insert(id).inserted else { throw FieldError("ranking", "Rank each candidate once: \(names[id] ?? "one candidate") is ranked twice") }
    }
    return ranking
}
