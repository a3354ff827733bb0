import AlongsideCore
import AlongsideStore
import Vapor

/// Signing in and out of the pages.
struct SignInController: RouteCollection {
    struct SignInForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.signIn.pathComponents, use: show)
        routes.post(SiteURL.signIn.pathComponents, use: submit)
        routes.post(SiteURL.signOut.pathComponents, use: signOut)
    }

    private func model(_ request: Request) -> SignInPage.Model {
        var model = SignInPage.Model()
        model.next = (try? request.query.get(String.self, at: "next")) ?? ""
        if request.alongside.configuration.demoMode {
            model.demoAccounts = Role.allCases.map { ($0.title, DemoLoader.email(for: $0)) }
        }
        return model
    }

    func show(_ request: Request) async throws -> Response {
        if let me = request.signedIn {
            return request.redirect(to: try await SignInService.landing(personID: me.personID, roles: me.actor.roles, on: request.db))
        }
        return SignInPage.render(model(request), PageContext(request, title: "Sign in")).response()
    }

    func submit(_ request: Request) async throws -> Response {
        let form = try request.content.decode(SignInForm.self)
        do {
            let account = try await SignInService.check(email: form.email, password: form.password, on: request)
            let landing = try await SignInService.landing(for: account, on: request.db)
            let response = request.redirect(to: SignInService.safeNext(form.next, landing: landing), redirectType: .normal)
            try await SignInService.startBrowserSession(for: account, request: request, response: response)
            return response
        } catch let error as APIError where error.status == .tooManyRequests {
            var model = model(request)
            model.email = form.email ?? ""
            model.errors = [FieldError("email", error.message)]
            return SignInPage.render(model, PageContext(request, title: "Sign in")).response(status: .tooManyRequests)
        } catch let failure as ValidationFailure {
            return rerender(request, form, failure.errors)
        } catch let error as FieldError {
            return rerender(request, form, [error])
        }
    }

    private func rerender(_ request: Request, _ form: SignInForm, _ errors: [FieldError]) -> Response {
        var model = model(request)
        model.email = form.email ?? ""
        model.next = form.next ?? ""
        model.errors = errors
        return SignInPage.render(model, PageContext(request, title: "Sign in")).response(status: .unprocessableEntity)
    }

    func signOut(_ request: Request) async throws -> Response {
        if let signedIn = request.signedIn {
            try await request.alongside.accounts.endSession(tokenHash: signedIn.sessionTokenHash, on: request.db)
        }
        request.signedIn = nil
        request.rotateCSRFToken()
        let response = request.redirect(to: SiteURL.home.with([("done", Notice.signedOut.rawValue)]), redirectType: .normal)
        response.cookies[SessionMiddleware.cookieName] = SessionCookie.expired(request)
        return response
    }
}
