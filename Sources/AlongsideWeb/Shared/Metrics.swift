import AlongsideStore
import Foundation
import Vapor

/// What this process has counted since it started, for `/metrics` in the Prometheus text format: requests and
/// their durations by route (the route's pattern, such as `/referrals/:id`, never the address asked for, so no
/// id or search reaches the metrics), background job runs, and emails sent or failed.
final class Metrics: @unchecked Sendable {
    /// Upper bounds of the request duration buckets, in seconds.
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct RequestKey: Hashable { let method: String; let route: String; let status: String }
    private struct Histogram {
        var counts = [Int](repeating: 0, count: Metrics.buckets.count)
        var sum = 0.0
        var count = 0
    }

    private let lock = NSLock()
    private var requests: [RequestKey: Int] = [:]
    private var durations: [String: Histogram] = [:]
    private var jobRuns: [String: Int] = [:]
    private var jobFailures: [String: Int] = [:]
    private var emails: [String: Int] = [:]

    func observe(method: String, route: String, status: UInt, seconds: Double) {
        lock.withLock {
            requests[RequestKey(method: method, route: route, status: String(status)), default: 0] += 1
            var histogram = durations[route] ?? Histogram()
            for (i, bound) in Self.buckets.enumerated() where seconds <= bound { histogram.counts[i] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            durations[route] = histogram
        }
    }

    func jobRan(_ job: String, failed: Bool = false) {
        lock.withLock {
            jobRuns[job, default: 0] += 1
            if failed { jobFailures[job, default: 0] += 1 }
        }
    }

    func email(sent: Bool) {
        lock.withLock { emails[sent ? "sent" : "failed", default: 0] += 1 }
    }

    /// The exposition, with the outbox's state read from the database at the moment of asking.
    func exposition(outbox: [String: Int]) -> String {
        lock.withLock {
            var out = ""
            func family(_ name: String, _ type: String, _ help: String) { out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n" }
            func label(_ value: String) -> String {
                value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            }
            func number(_ value: Double) -> String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value) }

            family("alongside_http_requests_total", "counter", "Requests answered, by method, route pattern and status.")
            for (key, count) in requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
                out += "alongside_http_requests_total{method=\"\(label(key.method))\",route=\"\(label(key.route))\",status=\"\(key.status)\"} \(count)\n"
            }
            family("alongside_http_request_duration_seconds", "histogram", "Time to answer, by route pattern.")
            for (route, histogram) in durations.sorted(by: { $0.key < $1.key }) {
                for (i, bound) in Self.buckets.enumerated() {
                    out += "alongside_http_request_duration_seconds_bucket{route=\"\(label(route))\",le=\"\(number(bound))\"} \(histogram.counts[i])\n"
                }
                out += "alongside_http_request_duration_seconds_bucket{route=\"\(label(route))\",le=\"+Inf\"} \(histogram.count)\n"
                out += "alongside_http_request_duration_seconds_sum{route=\"\(label(route))\"} \(histogram.sum)\n"
                out += "alongside_http_request_duration_seconds_count{route=\"\(label(route))\"} \(histogram.count)\n"
            }
            family("alongside_job_runs_total", "counter", "Background job runs in this process, by job.")
            for (job, count) in jobRuns.sorted(by: { $0.key < $1.key }) { out += "alongside_job_runs_total{job=\"\(label(job))\"} \(count)\n" }
            family("alongside_job_failures_total", "counter", "Background job runs that failed, by job.")
            for (job, count) in jobFailures.sorted(by: { $0.key < $1.key }) { out += "alongside_job_failures_total{job=\"\(label(job))\"} \(count)\n" }
            family("alongside_emails_total", "counter", "Emails this process handed on (sent) or could not (failed, to be tried again).")
            for outcome in ["sent", "failed"] { out += "alongside_emails_total{outcome=\"\(outcome)\"} \(emails[outcome] ?? 0)\n" }
            family("alongside_outbox_messages", "gauge", "Emails in the outbox, by status (pending: waiting to leave; failed: given up, for an administrator).")
            for status in ["pending", "sent", "failed"] { out += "alongside_outbox_messages{status=\"\(status)\"} \(outbox[status] ?? 0)\n" }
            return out
        }
    }
}

/// Times and counts every request for `Metrics`, and hands back the request id so a report can be matched
/// to its log lines.
struct MetricsMiddleware: AsyncMiddleware {
    let metrics: Metrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            record(request, status: (error as? any AbortError)?.status.code ?? 500, since: started)
            throw error
        }
        record(request, status: response.status.code, since: started)
        response.headers.replaceOrAdd(name: "X-Request-Id", value: request.id)
        return response
    }

    private func record(_ request: Request, status: UInt, since started: ContinuousClock.Instant) {
        let seconds = BenchCommand.seconds(since: started)
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        metrics.observe(method: request.method.rawValue, route: route, status: status, seconds: seconds)
    }
}
