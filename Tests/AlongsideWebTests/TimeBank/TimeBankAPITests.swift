import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct TimeBankAPITests {
    let api = ReferralAPITests()

    func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test func membersAccountsExchangesAndStatementsThroughTheAPI() async throws {
        try await withAlongside(demo: true) { app in
            let coordinator = try await api.token(app, DemoLoader.email(for: .coordinator))
            let resident = try await api.token(app, DemoLoader.email(for: .resident))
            let clinician = try await api.token(app, DemoLoader.email(for: .clinician))
            func id(_ role: Role) async throws -> String {
                try #require(try await AccountRecord.query(on: app.db).filter(\.$email == DemoLoader.email(for: role)).first()).$person.id.uuidString.lowercased()
            }
            let (me, them) = (try await id(.resident), try await id(.clinician))

            // Asking for oneself waits for a coordinator; a coordinator adds at once; anyone else is refused.
            let asked = try await api.send(app, .POST, TimeBankURL.apiMembers.path, token: resident, json: #"{"person_id": "\#(me)"}"#)
            #expect(try asked.status == .accepted && json(asked)["status"] as? String == "waiting")
            #expect(try await api.send(app, .POST, TimeBankURL.apiMembers.path, token: resident, json: #"{"person_id": "\#(them)"}"#).status == .forbidden)
            for p in [me, them] {
                #expect(try await api.send(app, .POST, TimeBankURL.apiMembers.path, token: coordinator, json: #"{"person_id": "\#(p)"}"#).status == .created)
            }
            let missing = try await api.send(app, .POST, TimeBankURL.apiMembers.path, token: coordinator, json: #"{"person_id": "nobody"}"#)
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("person_id"))

            // Bad exchanges name the field; nothing is written.
            for (body, field) in [(#"{"with": "\#(me)", "minutes": 30, "direction": "gave", "note": "x"}"#, "with"),
                                  (#"{"with": "\#(them)", "minutes": 0, "direction": "gave", "note": "x"}"#, "minutes"),
                                  (#"{"with": "\#(them)", "minutes": 1441, "direction": "gave", "note": "x"}"#, "minutes"),
                                  (#"{"with": "\#(them)", "minutes": 30, "direction": "up", "note": "x"}"#, "direction")] {
                let refused = try await api.send(app, .POST, TimeBankURL.apiExchanges.path, token: resident, json: body)
                #expect(try refused.status == .unprocessableEntity && (json(refused)["error"] as? [String: Any])?["field"] as? String == field, "\(body)")
            }
            #expect(try await api.send(app, .POST, TimeBankURL.apiExchanges.path, token: resident, json: #"{"with": "\#(them)", "minutes": 1.5, "direction": "gave", "note": "x"}"#).status == .badRequest)
            #expect(try await ExchangeRecord.query(on: app.db).count() == 0)

            // Recorded by one, confirmed by the other; retried with the same key, recorded once.
            let made = try await api.send(app, .POST, TimeBankURL.apiExchanges.path, token: resident, key: "tb-1",
                                          json: #"{"with": "\#(them)", "minutes": 120, "direction": "gave", "note": "Decorating"}"#)
            #expect(made.status == .created)
            let again = try await api.send(app, .POST, TimeBankURL.apiExchanges.path, token: resident, key: "tb-1",
                                           json: #"{"with": "\#(them)", "minutes": 120, "direction": "gave", "note": "Decorating"}"#)
            #expect(again.status == .created && again.body.string == made.body.string)
            let exchange = try #require(try json(made)["id"] as? String)
            #expect(try json(made)["status"] as? String == "waiting")
            #expect(try await api.send(app, .POST, TimeBankURL.apiConfirm(UUID(uuidString: exchange)!).path, token: resident).status == .conflict)
            let confirmed = try await api.send(app, .POST, TimeBankURL.apiConfirm(UUID(uuidString: exchange)!).path, token: clinician)
            #expect(try confirmed.status == .ok && json(confirmed)["status"] as? String == "confirmed")

            let account = try json(try await api.send(app, .GET, TimeBankURL.apiAccount(UUID(uuidString: them)!).path, token: clinician))
            #expect(account["balance_minutes"] as? Int == -120 && account["lowest_balance_minutes"] as? Int == -600)
            #expect(try await api.send(app, .GET, TimeBankURL.apiAccount(UUID(uuidString: them)!).path, token: resident).status == .forbidden)
            let statement = try json(try await api.send(app, .GET, TimeBankURL.apiStatement(UUID(uuidString: me)!).path, token: coordinator))
            let entries = try #require(statement["entries"] as? [[String: Any]])
            #expect(entries.count == 1 && entries[0]["minutes"] as? Int == 120 && entries[0]["balance_after"] as? Int == 120)

            // A coordinator's exchange counts at once — and the lowest balance blocks with 409, naming the limit.
            let direct = try await api.send(app, .POST, TimeBankURL.apiExchanges.path, token: coordinator,
                                            json: #"{"from": "\#(them)", "to": "\#(me)", "minutes": 480, "note": "Moving house"}"#)
            #expect(try direct.status == .created && json(direct)["status"] as? String == "confirmed")
            let over = try await api.send(app, .POST, TimeBankURL.apiExchanges.path, token: coordinator,
                                          json: #"{"from": "\#(them)", "to": "\#(me)", "minutes": 1, "note": "One more"}"#)
            #expect(over.status == .conflict && over.body.string.contains("below the lowest"))
            #expect(try await TimeBank().balance(of: UUID(uuidString: them)!, on: app.db) == -600)
        }
    }
}
