import AlongsideCore
import AlongsideStore
import Vapor

/// Forgotten, reset and changed passwords.
struct PasswordController: RouteCollection {
    struct EmailForm: Content { var email: String? }
    struct ResetForm: Content { var token: String?; var password: String? }
    struct ChangeForm: Content { var current_password: String?; var new_password: String? }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.forgotPassword.pathComponents, use: showForgot)
        routes.post(SiteURL.forgotPassword.pathComponents, use: submitForgot)
        routes.get(SiteURL.resetPassword.pathComponents, use: showReset)
        routes.post(SiteURL.resetPassword.pathComponents, use: submitReset)
        routes.get(SiteURL.changePassword.pathComponents, use: showChange)
        routes.post(SiteURL.changePassword.pathComponents, use: submitChange)
    }

    func showForgot(_ request: Request) async throws -> Response {
        PasswordPages.forgot(.init(), PageContext(request, title: "Reset your password")).response()
    }

    func submitForgot(_ request: Request) async throws -> Response {
        let form = try request.content.decode(EmailForm.self)
        let email: EmailAddress
        do { email = try EmailAddress(form.email) } catch let error as FieldError {
            return PasswordPages.forgot(.init(email: form.email ?? "", errors: [error]),
                                        PageContext(request, title: "Reset your password")).response(status: .unprocessableEntity)
        }
        if let refusal = try await EmailingForms.refusal("forgot-password", field: "email", request) {
            return PasswordPages.forgot(.init(email: form.email ?? "", errors: [refusal]),
                                        PageContext(request, title: "Reset your password")).response(status: .tooManyRequests)
        }
        let services = request.alongside
        if let account = try await services.accounts.account(email: email, on: request.db), account.closedAt == nil {
            let token = SecretToken.generate()
            let link = services.configuration.publicURL + SiteURL.resetPassword.with([("token", token)])
            try await services.accounts.startPasswordReset(
                for: account, tokenHash: SecretToken.hash(token), now: request.now,
                message: Emails.passwordReset(to: account.email, link: link), on: request.db)
        }
        // The same answer whether or not the address has an account.
        return request.redirect(to: SiteURL.signIn.with([("done", Notice.resetSent.rawValue)]), redirectType: .normal)
    }

    private func usableReset(_ token: String, _ request: Request) async throws -> (PasswordResetRecord?, String?) {
        guard !token.isEmpty, token.count < 200,
              let reset = try await request.alongside.accounts.passwordReset(tokenHash: SecretToken.hash(token), on: request.db)
        else { return (nil, "This password reset link is not valid. Check you copied the whole link from the email.") }
        if let problem = TokenLifetimes.problem(expiresAt: reset.expiresAt, usedAt: reset.usedAt, now: request.now, what: "password reset") {
            return (nil, problem)
        }
        return (reset, nil)
    }

    func showReset(_ request: Request) async throws -> Response {
        let token = (try? request.query.get(String.self, at: "token")) ?? ""
        let (_, problem) = try await usableReset(token, request)
        return PasswordPages.reset(.init(token: token, linkProblem: problem),
                                   PageContext(request, title: "Choose a new password")).response(status: problem == nil ? .ok : .gone)
    }

    func submitReset(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ResetForm.self)
        let token = form.token ?? ""
        let (reset, problem) = try await usableReset(token, request)
        let context = PageContext(request, title: "Choose a new password")
        guard let reset else { return PasswordPages.reset(.init(linkProblem: problem), context).response(status: .gone) }
        do {
            try PasswordRules.check(form.password ?? "")
            let hash = try await request.hashPassword(form.password ?? "")
            try await request.alongside.accounts.completePasswordReset(reset, newHash: hash, now: request.now,
                                                                      channel: "POST \(SiteURL.resetPassword.path)", on: request.db)
        } catch let error as FieldError {
            return PasswordPages.reset(.init(token: token, errors: [error]), context).response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.signIn.with([("done", Notice.passwordReset.rawValue)]), redirectType: .normal)
    }

    func showChange(_ request: Request) async throws -> Response {
        try request.require(.changeOwnPassword)
        return PasswordPages.change(.init(), PageContext(request, title: "Change your password", breadcrumbs: accountCrumbs)).response()
    }

    func submitChange(_ request: Request) async throws -> Response {
        try request.require(.changeOwnPassword)
        let signedIn = try request.requireSignedIn()
        let form = try request.content.decode(ChangeForm.self)
        let services = request.alongside
        var v = FieldChecks()
        guard let account = try await services.accounts.account(id: signedIn.accountID, on: request.db) else { throw SignInRequired() }
        if (form.current_password ?? "").isEmpty {
            v.add("current_password", "Enter your current password")
        } else if try await !request.verifyPassword(form.current_password!, against: account.passwordHash) {
            v.add("current_password", "Your current password is not correct")
        }
        v.check { try PasswordRules.check(form.new_password ?? "", field: "new_password") }
        if !v.errors.isEmpty {
            return PasswordPages.change(.init(errors: v.errors), PageContext(request, title: "Change your password", breadcrumbs: accountCrumbs))
                .response(status: .unprocessableEntity)
        }
        let hash = try await request.hashPassword(form.new_password!)
        try await services.accounts.changePassword(of: account, to: hash, action: .changedPassword, now: request.now,
                                                   channel: request.channel, on: request.db)
        // This browser stays signed in with a fresh session; every other one was signed out.
        let response = request.redirect(to: SiteURL.myAccount.with([("done", Notice.passwordChanged.rawValue)]), redirectType: .normal)
        try await SignInService.startBrowserSession(for: account, request: request, response: response)
        return response
    }

    private var accountCrumbs: [NavigationLink] { [NavigationLink(title: "My account", path: SiteURL.myAccount.path)] }
}
