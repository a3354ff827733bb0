import Foundation

/// The Slope Index of Inequality and the Relative Index of Inequality, as OHID computes them (PHEindicatormethods
/// `phe_sii`, after Low & Low 2004): each deprivation group is placed at the midpoint of its cumulative share of
/// the population, from the most deprived (0) to the least (1); a straight line is fitted to the groups' values,
/// each weighted by its share of the population; the SII is the line's slope — the gap it implies between the
/// least and the most deprived ends — and the RII is (intercept + SII) ÷ intercept, the least deprived end over
/// the most deprived.
public struct SlopeIndex: Sendable, Equatable {
    public let sii: Double
    public let rii: Double
    public let intercept: Double

    /// Why the index cannot be worked out from the groups given.
    public struct Refused: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// From groups in order, most deprived first: each group's value (a rate or proportion) and population.
    public init(values: [Double], populations: [Int]) throws {
        guard values.count == populations.count else { throw Refused(description: "Each group needs a value and a population.") }
        guard (5...100).contains(values.count) else { throw Refused(description: "The index needs between 5 and 100 groups.") }
        guard populations.allSatisfy({ $0 > 0 }) else { throw Refused(description: "Every group needs a population of more than zero.") }
        guard values.allSatisfy(\.isFinite) else { throw Refused(description: "Every group needs a value.") }
        let total = Double(populations.reduce(0, +))
        var before = 0.0
        var share: [Double] = [], midpoint: [Double] = []
        for population in populations {
            let a = Double(population) / total
            share.append(a)
            midpoint.append(before + a / 2)
            before += a
        }
        // Weighted least squares of value on midpoint, weights the shares (which sum to 1).
        let meanX = zip(share, midpoint).reduce(0) { $0 + $1.0 * $1.1 }
        let meanY = zip(share, values).reduce(0) { $0 + $1.0 * $1.1 }
        var sxy = 0.0, sxx = 0.0
        for i in values.indices {
            sxy += share[i] * (midpoint[i] - meanX) * (values[i] - meanY)
            sxx += share[i] * (midpoint[i] - meanX) * (midpoint[i] - meanX)
        }
        sii = sxy / sxx
        intercept = meanY - sii * meanX
        rii = (intercept + sii) / intercept
    }
}
