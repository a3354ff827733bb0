@testable import AlongsideCore
import Foundation
import Testing

/// Equal shares and add1 are counted with bounds, falling back to exact fractions where a comparison is too close;
/// they must give exactly what counting every share in exact fractions gives.
@Suite struct EqualSharesBoundedTests {
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
    func add1GivesWhatAPennyAtATimeInFractionsGives(seed: Int) {
        let election = Self.round(seed: UInt64(seed), voters: 3 + seed % 37, projects: 2 + seed % 9)
        let counter = Counter(election)
        let fast = counter.add1(), slow = counter.add1OnePennyAtATime()
        #expect(fast.selected == slow.selected, "round \(seed)")
        #expect(fast.share == slow.share, "round \(seed)")
        #expect(fast.payment == slow.payment, "round \(seed)")
    }

    @Test(arguments: 0..<120)
    func equalSharesByBoundsGivesTheExactCount(seed: Int) throws {
        let election = Self.round(seed: UInt64(1_000 + seed), voters: 5 + seed * 7, projects: 2 + seed % 23)
        let counter = Counter(election)
        let exact = counter.equalSharesExactly(share: Rational(election.budget, election.ballots.count))
        let bounded = try #require(counter.equalSharesBounded(start: Bounds(election.budget) / election.ballots.count,
                                                                            exactShare: Rational(election.budget, election.ballots.count), payments: true),
                                   "bounds decided round \(seed)")
        #expect(bounded == exact, "round \(seed)")
    }

    @Test(arguments: ["poland_warszawa_2019_wawrzyszew.pb", "poland_gdynia_2020_obluze-small.pb", "poland_lodz_2020_nad-nerem.pb"])
    func pabulibRoundsByBoundsGiveTheExactCount(file: String) throws {
        let election = try Pabulib.parse(BudgetCountTests.fixture(file))
        let counter = Counter(election)
        #expect(counter.equalShares(shareOf: election.budget, among: election.ballots.count)
            == counter.equalSharesExactly(share: Rational(election.budget, election.ballots.count)))
        let share = election.budget / election.ballots.count + 7
        #expect(counter.equalShares(shareOf: share, among: 1) == counter.equalSharesExactly(share: Rational(share)))
    }

    /// Two projects with the same cost and the same supporters cost exactly the same once some of those supporters
    /// have a fraction of a penny left: no bounds can tell them apart, so the count by bounds declines, and the
    /// count falls back to exact fractions, where the tie goes to the lower id.
    @Test func aTieBoundsCannotSplitIsCountedExactly() throws {
        let projects: [BudgetElection.Project] = [
            .init(id: "A", name: "A", cost: 300), .init(id: "B", name: "B", cost: 300), .init(id: "C", name: "C", cost: 640),
        ]
        let ballots = [[0, 1, 2], [0, 1, 2], [0, 1, 2], [0, 1], [0, 1], [0, 1], [2], [2], [2], [2]]
        let election = BudgetElection(budget: 1_000, projects: projects, ballots: ballots)
        let counter = Counter(election)
        #expect(counter.equalSharesBounded(start: Bounds(100), exactShare: nil, payments: false) == nil)
        let exact = counter.equalSharesExactly(share: Rational(100))
        #expect(exact.selected == [2, 0])
        #expect(counter.equalShares(shareOf: 1_000, among: 10) == exact)
    }

    /// A run of shares is settled at once only when every share in it buys the same.
    @Test func aRunOfSharesSettledByBoundsBuysTheSameAtEveryShare() {
        var settledRuns = 0
        for seed in 0..<40 {
            let election = Self.round(seed: UInt64(5_000 + seed), voters: 10 + seed * 3, projects: 3 + seed % 8)
            let counter = Counter(election)
            let first = election.budget / election.ballots.count
            for length in [2, 5, 17] {
                guard let settled = counter.equalSharesBounded(start: Bounds(lower: Double(first), upper: Double(first + length - 1)),
                                                               exactShare: nil, payments: false) else { continue }
                settledRuns += 1
                for share in first..<(first + length) {
                    #expect(counter.equalSharesExactly(share: Rational(share)).selected == settled.selected, "round \(seed), share \(share)")
                }
            }
        }
        // Most runs are settled: the test is about them, not about runs the bounds gave up on.
        #expect(settledRuns >= 60)
    }

    @Test func boundsHoldTheExactResult() {
        let third = Bounds(1) / 3
        #expect(third.lower < third.upper)
        #expect(Bounds(6) / 3 == Bounds(2))
        let sum = Bounds(lower: 0.1, upper: 0.1) + Bounds(lower: 0.2, upper: 0.2)
        // 0.1 + 0.2 in binary is 0.3000000000000000166…, between the two nearest doubles.
        #expect(sum.lower == 0.3)
        #expect(sum.upper == 0.30000000000000004)
        #expect(Bounds(5).less(than: Bounds(5)) == false)
        #expect(third.less(than: Bounds(1) / 3) == nil)
        #expect(Price.order(Price(numerator: Bounds(300), denominator: 6 * 300), Price(numerator: Bounds(640), denominator: 6 * 640)) == 0)
    }
}
