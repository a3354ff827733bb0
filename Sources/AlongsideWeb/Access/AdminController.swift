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
        routes.post(SiteURL.adminRemoveRole(UUID()).pathComponents, use: removeRole)
        routes.post(SiteURL.adminSuspension(UUID()).pathComponents, use: suspension)
        routes.post(SiteURL.adminResendInvitation(UUID()).pathComponents, use: resend)
    }

    private func model(_ request: Request) async throws -> AdminPages.UsersModel {
        var model = AdminPages.UsersModel()
        let staff = try await request.alongside.accounts.staff(on: request.db)
        model.search = String(((try? request.query.get(String.self, at: "q")) ?? "").trimmed.prefix(100))
        model.staffCount = staff.count
        model.staff = AdminPages.matching(staff, model.search)
        model.invitations = try await request.alongside.accounts.pendingInvitations(on: request.db)
        model.now = request.now
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

    private func id(_ request: Request) throws -> UUID {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else { throw Abort(.notFound) }
        return id
    }

    private func failed(_ error: FieldError, _ request: Request) async throws -> Response {
        var model = try await model(request)
        model.errors = [FieldError("staff", error.message)]
        return page(model, request, status: .unprocessableEntity)
    }

    struct ConfirmForm: Content { var confirmed: String?; var suspend: String? }

    /// Takes a role away, after asking.
    func removeRole(_ request: Request) async throws -> Response {
        try request.require(.manageUsers)
        let me = try request.requireSignedIn()
        let grantID = try id(request)
        let form = try request.content.decode(ConfirmForm.self)
        guard let member = try await request.alongside.accounts.staff(on: request.db).first(where: { $0.grantIDs.contains(grantID) }),
              let index = member.grantIDs.firstIndex(of: grantID) else {
            return try await failed(FieldError("role", "That role has already been taken away."), request)
        }
        if !Confirmation.isConfirmed(form.confirmed) {
            let held = member.roles[index]
            let title = held.organisationName.map { "\(held.role.title) (\($0))" } ?? held.role.title
            let confirmation = Confirmation(
                question: "Take \(title.lowercased()) away from \(member.name)?",
                consequences: ["From their next page, \(member.name) can no longer do what \(title.lowercased()) allows.",
                               "It is written in the audit log. You can give the role back later."],
                action: SiteURL.adminRemoveRole(grantID).path, hidden: [], button: "Yes, take the role away", back: SiteURL.adminUsers.path)
            return confirmation.page(PageContext(request, title: confirmation.question,
                                                 breadcrumbs: [NavigationLink(title: "Users", path: SiteURL.adminUsers.path)])).response()
        }
        do {
            try await request.alongside.accounts.removeRole(grantID: grantID, by: me.personID, now: request.now, channel: request.channel, on: request.db)
        } catch let error as FieldError {
            return try await failed(error, request)
        }
        return request.redirect(to: SiteURL.adminUsers.with([("done", Notice.roleRemoved.rawValue)]), redirectType: .normal)
    }

    /// Suspends an account (after asking) or restores it.
    func suspension(_ request: Request) async throws -> Response {
        try request.require(.manageUsers)
        let me = try request.requireSignedIn()
        let accountID = try id(request)
        let form = try request.content.decode(ConfirmForm.self)
        guard let member = try await request.alongside.accounts.staff(on: request.db).first(where: { $0.accountID == accountID }) else {
            return try await failed(FieldError("account", "There is no such staff account."), request)
        }
        let suspend = form.suspend == "yes"
        if suspend && !Confirmation.isConfirmed(form.confirmed) {
            let confirmation = Confirmation(
                question: "Suspend \(member.name)'s account?",
                consequences: ["\(member.name) is signed out everywhere at once, and cannot sign in.",
                               "Nothing they recorded changes. You can restore the account later."],
                action: SiteURL.adminSuspension(accountID).path, hidden: [("suspend", "yes")], button: "Yes, suspend the account",
                back: SiteURL.adminUsers.path)
            return confirmation.page(PageContext(request, title: confirmation.question,
                                                 breadcrumbs: [NavigationLink(title: "Users", path: SiteURL.adminUsers.path)])).response()
        }
        do {
            try await request.alongside.accounts.setSuspended(accountID, suspend, by: me.personID, now: request.now, channel: request.channel, on: request.db)
        } catch let error as FieldError {
            return try await failed(error, request)
        }
        return request.redirect(to: SiteURL.adminUsers.with([("done", (suspend ? Notice.suspended : Notice.restored).rawValue)]), redirectType: .normal)
    }

    /// Sends an unused invitation again, with a new link.
    func resend(_ request: Request) async throws -> Response {
        try request.require(.inviteStaff)
        let invitationID = try id(request)
        guard let pending = try await request.alongside.accounts.pendingInvitations(on: request.db).first(where: { $0.id == invitationID }) else {
            return try await failed(FieldError("invitation", "That invitation has already been used."), request)
        }
        let token = SecretToken.generate()
        let link = request.alongside.configuration.publicURL + SiteURL.acceptInvitation.with([("token", token)])
        let draft = Emails.invitation(to: try EmailAddress(pending.email), roles: pending.roles, organisation: pending.organisationName, link: link)
        do {
            try await request.alongside.accounts.resendInvitation(invitationID, tokenHash: SecretToken.hash(token), now: request.now,
                                                                  message: { _ in draft }, on: request.db)
        } catch let error as FieldError {
            return try await failed(error, request)
        }
        return request.redirect(to: SiteURL.adminUsers.with([("done", Notice.invitationResent.rawValue)]), redirectType: .normal)
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
