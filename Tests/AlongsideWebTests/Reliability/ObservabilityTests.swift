import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

/// What an operator sees from outside: metrics behind a token, with route patterns and never an id, and
/// logs as JSON lines carrying each request's id.
@Suite struct ObservabilityTests {
    let token = "metrics-token-0123456789abcdef"

    @Test func thereAreNoMetricsUnlessATokenIsConfigured() async throws {
        try await withAlongside { app in
            let response = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(response.status == .notFound)
        }
    }

    @Test func metricsNeedTheTokenAndNameRoutesNotAddresses() async throws {
        try await withAlongside(demo: true) { app in
            app.alongside.configuration.metricsToken = token
            let browser = Browser(app)
            try await browser.signIn("link-worker@alongside.example")
            let someone = UUID()
            _ = try await browser.get(SiteURL.referral(someone).path)
            _ = try await browser.get("/no-such-page")

            #expect(try await app.testing().sendRequest(.GET, "/metrics").status == .unauthorized)
            var wrong = HTTPHeaders()
            wrong.bearerAuthorization = .init(token: String(token.dropLast()) + "x")
            let refused = try await app.testing().sendRequest(.GET, "/metrics", headers: wrong)
            #expect(refused.status == .unauthorized && refused.headers.first(name: .wwwAuthenticate) == "Bearer realm=\"metrics\"")

            var right = HTTPHeaders()
            right.bearerAuthorization = .init(token: token)
            let metrics = try await app.testing().sendRequest(.GET, "/metrics", headers: right)
            #expect(metrics.status == .ok)
            #expect(metrics.headers.contentType?.subType == "plain")
            let text = metrics.body.string
            #expect(text.contains(#"alongside_http_requests_total{method="POST",route="/sign-in",status="303"} 1"#))
            #expect(text.contains(#"alongside_http_requests_total{method="GET",route="/referrals/:id",status="#))
            #expect(text.contains(#"alongside_http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
            #expect(text.contains(#"alongside_http_request_duration_seconds_bucket{route="/sign-in",le="+Inf"} 2"#))
            #expect(text.contains(#"alongside_outbox_messages{status="pending"} "#))
            #expect(!text.contains(someone.uuidString.lowercased()) && !text.contains("no-such-page"), "no address, id or search is in the metrics")
            // Every family is declared before its samples, as the text format requires.
            for family in ["alongside_http_requests_total", "alongside_http_request_duration_seconds", "alongside_job_runs_total",
                           "alongside_emails_total", "alongside_outbox_messages"] {
                #expect(text.contains("# TYPE \(family) "), "\(family)")
            }
        }
    }

    @Test func eachAnswerCarriesTheRequestIdItsLogLinesHave() async throws {
        try await withAlongside { app in
            let response = try await app.testing().sendRequest(.GET, "/health", headers: ["X-Request-Id": "trace-42"])
            #expect(response.headers.first(name: "X-Request-Id") == "trace-42")
            let fresh = try await app.testing().sendRequest(.GET, "/health")
            #expect((fresh.headers.first(name: "X-Request-Id") ?? "").count >= 32)
        }
    }

    @Test func aJSONLogLineHoldsTheMessageLevelAndRequestId() throws {
        let lines = NIOLockedValueBox<[String]>([])
        var logger = Logger(label: "test") { label in JSONLogHandler(label: label, level: .info) { line in lines.withLockedValue { $0.append(line) } } }
        logger[metadataKey: "request-id"] = "abc-123"
        logger.debug("not written below info")
        logger.info("GET /services\nforged line", metadata: ["route": "/services"])
        let written = lines.withLockedValue { $0 }
        #expect(written.count == 1)
        #expect(!written[0].contains("\n"), "one event, one line")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: String])
        #expect(object["message"] == "GET /services\nforged line")
        #expect(object["level"] == "info" && object["label"] == "test")
        #expect(object["request-id"] == "abc-123" && object["route"] == "/services")
        #expect(object["time"].flatMap(UKDates.parseDateTime) != nil)
    }
}
