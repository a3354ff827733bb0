import Foundation

/// Plausible months of social prescribing for the demo place: referrals in every stage, contacts, community
/// referrals accepted, declined and attended. Deterministic for a seed; nobody real.
public enum DemoReferrals {
    public struct Story: Sendable {
        /// Which resident (an index into the demo residents).
        public let resident: Int
        public let daysAgo: Int
        public let needs: [Need]
        public let source: ReferralSource
        /// The moves in order, each with days after the referral and its outcome or reason.
        public let moves: [(EpisodeMove, Int)]
        /// Failed attempts to reach them before the first contact (days after the referral).
        public let failedAttempts: [Int]
        /// Community referrals once connected: which service (an index), days after the referral, what happened.
        public let community: [(service: Int, day: Int, status: CommunityReferralStatus)]
    }

    static let stories: [(String, [Need])] = [
        ("Lost her husband last year and rarely goes out.", [.loneliness, .bereavement]),
        ("Recently retired, feels low and has put on weight.", [.lowMood, .weightOrDiet, .inactivity]),
        ("Behind on rent and worried about bills.", [.money, .housing]),
        ("Cares for his wife full time and has no time for himself.", [.caring, .lowMood]),
        ("Type 2 diabetes; would like to be more active.", [.longTermCondition, .inactivity]),
        ("Moved to Morecambe for work, knows nobody.", [.loneliness]),
        ("Out of work since an injury, anxious about the future.", [.employment, .lowMood]),
        ("Drinking more since his divorce.", [.substanceUse, .lowMood]),
    ]

    /// How far each story gets: the stage it ends at, and how often.
    static let endings: [(EpisodeStage, Double)] = [
        (.received, 6), (.accepted, 8), (.contacted, 8), (.whatMatters, 8), (.planAgreed, 8), (.connected, 14), (.followingUp, 12),
        (.closed, 22), (.declinedByPerson, 5), (.couldNotContact, 4), (.notAccepted, 3),
    ]

    /// The words of a story with these needs.
    public static func words(for needs: [Need]) -> String {
        stories.first { $0.1 == needs }?.0 ?? "Would like some support."
    }

    public static func generate(count: Int, residents: Int, services: Int, seed: UInt64) -> [Story] {
        var random = SeededGenerator(seed: seed)
        let happy: [EpisodeStage] = [.accepted, .contacted, .whatMatters, .planAgreed, .connected, .followingUp]
        return (0..<count).map { index in
            // The demo resident (index 0) has one referral, connected, so "My support" shows something real.
            let end: EpisodeStage = index == 0 ? .connected : random.pick(endings)
            let resident = index == 0 ? 0 : Int.random(in: 1..<max(2, residents), using: &random)
            let (_, needs) = stories[Int.random(in: 0..<stories.count, using: &random)]
            let daysAgo = end == .received ? Int.random(in: 0...6, using: &random) : Int.random(in: 20...180, using: &random)
            var moves: [(EpisodeMove, Int)] = []
            var day = 0
            func step(_ move: EpisodeMove) {
                day = min(daysAgo, day + Int.random(in: 1...max(1, daysAgo / 8), using: &random))
                moves.append((move, day))
            }
            var failed: [Int] = []
            switch end {
            case .received: break
            case .notAccepted: step(EpisodeMove(to: .notAccepted, reason: "Needs the community mental health team first; passed to the GP"))
            case .couldNotContact:
                step(EpisodeMove(to: .accepted))
                for _ in 0..<3 { day = min(daysAgo, day + 2); failed.append(day) }
                step(EpisodeMove(to: .couldNotContact))
            case .declinedByPerson:
                step(EpisodeMove(to: .accepted))
                step(EpisodeMove(to: .contacted))
                step(EpisodeMove(to: .declinedByPerson))
            case .closed:
                for stage in happy { step(EpisodeMove(to: stage)) }
                let outcome = random.pick([(ClosureOutcome.goalsMet, 5.0), (.goalsPartlyMet, 4), (.didNotEngage, 1), (.movedAway, 0.5)])
                step(EpisodeMove(to: .closed, outcome: outcome))
            default:
                for stage in happy {
                    step(EpisodeMove(to: stage))
                    if stage == end { break }
                }
            }
            var community: [(Int, Int, CommunityReferralStatus)] = []
            if let connected = moves.first(where: { $0.0.to == .connected }) {
                for _ in 0..<Int.random(in: 1...2, using: &random) {
                    let status = random.pick([(CommunityReferralStatus.attendingRegularly, 5.0), (.attendedFirst, 3), (.accepted, 2),
                                              (.sent, 1), (.declined, 1), (.didNotAttend, 1), (.stopped, 1)])
                    community.append((Int.random(in: 0..<max(1, services), using: &random), connected.1, status))
                }
            }
            return Story(resident: resident, daysAgo: daysAgo, needs: needs, source: random.pick([(.clinician, 6.0), (.selfReferral, 2), (.organisation, 1)]),
                         moves: moves, failedAttempts: failed, community: community)
        }
    }
}
