import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct APITests {
    struct ErrorBody: Decodable {
        struct Detail: Decodable { let code: String; let message: String; let field: String? }
        let error: Detail
    }

    func json(_ object: [String: String]) -> (HTTPHeaders, ByteBuffer) {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return (headers, ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object)))
    }

    @Test func healthAnswersOkAndReadyChecksTheDatabase() async throws {
        try await withAlongside { app in
            let health = try await app.testing().sendRequest(.GET, "/health")
            #expect(health.status == .ok)
            #expect(health.body.string == #"{"status":"ok"}"#)
            let ready = try await app.testing().sendRequest(.GET, "/health/ready")
            #expect(ready.status == .ok)
            struct Ready: Decodable { let status: String; let database: String; let checks: [Check] }
            struct Check: Decodable { let name: String; let status: String; let detail: String }
            let fine = try JSONDecoder().decode(Ready.self, from: ready.body)
            #expect(fine.status == "ok" && fine.database == "ok")
            #expect(fine.checks.map(\.name) == ["database", "schema", "outbox"] && fine.checks.allSatisfy { $0.status == "ok" })
            #expect(fine.checks[2].detail == "No emails waiting.")

            // An email waiting for an hour: still ready, with a warning that says so.
            try await Outbox().enqueue(to: "someone@example.org", subject: "Hello", body: "Hello", at: Date().addingTimeInterval(-3_600), on: app.db)
            let stuck = try JSONDecoder().decode(Ready.self, from: try await app.testing().sendRequest(.GET, "/health/ready").body)
            #expect(stuck.status == "warning")
            #expect(stuck.checks[2].status == "warning" && stuck.checks[2].detail.hasPrefix("1 email waiting, the oldest for 60 minutes. Emails are not being sent"))

            // A change to the database not applied: not ready, naming it and what to do.
            try await StoreSQL.sql(app.db).raw("DELETE FROM _fluent_migrations WHERE name = '2026-12-03-03-AddServiceContacts'").run()
            let behind = try await app.testing().sendRequest(.GET, "/health/ready")
            #expect(behind.status == .serviceUnavailable)
            let said = try JSONDecoder().decode(Ready.self, from: behind.body)
            #expect(said.status == "unavailable" && said.database == "ok")
            #expect(said.checks[1].status == "failing" && said.checks[1].detail.contains("2026-12-03-03-AddServiceContacts")
                    && said.checks[1].detail.contains("alongside migrate"))
        }
    }

    @Test func aTokenFromSessionsOpensMe() async throws {
        try await withAlongside(demo: true) { app in
            let (headers, body) = json(["email": "link-worker@alongside.example", "password": DemoLoader.password])
            let created = try await app.testing().sendRequest(.POST, "/api/v1/sessions", headers: headers, body: body)
            #expect(created.status == .ok)
            struct Session: Decodable { let token: String; let expires_at: String }
            let session = try JSONDecoder().decode(Session.self, from: created.body)
            #expect(ISO8601DateFormatter().date(from: session.expires_at)! > Date())
            var auth = HTTPHeaders()
            auth.bearerAuthorization = .init(token: session.token)
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: auth)
            #expect(me.status == .ok)
            struct Me: Decodable { let id: UUID; let name: String; let roles: [[String: String]] }
            let person = try JSONDecoder().decode(Me.self, from: me.body)
            #expect(person.name == "Priya Lawson")
            #expect(me.body.string.contains(person.id.uuidString.lowercased()), "ids are lower case, as everywhere else in the API")
            #expect(person.roles.map { $0["role"] } == ["link_worker"])
        }
    }

    @Test func meWithoutATokenIsA401InTheErrorShape() async throws {
        try await withAlongside { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/me")
            #expect(response.status == .unauthorized)
            let error = try JSONDecoder().decode(ErrorBody.self, from: response.body)
            #expect(error.error.code == "unauthorized")
            var auth = HTTPHeaders()
            auth.bearerAuthorization = .init(token: "made-up")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: auth).status == .unauthorized)
        }
    }

    @Test func aBrowserCookieDoesNotOpenTheAPI() async throws {
        try await withAlongside(demo: true) { app in
            let browser = Browser(app)
            try await browser.signIn("resident@alongside.example")
            #expect(try await browser.get("/api/v1/me").status == .unauthorized)
        }
    }

    @Test func badSignInBodiesGetClearErrorsNamingTheField() async throws {
        try await withAlongside(demo: true) { app in
            let (headers, body) = json(["email": "not-an-email", "password": "x"])
            let malformed = try await app.testing().sendRequest(.POST, "/api/v1/sessions", headers: headers, body: body)
            #expect(malformed.status == .unprocessableEntity)
            #expect(try JSONDecoder().decode(ErrorBody.self, from: malformed.body).error.field == "email")
            let (h2, b2) = json(["email": "admin@alongside.example", "password": "wrong"])
            let wrong = try await app.testing().sendRequest(.POST, "/api/v1/sessions", headers: h2, body: b2)
            #expect(wrong.status == .unauthorized)
            #expect(try JSONDecoder().decode(ErrorBody.self, from: wrong.body).error.code == "wrong_credentials")
            let (h3, b3) = json(["email": "nobody@alongside.example", "password": "wrong"])
            let unknown = try await app.testing().sendRequest(.POST, "/api/v1/sessions", headers: h3, body: b3)
            #expect(unknown.status == .unauthorized)
            #expect(unknown.body == wrong.body)
            let notJSON = try await app.testing().sendRequest(.POST, "/api/v1/sessions", headers: h2, body: ByteBuffer(string: "{nope"))
            #expect(notJSON.status == .badRequest)
            #expect(try JSONDecoder().decode(ErrorBody.self, from: notJSON.body).error.code == "bad_request")
        }
    }

    @Test(arguments: ["LA1 1AA", "la11aa", "la1%201aa", "%20LA1%201AA%20"])
    func aPostcodeInAnySpacingOrCaseIsFound(_ raw: String) async throws {
        try await withAlongside(geography: true) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/postcodes/\(raw)")
            #expect(response.status == .ok)
            struct Place: Decodable { let postcode: String; let latitude: Double; let longitude: Double; let lsoa: String; let imd_decile: Int }
            let place = try JSONDecoder().decode(Place.self, from: response.body)
            #expect(place.postcode == "LA1 1AA")
            #expect(place.lsoa == "E01033071")
            #expect((1...10).contains(place.imd_decile))
            #expect(abs(place.latitude - 54.04816) < 0.0001 && abs(place.longitude - -2.80382) < 0.0001)
        }
    }

    @Test func anUnknownPostcodeIsA404WithAClearMessage() async throws {
        try await withAlongside(geography: true) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/postcodes/zz99zz")
            #expect(response.status == .notFound)
            let error = try JSONDecoder().decode(ErrorBody.self, from: response.body)
            #expect(error.error.message.contains("ZZ9 9ZZ"))
            let malformed = try await app.testing().sendRequest(.GET, "/api/v1/postcodes/hello")
            #expect(malformed.status == .unprocessableEntity)
            #expect(try JSONDecoder().decode(ErrorBody.self, from: malformed.body).error.field == "postcode")
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryAPIRouteAndNoOther() async throws {
        try await withAlongside { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
            let paths = document["paths"] as! [String: [String: Any]]
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let served = Set(app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                guard path.hasPrefix("/api/") || path.hasPrefix("/health") else { return nil }
                return "\(route.method.rawValue) \(path)"
            })
            #expect(documented == served)
        }
    }
}
