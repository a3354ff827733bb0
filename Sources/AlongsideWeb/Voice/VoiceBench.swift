import AlongsideCore
import Foundation
import Vapor

/// `alongside bench voice`: counting a budget round of 50,000 approval ballots over 60 projects by equal shares with
/// add1 (its greedy count as the baseline in the same run), and an STV count of 100,000 ranked ballots for 7 seats
/// among 20 candidates. Rounds and elections are made here from a fixed seed, so every run counts the same ballots.
enum VoiceBench {
    /// A round whose projects are liked unevenly, as real ones are: each voter approves each project with a chance
    /// drawn once per project, and some voters follow a "slate" of neighbouring projects.
    static func round(ballots: Int, projects: Int, seed: UInt64) -> BudgetElection {
        var random = SeededGenerator(seed: seed)
        let costs = (0..<projects).map { _ in Int.random(in: 5_000...150_000, using: &random) * 100 }
        let popularity = (0..<projects).map { _ in Double.random(in: 0.02...0.35, using: &random) }
        var votes: [[Int]] = []
        votes.reserveCapacity(ballots)
        for _ in 0..<ballots {
            var chosen: [Int] = []
            for p in 0..<projects where Double.random(in: 0..<1, using: &random) < popularity[p] { chosen.append(p) }
            if chosen.isEmpty { chosen.append(Int.random(in: 0..<projects, using: &random)) }
            votes.append(chosen)
        }
        let total = costs.reduce(0, +)
        return BudgetElection(budget: total * 3 / 10, projects: (0..<projects).map { .init(id: "\($0 + 1)", name: "Project \($0 + 1)", cost: costs[$0]) },
                              ballots: votes)
    }

    static func election(ballots: Int, candidates: Int, seats: Int, seed: UInt64) -> RankedElection {
        var random = SeededGenerator(seed: seed)
        let strength = (0..<candidates).map { _ in Double.random(in: 0.05...1, using: &random) }
        var counted: [[Int]: Int] = [:]
        for _ in 0..<ballots {
            let order = (0..<candidates).map { ($0, strength[$0] * Double.random(in: 0..<1, using: &random)) }.sorted { $0.1 > $1.1 }.map(\.0)
            counted[Array(order.prefix(Int.random(in: 1...6, using: &random))), default: 0] += 1
        }
        return RankedElection(title: "Benchmark", candidates: (1...candidates).map { "Candidate \($0)" }, seats: seats,
                              ballots: counted.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { .init(weight: $0.value, ranking: $0.key) })
    }

    static func run(_ context: CommandContext, ballots: Int, projects: Int) throws {
        let console = context.console
        console.print("Making a round of \(ballots) ballots over \(projects) projects, and an election of 100000 ballots")
        let round = round(ballots: ballots, projects: projects, seed: 2027)
        let election = election(ballots: 100_000, candidates: 20, seats: 7, seed: 2027)
        func time<T>(_ label: String, _ body: () -> T) -> (T, Double) {
            console.print("Counting: \(label)")
            let start = ContinuousClock.now
            let result = body()
            return (result, BenchCommand.seconds(since: start))
        }
        let (greedy, greedySeconds) = time("greedy") { BudgetCount.count(round, rule: .greedy) }
        let (mes, mesSeconds) = time("equal shares") { BudgetCount.count(round, rule: .equalShares) }
        let (add1, add1Seconds) = time("equal shares with add1, then greedy") { BudgetCount.count(round, rule: .equalSharesAdd1) }
        let (stv, stvSeconds) = time("Scottish STV") { ScottishSTV.count(election) }
        func s(_ x: Double) -> String { String(format: "%.3f s", x) }
        console.print("")
        console.print("| what | figure | baseline (same run) | ratio | target |")
        console.print("| --- | --- | --- | --- | --- |")
        console.print("| a round of \(ballots) approval ballots, \(projects) projects, by equal shares with add1 then greedy (\(add1.selected.count) funded, share raised to \(add1.share?.decimal(places: 2) ?? "—")) | \(s(add1Seconds)) | greedy count of the same round: \(s(greedySeconds)) | \(String(format: "%.0f", add1Seconds / max(greedySeconds, 0.000_001)))× | under 2 s |")
        console.print("| the same round by equal shares alone (\(mes.selected.count) funded) | \(s(mesSeconds)) | greedy: \(s(greedySeconds)) | \(String(format: "%.0f", mesSeconds / max(greedySeconds, 0.000_001)))× | — |")
        console.print("| Scottish STV, 100000 ballots (\(election.ballots.count) distinct), 20 candidates, 7 seats (\(stv.stages.count) stages) | \(s(stvSeconds)) | — | — | under 2 s |")
        console.print("(greedy funded \(greedy.selected.count) projects for \(greedy.cost) of \(round.budget))")
    }
}
