import Dispatch
import Foundation

/// Equal shares decided quickly where the answer is beyond doubt, and exactly where it is not.
///
/// add1 runs equal shares at many shares in a row, and only needs to know which projects each run buys. Every
/// amount here is carried as two floating-point numbers that the exact amount certainly lies between: each sum,
/// difference, product and quotient is rounded outwards (its rounding error is found exactly, with a fused
/// multiply-add or the two-sum identity, and the bound is moved one step past the rounded result when the error
/// points that way). A comparison is answered only when the two ranges do not overlap, or both amounts are
/// whole numbers compared exactly; when they overlap the run gives up (returns nil) and the caller counts that
/// share with exact fractions instead. So every answer given is the exact one: floating point only decides what
/// it can prove.
extension Counter {
    /// Equal shares with each voter starting at any share within `start`, decided by bounds: what every such share
    /// buys, in order — nil if some comparison could come out differently within the range, or was too close to
    /// decide without exact fractions. With `payments` (and `start` holding one share, `exactShare`), also the exact
    /// payment for each project bought.
    ///
    /// Bounds hold for every share in the range at once: a payment is found twice, once from what every class has at
    /// least (the highest it can be: the less people have, the more each must pay) and once from what they have at
    /// most, and what each is left with, the more of the two it had minus the payment or nothing, lies between.
    ///
    /// `likely` is what a nearby share bought, in order: each round looks at the project bought then first, so the
    /// best so far is known early and most others are set aside after one pass. It changes how fast, not what.
    func equalSharesBounded(start: Bounds, exactShare: Rational?, payments: Bool, likely: [Int] = []) -> EqualShares? {
        var held = GroupBudgets(start: start, weights: weights, projects: costs.count)
        var selected: [Int] = [], payment: [Int: Rational] = [:]
        for p in costs.indices where costs[p] == 0 && votes[p] > 0 { selected.append(p); payment[p] = .zero }
        var remaining = costs.indices.filter { costs[$0] > 0 && votes[$0] > 0 }
        // The lowest price a unit could be, per project: it only rises as money is spent.
        var price: [Price] = costs.indices.map { Price(numerator: Bounds(1), denominator: max(votes[$0], 1)) }
        var gathered = Gathered()
        while true {
            remaining.sort { price[$0].estimate < price[$1].estimate }
            if selected.count < likely.count, let first = remaining.firstIndex(of: likely[selected.count]) {
                remaining.swapAt(0, first)
            }
            var best: Price? = nil, chosen: Int? = nil, bestEach = Bounds(0)
            var unaffordable: [Int] = []
            for p in remaining {
                // Worked out only if it might beat the best: a project whose lowest price is certainly above it cannot.
                if let best, Price.order(price[p], best) == 1 { continue }
                held.gather(supporters[p], into: &gathered)
                let cost = Bounds(costs[p])
                // Against the best so far: if its supporters could not raise the cost even paying up to what a unit
                // of the best costs, this one certainly costs more, and nothing more need be worked out.
                let beyond = best.map { Outward.product($0.atMost, Double(costs[p]), up: true) }
                let (total, upTo) = gathered.totals(upTo: beyond)
                if let beyond, let upTo, upTo.upper < cost.lower {
                    price[p] = Price(numerator: Bounds(point: beyond), denominator: costs[p])
                    continue
                }
                guard let short = total.less(than: cost) else { return nil }
                if short {
                    unaffordable.append(p)
                    continue
                }
                // Usually everyone is clearly above or below the payment, and one pass over the classes finds it.
                // Where some class's range straddles it, it is found from the least and the most each class may have.
                let each: Bounds, evenly: Int?
                if let found = gathered.payment(costs[p], votes[p], .both) {
                    each = found.each
                    evenly = found.nobodyShort ? found.payers : nil
                } else {
                    guard let most = gathered.payment(costs[p], votes[p], .least), let least = gathered.payment(costs[p], votes[p], .most)
                    else { return nil }
                    each = Bounds(lower: least.each.lower, upper: most.each.upper)
                    evenly = most.nobodyShort && least.nobodyShort && most.payers == least.payers ? most.payers : nil
                }
                let unitPrice: Price
                if let evenly {
                    // Everyone pays the same: cost ÷ payers, a whole-number fraction, compared exactly.
                    let (denominator, overflow) = evenly.multipliedReportingOverflow(by: costs[p])
                    guard !overflow else { return nil }
                    unitPrice = Price(numerator: cost, denominator: denominator)
                } else {
                    unitPrice = Price(numerator: each, denominator: costs[p])
                }
                price[p] = unitPrice
                if let current = best {
                    guard let order = Price.order(unitPrice, current) else { return nil }
                    guard order == -1 || (order == 0 && winsTie(p, chosen!)) else { continue }
                }
                best = unitPrice; chosen = p; bestEach = each
            }
            if !unaffordable.isEmpty { remaining.removeAll { unaffordable.contains($0) } }
            guard let p = chosen else { break }
            selected.append(p)
            remaining.removeAll { $0 == p }
            if payments {
                // Who pays all they have, for certain: less than the lowest the payment can be; the others certainly
                // have at least the highest it can be. Anyone in between needs exact fractions.
                guard let each = held.exactPayment(for: p, cost: costs[p], supporters: supporters[p], between: bestEach,
                                                   share: exactShare!, payments: payment) else { return nil }
                payment[p] = each
            }
            // Each supporter pays the payment, or all they have if that is less.
            held.pay(supporters[p], bestEach, for: p, keepingHistory: payments)
        }
        return EqualShares(selected: selected, payment: payment, share: exactShare ?? .zero)
    }

    /// add1: equal shares from ⌊budget ÷ voters⌋ a voter, then a penny more, and so on, until what it buys would cost
    /// more than the budget (the last share that fitted is kept) or leaves nothing that would still fit (that share
    /// is kept). Shares are tried in runs — a run whose every share certainly buys the same is settled at once, and
    /// the runs lengthen while that holds and shorten when it does not — and a single share the bounds cannot settle
    /// is counted in exact fractions. So this is exactly add1 a penny at a time, without counting every penny. Two
    /// runs in a row are counted side by side, on two processors where there are two.
    func add1() -> EqualShares {
        guard voters > 0 else { return EqualShares(selected: [], payment: [:], share: .zero) }
        var share = budget / voters, fitted: Int? = nil, run = 1, calm = 0, likely: [Int] = []
        while true {
            let runs = [share...(share + run - 1), (share + run)...(share + 2 * run - 1)]
            let outcomes = sideBySide(runs.map { shares in { [likely] in settle(shares, likely: likely) } })
            for (shares, outcome) in zip(runs, outcomes) {
                guard let outcome else {
                    // A run that did not settle: shorter ones for a while before trying longer again.
                    run = max(run / 2, 1)
                    calm = 8
                    break
                }
                let cost = outcome.reduce(0) { $0 + costs[$1] }
                if cost > budget {
                    guard let fitted else { return EqualShares(selected: [], payment: [:], share: Rational(shares.lowerBound)) }
                    return equalShares(shareOf: fitted, among: 1)
                }
                if isExhaustive(outcome, cost: cost) { return equalShares(shareOf: shares.lowerBound, among: 1) }
                fitted = shares.upperBound
                share = shares.upperBound + 1
                likely = outcome
                if shares == runs[1] {
                    if calm > 0 { calm -= 1 } else { run = min(run * 2, 1 << 20) }
                }
            }
        }
    }

    /// What every share in `shares` buys, if it is the same for all and the bounds can tell; a single share is always
    /// settled, in exact fractions if need be.
    func settle(_ shares: ClosedRange<Int>, likely: [Int]) -> [Int]? {
        let start = Bounds(lower: Bounds(shares.lowerBound).lower, upper: Bounds(shares.upperBound).upper)
        if let settled = equalSharesBounded(start: start, exactShare: nil, payments: false, likely: likely) { return settled.selected }
        return shares.count == 1 ? equalSharesExactly(share: Rational(shares.lowerBound)).selected : nil
    }

    /// Equal shares with its payments, by bounds where they decide every comparison, otherwise exactly.
    func equalShares(shareOf amount: Int, among count: Int) -> EqualShares {
        equalSharesBounded(start: Bounds(amount) / count, exactShare: Rational(amount, count), payments: true)
            ?? equalSharesExactly(share: Rational(amount, count))
    }
}

/// Runs each piece of work, two at a time where the machine has two processors, and returns their results in order.
func sideBySide<T: Sendable>(_ work: [@Sendable () -> T]) -> [T] {
    guard work.count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else { return work.map { $0() } }
    let results = Results<T>(count: work.count)
    DispatchQueue.concurrentPerform(iterations: work.count) { i in results.set(i, work[i]()) }
    return results.all
}

/// Results written by concurrent work, each into its own place, under a lock.
private final class Results<T: Sendable>: @unchecked Sendable {
    private var values: [T?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.lock(); values[i] = value; lock.unlock() }
    var all: [T] { lock.lock(); defer { lock.unlock() }; return values.map { $0! } }
}
