import AlongsideStore
import NIOConcurrencyHelpers
import Vapor

/// Public directory answers (ORUK list pages) made once and served again until the directory changes: each
/// answer is kept under its address and the directory version it was made from, and a change to any listing
/// moves the version on, so nothing older than the last change is ever served.
final class DirectoryResponseCache: Sendable {
    private struct Entry {
        let version: Int64
        let body: ByteBuffer
        let contentType: String
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    static let capacity = 2_000

    /// The answer for this request: from the cache when it was made at the current version, else made now.
    func respond<T: Content>(to request: Request, _ make: () async throws -> T) async throws -> Response {
        let version = try await request.alongside.directorySearch.currentVersion(on: request.db)
        let key = Self.key(request)
        if let entry = entries.withLockedValue({ $0[key] }), entry.version == version {
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: entry.contentType)
            return Response(status: .ok, headers: headers, body: .init(buffer: entry.body))
        }
        let response = Response(status: .ok)
        try response.content.encode(try await make())
        if let body = response.body.buffer {
            let entry = Entry(version: version, body: body, contentType: response.headers.first(name: .contentType) ?? "application/json; charset=utf-8")
            entries.withLockedValue { entries in
                if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
                entries[key] = entry
            }
        }
        return response
    }

    /// The path and its parameters in a fixed order, so the same question asked differently is one entry.
    static func key(_ request: Request) -> String {
        let items = URLComponents(string: request.url.string)?.queryItems ?? []
        return request.url.path + "?" + items.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
            .map { $0.name + "=" + ($0.value ?? "") }.joined(separator: "&")
    }
}
