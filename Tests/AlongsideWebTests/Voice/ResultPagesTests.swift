import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct ResultPagesTests {
    @Test func anAcceptedProposalBecomesAResultFollowedToTheEnd() async throws {
        try await withAlongside(demo: true, directory: true, geography: true) { app in
            let author = try #require(try await PersonRecord.query(on: app.db).first()?.id)
            let id = try await Proposals().create(ProposalDraft(title: "Benches on the prom", body: "Rest.", ward: nil, category: "walking"), author: author, now: Date(), on: app.db)
            for person in try await ProposalPagesTests().neighbours(50, app) {
                try await Proposals().support(id, by: person, thresholds: .standard, now: Date(), on: app.db)
            }
            let commissioner = try #require(try await Accounts().account(email: try EmailAddress(DemoLoader.email(for: .commissioner)), on: app.db))
            try await Proposals().answer(id, .accepted(reasons: "Yes."), organisation: nil, by: commissioner.$person.id, now: Date(), on: app.db)
            let result = try #require(try await CommunityResults().all(on: app.db).first)
            #expect(result.title == "Benches on the prom" && result.proposalID == id && result.status == .planned)
            let listed = try await Browser(app).get(VoiceURL.results.path)
            #expect(listed.text.contains("Benches on the prom") && listed.text.contains("0% done"))

            let browser = Browser(app)
            try await browser.signIn(DemoLoader.email(for: .commissioner))
            let bad = try await browser.post(VoiceURL.resultUpdate(result.id).path, [("progress", "140")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Enter how far it has got, from 0 to 100") && bad.text.contains("Choose where it stands"))
            #expect(try await browser.post(VoiceURL.resultUpdate(result.id).path, [("progress", "40"), ("status", "in_progress"), ("text", "Two benches in.")]).status == .seeOther)
            let yesterday = Calendar.ukCivil.dateComponents([.day, .month, .year], from: Date() - 86_400)
            #expect(try await browser.post(VoiceURL.resultMilestones(result.id).path, [("title", "All ten benches"), ("due-day", "\(yesterday.day!)"),
                                                                                      ("due-month", "\(yesterday.month!)"), ("due-year", "\(yesterday.year!)")]).status == .seeOther)
            let page = try await Browser(app).get(VoiceURL.result(result.id).path)
            #expect(page.text.contains("40% done") && page.text.contains("Two benches in.") && page.text.contains("Late"))
            // The service it created says where it came from.
            let service = try #require(try await ServiceRecord.query(on: app.db).first()?.id)
            #expect(try await browser.post(VoiceURL.resultService(result.id).path, [("service", "http://x/services/" + service.uuidString)]).status == .seeOther)
            #expect(try await Browser(app).get(SiteURL.service(service).path).text.contains("Started from a resident"))
            // A resident may not report progress.
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            #expect(try await resident.post(VoiceURL.resultUpdate(result.id).path, [("progress", "100"), ("status", "done"), ("text", "Done")]).status == .forbidden)
        }
    }

    @Test func aRoundsFundedProjectsAreFollowedTheirProgressWeightedByCost() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let rules = BudgetRoundDraft(title: "Fund", description: "Grants", budget: 1_000_000, wards: [], ideasFrom: "2020-01-01", feasibilityFrom: "2020-02-01",
                                         votingFrom: "2020-03-01", votingUntil: "2020-03-14", ballot: .approval(limit: nil), rule: .greedy)
            let round = try await BudgetRounds().create(rules, now: Date(), on: app.db)
            try await BudgetPagesTests.move(round, to: .feasibility, on: app.db)
            var projects: [UUID] = []
            for (title, cost) in [("Kit", 600_000), ("Tea", 200_000)] {
                let p = try await BudgetRounds().addIdea(to: round, title: title, description: "x", ward: nil, proposedBy: nil, now: Date(), on: app.db)
                try await BudgetRounds().review(project: p, cost: cost, reason: "", now: Date(), on: app.db)
                projects.append(p)
            }
            try await BudgetPagesTests.move(round, to: .voting, on: app.db)
            let resident = try #require(try await Accounts().account(email: try EmailAddress(DemoLoader.email(for: .resident)), on: app.db)).$person.id
            try await BudgetRounds().cast(projects, in: round, by: resident, now: Date(), on: app.db)
            try await BudgetPagesTests.move(round, to: .results, on: app.db)
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            #expect(try await commissioner.post(VoiceURL.trackRound(round).path, []).status == .seeOther)
            let parent = try #require(try await CommunityResults().result(ofRound: round, on: app.db))
            let view = try #require(try await CommunityResults().result(parent, on: app.db))
            #expect(view.children.count == 2)
            var kit: UUID?, tea: UUID?
            for child in view.children { if try await CommunityResults().result(child, on: app.db)?.title == "Kit" { kit = child } else { tea = child } }
            try await CommunityResults().update(try #require(kit), progress: 50, status: .inProgress, text: "Half", now: Date(), on: app.db)
            try await CommunityResults().update(try #require(tea), progress: 100, status: .done, text: "All", now: Date(), on: app.db)
            // (600,000 × 50 + 200,000 × 100) / 800,000 = 62.5, shown as 63.
            #expect(try await CommunityResults().result(parent, on: app.db)?.progress == 63)
            #expect(try await Browser(app).get(VoiceURL.result(parent).path).text.contains("63% done"))
        }
    }
}
