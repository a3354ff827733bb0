import Foundation
import Vapor

/// The Open Referral UK 3.0 API description, as published by OpenReferralUK/uk-profile (CC BY-SA 4.0), which
/// this API follows.
enum ORUKOpenAPI {
    static let data: Data = {
        guard let url = Bundle.module.url(forResource: "oruk-openapi", withExtension: "json", subdirectory: "Public"),
              let data = try? Data(contentsOf: url) else { return Data("{}".utf8) }
        return data
    }()

    static func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
