import AlongsideCore
@testable import AlongsideWeb
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct ORUKTests {
    func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
    }

    @Test func theDemoDirectoryIsServedPagedAndOpenToAnyOrigin() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let response = try await app.testing().sendRequest(.GET, "/oruk/services?per_page=10&page=2")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .accessControlAllowOrigin) == "*")
            let page = try json(response)
            #expect(page["total_items"] as? Int == 300)
            #expect(page["total_pages"] as? Int == 30)
            #expect(page["page_number"] as? Int == 2)
            #expect(page["first_page"] as? Bool == false)
            #expect((page["contents"] as! [Any]).count == 10)
        }
    }

    @Test func searchingNearAPostcodeReturnsOnlyNearbyMatches() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let response = try await app.testing().sendRequest(.GET, "/oruk/services?search=walking&postcode=la1%201aa&proximity=3000&full=true")
            let contents = try json(response)["contents"] as! [[String: Any]]
            #expect(!contents.isEmpty)
            for service in contents {
                let text = ((service["name"] as! String) + (service["description"] as! String)).lowercased()
                #expect(text.contains("walk"))
            }
        }
    }

    @Test(arguments: [("page=-1", "page"), ("per_page=100000", "per_page"), ("day=Funday", "day"),
                      ("postcode=ZZ9%209ZZ", "postcode"), ("proximity=abc&postcode=LA1%201AA", "proximity")])
    func aBadParameterIsA400NamingIt(_ bad: (String, String)) async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let response = try await app.testing().sendRequest(.GET, "/oruk/services?\(bad.0)")
            #expect(response.status == .badRequest)
            #expect((try json(response)["error"] as! [String: Any])["field"] as? String == bad.1)
            #expect(response.headers.first(name: .accessControlAllowOrigin) == "*")
        }
    }

    @Test func idsAreLowerCaseAndResolve() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let list = try json(try await app.testing().sendRequest(.GET, "/oruk/taxonomy_terms?per_page=100"))
            let terms = list["contents"] as! [[String: Any]]
            #expect(terms.count == 16)
            let id = terms[0]["id"] as! String
            #expect(id == id.lowercased())
            let one = try await app.testing().sendRequest(.GET, "/oruk/taxonomy_terms/\(id)")
            #expect(one.status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/oruk/services/not-an-id").status == .notFound)
        }
    }
}
