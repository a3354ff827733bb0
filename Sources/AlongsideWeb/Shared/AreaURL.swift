import Foundation
import Vapor

/// An area's addresses (`VoiceURL`, `TimeBankURL`, `RoomsURL`…): each case's path, the route it registers (each id in it
/// as `:id`), and the path with a query.
protocol AreaURL {
    var path: String { get }
}

extension AreaURL {
    var pathComponents: [PathComponent] { VoiceURL.routeParts(path) }

    func with(_ query: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return path + "?" + (components.percentEncodedQuery ?? "")
    }
}

extension Request {
    /// The `:id` of an area's address, or a 404 when it is not an id.
    func idParameter() throws -> UUID {
        guard let text = parameters.get("id"), let id = UUID(uuidString: text) else { throw Abort(.notFound, reason: "There is nothing at this address.") }
        return id
    }
}
