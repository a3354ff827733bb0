import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Adding a carer link with someone's email must not tell the carer whether that email has an account, nor
/// that person's name or id, until they agree.
@Suite struct CarerLinkPrivacyTests {
    let api = ReferralAPITests()

    func object(_ response: TestingHTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:]
    }

    @Test func aKnownAndAnUnknownEmailLookTheSameToTheCarer() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let me = try await PlanPagesTests.residentID(app)
            let token = try await api.token(app, "resident@alongside.example")
            let path = SiteURL.apiCarerLinks(me).path
            let known = try await api.send(app, .POST, path, token: token,
                                           json: #"{"cared_for_name": "Auntie M", "relationship": "other_relative", "cares_for_email": "moderator@alongside.example"}"#)
            let unknown = try await api.send(app, .POST, path, token: token,
                                             json: #"{"cared_for_name": "Uncle J", "relationship": "other_relative", "cares_for_email": "nobody-here@example.org"}"#)
            #expect(known.status == .created && unknown.status == .created, "\(known.body.string) \(unknown.body.string)")
            #expect(object(known)["agreed"] as? Bool == false && object(unknown)["agreed"] as? Bool == false)
            #expect(Set(object(known).keys) == Set(object(unknown).keys))

            // Both addresses are asked in the same words; the carer's page names neither account.
            let mail = try await OutboxMessageRecord.query(on: app.db).all().filter { $0.subject == "Someone says they help look after you" }
            #expect(Set(mail.map(\.recipient)) == ["moderator@alongside.example", "nobody-here@example.org"])
            let browser = Browser(app)
            try await browser.signIn("resident@alongside.example")
            let page = try await browser.get(SiteURL.caring(me).path).text
            #expect(!page.contains("Maya") && !page.contains("Croft"))
            #expect(page.contains("Auntie M") && page.contains("Uncle J"))
            #expect(page.components(separatedBy: "waiting for them to agree").count - 1 == 2)

            // FHIR: no reference to the other person's record while they have not agreed.
            let linkID = try #require(object(known)["id"] as? String)
            let fhir = try await api.send(app, .GET, "/fhir/RelatedPerson/\(linkID)", token: token)
            #expect(fhir.status == .ok && !fhir.body.string.contains("Patient/"))

            // The person asked sees a request they can agree to or refuse; once they agree, the carer sees them.
            let moderator = Browser(app)
            try await moderator.signIn("moderator@alongside.example")
            let moderatorID = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == "moderator@alongside.example").first()).$person.id
            let theirs = try await moderator.get(SiteURL.caring(moderatorID).path).text
            #expect(theirs.contains("waiting for you to agree") && theirs.contains("Refuse"))
            #expect(try await moderator.post(SiteURL.caringAgree(UUID(uuidString: linkID)!).path, []).status == .seeOther)
            #expect(try await browser.get(SiteURL.caring(me).path).text.contains("Maya Croft"))

            // Whoever registers later at the unknown address finds the request waiting.
            let newcomer = Browser(app)
            let registered = try await newcomer.register([("given_name", "Jim"), ("family_name", "Nobody"), ("email", "nobody-here@example.org"),
                                                          ("postcode", "la1 1aa"), ("password", "heron quay lantern")])
            #expect(registered.status == .seeOther)
            let jim = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == "nobody-here@example.org").first()).$person.id
            let request = try await newcomer.get(SiteURL.caring(jim).path).text
            #expect(request.contains("waiting for you to agree") && request.contains("Refuse"))
        }
    }
}
