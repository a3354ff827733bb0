import Foundation

/// A resident's proposal for local health and wellbeing action, as it is typed: a title, what and why, where
/// (a ward, or the whole place) and a category from the directory's taxonomy.
public struct ProposalDraft: Equatable, Sendable {
    public static let titleLimit = 150
    public static let bodyLimit = 6_000
    /// The value that chooses the whole place rather than one ward.
    public static let wholePlace = "whole"

    public var title: String
    public var body: String
    /// The ward's ONS code, or nil for the whole place (`wholePlace` as typed).
    public var ward: String?
    /// A taxonomy term's code.
    public var category: String

    public init(title: String, body: String, ward: String?, category: String) {
        self.title = title; self.body = body; self.ward = ward; self.category = category
    }

    /// Trimmed and checked, every problem named at once. `wards` and `categories` are the codes the place knows.
    public func validated(wards: Set<String>, categories: Set<String>) throws -> ProposalDraft {
        var checks = FieldChecks()
        var tidy = self
        tidy.title = checks.check { try Text.required(title, field: "title", label: "a title", maxLength: Self.titleLimit) } ?? ""
        tidy.body = checks.check {
            try Text.required(body, field: "body", label: "what you propose and why", maxLength: Self.bodyLimit, multiline: true)
        } ?? ""
        (tidy.ward, tidy.category) = Self.checkedPlace(ward: ward, category: category, wards: wards, categories: categories, what: "the proposal", &checks)
        try checks.finish()
        return tidy
    }

    /// Where and about what, for a proposal or a call for proposals: a known ward or the whole place (nil), and a
    /// known category, each fault added to `checks`. `what` names the thing in the messages ("the proposal").
    static func checkedPlace(ward: String?, category: String, wards: Set<String>, categories: Set<String>, what: String,
                             _ checks: inout FieldChecks) -> (ward: String?, category: String) {
        // "whole" is the whole place, a choice of its own: nothing chosen is asked for.
        let typed = (ward ?? "").trimmed, chosen = typed == wholePlace ? nil : typed
        if typed.isEmpty { checks.add("ward", "Choose a ward, or the whole place") } else if let chosen, !wards.contains(chosen) {
            checks.add("ward", "Choose a ward from the list, or the whole place")
        }
        let category = category.trimmed
        if category.isEmpty { checks.add("category", "Choose what \(what) is about") } else if !categories.contains(category) {
            checks.add("category", "Choose what \(what) is about from the list")
        }
        return (chosen, category)
    }
}

/// How many supporters a proposal needs, set by an administrator: to be published (listed for everyone), to be
/// owed an answer by a date, and to go on the agenda of the next public board meeting.
public struct ProposalThresholds: Equatable, Sendable, Codable {
    public var publish: Int
    public var answer: Int
    public var board: Int
    /// Days from reaching the answer threshold to the date the answer is due.
    public var answerDays: Int

    public static let standard = ProposalThresholds(publish: 5, answer: 50, board: 250, answerDays: 28)

    public init(publish: Int, answer: Int, board: Int, answerDays: Int = 28) {
        self.publish = publish; self.answer = answer; self.board = board; self.answerDays = answerDays
    }

    /// Each threshold at least 1, and each above the one before (published before owed an answer, before the board).
    public func validated() throws -> ProposalThresholds {
        var checks = FieldChecks()
        if publish < 1 || publish > 100_000 { checks.add("publish", "Enter how many supporters publish a proposal, from 1 to 100,000") }
        if answer <= publish || answer > 1_000_000 { checks.add("answer", "The supporters owed an answer must be more than those who publish it") }
        if board <= answer || board > 10_000_000 { checks.add("board", "The supporters who take it to the board must be more than those owed an answer") }
        if answerDays < 7 || answerDays > 90 { checks.add("answer_days", "Give from 7 to 90 days to answer") }
        try checks.finish()
        return self
    }

    /// The day an answer is due when the threshold was reached at `reached`: `answerDays` later, in UK civil days.
    public func answerDue(reachedAt reached: Date) -> String {
        let calendar = Calendar.ukCivil
        let day = calendar.startOfDay(for: reached)
        return UKDates.isoDay(calendar.date(byAdding: .day, value: answerDays, to: day) ?? day)
    }
}

/// The answer the health system gives a proposal owed one.
public enum ProposalAnswer: Equatable, Sendable {
    /// An interim answer: still being considered, with reasons, and a new date for the answer at most three months on.
    case underConsideration(reasons: String, newDue: String)
    /// Accepted: it becomes a tracked result.
    case accepted(reasons: String)
    /// Not taken forward, with the reasons (required).
    case notTakenForward(reasons: String)
    /// Already happening: the directory's service that does it.
    case alreadyHappening(service: UUID, reasons: String)

    public enum Kind: String, CaseIterable, Sendable {
        case underConsideration = "under_consideration", accepted, notTakenForward = "not_taken_forward", alreadyHappening = "already_happening"

        public var title: String {
            switch self {
            case .underConsideration: "Under consideration"
            case .accepted: "Accepted"
            case .notTakenForward: "Not taken forward"
            case .alreadyHappening: "Already happening"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .underConsideration: .underConsideration
        case .accepted: .accepted
        case .notTakenForward: .notTakenForward
        case .alreadyHappening: .alreadyHappening
        }
    }

    public var reasons: String {
        switch self {
        case .underConsideration(let r, _), .accepted(let r), .notTakenForward(let r), .alreadyHappening(_, let r): r
        }
    }

    /// An interim answer leaves the proposal waiting for a final one.
    public var isFinal: Bool { kind != .underConsideration }

    public static let reasonsLimit = 6_000

    /// From what was typed: the kind, the reasons, a new date (interim answers) and a service (already happening).
    /// The new date must be after `today` and at most three months after it.
    public static func from(kind: String?, reasons: String?, newDue: String?, service: String?, today: Date) throws -> ProposalAnswer {
        var checks = FieldChecks()
        guard let kind = kind.flatMap(Kind.init(rawValue:)) else {
            checks.add("kind", "Choose the answer")
            throw ValidationFailure(checks.errors)
        }
        let text = (reasons ?? "").trimmed
        var tidyReasons = ""
        if text.isEmpty && kind != .accepted && kind != .alreadyHappening {
            checks.add("reasons", kind == .underConsideration ? "Say what is being considered and why it needs longer" : "Give the reasons it is not taken forward")
        } else if !text.isEmpty {
            tidyReasons = checks.check {
                try Text.required(text, field: "reasons", label: "the reasons", maxLength: reasonsLimit, multiline: true)
            } ?? ""
        }
        switch kind {
        case .underConsideration:
            let calendar = Calendar.ukCivil
            let start = calendar.startOfDay(for: today)
            let latest = calendar.date(byAdding: .month, value: 3, to: start) ?? start
            guard let due = (newDue ?? "").trimmed.isEmpty ? nil : UKDates.parseTypedDay(newDue!) ?? UKDates.parseISODay(newDue!) else {
                checks.add("new_due", "Enter the date the answer will be given, like 14/03/2027")
                throw ValidationFailure(checks.errors)
            }
            if due <= start { checks.add("new_due", "The new date must be after today") } else if due > latest {
                checks.add("new_due", "The new date must be no more than three months from today (\(UKDates.day(latest)) at the latest)")
            }
            try checks.finish()
            return .underConsideration(reasons: tidyReasons, newDue: UKDates.isoDay(due))
        case .accepted:
            try checks.finish()
            return .accepted(reasons: tidyReasons)
        case .notTakenForward:
            try checks.finish()
            return .notTakenForward(reasons: tidyReasons)
        case .alreadyHappening:
            guard let id = (service ?? "").trimmed.isEmpty ? nil : UUID(uuidString: service!.trimmed) else {
                checks.add("service", "Choose the directory's service that already does this")
                throw ValidationFailure(checks.errors)
            }
            try checks.finish()
            return .alreadyHappening(service: id, reasons: tidyReasons)
        }
    }
}

/// Where a proposal stands, from its supporters and answers: what a page shows and what the overdue list finds.
public struct ProposalStanding: Equatable, Sendable {
    public enum State: String, Sendable {
        /// Fewer supporters than publishing needs: reachable by its link, not listed.
        case gathering
        /// Listed for everyone, not yet owed an answer.
        case published
        /// Owed an answer by `answerDue`.
        case owedAnswer = "owed_answer"
        /// Answered finally.
        case answered
        /// Hidden by a moderator.
        case hidden
    }

    public var state: State
    /// `YYYY-MM-DD`, while an answer is owed.
    public var answerDue: String?
    public var overdue: Bool
    public var onBoardAgenda: Bool
    /// Supporters may withdraw until an answer is given.
    public var supportsOpen: Bool

    /// - Parameters:
    ///   - supports: supporters now;
    ///   - owedSince: when it first reached the answer threshold (it stays owed if supporters later withdraw);
    ///   - boardSince: when it first reached the board threshold;
    ///   - lastAnswer: the latest answer and its date, if any;
    ///   - hidden: hidden by a moderator.
    public init(supports: Int, thresholds: ProposalThresholds, owedSince: Date?, boardSince: Date?,
                lastAnswer: ProposalAnswer?, hidden: Bool, today: Date) {
        onBoardAgenda = boardSince != nil
        if hidden {
            state = .hidden; answerDue = nil; overdue = false; supportsOpen = false
            return
        }
        if let lastAnswer, lastAnswer.isFinal {
            state = .answered; answerDue = nil; overdue = false; supportsOpen = false
            return
        }
        if let owedSince {
            state = .owedAnswer
            if case .underConsideration(_, let newDue) = lastAnswer { answerDue = newDue } else { answerDue = thresholds.answerDue(reachedAt: owedSince) }
            overdue = answerDue.map { $0 < UKDates.isoDay(today) } ?? false
            supportsOpen = true
            return
        }
        state = supports >= thresholds.publish ? .published : .gathering
        answerDue = nil
        overdue = false
        supportsOpen = true
    }
}
