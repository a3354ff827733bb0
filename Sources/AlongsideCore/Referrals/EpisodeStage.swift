import Foundation

/// Where a person's social prescribing episode is. It moves only in the ways `EpisodeLifecycle` allows.
public enum EpisodeStage: String, CaseIterable, Codable, Sendable {
    case received
    case accepted
    case contacted
    case whatMatters = "what_matters"
    case planAgreed = "plan_agreed"
    case connected
    case followingUp = "following_up"
    case closed
    /// The person said no.
    case declinedByPerson = "declined_by_person"
    /// No contact after the configured number of attempts.
    case couldNotContact = "could_not_contact"
    case withdrawnByReferrer = "withdrawn_by_referrer"
    /// The link worker team could not take it (with a reason).
    case notAccepted = "not_accepted"
    /// Sent to a better-placed service (with a reason).
    case redirected

    public var title: String {
        switch self {
        case .received: "Received"
        case .accepted: "Accepted"
        case .contacted: "Contacted"
        case .whatMatters: "What matters conversation"
        case .planAgreed: "Plan agreed"
        case .connected: "Connected"
        case .followingUp: "Following up"
        case .closed: "Closed"
        case .declinedByPerson: "Declined by the person"
        case .couldNotContact: "Could not contact"
        case .withdrawnByReferrer: "Withdrawn by the referrer"
        case .notAccepted: "Not accepted"
        case .redirected: "Redirected"
        }
    }

    /// For the person themselves, in their words.
    public var plainWords: String {
        switch self {
        case .received: "Your referral has arrived and is waiting for a link worker."
        case .accepted: "A link worker has your referral and will get in touch."
        case .contacted: "You and your link worker are in touch."
        case .whatMatters: "You have talked about what matters to you."
        case .planAgreed: "You have agreed a plan together."
        case .connected: "You have been put in touch with groups or services."
        case .followingUp: "Your link worker is checking how things are going."
        case .closed: "Your time with the link worker has finished."
        case .declinedByPerson: "You said you did not want support this time."
        case .couldNotContact: "Your link worker could not reach you."
        case .withdrawnByReferrer: "The person who referred you withdrew the referral."
        case .notAccepted: "The link worker team could not take this referral."
        case .redirected: "Your referral was passed to a service better placed to help."
        }
    }

    /// Whether the episode is still going.
    public var isOpen: Bool {
        ![.closed, .declinedByPerson, .couldNotContact, .withdrawnByReferrer, .notAccepted, .redirected].contains(self)
    }

    /// The FHIR R4 Task status that tracks the referral at this stage.
    public var taskStatus: String {
        switch self {
        case .received: "requested"
        case .accepted: "accepted"
        case .contacted, .whatMatters, .planAgreed, .connected, .followingUp: "in-progress"
        case .closed: "completed"
        case .declinedByPerson, .withdrawnByReferrer: "cancelled"
        case .notAccepted, .redirected: "rejected"
        case .couldNotContact: "failed"
        }
    }
}

/// How an episode ended.
public enum ClosureOutcome: String, CaseIterable, Codable, Sendable {
    case goalsMet = "goals_met"
    case goalsPartlyMet = "goals_partly_met"
    case didNotEngage = "did_not_engage"
    case movedAway = "moved_away"
    case referredElsewhere = "referred_elsewhere"
    case died

    public var title: String {
        switch self {
        case .goalsMet: "Goals met"
        case .goalsPartlyMet: "Goals partly met"
        case .didNotEngage: "Did not engage"
        case .movedAway: "Moved away"
        case .referredElsewhere: "Referred elsewhere"
        case .died: "Died"
        }
    }

    /// Outcomes about goals need goals to have been worked on: connected to something first.
    var needsConnection: Bool { self == .goalsMet || self == .goalsPartlyMet }
}

/// A SNOMED CT concept recorded on an episode.
public struct SNOMEDConcept: Equatable, Hashable, Sendable, Codable {
    public let code: String
    public let display: String

    public static let referralToSocialPrescribing = SNOMEDConcept(code: "871731000000106", display: "Referral to social prescribing service")
    public static let socialPrescribingDeclined = SNOMEDConcept(code: "871711000000103", display: "Social prescribing declined")

    public static func known(_ code: String) -> SNOMEDConcept? {
        [referralToSocialPrescribing, socialPrescribingDeclined].first { $0.code == code }
    }
}

/// A move asked for: where to, and why or how it ended when that is needed.
public struct EpisodeMove: Equatable, Sendable {
    public var to: EpisodeStage
    public var outcome: ClosureOutcome?
    public var reason: String?

    public init(to: EpisodeStage, outcome: ClosureOutcome? = nil, reason: String? = nil) {
        self.to = to
        self.outcome = outcome
        self.reason = reason
    }
}

/// What has been recorded on an episode that a move may need.
public struct EpisodeFacts: Equatable, Sendable {
    /// Contacts logged that did not reach the person.
    public var failedAttempts: Int
    /// Contacts logged where the link worker and the person spoke.
    public var spokenTo: Int
    /// Goals in the person's saved plan.
    public var planGoals: Int

    public init(failedAttempts: Int = 0, spokenTo: Int = 0, planGoals: Int = 0) {
        self.failedAttempts = failedAttempts
        self.spokenTo = spokenTo
        self.planGoals = planGoals
    }
}

/// A move that is not allowed, saying why and what is.
public struct MoveRefused: Error, Equatable, Sendable {
    public let message: String
    public let allowed: [EpisodeStage]
    /// The form field at fault, when the move is allowed but incomplete (an outcome or a reason missing).
    public let field: String?

    public init(message: String, allowed: [EpisodeStage], field: String?) {
        self.message = message
        self.allowed = allowed
        self.field = field
    }
}

/// The episode's lifecycle: received → accepted → contacted → what matters → plan agreed → connected →
/// following up → closed, with the ways out a real episode takes.
public enum EpisodeLifecycle {
    /// How many failed attempts to reach someone before "could not contact" may be recorded (configurable).
    public static let defaultContactAttempts = 3

    public static func allowedMoves(from stage: EpisodeStage) -> [EpisodeStage] {
        switch stage {
        case .received: [.accepted, .notAccepted, .redirected, .declinedByPerson, .withdrawnByReferrer]
        case .accepted: [.contacted, .couldNotContact, .declinedByPerson, .withdrawnByReferrer]
        case .contacted: [.whatMatters, .declinedByPerson, .closed]
        case .whatMatters: [.planAgreed, .declinedByPerson, .closed]
        case .planAgreed: [.connected, .declinedByPerson, .closed]
        case .connected: [.followingUp, .closed]
        case .followingUp: [.connected, .closed]
        case .closed, .declinedByPerson, .couldNotContact, .withdrawnByReferrer, .notAccepted, .redirected: []
        }
    }

    /// Checks a move against what has been recorded; throws `MoveRefused` naming what is allowed, or what is
    /// missing. A stage says something happened, so it needs the record of it: "contacted" a contact where they
    /// spoke, "plan agreed" a saved plan with a goal, "could not contact" the attempts.
    public static func check(_ move: EpisodeMove, from stage: EpisodeStage, facts: EpisodeFacts,
                             attemptsNeeded: Int = defaultContactAttempts) throws {
        let allowed = allowedMoves(from: stage)
        guard allowed.contains(move.to) else {
            let message = allowed.isEmpty
                ? "This episode is \(stage.title.lowercased()) and cannot move any more."
                : "An episode that is \(stage.title.lowercased()) cannot move to \(move.to.title.lowercased()). It can move to: "
                    + allowed.map { $0.title.lowercased() }.joined(separator: ", ") + "."
            throw MoveRefused(message: message, allowed: allowed, field: nil)
        }
        switch move.to {
        case .closed:
            guard let outcome = move.outcome else {
                throw MoveRefused(message: "Choose how the episode ended", allowed: allowed, field: "outcome")
            }
            if outcome.needsConnection && ![.connected, .followingUp].contains(stage) {
                throw MoveRefused(message: "\(outcome.title) needs the person to have been connected to something first",
                                  allowed: allowed, field: "outcome")
            }
        case .notAccepted, .redirected, .withdrawnByReferrer:
            if (move.reason ?? "").trimmed.isEmpty {
                throw MoveRefused(message: "Say why, so the referrer knows", allowed: allowed, field: "reason")
            }
        case .couldNotContact where facts.failedAttempts < attemptsNeeded:
            throw MoveRefused(message: "Log \(attemptsNeeded) attempts to make contact first (\(facts.failedAttempts) so far)",
                              allowed: allowed, field: nil)
        case .contacted where facts.spokenTo == 0:
            throw MoveRefused(message: "Log a contact where you spoke with them: that moves the episode to contacted",
                              allowed: allowed, field: "to")
        case .planAgreed where facts.planGoals == 0:
            throw MoveRefused(message: "Save their plan with at least one goal first: a plan is agreed when it is written down",
                              allowed: allowed, field: "to")
        default:
            break
        }
    }

    /// How long after saying no a person may change their mind and pick up where they left off.
    public static let changeOfMindDays = 14

    /// The stage a declined episode goes back to if the person changes their mind at `now`: the stage it was
    /// at before they declined, while that was no more than `changeOfMindDays` ago; otherwise nil.
    public static func changeOfMind(stage: EpisodeStage, declinedAt: Date?, before: EpisodeStage?, now: Date) -> EpisodeStage? {
        guard stage == .declinedByPerson, let declinedAt, let before, before.isOpen,
              now >= declinedAt, now.timeIntervalSince(declinedAt) <= Double(changeOfMindDays) * 86_400 else { return nil }
        return before
    }

    /// Stages that end an episode: moving to one asks the person doing it to confirm first.
    public static func ends(_ stage: EpisodeStage) -> Bool { !stage.isOpen }

    /// The SNOMED CT concepts a move records, given those already recorded on the episode (each at most once):
    /// the first contact the person accepts records the referral; the person declining records the decline —
    /// unless they are still being helped in another episode and the GP message may not say so (they chose
    /// "codes only"), because a bare "declined" would tell the GP the opposite of what is true.
    public static func concepts(for move: EpisodeMove, recorded: Set<SNOMEDConcept>, supportedElsewhereUnsaid: Bool = false) -> [SNOMEDConcept] {
        let concept: SNOMEDConcept? = switch move.to {
        case .contacted: .referralToSocialPrescribing
        case .declinedByPerson: supportedElsewhereUnsaid ? nil : .socialPrescribingDeclined
        default: nil
        }
        guard let concept, !recorded.contains(concept) else { return [] }
        return [concept]
    }
}
