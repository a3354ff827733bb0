import Foundation

/// Community referrals that services declined, by the category the service is in and the reason the organisation
/// gave: where people are turned away for lack of space, and for what. Counted as referrals to services (a person
/// declined by two services counts twice); a service in two categories counts under each, so the total row counts
/// each declined referral once and is not the sum of the rows.
public struct DeclineBreakdown: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        /// The category's code, or "" for services in no category.
        public let code: String
        public let name: String
        public let values: [InsightValue]
    }

    /// The columns: every decline, then each reason.
    public static let measures: [(key: String, name: String)] =
        [("declined", "Declined")] + DeclineReason.allCases.map { ($0.rawValue, $0.title) }

    public let rows: [Row]
    public let total: [InsightValue]

    public static func == (a: DeclineBreakdown, b: DeclineBreakdown) -> Bool { a.rows == b.rows && a.total == b.total }

    /// `counts[category code]` and `total`: declines by reason, in `DeclineReason.allCases`' order, true counts.
    /// `names`: each category's name by code. Only categories with a decline are listed, by name; services in no
    /// category last. Suppressed as every insight count is, unless `exact` (a link worker's own caseload).
    public init(counts: [String: [Int]], total: [Int], names: [String: String], exact: Bool) throws {
        let reasons = DeclineReason.allCases.count
        func shown(_ byReason: [Int]) throws -> [InsightValue] {
            guard byReason.count == reasons else { throw InsightRefused("Each category needs a count for every reason.") }
            return try ([byReason.reduce(0, +)] + byReason).map { n in
                if exact {
                    guard n >= 0 else { throw InsightRefused("A count cannot be negative.") }
                    return .count(n)
                }
                return try InsightValue(suppressing: n)
            }
        }
        rows = try counts.filter { $0.value.contains { $0 != 0 } }
            .map { code, n in Row(code: code, name: code.isEmpty ? "Services in no category" : names[code] ?? code, values: try shown(n)) }
            .sorted { ($0.code.isEmpty ? 1 : 0, $0.name, $0.code) < ($1.code.isEmpty ? 1 : 0, $1.name, $1.code) }
        self.total = try shown(total)
    }
}
