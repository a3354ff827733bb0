import Foundation

/// The health system asking residents for proposals on one thing in one place — often opened from a gap in the
/// unmet need figures — until a closing day. Proposals made in answer take the call's ward and category, and are
/// then proposals like any other: supported, published and owed an answer by the same thresholds.
public struct ProposalCallDraft: Equatable, Sendable {
    public static let titleLimit = 150
    public static let bodyLimit = 6_000
    /// The longest a call stays open.
    public static let longestDays = 366

    public var title: String
    /// What is asked, and why: for a gap, its figures as the unmet need page shows them.
    public var body: String
    /// The ward's ONS code, or nil for the whole place (`ProposalDraft.wholePlace` as typed).
    public var ward: String?
    /// A taxonomy term's code.
    public var category: String
    /// The last day proposals are taken, `YYYY-MM-DD`.
    public var closesOn: String
    /// The need of the gap it was opened from, if any.
    public var need: Need?

    public init(title: String, body: String, ward: String?, category: String, closesOn: String, need: Need? = nil) {
        self.title = title; self.body = body; self.ward = ward; self.category = category; self.closesOn = closesOn; self.need = need
    }

    /// Trimmed and checked, every problem named at once: the ward and category must be the place's own, and the
    /// closing day from today to a year ahead.
    public func validated(wards: Set<String>, categories: Set<String>, today: Date) throws -> ProposalCallDraft {
        var checks = FieldChecks()
        var tidy = self
        tidy.title = checks.check { try Text.required(title, field: "title", label: "a title", maxLength: Self.titleLimit) } ?? ""
        tidy.body = checks.check {
            try Text.required(body, field: "body", label: "what you are asking for, and why", maxLength: Self.bodyLimit, multiline: true)
        } ?? ""
        (tidy.ward, tidy.category) = ProposalDraft.checkedPlace(ward: ward, category: category, wards: wards, categories: categories,
                                                                what: "the call", &checks)
        tidy.closesOn = closesOn.trimmed
        let first = Calendar.ukCivil.startOfDay(for: today)
        if tidy.closesOn.isEmpty {
            checks.add("closes_on", "Give the last day proposals are taken")
        } else if let day = UKDates.parseISODay(tidy.closesOn) {
            let last = Calendar.ukCivil.date(byAdding: .day, value: Self.longestDays, to: first) ?? first
            if day < first { checks.add("closes_on", "The last day for proposals cannot be before today") }
            if day > last { checks.add("closes_on", "A call stays open for a year at most: choose a day by \(UKDates.day(last))") }
        } else {
            checks.add("closes_on", "Give the last day as a date, such as \(UKDates.isoDay(first))")
        }
        try checks.finish()
        return tidy
    }

    /// Whether a service concerns a call in a ward, so its organisation is told of the call: it has a place within reach
    /// (`UnmetNeed.reachMetres`) of one of the ward's postcodes, or is offered at no place (by phone, online or at home),
    /// so reaches the ward wherever it is. A ward with no placed postcode concerns only services at no place.
    public static func concerns(servicePlaces: [Coordinate], ward points: [Coordinate]) -> Bool {
        servicePlaces.isEmpty || servicePlaces.contains { place in points.contains { $0.distance(to: place) <= UnmetNeed.reachMetres } }
    }

    /// Whether proposals are still taken on `today` (to the end of the closing day, UK time), unless it was closed
    /// early (`closedAt`).
    public static func isOpen(closesOn: String, closedAt: Date? = nil, today: Date) -> Bool {
        guard closedAt == nil, let last = UKDates.parseISODay(closesOn) else { return false }
        return Calendar.ukCivil.startOfDay(for: today) <= last
    }
}
