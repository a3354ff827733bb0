import AlongsideCore
import Foundation
import Testing

@Suite struct CaseloadTests {
    let today = "2026-12-02"
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// 60 episodes: every third a carer, due dates spread from 10 days ago to 19 days ahead, some with none.
    var caseload: [CaseloadEntry] {
        (0..<60).map { n in
            let day = n % 30 - 10
            let next = n % 7 == 6 ? nil : String(format: "2026-%02d-%02d", day < -1 ? 11 : 12, day < -1 ? 32 + day : day + 2)
            return CaseloadEntry(id: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!,
                                 name: n == 7 ? "Joan Whittaker" : "Person \(String(format: "%02d", n))",
                                 nhsNumber: n == 9 ? "9434765919" : nil, postcode: n == 11 ? "LA4 4AA" : "LA1 1AA",
                                 stage: [.accepted, .contacted, .whatMatters, .planAgreed, .connected][n % 5],
                                 needs: n % 2 == 0 ? [.loneliness] : [.money, .housing], nextContactOn: next, carer: n % 3 == 0,
                                 watch: [.noBaseline, .followUpDue, .gotWorse, .onTrack][n % 4],
                                 stageChangedAt: start.addingTimeInterval(Double(n) * 3_600), referredAt: start.addingTimeInterval(Double(60 - n) * 86_400))
        }
    }

    @Test func pagesOfTwentyFiveWithTheCountsAlwaysShown() {
        let first = CaseloadPage(caseload, CaseloadQuery(), today: today)
        #expect(first.entries.count == 25 && first.matching == 60 && first.total == 60 && first.pages == 3)
        #expect(first.range == "1 to 25 of 60")
        let last = CaseloadPage(caseload, CaseloadQuery(page: 9), today: today)
        #expect(last.page == 3 && last.entries.count == 10 && last.range == "51 to 60 of 60")
        // Every episode appears on exactly one page.
        let all = (1...3).flatMap { CaseloadPage(caseload, CaseloadQuery(page: $0), today: today).entries.map(\.id) }
        #expect(Set(all).count == 60)
    }

    @Test func soonestFirstPutsOverdueFirstAndUnsetLast() {
        let ordered = (1...3).flatMap { CaseloadPage(caseload, CaseloadQuery(page: $0), today: today).entries }
        let dated = ordered.compactMap(\.nextContactOn)
        #expect(dated == dated.sorted())
        #expect(ordered.last?.nextContactOn == nil && ordered.first?.nextContactOn ?? "" < today)
        let byName = CaseloadPage(caseload, CaseloadQuery(order: .name), today: today).entries.map(\.name)
        #expect(byName == byName.sorted { $0.lowercased() < $1.lowercased() } && byName.first == "Joan Whittaker")
        let newest = CaseloadPage(caseload, CaseloadQuery(order: .newest), today: today).entries
        #expect(newest.first?.referredAt == caseload.map(\.referredAt).max())
    }

    @Test func filtersCountTheWholeCaseloadAndNarrowIt() {
        let due = CaseloadPage(caseload, CaseloadQuery(show: .dueToday), today: today)
        #expect(due.entries.allSatisfy { $0.nextContactOn == today } && due.matching == caseload.filter { $0.nextContactOn == today }.count)
        #expect(due.matching > 0)
        let overdue = caseload.filter { ($0.nextContactOn ?? "9999") < today }.count
        #expect(due.counts[.overdue] == overdue && overdue > 0)
        #expect(due.counts[.carers] == 20 && due.counts[.firstContact] == 12 && due.counts[.notSet] == 8)
        let carersWithMoney = CaseloadPage(caseload, CaseloadQuery(need: .money, show: .carers), today: today)
        #expect(carersWithMoney.matching == 10 && carersWithMoney.entries.allSatisfy { $0.carer && $0.needs.contains(.money) })
        #expect(CaseloadPage(caseload, CaseloadQuery(stage: .connected), today: today).matching == 12)
        #expect(CaseloadPage(caseload, CaseloadQuery(show: .gotWorse), today: today).matching == 15)
    }

    @Test func searchFindsANameNHSNumberOrPostcode() {
        #expect(CaseloadPage(caseload, CaseloadQuery(search: "whitt"), today: today).entries.map(\.name) == ["Joan Whittaker"])
        #expect(CaseloadPage(caseload, CaseloadQuery(search: "joan WHITTAKER"), today: today).matching == 1)
        #expect(CaseloadPage(caseload, CaseloadQuery(search: "943 476 5919"), today: today).entries.first?.nhsNumber == "9434765919")
        #expect(CaseloadPage(caseload, CaseloadQuery(search: "la44"), today: today).entries.first?.postcode == "LA4 4AA")
        #expect(CaseloadPage(caseload, CaseloadQuery(search: "nobody"), today: today).matching == 0)
        #expect(CaseloadPage(caseload, CaseloadQuery(search: "nobody"), today: today).range == "0 of 0")
    }

    @Test func theAddressHoldsTheViewAndNonsenseIsIgnored() {
        let query = CaseloadQuery(["q": " Joan ", "stage": "connected", "need": "money", "show": "carers", "sort": "name", "page": "2"].get)
        #expect(query == CaseloadQuery(search: "Joan", stage: .connected, need: .money, show: .carers, order: .name, page: 2))
        #expect(query.parameters().map { "\($0.0)=\($0.1)" } == ["q=Joan", "stage=connected", "need=money", "show=carers", "sort=name", "page=2"])
        let nonsense = CaseloadQuery(["stage": "closed", "need": "boredom", "show": "x", "sort": "y", "page": "-4"].get)
        #expect(nonsense == CaseloadQuery() && nonsense.parameters().isEmpty && !nonsense.narrows)
    }
}

private extension Dictionary where Key == String, Value == String {
    func get(_ key: String) -> String? { self[key] }
}
