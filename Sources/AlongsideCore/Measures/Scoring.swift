import Foundation

/// SWEMWBS: the raw sum of the seven items and its metric score from the published conversion table.
public struct SWEMWBSScore: Equatable, Sendable {
    public let raw: Int
    public let metric: Double

    /// Raw total 7–35 → metric score, exactly as published (DESIGN.md).
    public static let metricTable: [Int: Double] = [
        7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32, 15: 15.84, 16: 16.36,
        17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98, 23: 20.73, 24: 21.54, 25: 22.35, 26: 23.21,
        27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03, 31: 28.13, 32: 29.31, 33: 30.70, 34: 32.55, 35: 35.00,
    ]

    /// An individual change of this many metric points or more counts as meaningful.
    public static let meaningfulChange = 3.0

    public init?(raw: Int) {
        guard let metric = Self.metricTable[raw] else { return nil }
        self.raw = raw
        self.metric = metric
    }

    /// The metric score as it is published, with two decimals.
    public var metricText: String { String(format: "%.2f", metric) }
}

/// An ONS4 band. Life satisfaction, worthwhile and happiness run low → very high; anxiety very low → high.
public enum ONS4Band: String, Codable, Sendable {
    case veryLow = "very_low", low, medium, high, veryHigh = "very_high"

    public var title: String {
        switch self {
        case .veryLow: "very low"
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .veryHigh: "very high"
        }
    }
}

/// The four ONS personal wellbeing questions, each scored on its own (never summed).
public enum ONS4Question: String, CaseIterable, Codable, Sendable {
    case lifeSatisfaction = "life_satisfaction", worthwhile, happiness, anxiety

    public var title: String {
        switch self {
        case .lifeSatisfaction: "Life satisfaction"
        case .worthwhile: "Feeling that what you do is worthwhile"
        case .happiness: "Happiness yesterday"
        case .anxiety: "Anxiety yesterday"
        }
    }

    /// Higher is better for all but anxiety.
    public var higherIsBetter: Bool { self != .anxiety }

    public func band(_ value: Int) -> ONS4Band? {
        guard (0...10).contains(value) else { return nil }
        if self == .anxiety {
            switch value {
            case 0...1: return .veryLow
            case 2...3: return .low
            case 4...5: return .medium
            default: return .high
            }
        }
        switch value {
        case 0...4: return .low
        case 5...6: return .medium
        case 7...8: return .high
        default: return .veryHigh
        }
    }
}

public struct ONS4Score: Equatable, Sendable {
    public let question: ONS4Question
    public let value: Int
    public let band: ONS4Band
}

/// UCLA 3-item loneliness: total 3–9; 6 or more is labelled lonely, as a research convention.
public struct UCLA3Score: Equatable, Sendable {
    public let total: Int
    public var lonely: Bool { total >= Self.lonelyFrom }

    public static let lonelyFrom = 6
}

/// A completed measure's answers, checked, with its scores worked out exactly as published. An unanswered item
/// means no score for what needs it, and `unscored` says so plainly; nothing is ever guessed.
public struct MeasureResult: Equatable, Sendable {
    public let instrument: Instrument
    /// One per item in the instrument's order; nil where the person did not answer.
    public let answers: [Int?]
    public let swemwbs: SWEMWBSScore?
    public let ons4: [ONS4Score]
    public let ucla3: UCLA3Score?
    public let lonelinessDirect: LonelinessFrequency?
    /// Plain English for anything that could not be scored, e.g. "No score: question 3 was not answered."
    public let unscored: String?

    /// Checks the answers (the right number, each allowed by its item) and scores them. Problems are named by
    /// item: `field(index)` gives the field name a form or API uses for the item at that index.
    public init(_ instrument: Instrument, answers: [Int?], field: (Int, InstrumentItem) -> String = { i, _ in "answers[\(i)]" }) throws {
        let items = instrument.items
        guard answers.count == items.count else {
            throw ValidationFailure([FieldError("answers", "\(instrument.shortTitle) has \(items.count) questions; \(answers.count) answers were given. Give one for each question, in order (null for one not answered).")])
        }
        var checks = FieldChecks()
        for (index, (item, answer)) in zip(items, answers).enumerated() {
            guard let answer else { continue }
            if item.label(for: answer) == nil {
                let allowed = item.options.map(\.value)
                checks.add(field(index, item), "Question \(index + 1) (\"\(item.text)\") must be a whole number from \(allowed.min()!) to \(allowed.max()!); \(answer) is not allowed.")
            }
        }
        try checks.finish()
        self.instrument = instrument
        self.answers = answers
        let missing = answers.indices.filter { answers[$0] == nil }.map { $0 + 1 }
        func unanswered(_ numbers: [Int]) -> String {
            numbers.count == 1 ? "question \(numbers[0]) was not answered" : "questions \(Text.list(numbers.map(String.init))) were not answered"
        }
        switch instrument {
        case .swemwbs:
            swemwbs = missing.isEmpty ? SWEMWBSScore(raw: answers.compactMap { $0 }.reduce(0, +)) : nil
            ons4 = []; ucla3 = nil; lonelinessDirect = nil
            unscored = missing.isEmpty ? nil : "No wellbeing score: \(unanswered(missing)), and SWEMWBS is only scored with all seven."
        case .ons4:
            ons4 = zip(ONS4Question.allCases, answers).compactMap { question, value in
                value.flatMap { v in question.band(v).map { ONS4Score(question: question, value: v, band: $0) } }
            }
            swemwbs = nil; ucla3 = nil; lonelinessDirect = nil
            let without = zip(ONS4Question.allCases, answers).filter { $0.1 == nil }.map { $0.0.title.lowercased() }
            unscored = without.isEmpty ? nil : "No score for \(Text.list(without)): not answered."
        case .ucla3:
            let scored = missing.filter { $0 <= 3 }
            ucla3 = scored.isEmpty ? UCLA3Score(total: answers[0..<3].compactMap { $0 }.reduce(0, +)) : nil
            lonelinessDirect = answers[3].flatMap(LonelinessFrequency.init(rawValue:))
            swemwbs = nil; ons4 = []
            unscored = scored.isEmpty ? nil : "No loneliness score: \(unanswered(scored)), and the scale needs all three."
        case .involvement:
            swemwbs = nil; ons4 = []; ucla3 = nil; lonelinessDirect = nil
            unscored = missing.isEmpty ? nil : "Not answered: \(unanswered(missing))."
        }
    }

    /// The answer to each item in words, for the page and the FHIR QuestionnaireResponse.
    public var answerLabels: [String?] {
        zip(instrument.items, answers).map { item, answer in answer.flatMap(item.label(for:)) }
    }

    /// One line a person can read, e.g. "Wellbeing score 23.21 (raw 26)".
    public var summary: String {
        switch instrument {
        case .swemwbs:
            return swemwbs.map { "Wellbeing score \($0.metricText) (raw \($0.raw) of 35)" } ?? (unscored ?? "")
        case .ons4:
            let parts = ons4.map { "\($0.question.title) \($0.value) (\($0.band.title))" }
            return parts.isEmpty ? (unscored ?? "") : parts.joined(separator: "; ")
        case .ucla3:
            guard let score = ucla3 else { return unscored ?? "" }
            return "Loneliness score \(score.total) of 9" + (score.lonely ? " (in the lonely range, 6 or more)" : "")
                + (lonelinessDirect.map { "; feels lonely: \($0.title.lowercased())" } ?? "")
        case .involvement:
            return zip(["Involved in decisions", "Enough support"], answerLabels).compactMap { topic, label in label.map { "\(topic): \($0.lowercased())" } }
                .joined(separator: "; ")
        }
    }
}
