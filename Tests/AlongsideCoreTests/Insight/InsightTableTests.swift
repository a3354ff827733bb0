@testable import AlongsideCore
import Foundation
import Testing

@Suite struct InsightTableTests {
    @Test func countsAreSuppressedAsDesignSays() throws {
        for (count, shown) in [(0, "0"), (1, "*"), (7, "*"), (8, "10"), (16, "15"), (57, "55"), (10023, "10025")] {
            #expect(try InsightValue(suppressing: count).description == shown, "\(count)")
        }
        #expect(throws: InsightRefused("A count cannot be negative.")) { try InsightValue(suppressing: -1) }
        #expect(throws: InsightRefused("A count of 2000000000 is beyond any population.")) { try InsightValue(suppressing: 2_000_000_000) }
    }

    @Test func ageBandsFromTheBirthDateOnTheDay() throws {
        let day = try #require(ISO8601DateFormatter().date(from: "2026-12-05T12:00:00Z"))
        #expect(AgeBand(birthDate: "2008-12-05", on: day) == .from18)
        #expect(AgeBand(birthDate: "2008-12-06", on: day) == .under18)
        #expect(AgeBand(birthDate: "1961-12-05", on: day) == .from65)
        #expect(AgeBand(birthDate: "1946-12-06", on: day) == .from65)
        #expect(AgeBand(birthDate: "1946-12-05", on: day) == .from80)
        #expect(AgeBand(birthDate: nil, on: day) == nil && AgeBand(birthDate: "1990-13-01", on: day) == nil && AgeBand(birthDate: "2030-01-01", on: day) == nil)
    }

    @Test func eachPersonFallsInOneGroupOfEachSplitWithNotKnownAsAGap() throws {
        let day = try #require(ISO8601DateFormatter().date(from: "2026-12-05T12:00:00Z"))
        let known = InsightPerson(imdDecile: 3, birthDate: "2012-01-01", sex: "female", ethnicity: "mixed", isCarer: true)
        let unknown = InsightPerson(imdDecile: nil, birthDate: nil, sex: nil, ethnicity: nil, isCarer: false)
        #expect(InsightSplit.allCases.map { $0.group(of: known, on: day) } == ["2", "0-17", "female", "mixed", "young_carer", "none", "none"])
        #expect(InsightSplit.allCases.map { $0.group(of: unknown, on: day) } == ["unknown", "unknown", "not_known", "not_known", "not_a_carer", "none", "none"])
        for split in InsightSplit.allCases {
            #expect(split.groups.map(\.key).contains(split.group(of: known, on: day)) && split.groups.map(\.key).contains(split.group(of: unknown, on: day)))
        }
    }

    /// Three groups of 3 are each hidden, but their total of 9 is shown, rounded from the true total (10), not summed
    /// from what is shown.
    @Test func totalsAreRoundedFromTheTrueTotal() throws {
        let table = try InsightTable(split: .sex, measures: [("referrals", "Referrals"), ("declined", "Declined")],
                                     counts: ["female": [3, 0], "male": [3, 1], "not_known": [3, 0]])
        #expect(table.rows.map(\.values) == [[.hidden, .count(0)], [.hidden, .hidden], [.hidden, .count(0)]])
        #expect(table.total == [.count(10), .hidden])
        let exact = try InsightTable(split: .sex, measures: [("referrals", "Referrals")], counts: ["female": [3]], exact: true)
        #expect(exact.rows.first?.values == [.count(3)] && exact.total == [.count(3)])
    }

    @Test func theDeprivationGapIsWithheldWhenAFifthIsSmall() throws {
        let lsoas = [20, 20, 20, 20, 20]
        let leaning = try InsightTable(split: .imdQuintile, measures: [("referrals", "Referrals")],
                                       counts: ["1": [40], "2": [30], "3": [20], "4": [10], "5": [10], "unknown": [4]], placeLSOAs: lsoas)
        let gap = try #require(leaning.deprivation)
        // 40 of the 110 known came from the most deprived fifth, which holds a fifth of the place: 0.3636… / 0.2.
        #expect(abs(try #require(gap.core20Ratio) - (40.0 / 110) / 0.2) < 1e-12)
        #expect(try #require(gap.rii) < 1)
        let small = try InsightTable(split: .imdQuintile, measures: [("referrals", "Referrals")],
                                     counts: ["1": [40], "2": [30], "3": [20], "4": [10], "5": [5]], placeLSOAs: lsoas)
        #expect(small.deprivation == DeprivationGap(byQuintile: [40, 30, 20, 10, 5], placeLSOAs: lsoas, exact: false))
        #expect(small.deprivation?.core20Ratio == nil && small.deprivation?.rii == nil)
    }
}

@Suite struct WaitsTests {
    @Test func theMedianAndTheNinetiethPercentileByNearestRank() throws {
        let ten = Waits(days: [10, 1, 9, 2, 8, 3, 7, 4, 6, 5])
        #expect(ten.reached == 10 && ten.median == 5.5 && ten.ninetieth == 9)
        let eleven = Waits(days: Array(0...10))
        #expect(eleven.median == 5 && eleven.ninetieth == 9)
        #expect(Waits(days: [4]).median == 4 && Waits(days: [4]).ninetieth == 4)
        #expect(Waits(days: []).median == nil)
        #expect(try ten.shown() == [.count(10), .days(5.5), .days(9)])
    }

    @Test func aWaitFromFewerThanEightPeopleIsWithheld() throws {
        let seven = Waits(days: [1, 2, 3, 4, 5, 6, 7])
        #expect(try seven.shown() == [.hidden, .hidden, .hidden])
        #expect(try seven.shown(exact: true) == [.count(7), .days(4), .days(7)])
        let table = try InsightTable.waiting(split: .sex, toContact: ["female": [1, 2, 3, 4, 5], "male": [6, 7, 8, 9]], toConnection: [:])
        #expect(table.rows.first?.values == [.hidden, .hidden, .hidden, .count(0), .hidden, .hidden])
        // Together there are nine: the total is shown.
        #expect(table.total == [.count(10), .days(5), .days(9), .count(0), .hidden, .hidden])
    }
}

@Suite struct PairedMeasuresTests {
    @Test func onlyTheFirstAndLatestOfTwoOrMoreArePaired() {
        #expect(PairedMeasures.pair([1]) == nil)
        #expect(PairedMeasures.pair([1, 2, 3]).map { [$0.0, $0.1] } == [1, 3])
    }

    @Test func meanChangeImprovementAndLonelinessFromPairsOnly() throws {
        var nine = PairedMeasures()
        // Eight people up 3.5, one down 4: mean (8 × 3.5 − 4) ÷ 9 = 2.666…
        nine.swemwbs = Array(repeating: (20.0, 23.5), count: 8) + [(25.0, 21.0)]
        nine.ucla3 = Array(repeating: (7, 5), count: 9)
        #expect(try nine.shown()[0..<7] == [.count(10), .change(24.0 / 9), .count(10), .hidden, .count(10), .count(10), .count(0)])
        var seven = PairedMeasures()
        seven.swemwbs = Array(repeating: (20.0, 23.5), count: 7)
        #expect(try seven.shown()[0...1] == [.hidden, .hidden])
        #expect(try seven.shown(exact: true)[0...1] == [.count(7), .change(3.5)])
        #expect(InsightValue.change(24.0 / 9).description == "+2.67" && InsightValue.change(-0.5).description == "-0.50")
    }

    /// Each ONS4 question pairs on its own: a question left out of a later answer pairs nothing, and the four are
    /// never added up. Anxiety's fall is shown as the negative change it is.
    @Test func eachONS4QuestionIsPairedOnItsOwn() throws {
        var eight = PairedMeasures()
        for _ in 0..<8 {
            eight.add(EpisodeWellbeing([try MeasureResult(.ons4, answers: [5, 6, 4, 7]), try MeasureResult(.ons4, answers: [6, nil, 7, 6]),
                           try MeasureResult(.ons4, answers: [8, nil, 7, 3])]))
        }
        #expect(eight.ons4[.lifeSatisfaction]?.count == 8 && eight.ons4[.worthwhile] == nil && eight.ons4People == 8)
        #expect(try eight.shown()[7...11] == [.count(10), .change(3), .hidden, .change(3), .change(-4)])
        var once = PairedMeasures()
        once.add(EpisodeWellbeing([try MeasureResult(.ons4, answers: [5, 6, 4, 7])]))
        #expect(once.ons4.isEmpty && once.ons4People == 0)
    }

    /// Involvement and support: "yes, definitely" and "yes, to some extent" of those who answered 1 to 3; people who
    /// did not want to be involved or had not needed support (4) are left out of both counts.
    @Test func involvementCountsYesOfThoseItApplied() throws {
        var people = PairedMeasures()
        people.involvement = Array(repeating: (1, 2), count: 6) + Array(repeating: (3, 3), count: 4) + Array(repeating: (4, 4), count: 5)
            + [(nil, 1)]
        #expect(try people.shown(exact: true)[12...15] == [.count(10), .count(6), .count(11), .count(7)])
        #expect(try people.shown()[12...15] == [.count(10), .hidden, .count(10), .hidden])
        #expect(InsightDashboard.wellbeing.measures.count == (try people.shown()).count)
    }

    @Test func theTotalPoolsEveryGroupsPairs() throws {
        var a = PairedMeasures(), b = PairedMeasures()
        a.swemwbs = Array(repeating: (20.0, 21.0), count: 4)
        b.swemwbs = Array(repeating: (20.0, 23.0), count: 4)
        let table = try InsightTable.wellbeing(split: .sex, pairs: ["female": a, "male": b])
        #expect(table.rows[0].values[1] == .hidden && table.total[0...1] == [.count(10), .change(2)])
    }

    /// Declines by the service's category: each row's first figure is its declines in all; the total is given (a
    /// service in two categories counts under each, so it is not the rows' sum); suppressed unless exact.
    @Test func declinesByCategoryAreSuppressedAndTotalledFromTheTrueTotal() throws {
        let counts = ["food": [12, 0, 3], "housing": [0, 0, 0], "": [1, 0, 0], "art": [0, 2, 0]]
        let names = ["food": "Food", "art": "Arts and creativity", "housing": "Housing"]
        let shown = try DeclineBreakdown(counts: counts, total: [13, 2, 2], names: names, exact: false)
        #expect(shown.rows.map(\.name) == ["Arts and creativity", "Food", "Services in no category"], "no declines, no row; no category last")
        #expect(shown.rows[1].values == [.count(15), .count(10), .count(0), .hidden])
        #expect(shown.rows[0].values == [.hidden, .count(0), .hidden, .count(0)])
        #expect(shown.total == [.count(15), .count(15), .hidden, .hidden])
        #expect(DeclineBreakdown.measures.map(\.key) == ["declined", "no_capacity", "not_eligible", "other"])
        let exact = try DeclineBreakdown(counts: counts, total: [13, 2, 2], names: names, exact: true)
        #expect(exact.rows[1].values == [.count(15), .count(12), .count(0), .count(3)] && exact.total == [.count(17), .count(13), .count(2), .count(2)])
        #expect(throws: InsightRefused("Each category needs a count for every reason.")) {
            try DeclineBreakdown(counts: ["food": [1]], total: [1, 0, 0], names: [:], exact: false)
        }
        #expect(throws: InsightRefused("A count cannot be negative.")) { try DeclineBreakdown(counts: [:], total: [-1, 0, 0], names: [:], exact: true) }
    }
}
