import Foundation

/// Fair moderation of what residents write: anyone signed in reports with a reason; enough reports hide it until
/// a moderator looks; a moderator hides or restores it with a reason shown in its place; the author may ask once
/// for another moderator to look, and that second look is final.
public enum Moderation {
    /// Reports from this many different people hide a proposal until a moderator looks.
    public static let hideAfterReports = 3
    public static let reasonLimit = 1_000

    /// What a moderator decides.
    public enum Decision: String, Sendable, CaseIterable {
        case hide, restore

        public var title: String {
            switch self {
            case .hide: "Hide it"
            case .restore: "Show it again"
            }
        }
    }

    /// Where a proposal stands with its moderators.
    public enum Standing: Equatable, Sendable {
        case visible
        /// Hidden by reports, waiting for a moderator.
        case waitingForModerator
        /// Hidden by a moderator, with their reason; whether the author may still ask for a second look.
        case hidden(reason: String, mayAskAgain: Bool)
        /// The author asked for another moderator to look.
        case secondLookAsked(reason: String)
    }

    /// A reason typed, checked.
    public static func reason(_ text: String, field: String = "reason") throws -> String {
        try Text.required(text, field: field, label: "the reason", maxLength: reasonLimit, multiline: true)
    }

    /// Where a proposal stands, from its reports and decisions. `decisions` oldest first: (decision, reason, second look).
    public static func standing(reports: Int, decisions: [(Decision, String, Bool)], secondLookAsked: Bool) -> Standing {
        if let last = decisions.last {
            switch last.0 {
            case .restore: return .visible
            case .hide:
                if secondLookAsked && !last.2 { return .secondLookAsked(reason: last.1) }
                return .hidden(reason: last.1, mayAskAgain: !secondLookAsked && !last.2)
            }
        }
        return reports >= hideAfterReports ? .waitingForModerator : .visible
    }

    /// Why `moderator` may not decide now, or nil: a second look is final, and must be by someone other than
    /// the moderator whose decision the author asked to be looked at again.
    public static func whyNotDecide(by moderator: UUID, lastBy: UUID?, lastWasSecondLook: Bool, secondLookAsked: Bool) -> String? {
        if lastWasSecondLook { return "Another moderator has looked again: that decision is final." }
        if secondLookAsked, lastBy == moderator { return "The author asked for another moderator to look: someone other than you must decide." }
        return nil
    }

    /// Why the author may not ask for another look, or nil: only a moderator's decision to hide, and only once.
    public static func whyNotAskAgain(last: Decision?, alreadyAsked: Bool, what: String) -> String? {
        guard last == .hide else { return "A moderator has not hidden this \(what)." }
        if alreadyAsked { return "You have already asked for another moderator to look." }
        return nil
    }
}
