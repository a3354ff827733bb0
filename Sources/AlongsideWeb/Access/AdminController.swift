import AlongsideCore
import AlongsideStore
import Vapor

/// Administrators invite staff and give roles.
struct AdminController: RouteCollection {
    struct InviteForm: Content { var email: String?; var roles: [String]?; var organisation: String? }
    struct GrantForm: Content { var grant_email: String?; var grant_role: String?; var grant_organisation: String? }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.adminUsers.pathComponents, use: users)
        routes.post(SiteURL.adminInvite.pathComponents, use: invite)
        routes.post(SiteURL.adminGrant.pathComponents, use: grant)
    }

    private func model(_ request: Request) async throws -> AdminPages.UsersModel {
        var model = AdminPages.UsersModel()
        model.staff = try await request.alongside.accounts.staff(on: request.db)
        model.organisations = try await request.alongside.accounts.organisations(on: request.db).map { ($0.id!.uuidString, $0.name) }
        return model
    }

    private func page(_ model: AdminPages.UsersModel, _ request: Request, status: HTTPStatus = .ok) -> Response {
        AdminPages.users(model, PageContext(request, title: "Users")).response(status: status)
    }

    func users(_ request: Request) async throws -> Response {
        try request.require(.manageUsers)
        return page(try await model(request), request)
    }

    /// The organisation chosen, required exactly when the organisation member role is.
    private func organisation(_ raw: String?, needed: Bool, field: String, _ request: Request) async throws -> OrganisationRecord? {
        guard needed else { return nil }
        guard let raw, let id = UUID(uuidString: raw), let org = try await OrganisationRecord.find(id, on: request.db) else {
            throw FieldError(field, "Choose the organisation this person is a member of")
        }
        return org
    }

    func invite(_ request: Request) async throws -> Response {
        try request.require(.inviteStaff)
        let form = try request.content.decode(InviteForm.self)
        var model = try await model(request)
        model.inviteEmail = form.email ?? ""
        model.inviteRoles = Set(form.roles ?? [])
        model.errorsFor = "invite"
        var v = FieldChecks()
        let email = v.check { try EmailAddress(form.email) }
        let roles = (form.roles ?? []).compactMap(Role.init(rawValue:)).filter(\.isStaff)
        if roles.isEmpty || roles.count != (form.roles ?? []).count { v.add("roles", "Choose at least one role") }
        let org = try await v.checkAsync { try await organisation(form.organisation, needed: roles.contains(.organisationMember), field: "organisation", request) }
        do {
            try v.finish()
            let token = SecretToken.generate()
            let services = request.alongside
            let link = services.configuration.publicURL + SiteURL.acceptInvitation.with([("token", token)])
            try await services.accounts.invite(
                email: email!, roles: roles, organisationID: org??.id, tokenHash: SecretToken.hash(token),
                invitedBy: request.signedIn?.personID, now: request.now,
                message: Emails.invitation(to: email!, roles: roles, organisation: org??.name, link: link), on: request.db)
        } catch let failure as ValidationFailure {
            model.errors = failure.errors
            return page(model, request, status: .unprocessableEntity)
        } catch let error as FieldError {
            model.errors = [error]
            return page(model, request, status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.adminUsers.with([("done", Notice.invited.rawValue)]), redirectType: .normal)
    }

    func grant(_ request: Request) async throws -> Response {
        let form = try request.content.decode(GrantForm.self)
        let role = form.grant_role.flatMap(Role.init(rawValue:))
        try request.require(.grantRole(role ?? .administrator))
        var model = try await model(request)
        model.grantEmail = form.grant_email ?? ""
        model.errorsFor = "grant"
        var v = FieldChecks()
        let email = v.check { try EmailAddress(form.grant_email, field: "grant_email") }
        if role == nil { v.add("grant_role", "Choose a role") }
        let org = try await v.checkAsync { try await organisation(form.grant_organisation, needed: role == .organisationMember, field: "grant_organisation", request) }
        do {
            try v.finish()
            let services = request.alongside
            guard let account = try await services.accounts.account(email: email!, on: request.db), account.closedAt == nil else {
                throw FieldError("grant_email", "No account uses this email address. Invite them instead.")
            }
            try await request.db.writeTransaction { tx in
                try await services.accounts.grant(role!, organisationID: org??.id, to: account, by: request.signedIn?.personID,
                                                  now: request.now, channel: request.channel, on: tx)
            }
        } catch let failure as ValidationFailure {
            model.errors = failure.errors
            return page(model, request, status: .unprocessableEntity)
        } catch let error as FieldError {
            model.errors = [error]
            return page(model, request, status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.adminUsers.with([("done", Notice.roleGranted.rawValue)]), redirectType: .normal)
    }
}

extension FieldChecks {
    /// Like `check`, for checks that need the database.
    mutating func checkAsync<T>(_ body: () async throws -> T) async throws -> T? {
        do { return try await body() } catch let error as FieldError {
            add(error.field, error.message)
            return nil
        }
    }
}
