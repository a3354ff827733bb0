import Foundation

/// The demo place's community budget rounds: one finished, with results, and one open for voting now.
public enum DemoBudgets {
    public struct Project: Equatable, Sendable {
        public let title: String
        public let description: String
        /// Pence; nil when the feasibility review found it cannot be done (`reason` says why).
        public let cost: Int?
        public let reason: String
        /// How likely a voter is to choose it, in percent.
        public let appeal: Int
    }

    public struct Round: Equatable, Sendable {
        public let title: String
        public let description: String
        public let budget: Int
        public let ballot: BallotKind
        public let rule: BudgetRule
        /// Days from today: ideas open, feasibility starts, voting opens, last day of voting.
        public let days: (ideas: Int, feasibility: Int, voting: Int, until: Int)
        public let projects: [Project]
        public let voters: Int

        public static func == (a: Round, b: Round) -> Bool { a.title == b.title }
    }

    public static let rounds: [Round] = [
        Round(title: "Healthy Lancaster fund 2026",
              description: "£20,000 from the integrated care board for community projects that help people in the district stay well. Residents put ideas forward, local organisations checked what each would cost, and everyone aged 16 or over who lives here could vote.",
              budget: 2_000_000, ballot: .approval(limit: nil), rule: .equalSharesAdd1, days: (-130, -100, -70, -56), projects: [
                  Project(title: "Walking netball in Heysham", description: "A weekly session for over-60s at a Heysham hall for a year, with a coach.", cost: 420_000, reason: "", appeal: 45),
                  Project(title: "Warm space in Ryelands", description: "A heated room every weekday afternoon, November to March, with hot drinks.", cost: 780_000, reason: "", appeal: 55),
                  Project(title: "Carers' breaks", description: "Twenty short breaks for unpaid carers, with sitting service cover.", cost: 600_000, reason: "", appeal: 35),
                  Project(title: "Community garden at Marsh", description: "Raised beds, tools and a shed for a growing group on the Marsh estate.", cost: 350_000, reason: "", appeal: 30),
                  Project(title: "Men's shed in Carnforth", description: "Tools and the first year's rent for a men's shed.", cost: 900_000, reason: "", appeal: 25),
                  Project(title: "Youth mental health peer group", description: "Training and a year of sessions for a peer support group for 16 to 25 year olds.", cost: 500_000, reason: "", appeal: 28),
                  Project(title: "A new leisure centre", description: "A leisure centre for Morecambe.", cost: nil, reason: "It would cost many times the whole fund.", appeal: 0),
              ], voters: 260),
        Round(title: "Morecambe Bay small grants 2027",
              description: "£8,000 for small projects that bring people together. Choose the projects you would fund if the money were yours: together they must fit the £8,000.",
              budget: 800_000, ballot: .knapsack, rule: .equalSharesAdd1, days: (-60, -30, -5, 10), projects: [
                  Project(title: "Chair yoga at the library", description: "A weekly class for a year for people who find standing exercise hard.", cost: 240_000, reason: "", appeal: 50),
                  Project(title: "Bus trips for isolated older people", description: "Six day trips with a volunteer driver and lunch.", cost: 360_000, reason: "", appeal: 45),
                  Project(title: "Dementia-friendly café", description: "A monthly café with trained volunteers and activities.", cost: 300_000, reason: "", appeal: 40),
                  Project(title: "Beach clean and picnic days", description: "Four family days with equipment and food.", cost: 150_000, reason: "", appeal: 35),
                  Project(title: "Cooking on a budget course", description: "Two eight-week courses with ingredients to take home.", cost: 280_000, reason: "", appeal: 30),
              ], voters: 70),
    ]
}
