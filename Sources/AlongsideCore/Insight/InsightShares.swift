import Foundation

/// A proportion a dashboard shows beside its counts — one count as a share of another in the same row, such as
/// the people who went to a service out of those referred — with its Wilson score 95% interval (OHID's method).
public struct ShareMeasure: Sendable, Equatable {
    /// The key the API and downloads name it by.
    public let key: String
    public let name: String
    /// The measures (by key) it is made from.
    public let part: String
    public let whole: String
}

/// One share as shown. It is worked out from the counts as they are shown (rounded to 5 for a place, exact for a
/// caseload), so it tells nothing the counts do not; when either count is hidden, so is the share.
public enum InsightShare: Sendable, Equatable, CustomStringConvertible {
    /// The share and its 95% interval, as proportions from 0 to 1.
    case share(Double, Interval)
    case hidden
    /// Nothing to take a share of (no one in the group).
    case none

    public init(_ part: InsightValue, of whole: InsightValue) {
        switch (part, whole) {
        case (.count(let p), .count(let w)):
            guard w > 0 else { self = .none; return }
            // Rounding to 5 keeps the order of a part and its whole (it never pushes a part above its whole).
            let events = min(p, w)
            guard let interval = try? Intervals.wilson(events, of: w) else { self = .none; return }
            self = .share(Double(events) / Double(w), interval)
        case (.hidden, _), (_, .hidden):
            self = .hidden
        default:
            self = .none
        }
    }

    /// "38% (31% to 45%)", "*" or "—".
    public var description: String {
        switch self {
        case .share(let p, let interval):
            "\(Self.percent(p)) (\(Self.percent(interval.lower)) to \(Self.percent(interval.upper)))"
        case .hidden: "*"
        case .none: "—"
        }
    }

    /// A proportion as a whole percentage (half up), as people read it.
    public static func percent(_ proportion: Double) -> String {
        "\(Int((proportion * 100).rounded(.toNearestOrAwayFromZero)))%"
    }

    /// The share, lower and upper as percentages to one decimal, for downloads: three fields, "*" or "" each.
    public var fields: [String] {
        switch self {
        case .share(let p, let interval): [p, interval.lower, interval.upper].map { String(format: "%.1f", $0 * 100) }
        case .hidden: ["*", "*", "*"]
        case .none: ["", "", ""]
        }
    }
}

extension InsightDashboard {
    /// The shares shown beside this dashboard's counts.
    public var shares: [ShareMeasure] {
        switch self {
        case .outcomes:
            [ShareMeasure(key: "went_to_a_service", name: "Went to a service at least once", part: "went_to_a_service", whole: "referrals"),
             ShareMeasure(key: "declined", name: "Declined support", part: "declined", whole: "referrals"),
             ShareMeasure(key: "could_not_contact", name: "Could not be contacted", part: "could_not_contact", whole: "referrals")]
        case .referrals:
            [ShareMeasure(key: "declined", name: "Declined support", part: "declined", whole: "referrals"),
             ShareMeasure(key: "could_not_contact", name: "Could not be contacted", part: "could_not_contact", whole: "referrals")]
        case .participation:
            [ShareMeasure(key: "took_part", name: "Took part in any of these", part: "took_part", whole: "people")]
        case .wellbeing:
            [ShareMeasure(key: "swemwbs_improved", name: "Wellbeing improved by 3 points or more", part: "swemwbs_improved", whole: "swemwbs_pairs"),
             ShareMeasure(key: "lonely_before", name: "Lonely at first", part: "lonely_before", whole: "ucla3_pairs"),
             ShareMeasure(key: "lonely_after", name: "Lonely at follow-up", part: "lonely_after", whole: "ucla3_pairs"),
             ShareMeasure(key: "involved", name: "Involved as much as they wanted", part: "involved", whole: "involvement_asked"),
             ShareMeasure(key: "enough_support", name: "Had enough support", part: "enough_support", whole: "support_asked")]
        case .waiting:
            []
        }
    }
}

extension InsightTable {
    /// Each row's shares (by the row's key), and the total's, in the order of `measures`.
    public func shares(_ measures: [ShareMeasure]) -> (rows: [String: [InsightShare]], total: [InsightShare]) {
        let column = Dictionary(uniqueKeysWithValues: self.measures.enumerated().map { ($0.element.key, $0.offset) })
        func shares(_ values: [InsightValue]) -> [InsightShare] {
            measures.map { measure in
                guard let part = column[measure.part], let whole = column[measure.whole] else { return .none }
                return InsightShare(values[part], of: values[whole])
            }
        }
        return (Dictionary(uniqueKeysWithValues: rows.map { ($0.key, shares($0.values)) }), shares(total))
    }
}
