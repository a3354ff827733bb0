import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct ReferralAPITests {
    struct Token: Decodable { let token: String }
    struct Made: Decodable { let id: UUID; let stage: String; let allowed_moves: [String]; let codes: [Code]? }
    struct Code: Decodable { let code: String }
    struct Failure: Decodable {
        struct Detail: Decodable { let code: String; let message: String; let field: String?; let allowed: [String]? }
        let error: Detail
    }

    func token(_ app: Application, _ email: String) async throws -> String {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/sessions", beforeRequest: { req in
            try req.content.encode(["email": email, "password": DemoLoader.password], as: .json)
        })
        return try JSONDecoder().decode(Token.self, from: response.body).token
    }

    func send(_ app: Application, _ method: HTTPMethod, _ path: String, token: String, key: String? = nil, json: String? = nil) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, path, beforeRequest: { req in
            req.headers.bearerAuthorization = .init(token: token)
            if let key { req.headers.replaceOrAdd(name: "Idempotency-Key", value: key) }
            if let json {
                req.headers.contentType = .json
                req.body = ByteBuffer(string: json)
            }
        })
    }

    let body = """
        {"given_name": "Margaret", "family_name": "Hodgson", "birth_date": "1948-02-11", "postcode": "LA1 1AA",
         "nhs_number": "9434765919", "phone": "01524 123456", "needs": ["loneliness"], "consented": true,
         "preferred_contact": "phone", "gp_sharing": "all"}
        """

    @Test func aReferralMadeRetriedMovedAndRefusedThroughTheAPI() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let clinician = try await token(app, "clinician@alongside.example")
            let first = try await send(app, .POST, "/api/v1/referrals", token: clinician, key: "abc", json: body)
            #expect(first.status == .created)
            let retried = try await send(app, .POST, "/api/v1/referrals", token: clinician, key: "abc", json: body)
            #expect(retried.status == .created)
            let made = try JSONDecoder().decode(Made.self, from: first.body)
            #expect(try JSONDecoder().decode(Made.self, from: retried.body).id == made.id)
            #expect(try await ReferralRecord.query(on: app.db).count() == 1)
            #expect(made.stage == "received" && made.allowed_moves.contains("accepted"))
            #expect(first.body.string.contains("\"access_needs\":[]"))
            // What a place must have for the person comes in by its codes; a code that names nothing is refused, naming the field.
            let withAccess = body.replacingOccurrences(of: #""needs": ["loneliness"]"#, with: #""needs": ["loneliness"], "access_needs": ["quiet_space", "step_free"]"#)
                .replacingOccurrences(of: #""nhs_number": "9434765919", "#, with: "")
            let access = try await send(app, .POST, "/api/v1/referrals", token: clinician, key: "access", json: withAccess.replacingOccurrences(of: "Margaret", with: "Edith"))
            #expect(access.status == .created && access.body.string.contains("\"access_needs\":[\"step_free\",\"quiet_space\"]"))
            let lift = try await send(app, .POST, "/api/v1/referrals", token: clinician, key: "lift",
                                      json: withAccess.replacingOccurrences(of: "quiet_space", with: "lift").replacingOccurrences(of: "Margaret", with: "Ada"))
            #expect(lift.status == .unprocessableEntity && lift.body.string.contains("\"field\":\"access_needs\"") && lift.body.string.contains("is not an access need"))
            #expect(try await ReferralRecord.query(on: app.db).count() == 2)

            let worker = try await token(app, "link-worker@alongside.example")
            let refused = try await send(app, .POST, "/api/v1/referrals/\(made.id)/transitions", token: worker, json: #"{"to": "connected"}"#)
            #expect(refused.status == .conflict)
            let failure = try JSONDecoder().decode(Failure.self, from: refused.body)
            #expect(failure.error.code == "move_not_allowed")
            #expect(failure.error.allowed == ["accepted", "not_accepted", "redirected", "declined_by_person", "withdrawn_by_referrer"])

            #expect(try await send(app, .POST, "/api/v1/referrals/\(made.id)/transitions", token: worker, json: #"{"to": "accepted"}"#).status == .ok)
            let unsaid = try await send(app, .POST, "/api/v1/referrals/\(made.id)/contacts", token: worker, json: #"{"way": "phone", "minutes": 15}"#)
            #expect(unsaid.status == .unprocessableEntity && unsaid.body.string.contains("\"field\":\"reached\""))
            let early = try await send(app, .POST, "/api/v1/referrals/\(made.id)/transitions", token: worker, json: #"{"to": "contacted"}"#)
            #expect(early.status == .unprocessableEntity && early.body.string.contains("Log a contact where you spoke with them"))
            // Logging the conversation is the one action that moves it to contacted; the same key twice logs it once.
            let spoke = #"{"way": "phone", "minutes": 15, "reached": true}"#
            let moved = try await send(app, .POST, "/api/v1/referrals/\(made.id)/contacts", token: worker, key: "contact-1", json: spoke)
            let again = try await send(app, .POST, "/api/v1/referrals/\(made.id)/contacts", token: worker, key: "contact-1", json: spoke)
            #expect(moved.status == .created && again.status == .created)
            #expect(try JSONDecoder().decode(Made.self, from: again.body).codes?.map(\.code) == ["871731000000106"])
            #expect(try await EpisodeContactRecord.query(on: app.db).filter(\.$referralID == made.id).count() == 1)
            // When it happened is a real moment with its zone, between the referral and now.
            for when in ["0000-01-01T10:00:00Z", "2026-02-30T10:00:00Z", "2026-11-01T10:00:00", "9999-12-31T10:00:00Z", "2000-01-01T10:00:00Z"] {
                let dated = try await send(app, .POST, "/api/v1/referrals/\(made.id)/contacts", token: worker,
                                           json: #"{"way": "phone", "reached": false, "happened_at": "\#(when)"}"#)
                #expect(dated.status == .unprocessableEntity && dated.body.string.contains("\"field\":\"happened_at\""), "\(when)")
            }
            #expect(try await EpisodeContactRecord.query(on: app.db).filter(\.$referralID == made.id).count() == 1)

            let read = try await send(app, .GET, "/api/v1/referrals/\(made.id)", token: clinician)
            #expect(read.status == .ok && read.body.string.contains("\"stage\":\"contacted\""))
            let resident = try await token(app, "resident@alongside.example")
            #expect(try await send(app, .GET, "/api/v1/referrals/\(made.id)", token: resident).status == .forbidden)
        }
    }

    @Test func badReferralsAreNamedAndNothingIsWritten() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let clinician = try await token(app, "clinician@alongside.example")
            let cases: [(String, String)] = [
                (body.replacingOccurrences(of: "9434765919", with: "9434765918"), "nhs_number"),
                (body.replacingOccurrences(of: "\"consented\": true", with: "\"consented\": false"), "consented"),
                // What the person chose is never assumed: how to reach them, and what goes back to their GP.
                (body.replacingOccurrences(of: "\"preferred_contact\": \"phone\", ", with: ""), "preferred_contact"),
                (body.replacingOccurrences(of: ", \"gp_sharing\": \"all\"", with: ""), "gp_sharing"),
                (body.replacingOccurrences(of: "1948-02-11", with: "2099-01-01"), "birth_date"),
                (body.replacingOccurrences(of: "LA1 1AA", with: "ZZ9 9ZZ"), "postcode"),
                (body.replacingOccurrences(of: "\"loneliness\"", with: "\"boredom\""), "needs"),
                // A slip never becomes another fact: no 30 February (read by Foundation as 2 March), no year 0000, no NUL.
                (body.replacingOccurrences(of: "1948-02-11", with: "1948-02-30"), "birth_date"),
                (body.replacingOccurrences(of: "1948-02-11", with: "0000-01-01"), "birth_date"),
                (body.replacingOccurrences(of: "Margaret", with: "Marg\\u0000aret"), "given_name"),
            ]
            for (json, field) in cases {
                let response = try await send(app, .POST, "/api/v1/referrals", token: clinician, json: json)
                #expect(response.status == .unprocessableEntity, "\(field)")
                #expect(try JSONDecoder().decode(Failure.self, from: response.body).error.field == field)
            }
            #expect(try await send(app, .POST, "/api/v1/referrals", token: clinician, json: "{not json").status == .badRequest)
            #expect(try await ReferralRecord.query(on: app.db).count() == 0)
        }
    }
}
