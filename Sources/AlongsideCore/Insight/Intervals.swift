import Foundation

/// Confidence intervals as the Office for Health Improvement and Disparities computes them for Fingertips
/// (PHEindicatormethods): Wilson score intervals on proportions, Byar's method on counts of 10 or more and the
/// exact Poisson interval below 10. These are estimates for people to read, so they are floating point; the
/// counts they are made from stay whole numbers.
public enum Confidence: Sendable, Equatable {
    case ninetyFive, ninetyNinePointEight

    /// The two-sided standard normal quantile: qnorm(0.975) and qnorm(0.999).
    public var z: Double {
        switch self {
        case .ninetyFive: 1.959963984540054
        case .ninetyNinePointEight: 3.090232306167813
        }
    }

    /// The probability left in each tail.
    var tail: Double {
        switch self {
        case .ninetyFive: 0.025
        case .ninetyNinePointEight: 0.001
        }
    }
}

public struct Interval: Sendable, Equatable {
    public let lower: Double
    public let upper: Double

    public init(lower: Double, upper: Double) { self.lower = lower; self.upper = upper }
}

/// Why an interval cannot be worked out from the numbers given.
public struct IntervalRefused: Error, Equatable, CustomStringConvertible {
    public let description: String
}

public enum Intervals {
    /// The Wilson score interval for `events` of `total`, as a proportion.
    public static func wilson(_ events: Int, of total: Int, _ confidence: Confidence = .ninetyFive) throws -> Interval {
        guard events >= 0 else { throw IntervalRefused(description: "The number of events cannot be negative.") }
        guard total > 0 else { throw IntervalRefused(description: "The total must be more than zero.") }
        guard events <= total else { throw IntervalRefused(description: "The number of events cannot be more than the total.") }
        let x = Double(events), n = Double(total), z = confidence.z, p = x / n
        let centre = 2 * x + z * z, spread = z * (z * z + 4 * x * (1 - p)).squareRoot(), below = 2 * (n + z * z)
        return Interval(lower: (centre - spread) / below, upper: (centre + spread) / below)
    }

    /// An interval on a count of events: Byar's approximation from 10 events, the exact Poisson interval below.
    public static func count(_ events: Int, _ confidence: Confidence = .ninetyFive) throws -> Interval {
        guard events >= 0 else { throw IntervalRefused(description: "The number of events cannot be negative.") }
        return events < 10 ? exactPoisson(events, confidence) : byars(events, confidence)
    }

    /// Byar's approximation to the Poisson interval.
    public static func byars(_ events: Int, _ confidence: Confidence = .ninetyFive) -> Interval {
        let x = Double(events), z = confidence.z
        let lower = x == 0 ? 0 : x * pow(1 - 1 / (9 * x) - z / (3 * x.squareRoot()), 3)
        let above = x + 1
        return Interval(lower: lower, upper: above * pow(1 - 1 / (9 * above) + z / (3 * above.squareRoot()), 3))
    }

    /// The exact Poisson interval: the means at which seeing this many events or more (lower), or this many or
    /// fewer (upper), has the tail's probability. The same as half the chi-squared quantiles on 2x and 2x + 2
    /// degrees of freedom.
    public static func exactPoisson(_ events: Int, _ confidence: Confidence = .ninetyFive) -> Interval {
        let lower = events == 0 ? 0 : solve { mean in 1 - cumulativePoisson(events - 1, mean) - confidence.tail }
        let upper = solve { mean in confidence.tail - cumulativePoisson(events, mean) }
        return Interval(lower: lower, upper: upper)
    }

    /// P(X ≤ k) for a Poisson count with this mean.
    static func cumulativePoisson(_ k: Int, _ mean: Double) -> Double {
        var term = exp(-mean), sum = term
        if k > 0 { for i in 1...k { term *= mean / Double(i); sum += term } }
        return min(sum, 1)
    }

    /// The mean at which `f`, rising with the mean, crosses zero (to the last bit, by halving).
    static func solve(_ f: (Double) -> Double) -> Double {
        var low = 0.0, high = 1.0
        while f(high) < 0 { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if f(middle) < 0 { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
