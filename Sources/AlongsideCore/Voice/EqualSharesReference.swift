/// add1 as defined, one penny at a time with every share counted in exact fractions: the reference that `add1()`
/// (which decides each share by bounds, falling back to exact fractions only where they cannot decide) is tested
/// against.
///
/// add1 runs equal shares from a share of ⌊budget ÷ voters⌋, then from one more, and so on, until what it buys would
/// cost more than the budget (it keeps the last that fitted) or leaves nothing that would still fit (it keeps that one).
extension Counter {
    func add1OnePennyAtATime() -> EqualShares {
        guard voters > 0 else { return EqualShares(selected: [], payment: [:], share: .zero) }
        var share = budget / voters
        var previous = EqualShares(selected: [], payment: [:], share: Rational(share))
        while true {
            let result = equalSharesExactly(share: Rational(share))
            let cost = result.selected.reduce(0) { $0 + costs[$1] }
            if cost > budget { return previous }
            if isExhaustive(result.selected, cost: cost) { return result }
            previous = result
            share += 1
        }
    }
}
