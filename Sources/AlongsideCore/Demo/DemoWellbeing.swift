import Foundation

/// Plans, measures and carers for the demo place, consistent with its referrals: a baseline at the first
/// conversation, follow-ups once connected (most people a little better, some the same, some worse, some never
/// followed up), plans for those who agreed one, and carers where caring is part of the story. Deterministic.
public enum DemoWellbeing {
    public struct Measure: Sendable {
        public let instrument: Instrument
        public let answers: [Int?]
        /// Days after the referral.
        public let day: Int
    }

    /// Answers to SWEMWBS whose raw total is `raw` (7–35), spread over the items.
    public static func swemwbs(raw: Int, random: inout SeededGenerator) -> [Int?] {
        var answers = Array(repeating: 1, count: 7)
        var left = min(28, max(0, raw - 7))
        while left > 0 {
            let i = Int.random(in: 0..<7, using: &random)
            if answers[i] < 5 { answers[i] += 1; left -= 1 }
        }
        return answers
    }

    /// The measures for one episode: baseline on the day of first contact; follow-ups after connection.
    public static func measures(needs: [Need], contactedDay: Int?, connectedDay: Int?, daysAgo: Int, alwaysFollowUp: Bool = false,
                                random: inout SeededGenerator) -> [Measure] {
        guard let start = contactedDay else { return [] }
        var out: [Measure] = []
        let baseline = Int.random(in: 13...23, using: &random)
        out.append(Measure(instrument: .swemwbs, answers: swemwbs(raw: baseline, random: &random), day: start))
        let ons = [Int.random(in: 2...6, using: &random), Int.random(in: 3...7, using: &random), Int.random(in: 2...6, using: &random), Int.random(in: 4...9, using: &random)]
        out.append(Measure(instrument: .ons4, answers: ons, day: start))
        let lonely = needs.contains(.loneliness) || needs.contains(.bereavement)
        let ucla = (0..<3).map { _ in Int.random(in: (lonely ? 2 : 1)...3, using: &random) }
        out.append(Measure(instrument: .ucla3, answers: ucla + [lonely ? Int.random(in: 1...2, using: &random) : Int.random(in: 2...4, using: &random)], day: start))
        guard let connected = connectedDay, alwaysFollowUp || random.next() % 5 != 0 else { return out }  // one in five never followed up
        let followUp = min(daysAgo, connected + Int.random(in: 14...40, using: &random))
        guard followUp > start else { return out }
        // Most a little better, some about the same, some worse.
        let change = alwaysFollowUp ? Int.random(in: 6...8, using: &random) : random.pick([(Int.random(in: 3...8, using: &random), 6.0), (Int.random(in: -1...2, using: &random), 2.5), (Int.random(in: -5 ... -2, using: &random), 1.5)])
        let after = min(35, max(7, baseline + change))
        out.append(Measure(instrument: .swemwbs, answers: swemwbs(raw: after, random: &random), day: followUp))
        let better = change > 2 ? 2 : change < -1 ? -1 : 0
        out.append(Measure(instrument: .ons4, answers: [min(10, max(0, ons[0] + better)), min(10, max(0, ons[1] + better)),
                                                        min(10, max(0, ons[2] + better)), min(10, max(0, ons[3] - better))], day: followUp))
        out.append(Measure(instrument: .ucla3, answers: ucla.map { min(3, max(1, $0 - (better > 0 ? Int.random(in: 0...1, using: &random) : 0))) } + [lonely ? 2 : 4],
                           day: followUp))
        out.append(Measure(instrument: .involvement, answers: [random.pick([(1, 5.0), (2, 3), (3, 1)]), random.pick([(1, 4.0), (2, 3), (3, 1)])], day: followUp))
        return out
    }

    static let goals: [Need: (String, GoalCategory, String)] = [
        .loneliness: ("Get out of the house and meet people once a week", .connecting, "Try the Tuesday coffee morning"),
        .lowMood: ("Feel more like myself and sleep better", .mentalWellbeing, "Ring the talking therapies service"),
        .inactivity: ("Walk for 20 minutes most days", .activity, "Join the health walk on Thursdays"),
        .money: ("Get on top of my bills", .money, "Book an appointment with the debt adviser"),
        .housing: ("Sort out the damp in my flat", .housing, "Write to the landlord with the link worker's help"),
        .employment: ("Find some volunteering to get back into work", .work, "Look at the volunteering centre's list"),
        .caring: ("Have some time for myself each week", .caring, "Ask about a carer's break"),
        .bereavement: ("Talk to someone who understands", .mentalWellbeing, "Go to the bereavement group"),
        .longTermCondition: ("Understand my diabetes better", .health, "Go on the education course"),
        .weightOrDiet: ("Eat better and cook more at home", .health, "Try the community cooking class"),
        .substanceUse: ("Cut down my drinking", .health, "Talk to the drug and alcohol service"),
    ]

    /// A plan written with the person, from what their referral said.
    public static func plan(needs: [Need], whatMatters: String, reviewOn: String?, progressed: Bool, random: inout SeededGenerator) -> CarePlan {
        CarePlan(
            whatMatters: whatMatters,
            strengths: random.pick([("Good sense of humour; close to my daughter.", 1.0), ("I used to run the allotment and know lots of people.", 1),
                                    ("I am stubborn in a good way and I like a routine.", 1), ("Good neighbours and a dog who needs walking.", 1)]),
            goals: needs.prefix(2).map { need in
                let (words, category, step) = goals[need] ?? ("Feel better", .other, "Talk to my link worker")
                return Goal(id: SeededGenerator.uuid(&random), words: words, category: category,
                            steps: [GoalStep(what: step, who: random.pick([("Me", 2.0), ("Me, with my link worker", 1)]))],
                            progress: progressed ? Int.random(in: 3...9, using: &random) : Int.random(in: 0...2, using: &random))
            },
            supporters: random.pick([("My daughter; the neighbours.", 1.0), ("My brother, and the lads from the bowls club.", 1), ("Nobody much at the moment.", 1)]),
            reviewOn: reviewOn)
    }

    /// Whom a carer in the demo looks after, from their story.
    public static func caring(needs: [Need], random: inout SeededGenerator) -> CaringDetails? {
        guard needs.contains(.caring) || random.next() % 12 == 0 else { return nil }
        let (name, relationship) = random.pick([(("Jean", CaringRelationship.partner), 2.0), (("Mum", .parent), 2), (("Dad", .parent), 1), (("Our Liam", .child), 1)])
        return CaringDetails(caredForName: name, relationship: relationship,
                             whatICareWith: random.pick([("Medicines, meals and getting about", 1.0), ("Everything at home since the stroke", 1), ("Shopping and appointments", 1)]),
                             hoursPerWeek: random.pick([(10, 1.0), (20, 1), (35, 1), (50, 1)]))
    }
}
