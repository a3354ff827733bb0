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
    }

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
            let hash = try await request.hashPassword(form.password ?? "")
            let account = try await request.alongside.accounts.createResident(
                new, passwordHash: hash, now: request.now, channel: request.channel, on: request.db)
            let response = request.redirect(to: SiteURL.myAccount.with([("done", Notice.registered.rawValue)]), redirectType: .normal)
            try await SignInService.startBrowserSession(for: account, request: request, response: response)
            return response
        } catch let failure as ValidationFailure {
            model.errors = failure.errors
        } catch let error as FieldError {
            model.errors = [error]
        }
        return RegisterPage.render(model, PageContext(request, title: "Create an account")).response(status: .unprocessableEntity)
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
