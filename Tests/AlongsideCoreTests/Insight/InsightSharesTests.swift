@testable import AlongsideCore
import Foundation
import Testing

@Suite struct InsightSharesTests {
    /// PHEindicatormethods' own test value: 65 of 100 has the Wilson 95% interval 0.552544 to 0.736358.
    @Test func aShareCarriesItsWilsonIntervalAsOHIDComputesIt() throws {
        guard case .share(let p, let interval) = InsightShare(.count(65), of: .count(100)) else {
            Issue.record("65 of 100 should be a share")
            return
        }
        #expect(p == 0.65)
        #expect(abs(interval.lower - 0.552544) < 0.0000005 && abs(interval.upper - 0.736358) < 0.0000005)
        #expect(InsightShare(.count(65), of: .count(100)).description == "65% (55% to 74%)")
        #expect(InsightShare(.count(65), of: .count(100)).fields == ["65.0", "55.3", "73.6"])
    }

    @Test func aShareOfAHiddenCountIsHiddenAndAShareOfNoOneIsNone() {
        #expect(InsightShare(.hidden, of: .count(40)) == .hidden)
        #expect(InsightShare(.count(10), of: .hidden) == .hidden)
        #expect(InsightShare(.count(0), of: .count(0)) == .none)
        #expect(InsightShare(.count(0), of: .count(0)).description == "—")
        #expect(InsightShare(.hidden, of: .count(40)).fields == ["*", "*", "*"])
        #expect(InsightShare(.days(3), of: .count(40)) == .none)
        // A part rounded to the same 5 as its whole is all of it, never more.
        guard case .share(let p, _) = InsightShare(.count(10), of: .count(10)) else { Issue.record("10 of 10"); return }
        #expect(p == 1)
    }

    /// Shares are worked out from the counts as shown: 12 of 33 is shown as 10 of 35, and its share is 10 of 35's,
    /// so the share reveals nothing the rounded counts do not. A group whose part is 1 to 7 has its share hidden.
    @Test func aTablesSharesComeFromItsShownCounts() throws {
        let table = try InsightTable(split: .sex, measures: InsightDashboard.outcomes.measures,
                                     counts: ["female": [33, 12, 0, 0, 0, 9, 10, 0], "male": [40, 3, 0, 0, 0, 0, 0, 0]])
        let shares = table.shares(InsightDashboard.outcomes.shares)
        #expect(shares.rows["female"]?[0] == InsightShare(.count(10), of: .count(35)))
        #expect(shares.rows["female"]?[1] == InsightShare(.count(10), of: .count(35)))
        #expect(shares.rows["male"]?[0] == .hidden)
        #expect(shares.rows["male"]?[1] == InsightShare(.count(0), of: .count(40)))
        #expect(shares.rows["not_known"]?[0] == InsightShare.none)
        #expect(shares.total[0] == InsightShare(.count(15), of: .count(75)))
        #expect(shares.rows.count == InsightSplit.sex.groups.count)
    }

    /// Every share names counts its dashboard has.
    @Test func everyShareIsMadeOfItsDashboardsOwnMeasures() {
        for dashboard in InsightDashboard.allCases {
            let keys = Set(dashboard.measures.map(\.key))
            for share in dashboard.shares { #expect(keys.contains(share.part) && keys.contains(share.whole), "\(dashboard) \(share.key)") }
        }
    }
}
