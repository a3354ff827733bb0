import Foundation

/// The demo place's proposals, one in each state a proposal can be in, on the place's real wards (each named by
/// a postcode district: the ward of one of its postcodes).
public enum DemoProposals {
    public enum Plan: Equatable, Sendable {
        /// Fewer supporters than publishing needs.
        case gathering
        case published
        /// Owed an answer since `daysAgo` days.
        case owed(daysAgo: Int)
        /// Owed since `daysAgo`, and an answer given `answeredDaysAgo` days ago.
        case answered(daysAgo: Int, answeredDaysAgo: Int, ProposalAnswer)
    }

    public struct Proposal: Equatable, Sendable {
        public let title: String
        public let body: String
        /// A postcode district whose ward it is about; nil for the whole place.
        public let district: String?
        public let category: String
        public let supporters: Int
        public let writtenDaysAgo: Int
        public let plan: Plan
    }

    public static func proposals(newDue: String) -> [Proposal] {
        [
            Proposal(title: "Benches along Morecambe promenade every 200 metres",
                     body: "Many of us cannot walk the whole prom without a rest. Benches every 200 metres would let older people and people with long-term conditions walk it again, and stop to talk.",
                     district: "LA4", category: "physical-activity", supporters: 262, writtenDaysAgo: 70, plan: .owed(daysAgo: 20)),
            Proposal(title: "A warm space in Ryelands through the winter",
                     body: "A heated room open every weekday afternoon from November to March, with a hot drink and someone to talk to, for people who cannot afford to heat their homes all day.",
                     district: "LA1", category: "social-connection", supporters: 64, writtenDaysAgo: 80, plan: .owed(daysAgo: 35)),
            Proposal(title: "Walking netball for over-60s in Heysham",
                     body: "Walking netball is gentle, social and fun. There is no group nearer than Lancaster; a weekly session at a Heysham hall would be easy to reach by bus.",
                     district: "LA3", category: "physical-activity", supporters: 57, writtenDaysAgo: 90,
                     plan: .answered(daysAgo: 45, answeredDaysAgo: 12, .accepted(reasons: "The community budget will fund a weekly session for a year from the spring, run by the local netball club."))),
            Proposal(title: "Free swimming for unpaid carers",
                     body: "Carers rarely get time for themselves. Free swimming at the Salt Ayre centre for anyone on the carers' register would give an hour a week back.",
                     district: nil, category: "carers-support", supporters: 53, writtenDaysAgo: 60,
                     plan: .answered(daysAgo: 30, answeredDaysAgo: 3, .underConsideration(reasons: "We are costing this with the leisure centre and asking carers' groups how many would use it.", newDue: newDue))),
            Proposal(title: "A bus from the villages to Carnforth health centre",
                     body: "Without a car it takes two buses and most of a morning to reach an appointment. A community bus twice a week would help people keep their appointments.",
                     district: "LA5", category: "health-condition-support", supporters: 18, writtenDaysAgo: 25, plan: .published),
            Proposal(title: "A men's shed in Skerton",
                     body: "A workshop where men can make and mend things together, and talk while they do. There is an empty unit by the river.",
                     district: "LA1", category: "social-connection", supporters: 3, writtenDaysAgo: 6, plan: .gathering),
        ]
    }
}
