/// Counting a participatory budgeting round, exactly (whole units and fractions, never floating point).
///
/// - greedy: projects in order of votes, each funded if it still fits, skipping those that do not;
/// - equal shares: the Method of Equal Shares as equalshares.net defines it for approval ballots with cost
///   utilities. Each voter holds an equal share of the budget; a project can be bought when its supporters
///   can pay its cost between them, each paying the same or all they have left; the project bought next is
///   the one whose supporters pay least for each unit of what they get (the highest "effective vote count");
/// - equal shares with add1: start each voter at ⌊budget ÷ voters⌋ and add 1 a voter while the outcome stays
///   within the real budget and is not yet exhaustive, then fill what is left greedily.
///
/// Ties are broken by lower cost, then more votes, then project id.
public enum BudgetRule: String, CaseIterable, Sendable, Codable {
    case greedy
    case equalShares = "equal-shares"
    case equalSharesAdd1 = "equal-shares-add1"

    public var title: String {
        switch self {
        case .greedy: "Most votes first"
        case .equalShares: "Equal shares"
        case .equalSharesAdd1: "Equal shares, then the rest by votes"
        }
    }

    /// The rule in plain English, as the round's page says it.
    public var explanation: String {
        switch self {
        case .greedy:
            "Projects are taken in order of votes, most first. Each is funded if the money left still covers it; one that does not fit is skipped and the next is tried."
        case .equalShares:
            "The budget is shared out equally among everyone who voted. A project is funded when the people who voted for it can pay for it from their shares, each paying the same amount or all they have left. The project whose voters pay least for what they get is funded first, then the next, until no project can be paid for."
        case .equalSharesAdd1:
            "The budget is shared out equally among everyone who voted, and a project is funded when the people who voted for it can pay for it from their shares, each paying the same amount or all they have left; the project whose voters pay least for what they get goes first. If money is left over, everyone's share is raised a penny at a time for as long as the projects chosen still fit the real budget. Anything still left then goes to the remaining projects in order of votes, each if it fits."
        }
    }
}

public struct BudgetOutcome: Sendable, Equatable {
    public enum FundedBy: String, Sendable, Equatable { case votes, equalShares, whatWasLeft }
    /// Funded projects (positions in the election's `projects`), in the order they were chosen.
    public var selected: [Int]
    public var cost: Int
    public var votes: [Int]
    /// How each funded project was chosen.
    public var fundedBy: [Int: FundedBy]
    /// For projects bought by equal shares: the most any one supporter paid (those with less paid all they had).
    public var payment: [Int: Rational]
    /// The share of the budget each voter started with (equal shares only).
    public var share: Rational?
}

public enum BudgetCount {
    public static func count(_ election: BudgetElection, rule: BudgetRule) -> BudgetOutcome {
        let counter = Counter(election)
        switch rule {
        case .greedy:
            let selected = counter.greedy(after: [])
            return counter.outcome(selected, fundedBy: .votes, equalShares: nil)
        case .equalShares:
            let voters = max(election.ballots.count, 1)
            let result = counter.equalShares(shareOf: election.budget, among: voters)
            return counter.outcome(result.selected, fundedBy: .equalShares, equalShares: result)
        case .equalSharesAdd1:
            let result = counter.add1()
            let rest = counter.greedy(after: result.selected)
            return counter.outcome(result.selected + rest, fundedBy: .whatWasLeft, equalShares: result)
        }
    }
}

/// The counting itself. Identical ballots are counted once with their number; during equal shares, voters
/// whose remaining money is the same are kept as one class, so the fractions are worked out once a class,
/// not once a voter.
struct Counter {
    let budget: Int
    let costs: [Int]
    let votes: [Int]
    let idRank: [Int]
    /// Distinct ballots and how many voters cast each.
    let groups: [[Int]]
    let weights: [Int]
    /// For each project, the distinct ballots that approve it.
    let supporters: [[Int]]
    let voters: Int

    init(_ election: BudgetElection) {
        budget = election.budget
        costs = election.projects.map(\.cost)
        votes = election.votes
        idRank = election.idOrder
        var seen: [[Int]: Int] = [:]
        var groups: [[Int]] = [], weights: [Int] = []
        for ballot in election.ballots {
            let key = ballot.sorted()
            if let g = seen[key] { weights[g] += 1 } else { seen[key] = groups.count; groups.append(key); weights.append(1) }
        }
        var supporters = Array(repeating: [Int](), count: costs.count)
        for (g, ballot) in groups.enumerated() { for p in ballot { supporters[p].append(g) } }
        self.groups = groups; self.weights = weights; self.supporters = supporters
        voters = election.ballots.count
    }

    /// True when `a` wins a tie against `b`: lower cost, then more votes, then the lower id.
    func winsTie(_ a: Int, _ b: Int) -> Bool {
        (costs[a], -votes[a], idRank[a]) < (costs[b], -votes[b], idRank[b])
    }

    func greedy(after chosen: [Int]) -> [Int] {
        var spent = chosen.reduce(0) { $0 + costs[$1] }
        let taken = Set(chosen)
        let order = costs.indices.filter { !taken.contains($0) && votes[$0] > 0 }
            .sorted { votes[$0] != votes[$1] ? votes[$0] > votes[$1] : winsTie($0, $1) }
        var selected: [Int] = []
        for p in order where spent + costs[p] <= budget {
            selected.append(p)
            spent += costs[p]
        }
        return selected
    }

    struct EqualShares: Equatable {
        var selected: [Int]
        var payment: [Int: Rational]
        var share: Rational
    }

    /// The Method of Equal Shares with each voter starting at `share`, in exact fractions throughout: the reference
    /// that the faster count by bounds (`equalSharesBounded`) falls back to, and is tested against.
    func equalSharesExactly(share: Rational) -> EqualShares {
        // Voters' remaining money, by class: every voter in a class has the same left.
        var classes = VoterClasses(start: share, groups: groups.count)
        var selected: [Int] = [], payment: [Int: Rational] = [:]
        // Projects free of cost that someone wants are simply funded.
        for p in costs.indices where costs[p] == 0 && votes[p] > 0 { selected.append(p); payment[p] = .zero }
        var remaining = costs.indices.filter { costs[$0] > 0 && votes[$0] > 0 }
        // The lowest price a unit of utility could be for each project; it only rises as money is spent.
        var price: [Rational?] = costs.indices.map { costs[$0] > 0 && votes[$0] > 0 ? Rational(1, votes[$0]) : nil }
        var weightIn: [Int] = [0]
        while true {
            remaining.sort { price[$0]! != price[$1]! ? price[$0]! < price[$1]! : winsTie($0, $1) }
            var best: Rational? = nil, bestPayment = Rational.zero, chosen: Int? = nil
            var unaffordable: Set<Int> = []
            for p in remaining {
                if let best, price[p]! > best { break }
                // The supporters' classes, and how many of them are in each.
                var touched = classes.gather(supporters[p], weights: weights, into: &weightIn)
                let cost = Rational(costs[p])
                var available = Rational.zero
                for c in touched where !classes.budget[c].isZero { available = available + classes.budget[c] * weightIn[c] }
                if available < cost {
                    unaffordable.insert(p)
                    for c in touched { weightIn[c] = 0 }
                    continue
                }
                touched.sort { classes.budget[$0] < classes.budget[$1] }
                var paid = Rational.zero, payers = votes[p]
                for c in touched {
                    let each = (cost - paid) / payers
                    if each <= classes.budget[c] {
                        let unitPrice = each / costs[p]
                        price[p] = unitPrice
                        if best == nil || unitPrice < best! || (unitPrice == best! && winsTie(p, chosen!)) {
                            best = unitPrice; bestPayment = each; chosen = p
                        }
                        break
                    }
                    paid = paid + classes.budget[c] * weightIn[c]
                    payers -= weightIn[c]
                }
                for c in touched { weightIn[c] = 0 }
            }
            remaining.removeAll { unaffordable.contains($0) }
            guard let p = chosen else { break }
            selected.append(p)
            payment[p] = bestPayment
            remaining.removeAll { $0 == p }
            // Each supporter pays the payment, or all they have left if that is less.
            classes.pay(supporters[p]) { _, has in has < bestPayment ? Rational.zero : has - bestPayment }
        }
        return EqualShares(selected: selected, payment: payment, share: share)
    }

    func isExhaustive(_ selected: [Int], cost: Int) -> Bool {
        let taken = Set(selected)
        return !costs.indices.contains { !taken.contains($0) && votes[$0] > 0 && cost + costs[$0] <= budget }
    }

    func outcome(_ selected: [Int], fundedBy rest: BudgetOutcome.FundedBy, equalShares: EqualShares?) -> BudgetOutcome {
        var fundedBy: [Int: BudgetOutcome.FundedBy] = [:]
        for p in selected { fundedBy[p] = equalShares?.payment[p] != nil ? .equalShares : rest }
        return BudgetOutcome(selected: selected, cost: selected.reduce(0) { $0 + costs[$1] }, votes: votes, fundedBy: fundedBy,
                             payment: equalShares?.payment ?? [:], share: equalShares?.share)
    }
}

/// Voters by what they have left, during equal shares: every group of identical ballots is in one class, and
/// groups left with the same amount share a class, so the amounts are worked out once a class, not once a voter.
struct VoterClasses<Amount: Hashable> {
    /// What each voter in a class has left.
    private(set) var budget: [Amount]
    private var classOfAmount: [Amount: Int]
    /// The class of each group of identical ballots.
    private var classOf: [Int]
    private var movedTo: [Int] = []

    init(start: Amount, groups: Int) {
        budget = [start]
        classOfAmount = [start: 0]
        classOf = Array(repeating: 0, count: groups)
    }

    /// The classes `groups` are in, with how many voters of theirs are in each added into `weightIn` (which the caller
    /// sets back to zero for the classes returned).
    func gather(_ groups: [Int], weights: [Int], into weightIn: inout [Int]) -> [Int] {
        if weightIn.count < budget.count { weightIn += Array(repeating: 0, count: budget.count - weightIn.count) }
        var touched: [Int] = []
        for g in groups {
            let c = classOf[g]
            if weightIn[c] == 0 { touched.append(c) }
            weightIn[c] += weights[g]
        }
        return touched
    }

    /// `groups` pay for a project: each of their classes is left with `left(class, what it had)`.
    mutating func pay(_ groups: [Int], left: (_ class: Int, _ has: Amount) -> Amount) {
        // Where each class went, by class (-1: not yet moved), cleared again before returning.
        if movedTo.count < budget.count { movedTo += Array(repeating: -1, count: budget.count - movedTo.count) }
        var moved: [Int] = []
        for g in groups {
            let c = classOf[g]
            if movedTo[c] >= 0 { classOf[g] = movedTo[c]; continue }
            let remaining = left(c, budget[c])
            let to: Int
            if let existing = classOfAmount[remaining] { to = existing } else {
                to = budget.count
                budget.append(remaining)
                classOfAmount[remaining] = to
            }
            movedTo[c] = to
            moved.append(c)
            classOf[g] = to
        }
        for c in moved { movedTo[c] = -1 }
    }
}
