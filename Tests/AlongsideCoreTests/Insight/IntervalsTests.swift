@testable import AlongsideCore
import Foundation
import Testing

/// Pinned to published figures: the Wilson example (PHEindicatormethods' test data), the textbook exact
/// Poisson limits, and — for Byar's and the slope index — scipy's chi-squared and numpy's least squares run on the
/// same inputs as PHEindicatormethods' formulas (`.ci/run` re-checks them against scipy and numpy).
@Suite struct IntervalsTests {
    func close(_ a: Double, _ b: Double, _ places: Double = 1e-6) -> Bool { abs(a - b) < places }

    @Test func wilsonOnSixtyFiveOfAHundred() throws {
        let interval = try Intervals.wilson(65, of: 100)
        #expect(close(interval.lower, 0.552544) && close(interval.upper, 0.736358), "\(interval)")
        let wide = try Intervals.wilson(65, of: 100, .ninetyNinePointEight)
        #expect(wide.lower < interval.lower && wide.upper > interval.upper)
        #expect(try Intervals.wilson(0, of: 10).lower == 0)
        #expect(close(try Intervals.wilson(10, of: 10).upper, 1, 1e-12))
    }

    @Test func badCountsAreRefusedNamingWhy() {
        #expect(throws: IntervalRefused(description: "The number of events cannot be negative.")) { try Intervals.wilson(-1, of: 10) }
        #expect(throws: IntervalRefused(description: "The total must be more than zero.")) { try Intervals.wilson(0, of: 0) }
        #expect(throws: IntervalRefused(description: "The number of events cannot be more than the total.")) { try Intervals.wilson(11, of: 10) }
        #expect(throws: IntervalRefused(description: "The number of events cannot be negative.")) { try Intervals.count(-4) }
    }

    @Test func countsBelowTenUseTheExactPoissonInterval() throws {
        for (events, lower, upper) in [(0, 0.0, 3.6888794541139354), (1, 0.025317807984289876, 5.571643390938898),
                                       (4, 1.0898653736263249, 10.241588675403694), (9, 4.115373097378334, 17.084803451419166)] {
            let interval = try Intervals.count(events)
            #expect(close(interval.lower, lower, 1e-9) && close(interval.upper, upper, 1e-9), "\(events): \(interval)")
        }
    }

    @Test func countsFromTenUseByars() throws {
        for (events, lower, upper) in [(10, 4.787449913967563, 18.391458605756473), (65, 50.16318771045943, 82.84913854593984),
                                       (1045, 982.5932018073325, 1110.33121298565)] {
            let interval = try Intervals.count(events)
            #expect(close(interval.lower, lower, 1e-9) && close(interval.upper, upper, 1e-9), "\(events): \(interval)")
        }
    }

    /// PHEindicatormethods' own example for `phe_sii`: life expectancy by decile in two areas.
    @Test func slopeIndexOnTheLifeExpectancyExample() throws {
        let area1 = try SlopeIndex(values: [75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3],
                                   populations: [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534])
        #expect(close(area1.sii, 7.000234760080, 1e-9) && close(area1.rii, 1.089709704912, 1e-9) && close(area1.intercept, 78.032078769530, 1e-9))
        let area2 = try SlopeIndex(values: [70.5, 71.6, 72.5, 73.5, 73.1, 76.2, 78.7, 80.6, 80.9, 80],
                                   populations: [21675, 20065, 19750, 24713, 20112, 19618, 22408, 19752, 18939, 19312])
        #expect(close(area2.sii, 12.622738563632, 1e-9) && close(area2.rii, 1.182034348001, 1e-9))
    }

    @Test func aSlopeIndexNeedsFiveGroupsWithPeople() {
        #expect(throws: SlopeIndex.Refused(description: "The index needs between 5 and 100 groups.")) { try SlopeIndex(values: [1, 2, 3], populations: [1, 1, 1]) }
        #expect(throws: SlopeIndex.Refused(description: "Every group needs a population of more than zero.")) {
            try SlopeIndex(values: [1, 2, 3, 4, 5], populations: [10, 10, 0, 10, 10])
        }
    }
}
