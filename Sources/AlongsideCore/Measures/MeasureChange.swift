import Foundation

/// Whether things got better between a baseline and a follow-up, said in one plain sentence.
public enum MeasureChange {
    public enum Direction: String, Sendable { case better, worse, same }

    /// SWEMWBS: better or worse only when the metric score moved 3 points or more.
    public static func direction(from baseline: SWEMWBSScore, to latest: SWEMWBSScore) -> Direction {
        direction(metricChange: latest.metric - baseline.metric)
    }

    /// A change in SWEMWBS metric points: 3 or more either way is meaningful (scores have two decimals, so a
    /// difference is rounded to them before it is judged).
    public static func direction(metricChange: Double) -> Direction {
        let change = (metricChange * 100).rounded() / 100
        if change >= SWEMWBSScore.meaningfulChange { return .better }
        if change <= -SWEMWBSScore.meaningfulChange { return .worse }
        return .same
    }

    /// The sentence for one instrument's answers over time (oldest first): baseline and latest within the latest
    /// episode that has two or more, otherwise the first and latest ever.
    public static func sentence(over measures: [(episode: UUID?, result: MeasureResult)]) -> String? {
        guard measures.count > 1, let latest = measures.last else { return nil }
        let sameEpisode = measures.filter { $0.episode == latest.episode }
        let baseline = sameEpisode.count > 1 ? sameEpisode[0] : measures[0]
        return sentence(from: baseline.result, to: latest.result)
    }

    /// The sentence for a person about their own measures, or nil when there is nothing to compare.
    public static func sentence(from baseline: MeasureResult, to latest: MeasureResult) -> String? {
        guard baseline.instrument == latest.instrument else { return nil }
        switch latest.instrument {
        case .swemwbs:
            guard let a = baseline.swemwbs, let b = latest.swemwbs else { return nil }
            let how = switch direction(from: a, to: b) {
            case .better: "a meaningful improvement"
            case .worse: "a meaningful fall"
            case .same: "about the same (a change under 3 points is not counted as meaningful)"
            }
            let moved = a.metricText == b.metricText ? "stayed at \(b.metricText)" : "went from \(a.metricText) to \(b.metricText)"
            return "Your wellbeing score \(moved) — \(how)."
        case .ons4:
            let pairs = baseline.ons4.compactMap { a in latest.ons4.first { $0.question == a.question }.map { (a, $0) } }
            guard !pairs.isEmpty else { return nil }
            let parts = pairs.map { a, b in
                (a.value == b.value ? "\(a.question.title.lowercased()) stayed at \(b.value)" : "\(a.question.title.lowercased()) from \(a.value) to \(b.value)")
                    + (a.question.higherIsBetter ? "" : " (lower is better)")
            }
            return "Since your first answers: " + Text.list(parts) + "."
        case .ucla3:
            guard let a = baseline.ucla3, let b = latest.ucla3 else { return nil }
            let now = b.lonely ? "still in the lonely range (6 or more)" : a.lonely ? "out of the lonely range now" : "not in the lonely range"
            let moved = a.total == b.total ? "stayed at \(b.total)" : "went from \(a.total) to \(b.total)"
            return "Your loneliness score \(moved) (lower is better) — \(now)."
        case .involvement:
            return nil
        }
    }
}

/// What a link worker needs to know at a glance about one person's measures.
public enum MeasureWatch: String, Sendable, CaseIterable {
    case noBaseline = "no_baseline"
    case followUpDue = "follow_up_due"
    case gotWorse = "got_worse"
    case onTrack = "on_track"

    public var title: String {
        switch self {
        case .noBaseline: "No baseline yet"
        case .followUpDue: "Follow-up due"
        case .gotWorse: "Got worse"
        case .onTrack: "Up to date"
        }
    }

    /// A follow-up is due this long after the last SWEMWBS.
    public static let followUpAfterDays = 84

    /// From a person's SWEMWBS measures in the episode (oldest first, with when they were taken).
    public static func of(_ measures: [(at: Date, score: SWEMWBSScore?)], now: Date) -> MeasureWatch {
        of(metrics: measures.map { (at: $0.at, metric: $0.score?.metric) }, now: now)
    }

    /// The same from the metric scores as stored (nil where a measure could not be scored).
    public static func of(metrics measures: [(at: Date, metric: Double?)], now: Date) -> MeasureWatch {
        let scored = measures.compactMap { m in m.metric.map { (m.at, $0) } }
        guard let first = scored.first, let last = scored.last else { return .noBaseline }
        if scored.count > 1 && MeasureChange.direction(metricChange: last.1 - first.1) == .worse { return .gotWorse }
        if now.timeIntervalSince(last.0) >= Double(followUpAfterDays) * 86_400 { return .followUpDue }
        return .onTrack
    }
}
