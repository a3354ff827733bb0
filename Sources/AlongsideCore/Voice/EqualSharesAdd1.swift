import BigInt

/// The add1 completion of equal shares, counted without running the method once a penny.
///
/// add1 runs equal shares from a share of ⌊budget ÷ voters⌋, then from one more, and so on, until what it
/// buys would cost more than the budget (it keeps the last that fitted) or leaves nothing that would still fit
/// (it keeps that one). Run at one share, every amount the method works out — each voter's money left, each
/// project's payment and price — moves in a straight line as the share moves, for as long as every comparison
/// the run made (this class pays all it has, that project is cheaper than this one, this one is unaffordable)
/// still comes out the same way. So one run also tells how far the share can rise before any comparison
/// could turn: every share up to there buys the same projects, and add1 can step straight to it. The outcome is
/// exactly the penny-by-penny one (a test compares the two on many rounds); the steps are far fewer.
extension Counter {
    func add1() -> EqualShares {
        guard voters > 0 else { return EqualShares(selected: [], payment: [:], share: .zero) }
        var share = BigInt(budget / voters)
        /// The last share known to buy what fits the budget, not yet everything that could fit.
        var fitted: BigInt? = nil
        while true {
            let (selected, nextChange) = equalSharesPath(share: share)
            let cost = selected.reduce(0) { $0 + costs[$1] }
            if cost > budget {
                guard let fitted else { return EqualShares(selected: [], payment: [:], share: Rational(share)) }
                return equalShares(share: Rational(fitted))
            }
            // The outcome never changes again: it is what every higher share buys.
            guard let nextChange, !isExhaustive(selected, cost: cost) else { return equalShares(share: Rational(share)) }
            fitted = nextChange - 1
            share = nextChange
        }
    }

    /// add1 as defined, one penny at a time: the reference the counting above is tested against.
    func add1OnePennyAtATime() -> EqualShares {
        guard voters > 0 else { return EqualShares(selected: [], payment: [:], share: .zero) }
        var share = budget / voters
        var previous = EqualShares(selected: [], payment: [:], share: Rational(share))
        while true {
            let result = equalShares(share: Rational(share))
            let cost = result.selected.reduce(0) { $0 + costs[$1] }
            if cost > budget { return previous }
            if isExhaustive(result.selected, cost: cost) { return result }
            previous = result
            share += 1
        }
    }

    /// Equal shares from `share` a voter, as `equalShares(share:)` counts it, keeping each amount as its value at
    /// this share and how fast it moves as the share rises. Returns what it buys and the lowest higher share at
    /// which any comparison made might come out differently (nil if none can).
    func equalSharesPath(share s: BigInt) -> (selected: [Int], nextChange: BigInt?) {
        var watch = Watch(share: Rational(s))
        let start = Moving(value: Rational(s), slope: Rational(1))
        var classes = VoterClasses(start: start, groups: groups.count)
        var selected: [Int] = []
        for p in costs.indices where costs[p] == 0 && votes[p] > 0 { selected.append(p) }
        var remaining = costs.indices.filter { costs[$0] > 0 && votes[$0] > 0 }
        var price: [Moving?] = costs.indices.map { costs[$0] > 0 && votes[$0] > 0 ? Moving(Rational(1, votes[$0])) : nil }
        var weightIn: [Int] = [0]
        while true {
            remaining.sort { price[$0]!.value != price[$1]!.value ? price[$0]!.value < price[$1]!.value : winsTie($0, $1) }
            var best: Moving? = nil, chosen: Int? = nil, bestEach = Moving(.zero), bestPoor: Set<Int> = []
            var unaffordable: Set<Int> = []
            for p in remaining {
                // A project whose lowest possible price is already above the best cannot win; that must stay so.
                if let best, price[p]!.value > best.value {
                    _ = watch.less(best, price[p]!)
                    continue
                }
                var touched = classes.gather(supporters[p], weights: weights, into: &weightIn)
                defer { for c in touched { weightIn[c] = 0 } }
                let cost = Moving(Rational(costs[p]))
                var available = Moving(.zero)
                for c in touched { available = available + classes.budget[c] * weightIn[c] }
                if watch.less(available, cost) {
                    unaffordable.insert(p)
                    continue
                }
                // Who pays all they have: the classes with less than the payment. The rest pay the payment, and
                // each of them must keep at least it.
                touched.sort { classes.budget[$0].value < classes.budget[$1].value }
                var paid = Moving(.zero), payers = votes[p], poor: Set<Int> = [], each = cost / payers
                for c in touched {
                    each = (cost - paid) / payers
                    guard watch.less(classes.budget[c], each) else { break }
                    poor.insert(c)
                    paid = paid + classes.budget[c] * weightIn[c]
                    payers -= weightIn[c]
                }
                for c in touched where !poor.contains(c) { _ = watch.less(classes.budget[c], each) }
                let unitPrice = each / costs[p]
                price[p] = unitPrice
                if best == nil || beats(&watch, unitPrice, p, best!, chosen!) {
                    best = unitPrice; chosen = p; bestEach = each; bestPoor = poor
                }
            }
            remaining.removeAll { unaffordable.contains($0) }
            guard let p = chosen else { break }
            selected.append(p)
            remaining.removeAll { $0 == p }
            classes.pay(supporters[p]) { c, has in bestPoor.contains(c) ? Moving(.zero) : has - bestEach }
        }
        return (selected, watch.horizon)
    }

    /// Whether project `p` priced `a` beats project `q` priced `b`: a lower price, or the same and `p` wins the tie.
    func beats(_ watch: inout Watch, _ a: Moving, _ p: Int, _ b: Moving, _ q: Int) -> Bool {
        winsTie(p, q) ? !watch.less(b, a) : watch.less(a, b)
    }
}

/// An amount worked out during a run at one share: its value there, and how much it changes for each penny the
/// share rises (it moves in a straight line while the run's comparisons hold).
struct Moving: Hashable {
    var value: Rational
    var slope: Rational

    init(value: Rational, slope: Rational) { self.value = value; self.slope = slope }
    /// An amount that does not depend on the share.
    init(_ value: Rational) { self.init(value: value, slope: .zero) }

    static func + (a: Moving, b: Moving) -> Moving { Moving(value: a.value + b.value, slope: a.slope + b.slope) }
    static func - (a: Moving, b: Moving) -> Moving { Moving(value: a.value - b.value, slope: a.slope - b.slope) }
    static func * (a: Moving, b: Int) -> Moving { Moving(value: a.value * b, slope: a.slope * b) }
    static func / (a: Moving, b: Int) -> Moving { Moving(value: a.value / b, slope: a.slope / b) }
}

/// The comparisons a run makes, each answered at the run's share, and the lowest higher share at which any of
/// them could be answered differently.
struct Watch {
    let share: Rational
    private(set) var horizon: BigInt? = nil

    init(share: Rational) { self.share = share }

    /// `a < b` at this share; remembers how far the share can rise with the answer the same.
    mutating func less(_ a: Moving, _ b: Moving) -> Bool {
        let gap = b - a
        if gap.value.numerator.sign == .plus && !gap.value.isZero {
            keep(gap, strictly: true)
            return true
        }
        keep(Moving(.zero) - gap, strictly: false)
        return false
    }

    /// `gap` is above zero (or at least zero) at this share; where it falls through zero as the share rises,
    /// the first whole share at which that could matter.
    private mutating func keep(_ gap: Moving, strictly: Bool) {
        guard gap.slope.numerator.sign == .minus, !gap.slope.isZero else { return }
        // gap(t) = value + slope · (t − share) reaches 0 at t = share + value / −slope.
        let root = share + gap.value / (Rational.zero - gap.slope)
        let floor = root.floor
        let first = strictly ? (Rational(floor) == root ? floor : floor + 1) : floor + 1
        if horizon == nil || first < horizon! { horizon = first }
    }
}
