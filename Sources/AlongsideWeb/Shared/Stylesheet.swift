import Crypto
import Foundation
import Vapor

/// The one stylesheet, read once and served with a long cache lifetime under a versioned address.
enum Stylesheet {
    static let css: String = {
        guard let url = Bundle.module.url(forResource: "alongside", withExtension: "css", subdirectory: "Public"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }()

    static let version: String = SHA256.hash(data: Data(css.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()

    static var versionedPath: String { SiteURL.stylesheet.path + "?v=" + version }

    static func response(_ request: Request) -> Response {
        let etag = "\"\(version)\""
        if request.headers.first(name: .ifNoneMatch) == etag {
            return Response(status: .notModified, headers: ["ETag": etag])
        }
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        headers.replaceOrAdd(name: .eTag, value: etag)
        return Response(status: .ok, headers: headers, body: .init(string: css))
    }
}
