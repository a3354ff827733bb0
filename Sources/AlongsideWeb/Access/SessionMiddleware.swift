import AlongsideCore
import AlongsideStore
import Vapor

/// Finds who is signed in. Pages use the `alongside_session` cookie; the API uses `Authorization: Bearer`
/// only (and so does FHIR), so a cookie can never make an API call on someone's behalf.
struct SessionMiddleware: AsyncMiddleware {
    static let cookieName = "alongside_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let isAPI = request.url.path.hasPrefix("/api/") || request.url.path.hasPrefix("/fhir/")
        let token: String?
        if isAPI {
            token = request.headers.bearerAuthorization?.token
        } else {
            token = request.cookies[Self.cookieName]?.string
        }
        var staleCookie = false
        if let token, !token.isEmpty, token.count < 200 {
            let hash = SecretToken.hash(token)
            let services = request.alongside
            if let (session, account) = try await services.accounts.session(
                tokenHash: hash, kind: isAPI ? .api : .browser, now: request.now, on: request.db)
            {
                let roles = try await services.accounts.roles(of: account.id!, on: request.db)
                request.signedIn = SignedIn(
                    accountID: account.id!, personID: account.$person.id, name: account.person.fullName,
                    email: account.email,
                    actor: Actor(personID: account.$person.id, roles: Set(roles.map(\.role)),
                                 organisationIDs: Set(roles.compactMap(\.organisationID))),
                    roles: roles, sessionTokenHash: hash)
                if !isAPI {
                    try await services.accounts.renew(session, now: request.now,
                                                      lifetime: TokenLifetimes.browserSession, on: request.db)
                }
            } else {
                // Expired, signed out elsewhere, or tampered with: treat as signed out and clear it.
                staleCookie = !isAPI
            }
        }
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            // Answer here rather than further out, so a stale cookie is cleared on error pages too.
            response = ErrorResponder().respond(to: error, for: request)
        }
        if staleCookie && response.cookies[Self.cookieName] == nil {
            response.cookies[Self.cookieName] = SessionCookie.expired(request)
        }
        return response
    }
}

/// The session cookie's settings: HttpOnly, SameSite=Lax, Secure when the public URL is https.
enum SessionCookie {
    static func make(_ token: String, _ request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, maxAge: Int(TokenLifetimes.browserSession), path: "/",
                          isSecure: request.alongside.configuration.isSecure, isHTTPOnly: true, sameSite: .lax)
    }

    static func expired(_ request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
                          isSecure: request.alongside.configuration.isSecure, isHTTPOnly: true, sameSite: .lax)
    }
}
