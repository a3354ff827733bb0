import Foundation

/// How long people wait, as a commissioner sees it: how many reached the step, and the median and 90th percentile of
/// their waits in whole days. A wait measured on fewer than 8 people is withheld, as a count of 1 to 7 would be.
public struct Waits: Equatable, Sendable {
    public let reached: Int
    public let median: Double?
    public let ninetieth: Double?

    /// Waits in whole days (negative waits — a step recorded before the referral — are refused by the caller).
    public init(days: [Int]) {
        let sorted = days.sorted()
        reached = sorted.count
        guard !sorted.isEmpty else { median = nil; ninetieth = nil; return }
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
        // The nearest rank: the smallest wait that at least 90% of waits are no longer than.
        ninetieth = Double(sorted[(9 * sorted.count + 9) / 10 - 1])
    }

    /// As shown: the count suppressed, the median and 90th percentile withheld below 8 people (or shown exactly
    /// for a link worker's own caseload).
    public func shown(exact: Bool = false) throws -> [InsightValue] {
        let withheld = !exact && reached < 8
        let count: InsightValue = exact ? .count(reached) : try InsightValue(suppressing: reached)
        return [count, withheld ? .hidden : median.map(InsightValue.days) ?? .hidden, withheld ? .hidden : ninetieth.map(InsightValue.days) ?? .hidden]
    }
}

/// The dashboards there are, each with its measures in column order.
public enum InsightDashboard: String, CaseIterable, Sendable {
    case referrals, waiting, outcomes, wellbeing, participation

    public var title: String {
        switch self {
        case .referrals: "Referrals"
        case .waiting: "Waiting"
        case .outcomes: "What happened"
        case .wellbeing: "Wellbeing"
        case .participation: "Taking part"
        }
    }

    public var summary: String {
        switch self {
        case .referrals: "who is referred, from where, and who declined or could not be contacted"
        case .waiting: "how long people wait from referral to first being reached, and to being connected with support"
        case .outcomes: "whether people reached a service, how their support ended, and who was turned away for lack of room"
        case .wellbeing: "how wellbeing and loneliness changed, from each person's first answers to their latest in the same episode"
        case .participation: "who takes part in proposals, budget votes, the time bank, volunteering and training, and who does not"
        }
    }

    /// Whether the dashboard counts referrals, and so can be split or narrowed by the practice that made them.
    /// Taking part counts everyone who lives in the area, referred or not.
    public var countsReferrals: Bool { self != .participation }

    public var measures: [(key: String, name: String)] {
        switch self {
        case .referrals:
            [("referrals", "Referrals"), ("people", "People"), ("from_clinicians", "From clinicians"), ("self_referrals", "Self-referrals"),
             ("from_others", "From others"), ("declined", "Declined support"), ("could_not_contact", "Could not be contacted")]
        case .waiting:
            [("reached", "Reached"), ("median_days_to_contact", "Median days to being reached"), ("p90_days_to_contact", "90% reached within (days)"),
             ("connected", "Connected"), ("median_days_to_connection", "Median days to connection"), ("p90_days_to_connection", "90% connected within (days)")]
        case .outcomes:
            [("referrals", "Referrals"), ("went_to_a_service", "Went to a service at least once"), ("closed", "Support ended"),
             ("goals_met", "Goals met"), ("goals_partly_met", "Goals partly met"), ("declined", "Declined support"),
             ("could_not_contact", "Could not be contacted"), ("turned_away_no_space", "Turned away by a service with no space")]
        case .wellbeing:
            [("swemwbs_pairs", "People with a wellbeing baseline and follow-up"), ("swemwbs_mean_change", "Mean change in wellbeing (SWEMWBS)"),
             ("swemwbs_improved", "Improved by 3 points or more"), ("swemwbs_worse", "Fell by 3 points or more"),
             ("ucla3_pairs", "People with a loneliness baseline and follow-up"), ("lonely_before", "Lonely at first (UCLA 6 or more)"),
             ("lonely_after", "Lonely at follow-up"),
             ("ons4_pairs", "People with a personal wellbeing (ONS4) baseline and follow-up"),
             ("life_satisfaction_mean_change", "Mean change in life satisfaction (0 to 10)"),
             ("worthwhile_mean_change", "Mean change in feeling what they do is worthwhile (0 to 10)"),
             ("happiness_mean_change", "Mean change in happiness (0 to 10)"),
             ("anxiety_mean_change", "Mean change in anxiety (0 to 10, a fall is better)"),
             ("involvement_asked", "Asked if involved in decisions as much as they wanted"), ("involved", "Involved as much as they wanted"),
             ("support_asked", "Asked if they had enough support"), ("enough_support", "Had enough support")]
        case .participation:
            [("people", "People living here with an account or a record"), ("took_part", "Took part in any of these"),
             ("voice", "Proposed, supported or commented"), ("voted", "Voted in a budget round"), ("time_bank", "Gave or received time in the time bank"),
             ("volunteered", "Volunteered (hours confirmed)"), ("training", "Attended training")]
        }
    }
}

extension InsightTable {
    /// The waiting dashboard: per group, the waits to first being reached and to being connected.
    public static func waiting(split: InsightSplit, toContact: [String: [Int]], toConnection: [String: [Int]], exact: Bool = false,
                               groups: [(key: String, name: String)]? = nil) throws -> InsightTable {
        var figures: [String: [InsightValue]] = [:]
        for group in groups ?? split.groups {
            figures[group.key] = try Waits(days: toContact[group.key] ?? []).shown(exact: exact) + Waits(days: toConnection[group.key] ?? []).shown(exact: exact)
        }
        let total = try Waits(days: toContact.values.flatMap { $0 }).shown(exact: exact) + Waits(days: toConnection.values.flatMap { $0 }).shown(exact: exact)
        return InsightTable(split: split, measures: InsightDashboard.waiting.measures, figures: figures, total: total, groups: groups)
    }
}
