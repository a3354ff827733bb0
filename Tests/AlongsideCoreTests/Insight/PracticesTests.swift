import AlongsideCore
import Foundation
import Testing

@Suite struct PracticesTests {
    @Test func aPracticeIsTidiedAndChecked() throws {
        let draft = try PracticeDraft.checked(code: " a81 001 ", name: "  Castle View Surgery ", pcnCode: "u12345", pcnName: " Castle PCN")
        #expect(draft == PracticeDraft(code: "A81001", name: "Castle View Surgery", pcnCode: "U12345", pcnName: "Castle PCN"))
    }

    @Test func eachFaultNamesItsField() {
        func fields(_ code: String?, _ name: String?, _ pcnCode: String?, _ pcnName: String?) -> [String] {
            do {
                _ = try PracticeDraft.checked(code: code, name: name, pcnCode: pcnCode, pcnName: pcnName)
                return []
            } catch let failure as ValidationFailure {
                return failure.errors.map(\.field)
            } catch {
                return ["unexpected"]
            }
        }
        #expect(fields(nil, nil, nil, nil) == ["code", "name", "pcn_code", "pcn_name"])
        #expect(fields("A8100", "X", "U12345", "Y") == ["code"])
        #expect(fields("181001", "X", "U12345", "Y") == ["code"])
        #expect(fields("A81001X", "X", "U12345", "Y") == ["code"])
        #expect(fields("A81001", "X", "A12345", "Y") == ["pcn_code"])
        #expect(fields("A81001", "X", "U1234", "Y") == ["pcn_code"])
        #expect(fields("A81001", String(repeating: "x", count: 121), "U12345", "Y") == ["name"])
        #expect(fields("Ä81001", "X", "U12345", "Y") == ["code"])
        #expect(fields("A81001", "X", "U12345", "Y").isEmpty)
    }

    @Test func practiceGroupsAreByNameEachOnceThenNoPractice() {
        let groups = PracticeGroups.groups([("Y2", "quay"), ("Y1", "Castle"), ("Y2", "Quay again")])
        #expect(groups.map(\.key) == ["Y1", "Y2", "none"])
        #expect(groups.map(\.name) == ["Castle (Y1)", "quay (Y2)", "Not referred by a practice on the list"])
    }

    @Test func aReferralFallsInItsPracticesGroupOrNone() {
        let day = Date(timeIntervalSince1970: 1_800_000_000)
        let referred = InsightPerson(imdDecile: 3, birthDate: nil, sex: nil, ethnicity: nil, isCarer: false, practice: "Y90001", pcn: "U90001")
        let own = InsightPerson(imdDecile: 3, birthDate: nil, sex: nil, ethnicity: nil, isCarer: false)
        #expect(InsightSplit.practice.group(of: referred, on: day) == "Y90001")
        #expect(InsightSplit.pcn.group(of: referred, on: day) == "U90001")
        #expect(InsightSplit.practice.group(of: own, on: day) == "none")
        #expect(InsightSplit.pcn.group(of: own, on: day) == "none")
        #expect(InsightSplit.practice.isByPractice && InsightSplit.pcn.isByPractice && !InsightSplit.sex.isByPractice)
        #expect(!InsightDashboard.participation.countsReferrals && InsightDashboard.referrals.countsReferrals)
    }

    @Test func aTableSplitByPracticeHasARowForEachPracticeAndTotalsEveryReferral() throws {
        let groups = PracticeGroups.groups([("Y1", "Castle"), ("Y2", "Quay")])
        let table = try InsightTable(split: .practice, measures: [("referrals", "Referrals")], counts: ["Y1": [12], "Y2": [3], "none": [40]],
                                     groups: groups)
        #expect(table.rows.map(\.key) == ["Y1", "Y2", "none"])
        #expect(table.rows.map(\.values) == [[.count(10)], [.hidden], [.count(40)]])
        #expect(table.total == [.count(55)])
    }
}

/// Counts per area with their intervals, from the counts as shown.
@Suite struct AreaRateTests {
    @Test func aRateIsTheShownCountOverTheAreasWithItsIntervalDividedTheSameWay() throws {
        let rate = AreaRate(quintile: 1, count: 66, areas: 10, exact: false)
        #expect(rate.shown == .count(65))
        let byars = try Intervals.count(65)
        #expect(rate.rate == 6.5 && rate.interval == Interval(lower: byars.lower / 10, upper: byars.upper / 10))
        #expect(rate.description == String(format: "6.50 (%.2f to %.2f)", byars.lower / 10, byars.upper / 10))
    }

    @Test func aHiddenCountHasNoRateAndFewerThanTenIsExactPoisson() throws {
        #expect(AreaRate(quintile: 2, count: 5, areas: 10, exact: false).rate == nil)
        #expect(AreaRate(quintile: 2, count: 5, areas: 10, exact: false).description == "*")
        #expect(AreaRate(quintile: 3, count: 20, areas: 0, exact: false).description == "—")
        let own = AreaRate(quintile: 4, count: 9, areas: 3, exact: true)
        let exact = Intervals.exactPoisson(9)
        #expect(own.shown == .count(9) && own.interval == Interval(lower: exact.lower / 3, upper: exact.upper / 3))
    }

    @Test func theDeprivationGapCarriesARateForEachFifth() {
        let gap = DeprivationGap(byQuintile: [40, 30, 20, 10, 3], placeLSOAs: [20, 20, 20, 20, 20], exact: false)
        #expect(gap.rates.map(\.quintile) == [1, 2, 3, 4, 5])
        #expect(gap.rates.map(\.rate) == [2, 1.5, 1, 0.5, nil])
    }
}
