import Foundation

/// Wellbeing change as commissioners are shown it: only **paired** answers — the same person's first and latest
/// answers within one episode — so people who answered once never mix into a before-and-after (the trap in
/// dashboards that average all baselines against all follow-ups).
public struct PairedMeasures: Sendable, Equatable {
    /// SWEMWBS metric scores: (baseline, follow-up).
    public var swemwbs: [(Double, Double)] = []
    /// UCLA-3 totals: (baseline, follow-up).
    public var ucla3: [(Int, Int)] = []
    /// ONS4 answers, each question paired on its own (a question left unanswered pairs nothing): (baseline, follow-up).
    public var ons4: [ONS4Question: [(Int, Int)]] = [:]
    /// People with at least one ONS4 question paired.
    public var ons4People = 0
    /// Each person's latest involvement answers in the episode (1–4 each, nil where not answered).
    public var involvement: [(involved: Int?, support: Int?)] = []

    public init() {}

    public static func == (a: PairedMeasures, b: PairedMeasures) -> Bool {
        a.swemwbs.map { [$0.0, $0.1] } == b.swemwbs.map { [$0.0, $0.1] } && a.ucla3.map { [$0.0, $0.1] } == b.ucla3.map { [$0.0, $0.1] }
            && ONS4Question.allCases.allSatisfy { q in (a.ons4[q] ?? []).map { [$0.0, $0.1] } == (b.ons4[q] ?? []).map { [$0.0, $0.1] } }
            && a.ons4People == b.ons4People && a.involvement.map { [$0.involved, $0.support] } == b.involvement.map { [$0.involved, $0.support] }
    }

    /// An episode's ONS4 answers, oldest first: each question's first and latest answers, where it has two.
    public mutating func addONS4(_ results: [MeasureResult]) {
        var paired = false
        for question in ONS4Question.allCases {
            let answers = results.compactMap { result in result.ons4.first { $0.question == question }?.value }
            if let pair = Self.pair(answers) {
                ons4[question, default: []].append(pair)
                paired = true
            }
        }
        if paired { ons4People += 1 }
    }

    /// Adds another group's answers to these.
    public mutating func add(_ other: PairedMeasures) {
        swemwbs += other.swemwbs
        ucla3 += other.ucla3
        for (question, pairs) in other.ons4 { ons4[question, default: []] += pairs }
        ons4People += other.ons4People
        involvement += other.involvement
    }

    /// Involvement answers that count: "Yes, definitely" (1) and "Yes, to some extent" (2) of those who answered 1 to 3
    /// — people who did not want to be involved, or had not needed support (4), are left out, as the GP Patient
    /// Survey reports these questions.
    static func yes(_ answers: [Int?]) -> (asked: Int, yes: Int) {
        let counted = answers.compactMap { $0 }.filter { (1...3).contains($0) }
        return (counted.count, counted.filter { $0 <= 2 }.count)
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
        let onsMeans: [InsightValue] = ONS4Question.allCases.map { question in
            let pairs = ons4[question] ?? []
            guard !pairs.isEmpty, exact || pairs.count >= 8 else { return .hidden }
            return .change(Double(pairs.reduce(0) { $0 + ($1.1 - $1.0) }) / Double(pairs.count))
        }
        let involved = Self.yes(involvement.map(\.involved)), support = Self.yes(involvement.map(\.support))
        return [try count(swemwbs.count), mean, try count(changes.filter { $0 == .better }.count), try count(changes.filter { $0 == .worse }.count),
                try count(ucla3.count), try count(ucla3.filter { $0.0 >= UCLA3Score.lonelyFrom }.count),
                try count(ucla3.filter { $0.1 >= UCLA3Score.lonelyFrom }.count),
                try count(ons4People)] + onsMeans
            + [try count(involved.asked), try count(involved.yes), try count(support.asked), try count(support.yes)]
    }
}

extension InsightTable {
    /// The wellbeing dashboard from each group's pairs.
    public static func wellbeing(split: InsightSplit, pairs: [String: PairedMeasures], exact: Bool = false,
                                 groups: [(key: String, name: String)]? = nil) throws -> InsightTable {
        var figures: [String: [InsightValue]] = [:], all = PairedMeasures()
        for group in groups ?? split.groups {
            let paired = pairs[group.key] ?? PairedMeasures()
            figures[group.key] = try paired.shown(exact: exact)
            all.add(paired)
        }
        return InsightTable(split: split, measures: InsightDashboard.wellbeing.measures, figures: figures, total: try all.shown(exact: exact),
                            groups: groups)
    }
}
