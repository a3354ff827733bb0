import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct ProposalPagesTests {
    /// People who live at LA4 4AA, for supporting.
    func neighbours(_ count: Int, _ app: Application) async throws -> [UUID] {
        var ids: [UUID] = []
        for i in 0..<count {
            let person = PersonRecord(givenName: "Neighbour", familyName: "\(i)", postcode: "LA4 4AA", createdAt: Date())
            try await person.create(on: app.db)
            ids.append(person.id!)
        }
        return ids
    }

    @Test func aResidentProposesNeighboursSupportAndTheAnswerComesByItsDate() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            let form = try await resident.get(VoiceURL.newProposal.path)
            #expect(form.status == .ok)
            // Nothing chosen for them: the ward and the category start blank, and "the whole place" is a choice.
            #expect(NoAnswerChosenTests.chosen(in: form.text).isEmpty)
            #expect(form.text.contains(#"<option value="whole">The whole place</option>"#))
            #expect(form.text.contains("Morecambe: LA4"))

            // Every fault named, nothing written.
            let bad = try await resident.post(VoiceURL.newProposal.path, [("title", ""), ("body", String(repeating: "x", count: 20_000)), ("ward", ""), ("category", "")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Enter a title", "What you propose and why must be 6000 characters or fewer", "Choose a ward, or the whole place", "Choose what the proposal is about"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await ProposalRecord.query(on: app.db).count() == 0)

            let category = try #require(try await Taxonomies().terms(in: SocialPrescribingTaxonomy.id, on: app.db).first)
            let made = try await resident.post(VoiceURL.newProposal.path, [("title", "Benches on the prom"), ("body", "Somewhere to rest.\nAnd to talk."),
                                                                          ("ward", "whole"), ("category", category.code), ("notify", "yes")])
            #expect(made.status == .seeOther)
            let id = try #require(try await ProposalRecord.query(on: app.db).first()?.id)
            let page = try await resident.get(VoiceURL.proposal(id).path)
            #expect(page.text.contains("Gathering supporters") && page.text.contains("You wrote this proposal.") && !page.text.contains("Support this proposal"))
            // Not listed until enough people support it.
            #expect(!(try await Browser(app).get(VoiceURL.proposals.path)).text.contains("Benches on the prom"))

            let people = try await neighbours(50, app)
            for person in people.prefix(5) { try await Proposals().support(id, by: person, thresholds: .standard, now: Date(), on: app.db) }
            let listed = try await Browser(app).get(VoiceURL.proposals.path)
            #expect(listed.text.contains("Benches on the prom") && listed.text.contains("5 supporters"))

            // A resident supports it on the page, once; taking it back is one click too.
            let other = Browser(app)
            let person = people[49]
            let hash = try Bcrypt.hash(DemoLoader.password, cost: 4)
            let account = AccountRecord(personID: person, email: "neighbour@example.org", passwordHash: hash, createdAt: Date())
            try await account.create(on: app.db)
            try await Accounts().grant(.resident, organisationID: nil, to: account, by: nil, now: Date(), channel: "test", on: app.db)
            try await other.signIn("neighbour@example.org")
            #expect(try await other.get(VoiceURL.proposal(id).path).text.contains("Support this proposal"))
            #expect(try await other.post(VoiceURL.proposalSupport(id).path, []).status == .seeOther)
            let twice = try await other.post(VoiceURL.proposalSupport(id).path, [])
            #expect(twice.status == .conflict && twice.text.contains("You already support this proposal."))
            #expect(try await other.post(VoiceURL.proposalWithdraw(id).path, []).status == .seeOther)
            #expect(try await Proposals().supports(id, by: person, on: app.db) == false)

            // Supported again, asking to be told of the answer.
            #expect(try await other.post(VoiceURL.proposalSupport(id).path, [("notify", "yes")]).status == .seeOther)

            // Fifty supporters: an answer is owed by a date everyone sees; supporters are shown by ward, never by name.
            for p in people.dropFirst(5).prefix(44) { try await Proposals().support(id, by: p, thresholds: .standard, now: Date(), on: app.db) }
            let owed = try await Browser(app).get(VoiceURL.proposal(id).path)
            let due = ProposalThresholds.standard.answerDue(reachedAt: Date())
            #expect(owed.text.contains("Owed an answer by \(UKDates.day(UKDates.parseISODay(due)!))"))
            #expect(owed.text.contains("Morecambe: LA4") && !owed.text.contains("Neighbour"))
            #expect(!owed.text.contains("Answer this proposal"))

            // The commissioner answers: the form asks for what each answer needs, with nothing chosen for them.
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let answerPage = try await commissioner.get(VoiceURL.proposal(id).path)
            #expect(answerPage.text.contains("Answer this proposal") && NoAnswerChosenTests.chosen(in: answerPage.text).isEmpty)
            let unanswered = try await commissioner.post(VoiceURL.proposalAnswer(id).path, [("kind", "not_taken_forward"), ("reasons", " ")])
            #expect(unanswered.status == .unprocessableEntity && unanswered.text.contains("Give the reasons it is not taken forward"))
            // A resident may not answer.
            #expect(try await resident.post(VoiceURL.proposalAnswer(id).path, [("kind", "accepted")]).status == .forbidden)
            let answered = try await commissioner.post(VoiceURL.proposalAnswer(id).path, [("kind", "not_taken_forward"), ("reasons", "The council owns the promenade; we have passed it on.")])
            #expect(answered.status == .seeOther)
            // The author and the supporter who asked are told, each in their own words; nobody else is.
            let told = try await OutboxMessageRecord.query(on: app.db).filter(\.$subject ~~ ["Your proposal has an answer", "A proposal you support has an answer"]).all()
            #expect(Set(told.map(\.recipient)) == [DemoLoader.email(for: .resident), "neighbour@example.org"])
            #expect(told.first { $0.recipient == "neighbour@example.org" }?.subject == "A proposal you support has an answer")
            #expect(told.allSatisfy { $0.body.contains("Benches on the prom") && $0.body.contains(VoiceURL.proposal(id).path) && $0.body.contains("will not be taken forward") })
            let final = try await Browser(app).get(VoiceURL.proposal(id).path)
            #expect(final.text.contains("Not taken forward") && final.text.contains("The council owns the promenade"))
            #expect(try await Browser(app).get(VoiceURL.overdueAnswers.path).text.contains("No answer is overdue."))
        }
    }

    @Test func lateAnswersAreListedInPublic() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let people = try await neighbours(51, app)
            let long = Date().addingTimeInterval(-40 * 86_400)
            let id = try await Proposals().create(ProposalDraft(title: "A community garden", body: "Growing food.", ward: nil, category: "gardening"),
                                                  author: people[0], now: long, on: app.db)
            for p in people.dropFirst() { try await Proposals().support(id, by: p, thresholds: .standard, now: long, on: app.db) }
            let page = try await Browser(app).get(VoiceURL.overdueAnswers.path)
            #expect(page.status == .ok && page.text.contains("A community garden") && page.text.contains(UKDates.day(UKDates.parseISODay(ProposalThresholds.standard.answerDue(reachedAt: long))!)))
            #expect(try await Browser(app).get(VoiceURL.proposal(id).path).text.contains("Answer overdue"))
            // Someone without a home postcode here cannot support it; signed out, they are asked to sign in.
            let staff = Browser(app)
            try await staff.signIn(DemoLoader.email(for: .commissioner))
            #expect(try await staff.post(VoiceURL.proposalSupport(id).path, []).status == .forbidden)
            #expect(try await Browser(app).post(VoiceURL.proposalSupport(id).path, []).status == .seeOther)
        }
    }

    @Test func anAdministratorSetsTheThresholdsAndNamesWhoAnswersEachCategory() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let admin = Browser(app)
            try await admin.signIn(DemoLoader.email(for: .administrator))
            let page = try await admin.get(VoiceURL.settings.path)
            #expect(page.status == .ok && page.text.contains(#"value="50""#))
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            #expect(try await resident.get(VoiceURL.settings.path).status == .forbidden)
            let category = try #require(try await Taxonomies().terms(in: SocialPrescribingTaxonomy.id, on: app.db).first).code
            let organisation = try #require(try await OrganisationRecord.query(on: app.db).first())
            let bad = try await admin.post(VoiceURL.settings.path, [("publish", "5"), ("answer", "3"), ("board", "4"), ("answer_days", "400")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("The supporters owed an answer must be more than those who publish it")
                    && bad.text.contains("Give from 7 to 90 days to answer"))
            #expect(try await admin.post(VoiceURL.settings.path, [("publish", "1"), ("answer", "2"), ("board", "3"), ("answer_days", "14"),
                                                                  ("owner-" + category, organisation.id!.uuidString)]).status == .seeOther)
            #expect(try await VoiceSettings().thresholds(on: app.db) == ProposalThresholds(publish: 1, answer: 2, board: 3, answerDays: 14))

            // Two supporters now make an answer owed, by the organisation named for its category.
            let id = try await Proposals().create(ProposalDraft(title: "Benches", body: "Rest.", ward: nil, category: category),
                                                  author: try #require(try await PersonRecord.query(on: app.db).first()?.id), now: Date(), on: app.db)
            for person in try await neighbours(2, app) {
                try await Proposals().support(id, by: person, thresholds: try await VoiceSettings().thresholds(on: app.db), now: Date(), on: app.db)
            }
            let shown = try await Browser(app).get(VoiceURL.proposal(id).path)
            #expect(shown.text.contains("Owed an answer by") && shown.text.contains("Who must answer: \(organisation.name)"))
        }
    }
}
