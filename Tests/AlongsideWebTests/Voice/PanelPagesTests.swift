import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct PanelPagesTests {
    let api = ReferralAPITests()
    static let day = 86_400.0

    /// Moves an election's days so today falls in `phase`.
    static func move(_ id: UUID, to phase: ElectionPhase, on db: any Database) async throws {
        let record = try #require(try await PanelElectionRecord.find(id, on: db))
        let offsets: (Int, Int, Int) = switch phase {
        case .upcoming: (5, 10, 20)
        case .nominations: (-1, 10, 20)
        case .voting: (-20, -1, 10)
        case .results: (-30, -20, -1)
        }
        let iso = { (days: Int) in UKDates.isoDay(Date() + Double(days) * day) }
        (record.nominationsFrom, record.votingFrom, record.votingUntil) = (iso(offsets.0), iso(offsets.1), iso(offsets.2))
        try await record.save(on: db)
    }

    @Test func aPanelIsSetUpResidentsStandAndVoteInSecretAndTheCountIsPublishedStageByStage() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let form = try await commissioner.get(PanelURL.newPanel.path)
            #expect(form.status == .ok && !form.text.contains("checked"))
            let bad = try await commissioner.post(PanelURL.newPanel.path, [("name", ""), ("seats", "99")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Enter the number of seats, from 1 to 15") && bad.text.contains("Enter a name"))
            #expect(try await commissioner.post(PanelURL.newPanel.path, [("name", "Lancaster panel"), ("description", "Health"), ("area", "whole"),
                                                                        ("seats", "1"), ("term_months", "12")]).status == .seeOther)
            let panel = try #require(try await Panels().panels(on: app.db).first?.id)
            #expect(try await Browser(app).get(PanelURL.newPanel.path).status == .seeOther)
            let called = try await commissioner.post(PanelURL.elections(panel).path, [
                ("nominations_from-day", "1"), ("nominations_from-month", "1"), ("nominations_from-year", "2027"),
                ("voting_from-day", "1"), ("voting_from-month", "2"), ("voting_from-year", "2027"),
                ("voting_until-day", "14"), ("voting_until-month", "2"), ("voting_until-year", "2027")])
            #expect(called.status == .seeOther)
            let election = try #require(try await PanelElectionRecord.query(on: app.db).first()?.id)

            // The resident stands, with a statement and declared interests.
            try await Self.move(election, to: .nominations, on: app.db)
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            let empty = try await resident.post(PanelURL.stand(election).path, [("statement", ""), ("interests", "")])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Enter why you are standing"))
            #expect(try await resident.post(PanelURL.stand(election).path, [("statement", "I will listen."), ("interests", "None")]).status == .seeOther)
            // A neighbour stands too (the first adult living here who may).
            var found: UUID?
            for person in try await PersonRecord.query(on: app.db).filter(\.$postcode != nil).filter(\.$birthDate != nil).all() where found == nil {
                found = try? await Panels().stand(in: election, person: person.id!, Candidacy(statement: "Me too.", interests: "None"), now: Date(), on: app.db)
            }
            let rival = try #require(found)

            // Voting: the boxes start empty; a repeated candidate is refused, naming it; then one secret ballot.
            try await Self.move(election, to: .voting, on: app.db)
            let page = try await resident.get(PanelURL.election(election).path)
            #expect(page.text.contains("1st choice") && page.text.contains("2nd choice") && NoAnswerChosenTests.chosen(in: page.text).isEmpty)
            let mine = try #require(try await Panels().election(election, on: app.db)?.candidates.first { $0.id != rival }?.id)
            let twice = try await resident.post(PanelURL.ballot(election).path, [("rank-1", mine.uuidString), ("rank-2", mine.uuidString)])
            #expect(twice.status == .unprocessableEntity && twice.text.contains("is ranked twice"))
            #expect(try await resident.post(PanelURL.ballot(election).path, [("rank-1", rival.uuidString), ("rank-2", mine.uuidString)]).status == .seeOther)
            let voted = try await resident.get(PanelURL.election(election).path)
            #expect(voted.text.contains("You have voted") && voted.text.contains("Who took part, by how deprived their area is") && voted.text.contains("<td>*</td>"))
            #expect(try await resident.post(PanelURL.ballot(election).path, [("rank-1", mine.uuidString)]).status == .conflict)
            // Through the API, a second voter; nothing in the box says whose ballot is whose.
            let token = try await api.token(app, DemoLoader.email(for: .commissioner))
            #expect(try await api.send(app, .PUT, PanelURL.apiBallot(election).path, token: token, json: #"{"ranking": ["\#(mine)"]}"#).status == .conflict)
            #expect(try await api.send(app, .PUT, PanelURL.apiBallot(election).path, token: token, json: #"{"ranking": ["x"]}"#).status == .unprocessableEntity)
            #expect(try await api.send(app, .GET, PanelURL.apiResults(election).path, token: token).status == .conflict)

            try await Self.move(election, to: .results, on: app.db)
            let results = try await Browser(app).get(PanelURL.results(election).path)
            #expect(results.status == .ok && results.text.contains("Every stage of the count") && results.text.contains("Stage 1: first choices"))
            let json = try await api.send(app, .GET, PanelURL.apiResults(election).path, token: token)
            #expect(json.status == .ok && json.body.string.contains(#""quota":1"#) && json.body.string.contains(#""valid_votes":1"#))
            // The elected representative is on the panel's page, their first report-back due 8 weeks into the term.
            let panelPage = try await Browser(app).get(PanelURL.panel(panel).path)
            #expect(panelPage.text.contains("Next report-back due by"))
            // A resident asks the representatives; the elected one answers in public; no one else may.
            #expect(try await resident.post(PanelURL.questions(panel).path, [("question", "")]).status == .unprocessableEntity)
            #expect(try await resident.post(PanelURL.questions(panel).path, [("question", "Will you ask about evening clinics?")]).status == .seeOther)
            let question = try #require(try await PanelQuestionRecord.query(on: app.db).first()?.id)
            let field = "answer-\(question.uuidString.lowercased())"
            #expect(try await commissioner.post(PanelURL.answer(question).path, [(field, "Yes")]).status == .forbidden)
            let elected = try #require(try await Panels().election(election, on: app.db)?.candidates.first { $0.id == rival }?.personID)
            _ = try await Panels().answer(question: question, by: elected, answer: "Yes, at the next board.", now: Date(), on: app.db)
            let answered = try await Browser(app).get(PanelURL.panel(panel).path)
            #expect(answered.text.contains("Will you ask about evening clinics?") && answered.text.contains("Yes, at the next board."))
        }
    }
}
