import Foundation

/// What became of an accepted proposal or a funded project: who is responsible, where it stands, how far it has
/// got, and its dated milestones — so a promise can be followed to the end.
public enum ResultStatus: String, CaseIterable, Sendable, Codable {
    case planned, inProgress = "in_progress", done, stopped

    public var title: String {
        switch self {
        case .planned: "Planned"
        case .inProgress: "In progress"
        case .done: "Done"
        case .stopped: "Stopped"
        }
    }
}

public struct Milestone: Equatable, Sendable {
    public let title: String
    /// `YYYY-MM-DD`.
    public let due: String
    public let doneOn: String?

    public init(title: String, due: String, doneOn: String?) { self.title = title; self.due = due; self.doneOn = doneOn }

    /// Not done, and its day has passed.
    public func isLate(today: Date) -> Bool { doneOn == nil && due < UKDates.isoDay(today) }
}

public enum ResultProgress {
    /// A parent's progress: the weighted average of its children's, to the nearest whole percent (halves up), exactly.
    /// Children of weight 0 count as weight 1 when every weight is 0.
    public static func weighted(_ children: [(progress: Int, weight: Int)]) -> Int? {
        guard !children.isEmpty else { return nil }
        let allZero = children.allSatisfy { $0.weight <= 0 }
        let weights = children.map { allZero ? 1 : max($0.weight, 0) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        let sum = zip(children, weights).reduce(0) { $0 + $1.0.progress * $1.1 }
        return (2 * sum + total) / (2 * total)
    }

    /// An update as typed: progress from 0 to 100, a status, and what happened.
    public static func update(progress: String, status: String, text: String) throws -> (Int, ResultStatus, String) {
        var checks = FieldChecks()
        let value = Int(progress.trimmed) ?? -1
        if !(0...100).contains(value) { checks.add("progress", "Enter how far it has got, from 0 to 100") }
        let chosen = ResultStatus(rawValue: status)
        if chosen == nil { checks.add("status", "Choose where it stands") }
        let words = checks.check { try Text.required(text, field: "text", label: "what has happened", maxLength: 6_000, multiline: true) } ?? ""
        try checks.finish()
        return (value, chosen!, words)
    }

    /// A milestone as typed.
    public static func milestone(title: String, due: String?) throws -> (String, String) {
        var checks = FieldChecks()
        let words = checks.check { try Text.required(title, field: "title", label: "the milestone", maxLength: 300) } ?? ""
        if due == nil { checks.add("due", "Enter the day it is due as a real date, like 14 3 2027") }
        try checks.finish()
        return (words, due!)
    }
}
