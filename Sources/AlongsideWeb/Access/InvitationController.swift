import AlongsideCore
import AlongsideStore
import Vapor

/// Staff accept the invitation an administrator sent them.
struct InvitationController: RouteCollection {
    struct AcceptForm: Content {
        var token: String?
        var given_name: String?
        var family_name: String?
        var password: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.acceptInvitation.pathComponents, use: show)
        routes.post(SiteURL.acceptInvitation.pathComponents, use: accept)
    }

    private func find(_ token: String, _ request: Request) async throws -> (InvitationRecord?, String?) {
        guard !token.isEmpty, token.count < 200,
              let invitation = try await request.alongside.accounts.invitation(tokenHash: SecretToken.hash(token), on: request.db)
        else { return (nil, "This invitation link is not valid. Check you copied the whole link from the email.") }
        if let problem = TokenLifetimes.problem(expiresAt: invitation.expiresAt, usedAt: invitation.usedAt,
                                                now: request.now, what: "invitation") {
            return (nil, problem)
        }
        return (invitation, nil)
    }

    private func model(_ invitation: InvitationRecord, token: String) -> InvitationPage.Model {
        let roles = invitation.roles.split(separator: ",").compactMap { Role(rawValue: String($0)) }.map { role in
            role == .organisationMember ? "\(role.title) of \(invitation.organisation?.name ?? "an organisation")" : role.title
        }
        return InvitationPage.Model(token: token, email: invitation.email, roles: roles)
    }

    func show(_ request: Request) async throws -> Response {
        let token = (try? request.query.get(String.self, at: "token")) ?? ""
        let (invitation, problem) = try await find(token, request)
        let context = PageContext(request, title: "Join Alongside")
        guard let invitation else { return InvitationPage.render(.init(linkProblem: problem), context).response(status: .gone) }
        var model = model(invitation, token: token)
        if let known = invitation.personID, let person = try await PersonRecord.find(known, on: request.db) {
            model.givenName = person.givenName
            model.familyName = person.familyName
        }
        return InvitationPage.render(model, context).response()
    }

    func accept(_ request: Request) async throws -> Response {
        let form = try request.content.decode(AcceptForm.self)
        let token = form.token ?? ""
        let (invitation, problem) = try await find(token, request)
        let context = PageContext(request, title: "Join Alongside")
        guard let invitation else { return InvitationPage.render(.init(linkProblem: problem), context).response(status: .gone) }
        var model = model(invitation, token: token)
        model.givenName = form.given_name ?? ""
        model.familyName = form.family_name ?? ""
        var v = FieldChecks()
        let given = v.check { try Text.required(form.given_name, field: "given_name", label: "your first name", maxLength: 100) }
        let family = v.check { try Text.required(form.family_name, field: "family_name", label: "your last name", maxLength: 100) }
        v.check { try PasswordRules.check(form.password ?? "") }
        guard v.errors.isEmpty, let given, let family else {
            model.errors = v.errors
            return InvitationPage.render(model, context).response(status: .unprocessableEntity)
        }
        let hash = try await request.hashPassword(form.password!)
        let account: AccountRecord
        do {
            account = try await request.alongside.accounts.accept(
                invitation, with: .init(givenName: given, familyName: family, passwordHash: hash), now: request.now,
                channel: "POST \(SiteURL.acceptInvitation.path)", on: request.db)
        } catch let error as FieldError {
            return InvitationPage.render(.init(linkProblem: error.message), context).response(status: .gone)
        }
        let next = invitation.personID == nil ? SiteURL.myAccount : SiteURL.mySupport
        let response = request.redirect(to: next.with([("done", Notice.invitationAccepted.rawValue)]), redirectType: .normal)
        try await SignInService.startBrowserSession(for: account, request: request, response: response)
        return response
    }
}
