/// What equal shares by bounds keeps about voters: each group's bounds, and one project's supporters side by side.

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
