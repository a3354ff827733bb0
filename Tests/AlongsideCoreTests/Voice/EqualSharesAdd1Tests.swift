@testable import AlongsideCore
import BigInt
import Testing

/// add1 steps straight to the next share at which the outcome could change; it must give exactly what raising
/// the share one penny at a time gives.
@Suite struct EqualSharesAdd1Tests {
    /// A round of `voters` ballots over `projects` projects, with uneven popularity, some ties in cost and some
    /// identical ballots, from a fixed seed.
    static func round(seed: UInt64, voters: Int, projects: Int) -> BudgetElection {
        var random = SeededGenerator(seed: seed)
        let costs = (0..<projects).map { _ in [100, 250, 400, 400, 999, 1_500].randomElement(using: &random)! + Int.random(in: 0...3, using: &random) * 50 }
        let liking = (0..<projects).map { _ in Double.random(in: 0.05...0.7, using: &random) }
        let ballots = (0..<voters).map { _ in
            let chosen = (0..<projects).filter { Double.random(in: 0..<1, using: &random) < liking[$0] }
            return chosen.isEmpty ? [Int.random(in: 0..<projects, using: &random)] : chosen
        }
        let total = costs.reduce(0, +)
        return BudgetElection(budget: total * Int.random(in: 15...70, using: &random) / 100,
                              projects: (0..<projects).map { .init(id: "\($0 + 1)", name: "P\($0 + 1)", cost: costs[$0]) }, ballots: ballots)
    }

    @Test(arguments: 0..<120)
    func jumpingGivesWhatAPennyAtATimeGives(seed: Int) {
        let election = Self.round(seed: UInt64(seed), voters: 3 + seed % 37, projects: 2 + seed % 9)
        let counter = Counter(election)
        let fast = counter.add1(), slow = counter.add1OnePennyAtATime()
        #expect(fast.selected == slow.selected, "round \(seed)")
        #expect(fast.share == slow.share, "round \(seed)")
        #expect(fast.payment == slow.payment, "round \(seed)")
    }

    /// The run at a share says how far the share can rise with the same outcome; every share up to there buys the same.
    @Test func theOutcomeHoldsUpToTheNextPossibleChange() throws {
        let counter = Counter(Self.round(seed: 7, voters: 40, projects: 8))
        var share = BigInt(counter.budget / counter.voters)
        for _ in 0..<5 {
            let (selected, next) = counter.equalSharesPath(share: share)
            let until = try #require(next)
            #expect(until > share)
            var s = share
            while s < until {
                #expect(counter.equalShares(share: Rational(s)).selected == selected, "at \(s)")
                s += 1
            }
            share = until
        }
    }
}
