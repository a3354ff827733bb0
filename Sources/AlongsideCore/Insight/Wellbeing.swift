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

    /// Adds `count` episodes whose answers paired as `episode`.
    public mutating func add(_ episode: EpisodeWellbeing, count: Int = 1) {
        guard count > 0 else { return }
        if let pair = episode.swemwbs { swemwbs += repeatElement((pair.first, pair.latest), count: count) }
        if let pair = episode.ucla3 { ucla3 += repeatElement((pair.first, pair.latest), count: count) }
        for (question, pair) in zip(ONS4Question.allCases, episode.ons4) {
            if let pair { ons4[question, default: []] += repeatElement((pair.first, pair.latest), count: count) }
        }
        if episode.ons4.contains(where: { $0 != nil }) { ons4People += count }
        if let involvement = episode.involvement { self.involvement += repeatElement(involvement, count: count) }
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
        // Metric scores are published to two decimals: summed as whole hundredths, the mean is the same in any order.
        let hundredths = swemwbs.reduce(0) { $0 + Int((($1.1 - $1.0) * 100).rounded()) }
        let mean: InsightValue = swemwbs.isEmpty || (!exact && swemwbs.count < 8)
            ? .hidden : .change(Double(hundredths) / 100 / Double(swemwbs.count))
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

/// What one episode's measures give the wellbeing dashboard: each instrument's first and latest answers in the
/// episode, paired (nil where there are fewer than two), and the latest involvement answers. Kept for each episode as
/// its measures change, so the dashboard counts these rather than every measure.
public struct EpisodeWellbeing: Sendable, Equatable {
    public struct Pair<T: Equatable & Sendable>: Equatable, Sendable {
        public let first: T
        public let latest: T
        public init(first: T, latest: T) { self.first = first; self.latest = latest }
    }
    /// SWEMWBS metric scores.
    public var swemwbs: Pair<Double>?
    /// UCLA-3 totals.
    public var ucla3: Pair<Int>?
    /// Each ONS4 question, in `ONS4Question.allCases` order, paired on its own.
    public var ons4: [Pair<Int>?] = Array(repeating: nil, count: ONS4Question.allCases.count)
    /// The latest involvement answers (1–4 each, nil where not answered), if it was asked in the episode.
    public var involvement: (involved: Int?, support: Int?)?

    public init() {}

    /// From every measure taken in the episode, oldest first (measures of other instruments are ignored where not paired).
    public init(_ results: [MeasureResult]) {
        func pair<T>(_ values: [T]) -> Pair<T>? { PairedMeasures.pair(values).map { Pair(first: $0.0, latest: $0.1) } }
        swemwbs = pair(results.filter { $0.instrument == .swemwbs }.compactMap(\.swemwbs?.metric))
        ucla3 = pair(results.filter { $0.instrument == .ucla3 }.compactMap(\.ucla3?.total))
        let ons4Results = results.filter { $0.instrument == .ons4 }
        ons4 = ONS4Question.allCases.map { question in pair(ons4Results.compactMap { result in result.ons4.first { $0.question == question }?.value }) }
        if let latest = results.last(where: { $0.instrument == .involvement }), latest.answers.count == 2 {
            involvement = (latest.answers[0], latest.answers[1])
        }
    }

    /// Nothing in the episode pairs or counts.
    public var isEmpty: Bool { swemwbs == nil && ucla3 == nil && ons4.allSatisfy { $0 == nil } && involvement == nil }

    public static func == (a: EpisodeWellbeing, b: EpisodeWellbeing) -> Bool {
        a.swemwbs == b.swemwbs && a.ucla3 == b.ucla3 && a.ons4 == b.ons4
            && a.involvement.map { [$0.involved, $0.support] } == b.involvement.map { [$0.involved, $0.support] }
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
