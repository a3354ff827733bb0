import Vapor

/// Headers on every response that keep pages from being framed, sniffed or made to run injected script.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let h = response.headers
        if !h.contains(name: "Content-Security-Policy") {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        }
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        // Password reset and invitation links carry tokens: never send them on to another site.
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        // Served over https, browsers are told to come back only over https for a year.
        if request.alongside.configuration.isSecure {
            response.headers.replaceOrAdd(name: .strictTransportSecurity, value: "max-age=31536000; includeSubDomains")
        }
        if !h.contains(name: .cacheControl) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}

/// A method an address does not take is a 405 naming those it does (`Allow`), before anything else reads the
/// request — not a 404 as if the address did not exist, nor a CSRF refusal suggesting a form expired.
struct MethodNotAllowedMiddleware: AsyncMiddleware {
    /// The application's routes, read when a request matched none (so every route registered later counts).
    let routes: Routes

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.route == nil {
            let segments = request.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            let allowed = Set(routes.all.filter { Self.matches($0.path, segments) }.map(\.method.rawValue))
            if !allowed.isEmpty, !allowed.contains(request.method.rawValue) {
                throw Abort(.methodNotAllowed, headers: ["Allow": allowed.sorted().joined(separator: ", ")])
            }
        }
        return try await next.respond(to: request)
    }

    static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        for (i, component) in pattern.enumerated() {
            switch component {
            case .catchall: return segments.count >= i
            case .constant(let text): if i >= segments.count || segments[i] != text { return false }
            case .parameter, .anything: if i >= segments.count { return false }
            }
        }
        return pattern.count == segments.count
    }
}
