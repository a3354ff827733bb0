import AlongsideCore
import AlongsideStore
import Vapor

/// Residents create their own accounts.
struct RegisterController: RouteCollection {
    struct RegisterForm: Content {
        var given_name: String?
        var family_name: String?
        var email: String?
        var postcode: String?
        var password: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.register.pathComponents, use: show)
        routes.post(SiteURL.register.pathComponents, use: submit)
        routes.get(SiteURL.registerSent.pathComponents, use: sent)
        routes.get(SiteURL.registerConfirm.pathComponents, use: showConfirm)
        routes.post(SiteURL.registerConfirm.pathComponents, use: confirm)
    }

    struct ConfirmForm: Content { var token: String? }

    func show(_ request: Request) async throws -> Response {
        if request.signedIn != nil { return request.redirect(to: SiteURL.myAccount.path) }
        return RegisterPage.render(.init(), PageContext(request, title: "Create an account")).response()
    }

    func submit(_ request: Request) async throws -> Response {
        try request.require(.registerAsResident)
        let form = try request.content.decode(RegisterForm.self)
        var model = RegisterPage.Model(givenName: form.given_name ?? "", familyName: form.family_name ?? "",
                                       email: form.email ?? "", postcode: form.postcode ?? "")
        do {
            let new = try await Self.validate(form, request)
            if let refusal = try await EmailingForms.refusal("register", field: "email", request) {
                model.errors = [refusal]
                return RegisterPage.render(model, PageContext(request, title: "Create an account")).response(status: .tooManyRequests)
            }
            // The password is hashed whether or not the address is free, so the answer takes as long either way.
            let hash = try await request.hashPassword(form.password ?? "")
            let services = request.alongside
            let token = SecretToken.generate()
            let emails = RegistrationEmails(
                confirm: Emails.confirmRegistration(to: new.email, link: services.configuration.publicURL + SiteURL.registerConfirm.with([("token", token)])),
                alreadyRegistered: Emails.alreadyRegistered(to: new.email, signIn: services.configuration.publicURL + SiteURL.signIn.path,
                                                            reset: services.configuration.publicURL + SiteURL.forgotPassword.path))
            try await services.accounts.startRegistration(new, passwordHash: hash, tokenHash: SecretToken.hash(token), emails: emails,
                                                          now: request.now, on: request.db)
            return request.redirect(to: SiteURL.registerSent.path, redirectType: .normal)
        } catch let failure as ValidationFailure {
            model.errors = failure.errors
        } catch let error as FieldError {
            model.errors = [error]
        }
        return RegisterPage.render(model, PageContext(request, title: "Create an account")).response(status: .unprocessableEntity)
    }

    func sent(_ request: Request) async throws -> Response {
        RegisterPage.sent(PageContext(request, title: "Check your email")).response()
    }

    private func problem(_ token: String, _ request: Request) async throws -> String? {
        guard !token.isEmpty, token.count < 200,
              try await request.alongside.accounts.pendingRegistration(tokenHash: SecretToken.hash(token), now: request.now, on: request.db) != nil
        else { return Accounts.registrationLinkUnusable.message }
        return nil
    }

    func showConfirm(_ request: Request) async throws -> Response {
        let token = (try? request.query.get(String.self, at: "token")) ?? ""
        let problem = try await problem(token, request)
        return RegisterPage.confirm(token: token, problem: problem, PageContext(request, title: "Finish creating your account"))
            .response(status: problem == nil ? .ok : .gone)
    }

    func confirm(_ request: Request) async throws -> Response {
        let token = try request.content.decode(ConfirmForm.self).token ?? ""
        let context = PageContext(request, title: "Finish creating your account")
        let account: AccountRecord
        do {
            // The store finds the link (once, in the transaction that uses it) and says if it cannot be used.
            guard !token.isEmpty, token.count < 200 else { throw Accounts.registrationLinkUnusable }
            account = try await request.alongside.accounts.completeRegistration(tokenHash: SecretToken.hash(token), now: request.now,
                                                                                channel: request.channel, on: request.db)
        } catch let error as FieldError {
            return RegisterPage.confirm(token: "", problem: error.message, context).response(status: .gone)
        }
        let response = request.redirect(to: SiteURL.myAccount.with([("done", Notice.registered.rawValue)]), redirectType: .normal)
        try await SignInService.startBrowserSession(for: account, request: request, response: response)
        return response
    }

    /// Checks every field, and that the postcode is one Alongside knows.
    static func validate(_ form: RegisterForm, _ request: Request) async throws -> NewResident {
        var v = FieldChecks()
        let given = v.check { try Text.required(form.given_name, field: "given_name", label: "your first name", maxLength: 100) }
        let family = v.check { try Text.required(form.family_name, field: "family_name", label: "your last name", maxLength: 100) }
        let email = v.check { try EmailAddress(form.email) }
        let postcode = v.check { try Postcode(form.postcode) }
        v.check { try PasswordRules.check(form.password ?? "") }
        if let postcode, try await request.alongside.geography.place(for: postcode, on: request.db) == nil {
            v.add("postcode", "We do not know the postcode \(postcode.value). Check it, or use the postcode of somewhere nearby in the area Alongside covers.")
        }
        try v.finish()
        return NewResident(givenName: given!, familyName: family!, email: email!, postcode: postcode!.value)
    }
}
