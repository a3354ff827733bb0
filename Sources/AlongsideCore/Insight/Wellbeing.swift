import Foundation

/// Wellbeing change as commissioners are shown it: only **paired** answers — the same person's first and latest
/// answers within one episode — so people who answered once never mix into a before-and-after (the trap in
/// dashboards that average all baselines against all follow-ups).
public struct PairedMeasures: Sendable, Equatable {
    /// SWEMWBS metric scores: (baseline, follow-up).
    public var swemwbs: [(Double, Double)] = []
    /// UCLA-3 totals: (baseline, follow-up).
    public var ucla3: [(Int, Int)] = []

    public init() {}

    public static func == (a: PairedMeasures, b: PairedMeasures) -> Bool {
        a.swemwbs.map { [$0.0, $0.1] } == b.swemwbs.map { [$0.0, $0.1] } && a.ucla3.map { [$0.0, $0.1] } == b.ucla3.map { [$0.0, $0.1] }
    }

    /// An episode's answers to one instrument, oldest first, as a pair: the first and the latest (nil with fewer than two).
    public static func pair<T>(_ answers: [T]) -> (T, T)? {
        guard answers.count >= 2, let first = answers.first, let last = answers.last else { return nil }
        return (first, last)
    }

    /// As shown, in the wellbeing dashboard's measures' order: counts suppressed, the mean change withheld from
    /// fewer than 8 pairs (or exact for a link worker's own caseload).
    public func shown(exact: Bool = false) throws -> [InsightValue] {
        func count(_ n: Int) throws -> InsightValue { exact ? .count(n) : try InsightValue(suppressing: n) }
        let changes = swemwbs.map { MeasureChange.direction(metricChange: $0.1 - $0.0) }
        let mean: InsightValue = swemwbs.isEmpty || (!exact && swemwbs.count < 8)
            ? .hidden : .change(swemwbs.reduce(0) { $0 + ($1.1 - $1.0) } / Double(swemwbs.count))
        return [try count(swemwbs.count), mean, try count(changes.filter { $0 == .better }.count), try count(changes.filter { $0 == .worse }.count),
                try count(ucla3.count), try count(ucla3.filter { $0.0 >= UCLA3Score.lonelyFrom }.count),
                try count(ucla3.filter { $0.1 >= UCLA3Score.lonelyFrom }.count)]
    }
}

extension InsightTable {
    /// The wellbeing dashboard from each group's pairs.
    public static func wellbeing(split: InsightSplit, pairs: [String: PairedMeasures], exact: Bool = false) throws -> InsightTable {
        var figures: [String: [InsightValue]] = [:], all = PairedMeasures()
        for group in split.groups {
            let paired = pairs[group.key] ?? PairedMeasures()
            figures[group.key] = try paired.shown(exact: exact)
            all.swemwbs += paired.swemwbs
            all.ucla3 += paired.ucla3
        }
        return InsightTable(split: split, measures: InsightDashboard.wellbeing.measures, figures: figures, total: try all.shown(exact: exact))
    }
}
