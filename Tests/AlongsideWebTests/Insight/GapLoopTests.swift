import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The loop on one page: a commissioner opens a budget round from a gap, the round remembers the need, a funded
/// project's result is linked to its directory service, and the gap's page then shows the round, the service, and
/// the people referred to it — how many went, and how many ended their support with their goals met — suppressed.
@Suite struct GapLoopTests {
    @Test func aGapsPageFollowsTheRoundItOpenedToTheServiceFundedAndThePeopleWhoWent() async throws {
        try await withAlongside(demo: true, directory: true, demoReferrals: 150) { app in
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            // The largest need whose gap the page can show.
            let unmet = try await commissioner.get(InsightURL.unmetNeed.path)
            let need = try #require(Need.allCases.first { unmet.text.contains("href=\"/insight/unmet-need/\($0.rawValue)\"") })
            let form = try await commissioner.get(BudgetURL.newRound.with([("need", need.rawValue)]))
            #expect(form.text.contains("<input type=\"hidden\" name=\"need\" value=\"\(need.rawValue)\">"))
            var fields: [(String, String)] = [("need", need.rawValue), ("title", "\(need.title) fund"), ("description", "From the gap"), ("amount", "10,000"),
                                              ("area", "whole"), ("minimum_age", ""), ("ballot", "approval"), ("limit", "2"), ("rule", "greedy")]
            for (name, date) in [("ideas_from", (1, 1, 2027)), ("feasibility_from", (1, 2, 2027)), ("voting_from", (1, 3, 2027)), ("voting_until", (14, 3, 2027))] {
                fields += [("\(name)-day", "\(date.0)"), ("\(name)-month", "\(date.1)"), ("\(name)-year", "\(date.2)")]
            }
            // A need that is not one is named, and nothing is written.
            let wrong = try await commissioner.post(BudgetURL.newRound.path, fields.map { $0.0 == "need" ? ("need", "unicorns") : $0 })
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("is not a need"))
            #expect(try await commissioner.post(BudgetURL.newRound.path, fields).status == .seeOther)
            let round = try #require(try await BudgetRoundRecord.query(on: app.db).first())
            #expect(round.need == need.rawValue)

            // Before anything is funded, the gap's page shows the round and says nothing is followed yet.
            let before = try await commissioner.get(InsightURL.gap(need).path)
            #expect(before.status == .ok && before.text.contains("<h1>Gap: \(need.title)</h1>") && before.text.contains("\(need.title) fund"))
            #expect(before.text.contains("No service funded by these rounds is in the directory yet"))

            // The round's funded result is linked to the directory service most people with the need were referred to.
            let sent = try await CommunityReferralRecord.query(on: app.db).all()
            var needing: Set<UUID> = []
            for episode in try await ReferralRecord.query(on: app.db).all() where episode.needList.contains(need) { needing.insert(episode.id!) }
            let busiest = try #require(Dictionary(grouping: sent, by: \.serviceID).max {
                Set($0.value.map(\.referralID)).intersection(needing).count < Set($1.value.map(\.referralID)).intersection(needing).count
            })
            #expect(!Set(busiest.value.map(\.referralID)).intersection(needing).isEmpty)
            let result = CommunityResultRecord()
            result.title = "\(need.title) fund"; result.description = "Counted"; result.roundID = round.id; result.weight = 1
            result.status = ResultStatus.inProgress.rawValue; result.progress = 0; result.createdAt = Date()
            try await result.create(on: app.db)
            try await CommunityResults().link(result.id!, service: busiest.key, on: app.db)

            let auditedBefore = try await AuditEventRecord.query(on: app.db).count()
            let after = try await commissioner.get(InsightURL.gap(need).path)
            // One view, one audit row: the gap's figures and what followed are one read.
            #expect(try await AuditEventRecord.query(on: app.db).count() == auditedBefore + 1)
            let named = Set(busiest.value.map(\.referralID)).intersection(needing)
            let sentWithNeed = busiest.value.filter { named.contains($0.referralID) }
            let went = sentWithNeed.filter { CommunityReferralStatus(rawValue: $0.status)?.went == true }
            let episodes = Set(went.map(\.referralID))
            var met = 0
            for id in episodes {
                if let episode = try await ReferralRecord.find(id, on: app.db), episode.stage == "closed",
                   ["goals_met", "goals_partly_met"].contains(episode.outcome ?? "") { met += 1 }
            }
            let cells = [named.count, episodes.count, met].map { (try? InsightValue(suppressing: $0))!.description }
            let name = try #require(try await ServiceRecord.find(busiest.key, on: app.db)?.name)
                .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
            #expect(after.text.contains(">\(name)</a></th><td>\(need.title) fund</td><td>\(cells[0])</td><td>\(cells[1])</td><td>\(cells[2])</td>"), "\(cells)")
            // Audited as a read of figures about many people; nobody without the place's figures gets the page.
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$detail ~~ "gap \(need.rawValue)").count() == 2)
            let worker = Browser(app)
            try await worker.signIn(DemoLoader.email(for: .linkWorker))
            #expect(try await worker.get(InsightURL.gap(need).path).status == .forbidden)
            #expect(try await commissioner.get("/insight/unmet-need/unicorns").status == .notFound)
        }
    }
}
