import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct FHIRTests {
    func token(_ app: Application, _ email: String) async throws -> String {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/sessions", beforeRequest: { req in
            try req.content.encode(["email": email, "password": DemoLoader.password], as: .json)
        })
        return try JSONDecoder().decode(ReferralAPITests.Token.self, from: response.body).token
    }

    func get(_ app: Application, _ path: String, _ token: String?) async throws -> (HTTPStatus, [String: Any]) {
        let response = try await app.testing().sendRequest(.GET, path, beforeRequest: { req in
            if let token { req.headers.bearerAuthorization = .init(token: token) }
        })
        return (response.status, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:])
    }

    @Test func theReferralAsFHIRIsSeenOnlyByThoseWithAReason() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            _ = try await clinician.post(SiteURL.newReferral.path, ReferralPagesTests().referral(key: "f1"))
            let r = try #require(try await ReferralRecord.query(on: app.db).first())
            let id = r.id!.uuidString.lowercased()

            let (status, request) = try await get(app, "/fhir/ServiceRequest/\(id)", try await token(app, "clinician@alongside.example"))
            #expect(status == .ok && request["resourceType"] as? String == "ServiceRequest" && request["status"] as? String == "active")
            #expect(request["code"] == nil)  // not coded until the person accepts a first contact

            let worker = try await token(app, "link-worker@alongside.example")
            let (_, tasks) = try await get(app, "/fhir/Task?focus=ServiceRequest/\(id)", worker)
            #expect((tasks["entry"] as? [[String: Any]])?.count == 1)
            let (_, patient) = try await get(app, "/fhir/Patient/\(r.personID.uuidString.lowercased())", worker)
            #expect((patient["name"] as? [[String: Any]])?.first?["family"] as? String == "Hodgson")

            for email in ["resident@alongside.example", "organisation@alongside.example", "commissioner@alongside.example", "admin@alongside.example"] {
                let other = try await token(app, email)
                let (refused, outcome) = try await get(app, "/fhir/ServiceRequest/\(id)", other)
                #expect(refused == .forbidden && outcome["resourceType"] as? String == "OperationOutcome", "\(email)")
                #expect(try await get(app, "/fhir/Patient/\(r.personID.uuidString.lowercased())/$everything", other).0 == .forbidden, "\(email)")
            }
            #expect(try await get(app, "/fhir/ServiceRequest/\(id)", nil).0 == .unauthorized)
            #expect(try await get(app, "/fhir/metadata", nil).0 == .ok)
        }
    }
}
