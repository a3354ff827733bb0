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
