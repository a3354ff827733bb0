import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Checks an email and password, counting failures in the database so every app server applies the same
/// limits (per account and per network address).
enum SignInService {
    /// The one answer for an unknown email, a wrong password and a closed account alike, so a guesser learns nothing.
    static let wrongCredentials = FieldError("email", "Enter a correct email address and password")

    static func check(email rawEmail: String?, password: String?, on request: Request) async throws -> AccountRecord {
        var validator = FieldChecks()
        let email = validator.check { try EmailAddress(rawEmail) }
        if (password ?? "").isEmpty { validator.add("password", "Enter your password") }
        try validator.finish()

        let services = request.alongside
        let now = request.now
        let address = request.clientAddress
        let throttle = SignInThrottle()
        let failures = try await services.accounts.failures(
            email: email!.value, address: address, since: now.addingTimeInterval(-throttle.window), on: request.db)
        if case .denied(let reason) = throttle.decide(failuresForAccount: failures.account, failuresFromAddress: failures.address) {
            throw APIError(status: .tooManyRequests, code: "rate_limited", message: reason, field: "email")
        }
        let account = try await services.accounts.account(email: email!, on: request.db)
        let hash: String
        if let account, account.closedAt == nil { hash = account.passwordHash } else { hash = try await request.application.decoyPasswordHash }
        let matches = try await request.verifyPassword(password!, against: hash)
        guard let account, matches, account.closedAt == nil else {
            try await services.accounts.recordAttempt(email: email!.value, address: address, succeeded: false, now: now, on: request.db)
            throw wrongCredentials
        }
        // Said only to someone who knows the password: a guesser learns nothing.
        if account.suspendedAt != nil {
            throw FieldError("email", "This account is suspended. Ask your administrator to restore it.")
        }
        try await services.accounts.recordAttempt(email: email!.value, address: address, succeeded: true, now: now, on: request.db)
        return account
    }

    /// Starts a browser session: a new random token in the cookie, a new CSRF token.
    static func startBrowserSession(for account: AccountRecord, request: Request, response: Response) async throws {
        let token = SecretToken.generate()
        _ = try await request.alongside.accounts.createSession(
            tokenHash: SecretToken.hash(token), for: account, kind: .browser, now: request.now,
            lifetime: TokenLifetimes.browserSession, on: request.db)
        response.cookies[SessionMiddleware.cookieName] = SessionCookie.make(token, request)
        request.rotateCSRFToken()
    }

    /// The page someone's own work is on (`Landing`), for after they sign in.
    static func landing(personID: UUID, roles: Set<Role>, on db: any Database) async throws -> String {
        var hasSupport = false
        if roles.contains(.resident) { hasSupport = !(try await Referrals().about(person: personID, on: db).isEmpty) }
        return switch Landing.of(roles, hasSupport: hasSupport) {
        case .teamQueue: SiteURL.team.path
        case .caseload: SiteURL.referrals.path
        case .refer: SiteURL.newReferral.path
        case .communityReferrals: SiteURL.organisationReferrals.path
        case .reviewQueue: SiteURL.reviews.path
        case .moderationQueue: VoiceURL.moderation.path
        case .insight: InsightURL.dashboards.path
        case .timeBankQueue: TimeBankURL.coordinate.path
        case .mySupport: SiteURL.mySupport.path
        case .home: SiteURL.home.path
        }
    }

    static func landing(for account: AccountRecord, on db: any Database) async throws -> String {
        let roles = Set(try await Accounts().roles(of: account.id!, on: db).map(\.role))
        return try await landing(personID: account.$person.id, roles: roles, on: db)
    }

    /// Only a same-site path of safe characters is followed after sign-in, so a link can neither bounce someone
    /// to another site (`//evil`, `/\\evil`, `/<tab>/evil`) nor put a header into the answer (CR, LF).
    static func safeNext(_ next: String?, landing: String) -> String {
        guard let next, SafePath.isSameSite(next) else { return landing }
        return next
    }
}
