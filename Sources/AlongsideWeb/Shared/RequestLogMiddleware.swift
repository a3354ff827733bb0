import AlongsideCore
import Vapor

/// Logs each request's method and path, with control characters escaped, so an address holding `%0A` or `%0D`
/// cannot write a forged line into the log (Vapor's own `RouteLoggingMiddleware` decodes them as they came).
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.logger.info("\(request.method) \(LogText.escaped(request.url.path.removingPercentEncoding ?? request.url.path))")
        return try await next.respond(to: request)
    }
}

/// Text made safe for one log line: every control character (line breaks, tabs, escape, NUL, DEL and the
/// Unicode line and paragraph separators) is written as `\u{…}`, and a backslash as two.
enum LogText {
    static func escaped(_ text: String) -> String {
        Text.escaping(text) { scalar in
            if scalar == "\\" { return "\\\\" }
            return Text.isControl(scalar) ? "\\u{" + String(scalar.value, radix: 16) + "}" : nil
        }
    }
}
