/// A participatory budgeting round as it is counted: the money, the projects with their costs, and the
/// approval ballots. Money is whole units (pence in a round of Alongside's; whatever the file says in a
/// Pabulib file).
public struct BudgetElection: Sendable, Equatable {
    public struct Project: Sendable, Equatable {
        public var id: String
        public var name: String
        public var cost: Int
        public init(id: String, name: String, cost: Int) {
            self.id = id; self.name = name; self.cost = cost
        }
    }

    public var budget: Int
    public var projects: [Project]
    /// Each ballot is the projects it approves, as positions in `projects`.
    public var ballots: [[Int]]
    /// The file's own description of the round (`META` in Pabulib), kept in order so it can be written back.
    public var meta: [(key: String, value: String)]

    public init(budget: Int, projects: [Project], ballots: [[Int]], meta: [(key: String, value: String)] = []) {
        self.budget = budget; self.projects = projects; self.ballots = ballots; self.meta = meta
    }

    public static func == (a: BudgetElection, b: BudgetElection) -> Bool {
        a.budget == b.budget && a.projects == b.projects && a.ballots == b.ballots
            && a.meta.map(\.key) == b.meta.map(\.key) && a.meta.map(\.value) == b.meta.map(\.value)
    }

    /// How many ballots approve each project.
    public var votes: [Int] {
        var votes = Array(repeating: 0, count: projects.count)
        for ballot in ballots { for p in ballot { votes[p] += 1 } }
        return votes
    }

    /// The order in which ties are settled last: by project id, as numbers when every id is a number.
    public var idOrder: [Int] {
        let numeric = projects.allSatisfy { !$0.id.isEmpty && $0.id.allSatisfy(\.isASCII) && Int($0.id) != nil }
        let order = projects.indices.sorted { a, b in
            numeric ? Int(projects[a].id)! < Int(projects[b].id)! : projects[a].id < projects[b].id
        }
        var rank = Array(repeating: 0, count: projects.count)
        for (position, p) in order.enumerated() { rank[p] = position }
        return rank
    }
}
