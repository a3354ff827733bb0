import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Anyone may read the place's figures in summary — the same suppressed figures a commissioner sees for the whole
/// place over the year, never a person — and each view is audited as a read of figures about many people.
@Suite struct InsightSummaryTests {
    @Test func anyoneReadsThePlacesFiguresSuppressedAndEachViewIsAudited() async throws {
        try await withAlongside(demo: true, directory: true, demoReferrals: 150) { app in
            let page = try await Browser(app).get(InsightURL.summary.path)
            #expect(page.status == .ok && page.text.contains("<h1>Alongside in figures</h1>"))
            // The figures are a commissioner's for the whole place, suppressed.
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .commissioner))
            func total(_ dashboard: InsightDashboard) async throws -> [String: Any] {
                let json = try await api.send(app, .GET, InsightURL.api(dashboard).path, token: token)
                return try #require((try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any]))
            }
            let referrals = try #require(try await total(.referrals)["total"] as? [String: Any])
            #expect(referrals["referrals"] as? Int == 150)
            #expect(page.text.contains("<dt>Referrals</dt><dd>150</dd>"))
            let people = referrals["people"].map { "\($0)" } ?? "?"
            #expect(page.text.contains("<dt>People referred</dt><dd>\(people)</dd>"), "\(people)")
            let outcomes = try #require(try await total(.outcomes)["total"] as? [String: Any])
            let went = try #require(outcomes["went_to_a_service"] as? Int), referred = try #require(outcomes["referrals"] as? Int)
            #expect(page.text.contains("<dd>" + InsightShare(.count(went), of: .count(referred)).description + " of referrals</dd>"))
            #expect(page.text.contains("Core20 ratio"))
            // Nobody's name reaches the page.
            for referral in try await ReferralRecord.query(on: app.db).limit(20).all() {
                if let person = try await PersonRecord.find(referral.personID, on: app.db) {
                    #expect(!page.text.contains("\(person.givenName) \(person.familyName)"), "\(person.familyName)")
                }
            }
            let audited = try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.viewedInsight.rawValue)
                .filter(\.$detail ~~ "public summary").all()
            #expect(audited.count == 1 && audited.first?.actorPersonID == nil)
        }
    }

    /// `alongside insight methods` answers each case as the dashboards work it out, or says why it cannot.
    @Test func theMethodsCommandAnswersEachCaseOrSaysWhyNot() throws {
        func answer(_ json: String) throws -> InsightCommands.Answer {
            InsightCommands.answer(try JSONDecoder().decode(InsightCommands.Case.self, from: Data(json.utf8)))
        }
        let wilson = try answer(#"{"wilson": [65, 100]}"#)
        #expect(abs(wilson.lower! - 0.552544) < 5e-7 && abs(wilson.upper! - 0.736358) < 5e-7)
        #expect(try answer(#"{"count": 12}"#).lower == Intervals.byars(12).lower)
        #expect(try answer(#"{"wilson": [5, 4]}"#).refused == "The number of events cannot be more than the total.")
        #expect(try answer(#"{"sii": {"values": [1, 2], "populations": [1, 2]}}"#).refused == "The index needs between 5 and 100 groups.")
        #expect(try answer("{}").refused == "A case is one of wilson, count or sii.")
    }
}
