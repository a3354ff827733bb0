import Vapor

/// Cross-site request forgery protection for forms: each browser gets a random token in an HttpOnly,
/// SameSite=Lax cookie, every form carries the same token in a hidden field, and a form post whose field does
/// not match its cookie is refused with 403. The JSON API is exempt because it accepts only bearer tokens.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "alongside_csrf"
    static let fieldName = "csrf_token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let cookie = request.cookies[Self.cookieName]?.string
        let existing = cookie?.count == 43 ? cookie : nil
        let token = existing ?? SecretToken.generate()
        request.csrfToken = token
        let unsafe = ![.GET, .HEAD, .OPTIONS].contains(request.method)
        if unsafe && !request.url.path.hasPrefix("/api/") {
            // The body may still be arriving: read all of it (up to the route limit) before looking for the
            // token, so a form sent in several pieces is not taken for a forged one. Too big is a 413.
            try await Self.collectBody(of: request)
            let sent = (try? request.content.get(String.self, at: Self.fieldName)) ?? ""
            guard let existing, constantTimeEqual(sent, existing) else {
                throw Abort(.forbidden, reason: "This form has expired or did not come from Alongside. Go back, reload the page and try again.")
            }
        }
        let response = try await next.respond(to: request)
        if existing == nil || request.csrfRotated {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: request.csrfToken, maxAge: 7 * 24 * 3600, path: "/",
                isSecure: request.alongside.configuration.isSecure, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    /// The most a form may send; a larger body is refused with 413 before anything reads it.
    static let maxFormBody: ByteCount = "256kb"

    static func collectBody(of request: Request) async throws {
        // The same limit the route would apply when it collects the body (set from `maxFormBody` in `configure`).
        let size = request.application.routes.defaultMaxBodySize.value
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > size {
            throw Abort(.payloadTooLarge)
        }
        do {
            _ = try await request.body.collect(max: size).get()
        } catch let error as any AbortError where error.status == .payloadTooLarge {
            throw Abort(.payloadTooLarge)
        }
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    private struct CSRFKey: StorageKey { typealias Value = String }
    private struct RotatedKey: StorageKey { typealias Value = Bool }

    /// The token every form on this page must carry.
    var csrfToken: String {
        get { storage[CSRFKey.self] ?? "" }
        set { storage[CSRFKey.self] = newValue }
    }

    var csrfRotated: Bool { storage[RotatedKey.self] ?? false }

    /// Gives the browser a new token (at sign-in and sign-out), so a token seen before cannot be reused.
    func rotateCSRFToken() {
        csrfToken = SecretToken.generate()
        storage[RotatedKey.self] = true
    }
}
