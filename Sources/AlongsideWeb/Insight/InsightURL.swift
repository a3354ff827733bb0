import Foundation
import Vapor

/// Insight's addresses: routes are registered from these values and links made from them.
enum InsightURL {
    case dashboards, referrals, referralsCSV, apiReferrals, apiReferralsCSV

    var path: String {
        switch self {
        case .dashboards: "/insight"
        case .referrals: "/insight/referrals"
        case .referralsCSV: "/insight/referrals.csv"
        case .apiReferrals: "/api/v1/insight/referrals"
        case .apiReferralsCSV: "/api/v1/insight/referrals.csv"
        }
    }

    var pathComponents: [PathComponent] { VoiceURL.routeParts(path) }

    func with(_ query: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return path + "?" + (components.percentEncodedQuery ?? "")
    }
}
