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

/// What each group of identical ballots has left, as bounds, in arrays side by side (read far more often than
/// written, so kept compact rather than merged into classes). For exact payments, each group's history: whether it
/// has paid all it had, and otherwise which projects' payments it made, one bit a project.
struct GroupBudgets {
    /// Per group: what it has at least and at most, and how many voters cast it — together, so that reading a
    /// group touches one place in memory.
    struct Held {
        var lower: Double
        var upper: Double
        var voters: Int
    }

    private(set) var held: [Held]
    private var emptied: [Bool] = [], paidFor: [UInt64] = []
    private let words: Int

    init(start: Bounds, weights: [Int], projects: Int) {
        held = weights.map { Held(lower: start.lower, upper: start.upper, voters: $0) }
        words = (projects + 63) / 64
    }

    /// `groups` side by side: what each has at least and at most, and how many voters cast it.
    func gather(_ groups: [Int], into gathered: inout Gathered) {
        gathered.lower.removeAll(keepingCapacity: true)
        gathered.upper.removeAll(keepingCapacity: true)
        gathered.voters.removeAll(keepingCapacity: true)
        gathered.lower.reserveCapacity(groups.count)
        gathered.upper.reserveCapacity(groups.count)
        gathered.voters.reserveCapacity(groups.count)
        for g in groups {
            let h = held[g]
            gathered.lower.append(h.lower)
            gathered.upper.append(h.upper)
            gathered.voters.append(h.voters)
        }
    }

    /// `groups` pay `each` for project `p`, or all they have if that is less.
    mutating func pay(_ groups: [Int], _ each: Bounds, for p: Int, keepingHistory: Bool) {
        if keepingHistory && emptied.isEmpty {
            emptied = Array(repeating: false, count: held.count)
            paidFor = Array(repeating: 0, count: held.count * words)
        }
        for g in groups {
            let left = (Bounds(lower: held[g].lower, upper: held[g].upper) - each).atLeastZero
            held[g].lower = left.lower
            held[g].upper = left.upper
            guard keepingHistory else { continue }
            // Payments are only kept with the poorest certainly told apart (see `exactPayment`).
            if left.upper == 0 { emptied[g] = true } else { paidFor[g * words + p / 64] |= 1 << UInt64(p % 64) }
        }
    }

    /// The exact payment for project `p`, known to lie within `between`: those certainly below it pay all they have,
    /// worked out from the share less the payments each made; nil if anyone is too close to it to tell.
    func exactPayment(for p: Int, cost: Int, supporters groups: [Int], between each: Bounds, share: Rational,
                      payments: [Int: Rational]) -> Rational? {
        var payers = 0, atStart = 0, paying: [Int: Int] = [:]
        for g in groups {
            let h = held[g]
            if h.upper < each.lower {
                if emptied.isEmpty || !emptied[g] {
                    atStart += h.voters
                    if !paidFor.isEmpty {
                        for w in 0..<words {
                            var bits = paidFor[g * words + w]
                            while bits != 0 {
                                paying[w * 64 + bits.trailingZeroBitCount, default: 0] += h.voters
                                bits &= bits - 1
                            }
                        }
                    }
                }
            } else if h.lower < each.upper {
                return nil
            } else {
                payers += h.voters
            }
        }
        var poorHave = share * atStart
        for (project, voters) in paying { poorHave = poorHave - payments[project]! * voters }
        return (Rational(cost) - poorHave) / payers
    }
}

/// One project's supporters side by side: what each group has at least and at most, and how many voters cast it.
/// Kept from project to project so its storage is reused.
struct Gathered {
    var lower: [Double] = [], upper: [Double] = [], voters: [Int] = []
    private var near: [Int] = []

    enum Using { case both, least, most }

    /// What the supporters have between them; and, given `cap`, what they have counting nobody above `cap`.
    func totals(upTo cap: Double?) -> (all: Bounds, capped: Bounds?) {
        // Plain loops, not inside closures: the running totals stay in registers.
        var all = Sum()
        for i in 0..<lower.count { all.add(Bounds(lower: lower[i], upper: upper[i]), times: voters[i]) }
        guard let cap else { return (all.bounds, nil) }
        var capped = Sum()
        for i in 0..<lower.count { capped.add(Bounds(lower: min(lower[i], cap), upper: min(upper[i], cap)), times: voters[i]) }
        return (all.bounds, capped.bounds)
    }

    /// The payment each supporter makes (all they have, if that is less), from what each group has at least, at most,
    /// or (`both`) within its bounds: found by raising it as the poorest drop out, until nobody else is certainly below
    /// it. Nil if someone is too close to it to tell.
    mutating func payment(_ cost: Int, _ votes: Int, _ using: Using) -> (each: Bounds, payers: Int, nobodyShort: Bool)? {
        // The first pass settles who is certainly below the payment as it would be if nobody were short, and keeps
        // aside everyone far above it; only those near it are looked at again as it rises. If it rises past the
        // lowest of those kept aside, everyone is looked at again.
        switch payment(cost, votes, using, lookingAgainBelow: 2) {
        case .found(let each, let payers, let nobodyShort): return (each, payers, nobodyShort)
        case .tooClose: return nil
        case .setAsideTooSoon:
            guard case .found(let each, let payers, let nobodyShort) = payment(cost, votes, using, lookingAgainBelow: .infinity) else { return nil }
            return (each, payers, nobodyShort)
        }
    }

    private enum Attempt {
        case found(each: Bounds, payers: Int, nobodyShort: Bool)
        /// Someone is too close to the payment to tell which side they are on.
        case tooClose
        /// The payment rose past someone set aside as far above it.
        case setAsideTooSoon
    }

    /// One attempt at `payment`, setting aside those with more than `within` times its first value.
    private mutating func payment(_ cost: Int, _ votes: Int, _ using: Using, lookingAgainBelow within: Double) -> Attempt {
        guard votes > 0 else { return .tooClose }
        var paid = Sum(), payers = votes, short = false
        var each = Bounds(cost) / votes
        let limit = each.upper * within
        var aside = Double.infinity
        near.removeAll(keepingCapacity: true)
        func has(_ i: Int) -> Bounds {
            switch using {
            case .both: Bounds(lower: lower[i], upper: upper[i])
            case .least: Bounds(point: lower[i])
            case .most: Bounds(point: upper[i])
            }
        }
        for i in 0..<lower.count {
            let x = has(i)
            if x.upper < each.lower {
                paid.add(x, times: voters[i])
                payers -= voters[i]
                if x.upper > 0 { short = true }
            } else if x.lower < limit {
                near.append(i)
            } else {
                aside = min(aside, x.lower)
            }
        }
        while true {
            guard payers > 0 else { return .tooClose }
            each = (Bounds(cost) - paid.bounds) / payers
            var changed = false, doubt = false, kept = 0
            for k in 0..<near.count {
                let i = near[k], x = has(i)
                if x.upper < each.lower {
                    paid.add(x, times: voters[i])
                    payers -= voters[i]
                    if x.upper > 0 { short = true }
                    changed = true
                } else {
                    if x.lower < each.upper { doubt = true }
                    near[kept] = i
                    kept += 1
                }
            }
            near.removeLast(near.count - kept)
            if changed { continue }
            if doubt { return .tooClose }
            guard each.upper <= aside else { return .setAsideTooSoon }
            return .found(each: each, payers: payers, nobodyShort: !short)
        }
    }
}

/// A sum of non-negative bounded amounts times counts, added up plainly and bounded afterwards: the rounding
/// error of adding n such products is at most γ(n + 1) times the sum of their magnitudes (Higham, Accuracy and
/// Stability of Numerical Algorithms, §3.1), with γ(n) = n·u / (1 − n·u) and u = 2⁻⁵³.
struct Sum {
    private var lower = 0.0, upper = 0.0, terms = 0

    mutating func add(_ amount: Bounds, times count: Int) {
        let k = Double(count)
        lower += amount.lower * k
        upper += amount.upper * k
        terms += 1
    }

    var bounds: Bounds {
        if terms == 0 { return Bounds(0) }
        let n = Double(terms + 2) * 0x1p-53
        let slack = (upper * (n / (1 - n)) * 1.01).nextUp
        return Bounds(lower: max(0, (lower - slack).nextDown), upper: (upper + slack).nextUp)
    }
}

/// An amount known only to lie between `lower` and `upper` (equal when it is known exactly).
struct Bounds: Hashable {
    var lower: Double
    var upper: Double

    init(lower: Double, upper: Double) { self.lower = lower; self.upper = upper }

    init(_ value: Int) {
        let d = Double(value)
        if Int(exactly: d) == value { lower = d; upper = d } else { lower = d.nextDown; upper = d.nextUp }
    }

    init(point: Double) { lower = point; upper = point }

    var estimate: Double { (lower + upper) / 2 }
    var atLeastZero: Bounds { Bounds(lower: max(0, lower), upper: max(0, upper)) }

    /// Whether this is below `other`: nil when the ranges overlap and the answer is not certain.
    func less(than other: Bounds) -> Bool? {
        if upper < other.lower { return true }
        if lower >= other.upper { return false }
        return nil
    }

    static func + (a: Bounds, b: Bounds) -> Bounds { Bounds(lower: Outward.sum(a.lower, b.lower, up: false), upper: Outward.sum(a.upper, b.upper, up: true)) }
    static func - (a: Bounds, b: Bounds) -> Bounds { Bounds(lower: Outward.sum(a.lower, -b.upper, up: false), upper: Outward.sum(a.upper, -b.lower, up: true)) }
    /// Times a count of voters (never negative).
    static func * (a: Bounds, k: Int) -> Bounds {
        let m = Double(k)
        return Bounds(lower: Outward.product(a.lower, m, up: false), upper: Outward.product(a.upper, m, up: true))
    }
    /// Divided by a positive whole number.
    static func / (a: Bounds, k: Int) -> Bounds {
        let d = Double(k)
        return Bounds(lower: Outward.quotient(a.lower, d, up: false), upper: Outward.quotient(a.upper, d, up: true))
    }
}

/// Rounding outwards: each operation's exact result is compared with the rounded one, and the bound moves one
/// representable step past it when the rounding went the wrong way.
enum Outward {
    @inline(__always) static func sum(_ x: Double, _ y: Double, up: Bool) -> Double {
        let r = x + y
        let z = r - x
        let error = (x - (r - z)) + (y - z) // the exact x + y − r (two-sum)
        return adjust(r, error: error, up: up)
    }

    @inline(__always) static func product(_ x: Double, _ m: Double, up: Bool) -> Double {
        let r = x * m
        return adjust(r, error: (-r).addingProduct(x, m), up: up) // x·m − r, exactly
    }

    @inline(__always) static func quotient(_ x: Double, _ d: Double, up: Bool) -> Double {
        let r = x / d
        // x − r·d is exact; the true quotient is r + (x − r·d) / d, and d is positive.
        return adjust(r, error: x.addingProduct(-r, d), up: up)
    }

    @inline(__always) static func adjust(_ r: Double, error: Double, up: Bool) -> Double {
        guard r.isFinite, error.isFinite else { return up ? .infinity : -.infinity }
        if up { return error > 0 ? r.nextUp : r }
        return error < 0 ? r.nextDown : r
    }
}

/// A price per unit as a bounded amount over a whole number, so that prices that are exactly equal (as every
/// project's first price, one over its votes, can be) are found equal by whole-number arithmetic.
struct Price {
    var numerator: Bounds
    var denominator: Int

    var estimate: Double { numerator.estimate / Double(denominator) }
    /// A number the price is certainly not above.
    var atMost: Double { Outward.quotient(numerator.upper, Bounds(denominator).lower, up: true) }

    /// -1, 0 or 1 as `a` is below, equal to or above `b`; nil if that cannot be told for certain.
    static func order(_ a: Price, _ b: Price) -> Int? {
        if let x = a.numerator.whole, let y = b.numerator.whole {
            let left = x.multipliedFullWidth(by: b.denominator), right = y.multipliedFullWidth(by: a.denominator)
            return (left.high, left.low) < (right.high, right.low) ? -1 : (left.high, left.low) == (right.high, right.low) ? 0 : 1
        }
        let x = a.numerator / a.denominator, y = b.numerator / b.denominator
        if x.upper < y.lower { return -1 }
        if x.lower > y.upper { return 1 }
        return nil
    }
}

extension Bounds {
    /// The amount as a whole number, when it is known exactly and is one.
    var whole: Int? {
        guard lower == upper, lower == lower.rounded(), abs(lower) < 9.0e15 else { return nil }
        return Int(lower)
    }
}


