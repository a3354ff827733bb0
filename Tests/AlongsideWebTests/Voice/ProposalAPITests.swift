import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct ProposalAPITests {
    let api = ReferralAPITests()

    func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test func aProposalIsWrittenSupportedAndAnsweredThroughTheAPI() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let resident = try await api.token(app, DemoLoader.email(for: .resident))
            // Bad input is a 422 naming the field; nothing written.
            let bad = try await api.send(app, .POST, VoiceAPIURL.proposals.path, token: resident, json: #"{"title": "", "body": "x", "ward": "whole", "category": "walking"}"#)
            let badError = try object(bad)["error"] as? [String: Any]
            #expect(bad.status == .unprocessableEntity && badError?["field"] as? String == "title")
            #expect(try await api.send(app, .POST, VoiceAPIURL.proposals.path, token: resident, json: "[1]").status == .badRequest)
            let category = try #require(try await Taxonomies().terms(in: SocialPrescribingTaxonomy.id, on: app.db).first).code
            let made = try await api.send(app, .POST, VoiceAPIURL.proposals.path, token: resident, key: "proposal-1",
                                          json: #"{"title": "Benches on the prom", "body": "Somewhere to rest.", "ward": "whole", "category": "\#(category)"}"#)
            #expect(made.status == .created)
            let proposal = try object(made)
            #expect(proposal["state"] as? String == "gathering" && proposal["supports"] as? Int == 0 && proposal["place"] as? String == "The whole place")
            // The same request retried with its key makes one proposal.
            let again = try await api.send(app, .POST, VoiceAPIURL.proposals.path, token: resident, key: "proposal-1",
                                           json: #"{"title": "Benches on the prom", "body": "Somewhere to rest.", "ward": "whole", "category": "\#(category)"}"#)
            let proposals = try await ProposalRecord.query(on: app.db).count()
            #expect(again.status == .created && proposals == 1)
            let id = try #require(UUID(uuidString: proposal["id"] as? String ?? ""))

            // One's own proposal cannot be supported (409); staff without a home here may not (403); anyone may read it.
            let own = try await api.send(app, .POST, VoiceAPIURL.support(id).path, token: resident)
            #expect(own.status == .conflict)
            let commissioner = try await api.token(app, DemoLoader.email(for: .commissioner))
            #expect(try await api.send(app, .POST, VoiceAPIURL.support(id).path, token: commissioner).status == .forbidden)
            let read = try await app.testing().sendRequest(.GET, VoiceAPIURL.proposal(id).path)
            let readBack = try object(read)
            #expect(read.status == .ok && readBack["title"] as? String == "Benches on the prom")
            #expect(try await app.testing().sendRequest(.GET, VoiceAPIURL.proposal(UUID()).path).status == .notFound)

            // Fifty neighbours: owed an answer by a date.
            for i in 0..<50 {
                let person = PersonRecord(givenName: "Neighbour", familyName: "\(i)", postcode: "LA4 4AA", createdAt: Date())
                try await person.create(on: app.db)
                try await Proposals().support(id, by: person.id!, thresholds: .standard, now: Date(), on: app.db)
            }
            let owed = try object(try await app.testing().sendRequest(.GET, VoiceAPIURL.proposal(id).path))
            #expect(owed["state"] as? String == "owed_answer" && owed["supports"] as? Int == 50)
            #expect(owed["answer_due_by"] as? String == ProposalThresholds.standard.answerDue(reachedAt: Date()))
            #expect((owed["supports_by_ward"] as? [[String: Any]])?.first?["supports"] as? Int == 50)

            // Only the health system answers; an interim answer's date at most three months on.
            #expect(try await api.send(app, .POST, VoiceAPIURL.answer(id).path, token: resident, json: #"{"kind": "accepted"}"#).status == .forbidden)
            let far = UKDates.isoDay(Date().addingTimeInterval(200 * 86_400))
            let tooLate = try await api.send(app, .POST, VoiceAPIURL.answer(id).path, token: commissioner,
                                             json: #"{"kind": "under_consideration", "reasons": "Costing it", "new_due": "\#(far)"}"#)
            #expect(tooLate.status == .unprocessableEntity)
            let soon = UKDates.isoDay(Date().addingTimeInterval(30 * 86_400))
            let interim = try await api.send(app, .POST, VoiceAPIURL.answer(id).path, token: commissioner,
                                             json: #"{"kind": "under_consideration", "reasons": "Costing it", "new_due": "\#(soon)"}"#)
            let interimBack = try object(interim)
            #expect(interim.status == .ok && interimBack["answer_due_by"] as? String == soon)
            let final = try await api.send(app, .POST, VoiceAPIURL.answer(id).path, token: commissioner, json: #"{"kind": "accepted", "reasons": "We will fund it."}"#)
            let finalBack = try object(final)
            #expect(final.status == .ok && finalBack["state"] as? String == "answered")
            #expect((finalBack["answers"] as? [Any])?.count == 2)
            #expect(try await api.send(app, .POST, VoiceAPIURL.answer(id).path, token: commissioner, json: #"{"kind": "accepted"}"#).status == .conflict)
        }
    }
}
