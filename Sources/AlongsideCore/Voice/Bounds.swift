import Foundation

/// Arithmetic on bounds: amounts known to lie between two doubles, rounded outwards, so comparisons they settle are exact.

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
