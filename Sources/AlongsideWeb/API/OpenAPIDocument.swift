import Foundation
import Vapor

/// The API's OpenAPI 3 description, written by hand beside the routes and kept true by a test that compares
/// it with the routes registered.
enum OpenAPIDocument {
    static let data: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Public"),
              let data = try? Data(contentsOf: url) else { return Data("{}".utf8) }
        return data
    }()

    static func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
