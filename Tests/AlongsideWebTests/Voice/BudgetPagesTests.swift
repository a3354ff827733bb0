import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct BudgetPagesTests {
    let api = ReferralAPITests()
    static let day = 86_400.0

    /// A request with no one signed in.
    func anonymous(_ app: Application, _ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, path, beforeRequest: { req in
            if let json { req.headers.contentType = .json; req.body = ByteBuffer(string: json) }
        })
    }

    func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    /// Moves a round's days so that today falls in `phase` (a test's clock cannot move, so the round does).
    static func move(_ id: UUID, to phase: BudgetPhase, on db: any Database) async throws {
        let record = try #require(try await BudgetRoundRecord.find(id, on: db))
        let offsets: (Int, Int, Int, Int) = switch phase {
        case .upcoming: (5, 10, 20, 30)
        case .ideas: (-1, 10, 20, 30)
        case .feasibility: (-10, -1, 20, 30)
        case .voting: (-20, -10, -1, 10)
        case .results: (-30, -20, -10, -1)
        }
        let iso = { (days: Int) in UKDates.isoDay(Date() + Double(days) * day) }
        (record.ideasFrom, record.feasibilityFrom, record.votingFrom, record.votingUntil) = (iso(offsets.0), iso(offsets.1), iso(offsets.2), iso(offsets.3))
        try await record.save(on: db)
    }

    @Test func aCommissionerOpensARoundWithEveryFaultNamedAndNothingChosenForThem() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let form = try await commissioner.get(BudgetURL.newRound.path)
            #expect(form.status == .ok && NoAnswerChosenTests.chosen(in: form.text).isEmpty && !form.text.contains("checked"))
            let bad = try await commissioner.post(BudgetURL.newRound.path, [("title", ""), ("amount", "lots"), ("ballot", ""), ("rule", "")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Enter a title", "Enter the amount in pounds and pence, like 25,000 or 25000.00", "Choose the whole place or at least one ward",
                            "Enter the day ideas open as a real date, like 14 3 2027", "Choose the kind of ballot", "Choose how the votes are counted"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await BudgetRoundRecord.query(on: app.db).count() == 0)
            var fields: [(String, String)] = [("title", "Wellbeing fund"), ("description", "Small grants"), ("amount", "10,000"), ("area", "whole"),
                                              ("minimum_age", ""), ("ballot", "approval"), ("limit", "2"), ("rule", "equal-shares-add1")]
            for (name, date) in [("ideas_from", (1, 1, 2027)), ("feasibility_from", (1, 2, 2027)), ("voting_from", (1, 3, 2027)), ("voting_until", (14, 3, 2027))] {
                fields += [("\(name)-day", "\(date.0)"), ("\(name)-month", "\(date.1)"), ("\(name)-year", "\(date.2)")]
            }
            let made = try await commissioner.post(BudgetURL.newRound.path, fields)
            #expect(made.status == .seeOther)
            let round = try #require(try await BudgetRounds().rounds(on: app.db).first)
            #expect(round.rules.budget == 1_000_000 && round.rules.minimumAge == 16 && round.rules.ballot == .approval(limit: 2) && round.rules.votingUntil == "2027-03-14")
            // Only commissioners and administrators open rounds.
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            #expect(try await resident.get(BudgetURL.newRound.path).status == .forbidden)
            #expect(try await resident.post(BudgetURL.newRound.path, fields).status == .forbidden)
            // The edit form holds the round's own rules.
            let edit = try await commissioner.get(BudgetURL.edit(round.id).path)
            #expect(edit.text.contains(#"value="10,000.00""#))
        }
    }

    @Test func ideasAreReviewedThenResidentsVoteAndSeeTheirBallotCounted() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let rules = BudgetRoundDraft(title: "Wellbeing fund", description: "Small grants", budget: 100_000, wards: [], ideasFrom: "2020-01-01",
                                         feasibilityFrom: "2020-02-01", votingFrom: "2020-03-01", votingUntil: "2020-03-14", ballot: .approval(limit: 1), rule: .greedy)
            let id = try await BudgetRounds().create(rules, now: Date(), on: app.db)
            try await Self.move(id, to: .ideas, on: app.db)
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            #expect(try await resident.post(BudgetURL.ideas(id).path, [("title", ""), ("description", "")]).status == .unprocessableEntity)
            #expect(try await resident.post(BudgetURL.ideas(id).path, [("title", "Tea after the walk"), ("description", "A warm drink.")]).status == .seeOther)
            #expect(try await resident.post(BudgetURL.ideas(id).path, [("title", "Walking netball"), ("description", "Weekly.")]).status == .seeOther)
            let projects = try #require(try await BudgetRounds().round(id, on: app.db)).projects
            #expect(projects.map(\.title) == ["Tea after the walk", "Walking netball"])

            // An organisation reviews each: a cost, or why not; a resident may not.
            let organisation = Browser(app)
            try await organisation.signIn(DemoLoader.email(for: .organisationMember))
            let prefix = { (p: UUID) in "review-\(p.uuidString.lowercased())-" }
            #expect(try await resident.post(BudgetURL.review(project: projects[0].id).path, [(prefix(projects[0].id) + "outcome", "feasible")]).status == .forbidden)
            let noCost = try await organisation.post(BudgetURL.review(project: projects[0].id).path, [(prefix(projects[0].id) + "outcome", "feasible")])
            #expect(noCost.status == .unprocessableEntity && noCost.text.contains("Enter what it would cost in pounds and pence"))
            #expect(try await organisation.post(BudgetURL.review(project: projects[0].id).path,
                                                [(prefix(projects[0].id) + "outcome", "feasible"), (prefix(projects[0].id) + "cost", "300")]).status == .seeOther)
            #expect(try await organisation.post(BudgetURL.review(project: projects[1].id).path,
                                                [(prefix(projects[1].id) + "outcome", "feasible"), (prefix(projects[1].id) + "cost", "450.50")]).status == .seeOther)

            // Voting: the ballot starts empty; over the limit is refused and nothing is written.
            try await Self.move(id, to: .voting, on: app.db)
            let page = try await resident.get(BudgetURL.round(id).path)
            #expect(page.text.contains("Cast my ballot") && !page.text.contains("checked"))
            let tooMany = try await resident.post(BudgetURL.ballot(id).path, [("projects[]", projects[0].id.uuidString), ("projects[]", projects[1].id.uuidString)])
            #expect(tooMany.status == .unprocessableEntity && tooMany.text.contains("Choose no more than 1 project: you chose 2"))
            #expect(try await BudgetBallotRecord.query(on: app.db).count() == 0)
            #expect(try await resident.post(BudgetURL.ballot(id).path, [("projects[]", projects[1].id.uuidString)]).status == .seeOther)
            let voted = try await resident.get(BudgetURL.round(id).path)
            #expect(voted.text.contains("You have voted. You chose:") && voted.text.contains("Save my changed ballot") && voted.text.contains("checked"))
            // A staff member with no home here is told why they cannot vote.
            let staff = try await organisation.get(BudgetURL.round(id).path)
            #expect(staff.text.contains("Voting is for people who live here"))
            #expect(try await organisation.post(BudgetURL.ballot(id).path, [("projects[]", projects[1].id.uuidString)]).status == .conflict)
            // Results only once voting has closed.
            #expect(try await Browser(app).get(BudgetURL.results(id).path).status == .notFound)
            try await Self.move(id, to: .results, on: app.db)
            let results = try await resident.get(BudgetURL.results(id).path)
            #expect(results.status == .ok && results.text.contains("Your ballot was counted") && results.text.contains("1 person has voted"))
            #expect(results.text.contains("2. Walking netball") && results.text.contains("£450.50") && results.text.contains("Funded in order of votes."))
            // One voter: shown by deprivation fifth only as *.
            #expect(results.text.contains("Who took part, by how deprived their area is") && results.text.contains("<td>*</td>"))
            let file = try await Browser(app).get(BudgetURL.resultsFile(id).path)
            #expect(file.status == .ok && file.headers.first(name: .contentDisposition)?.contains(".pb") == true)
            let counted = try Pabulib.parse(file.text)
            #expect(counted.ballots == [[1]] && BudgetCount.count(counted, rule: .greedy).selected == [1])
            #expect(!file.text.contains("Resident") && !file.text.contains(DemoLoader.email(for: .resident)))
        }
    }

    @Test func aBallotIsCastAndResultsReadThroughTheAPI() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let rules = BudgetRoundDraft(title: "Fund", description: "Grants", budget: 50_000, wards: [], ideasFrom: "2020-01-01", feasibilityFrom: "2020-02-01",
                                         votingFrom: "2020-03-01", votingUntil: "2020-03-14", ballot: .knapsack, rule: .equalShares)
            let id = try await BudgetRounds().create(rules, now: Date(), on: app.db)
            try await Self.move(id, to: .feasibility, on: app.db)
            var projects: [UUID] = []
            for (title, cost) in [("Chair yoga", 30_000), ("Beach clean", 25_000)] {
                let p = try await BudgetRounds().addIdea(to: id, title: title, description: "x", ward: nil, proposedBy: nil, now: Date(), on: app.db)
                try await BudgetRounds().review(project: p, cost: cost, reason: "", now: Date(), on: app.db)
                projects.append(p)
            }
            let resident = try await api.token(app, DemoLoader.email(for: .resident))
            let path = BudgetURL.apiBallot(id).path
            let early = try await api.send(app, .PUT, path, token: resident, json: #"{"projects": ["\#(projects[0])"]}"#)
            #expect(early.status == .conflict)
            try await Self.move(id, to: .voting, on: app.db)
            let listed = try await anonymous(app, .GET, BudgetURL.apiRounds.path)
            #expect(listed.status == .ok && listed.body.string.contains(#""phase":"voting""#))
            // Over the budget, or not a project: a 4xx naming the field; nothing written.
            let over = try await api.send(app, .PUT, path, token: resident, json: #"{"projects": ["\#(projects[0])", "\#(projects[1])"]}"#)
            let overError = try object(over)["error"] as? [String: Any]
            #expect(over.status == .unprocessableEntity && overError?["field"] as? String == "projects")
            #expect(try await api.send(app, .PUT, path, token: resident, json: #"{"projects": ["nope"]}"#).status == .unprocessableEntity)
            #expect(try await api.send(app, .PUT, path, token: resident, json: #"{"projects": []}"#).status == .unprocessableEntity)
            #expect(try await anonymous(app, .PUT, path, json: #"{"projects": []}"#).status == .unauthorized)
            let cast = try await api.send(app, .PUT, path, token: resident, json: #"{"projects": ["\#(projects[1])"]}"#)
            let chosen = try object(cast)["projects"] as? [String]
            #expect(cast.status == .ok && chosen == [projects[1].uuidString.lowercased()])
            #expect(try await api.send(app, .GET, path, token: resident).status == .ok)
            #expect(try await anonymous(app, .GET, BudgetURL.apiResults(id).path).status == .conflict)
            try await Self.move(id, to: .results, on: app.db)
            let results = try object(try await anonymous(app, .GET, BudgetURL.apiResults(id).path))
            #expect(results["selected"] as? [String] == [projects[1].uuidString.lowercased()] && results["spent_pence"] as? Int == 25_000)
            let file = try await anonymous(app, .GET, BudgetURL.apiResultsFile(id).path)
            #expect(file.status == .ok && file.body.string.contains("vote_type;approval"))
            #expect(try await anonymous(app, .GET, BudgetURL.apiRound(UUID()).path).status == .notFound)
        }
    }
}
