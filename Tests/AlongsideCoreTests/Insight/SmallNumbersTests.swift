@testable import AlongsideCore
import Testing

@Suite struct SmallNumbersTests {
    @Test func countsFromOneToSevenAreHiddenAndOthersRoundedToFive() {
        #expect((0...9).map(SmallNumbers.shown) == ["0", "*", "*", "*", "*", "*", "*", "*", "10", "10"])
        #expect(SmallNumbers.shown(12) == "10" && SmallNumbers.shown(13) == "15" && SmallNumbers.shown(262) == "260")
    }

    @Test func aRateOfASuppressedCountIsSuppressed() {
        #expect(SmallNumbers.percent(3, of: 100) == "*")
        #expect(SmallNumbers.percent(40, of: 7) == "*")
        #expect(SmallNumbers.percent(0, of: 0) == "–")
        // From the rounded counts: 12 of 38 is 10 of 40.
        #expect(SmallNumbers.percent(12, of: 38) == "25%")
        #expect(SmallNumbers.percent(0, of: 50) == "0%")
    }

    @Test func participationIsCountedByFifthAgainstThePlace() {
        let p = Participation(participantDeciles: [1: 10, 2: 5, 3: 2, 9: 20, nil: 4], lsoaDeciles: [1: 20, 2: 10, 5: 30, 10: 40])
        #expect(p.byQuintile == [15, 2, 0, 0, 20] && p.unknown == 4 && p.total == 41)
        #expect(p.placeLSOAs == [30, 0, 30, 0, 40])
        let rows = p.rows
        #expect(rows[0] == ("1 (most deprived)", "15", "43%", "30%"))
        #expect(rows[1].people == "*" && rows[1].share == "*")
        #expect(rows[4] == ("5 (least deprived)", "20", "57%", "40%"))
    }
}
