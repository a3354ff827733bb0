import AlongsideCore
import AlongsideStore
import Vapor

/// The signed-in person's own account: details, who has seen their record, their data, closing.
struct AccountController: RouteCollection {
    struct CloseForm: Content { var password: String? }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.myAccount.pathComponents, use: account)
        routes.get(SiteURL.myRecordAccess.pathComponents, use: recordAccess)
        routes.get(SiteURL.myData.pathComponents, use: myData)
        routes.get(SiteURL.myDataFHIR.pathComponents, use: myDataFHIR)
        routes.get(SiteURL.closeAccount.pathComponents, use: showClose)
        routes.post(SiteURL.closeAccount.pathComponents, use: close)
    }

    private var crumbs: [NavigationLink] { [NavigationLink(title: "My account", path: SiteURL.myAccount.path)] }

    func account(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.readPersonRecord(of: me.personID))
        let person = try await PersonRecord.find(me.personID, on: request.db)
        try await request.audit(.viewedRecord, about: me.personID)
        let model = AccountPages.AccountModel(
            name: me.name, email: me.email, postcode: person?.postcode,
            roles: me.roles.map { held in held.organisationName.map { "\(held.role.title) (\($0))" } ?? held.role.title })
        return AccountPages.account(model, PageContext(request, title: "My account")).response()
    }

    func recordAccess(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.readAccessHistory(of: me.personID))
        try await request.audit(.viewedAccessHistory, about: me.personID)
        let events = try await request.alongside.audit.events(about: me.personID, on: request.db)
        let lines = events.map { event in
            let own = event.actorPersonID == me.personID
            return AccessLine(who: own ? "You" : event.actorName,
                              what: event.action.map { own ? $0.ownPhrase : $0.phrase } ?? event.actionCode,
                              through: ChannelNames.describe(event.channel), first: event.occurredAt, last: event.occurredAt, count: 1, own: own)
        }
        let rows = AccessLine.grouped(lines).map { line in
            AccountPages.AccessRow(
                when: line.count == 1 ? AccountPages.when(line.last)
                    : "\(AccountPages.when(line.first)) to \(UKDates.day(line.first) == UKDates.day(line.last) ? UKDates.time(line.last) : AccountPages.when(line.last)) (\(line.count) times)",
                who: line.who, what: line.what, through: line.through)
        }
        return AccountPages.recordAccess(rows, PageContext(request, title: "Who has seen my record", breadcrumbs: crumbs)).response()
    }

    func myData(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.exportPersonData(of: me.personID))
        guard let export = try await request.alongside.accounts.export(
            personID: me.personID, actor: me.personID, now: request.now, channel: request.channel, on: request.db)
        else { throw Abort(.notFound) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"alongside-my-data.json\"")
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(export)))
    }

    /// The person's own record as a FHIR R4 Bundle (what Patient/$everything gives), to keep — from the
    /// page, with the browser's session: the FHIR API itself takes only bearer tokens.
    func myDataFHIR(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.exportPersonData(of: me.personID))
        let response = try FHIRController.respond(try await FHIRController().everythingBundle(request, personID: me.personID))
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"alongside-my-record-fhir.json\"")
        return response
    }

    func showClose(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.closeAccount(of: me.personID))
        return AccountPages.close(errors: [], PageContext(request, title: "Close my account", breadcrumbs: crumbs)).response()
    }

    func close(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.closeAccount(of: me.personID))
        let form = try request.content.decode(CloseForm.self)
        let accounts = request.alongside.accounts
        guard let account = try await accounts.account(id: me.accountID, on: request.db) else { throw SignInRequired() }
        let password = form.password ?? ""
        let error: FieldError?
        if password.isEmpty {
            error = FieldError("password", "Enter your password to confirm")
        } else if try await !request.verifyPassword(password, against: account.passwordHash) {
            error = FieldError("password", "Your password is not correct")
        } else {
            error = nil
        }
        if let error {
            return AccountPages.close(errors: [error], PageContext(request, title: "Close my account", breadcrumbs: crumbs))
                .response(status: .unprocessableEntity)
        }
        try await accounts.close(account, now: request.now, channel: request.channel, on: request.db)
        request.signedIn = nil
        let response = request.redirect(to: SiteURL.home.with([("done", Notice.accountClosed.rawValue)]), redirectType: .normal)
        response.cookies[SessionMiddleware.cookieName] = SessionCookie.expired(request)
        return response
    }
}

extension Request {
    /// Writes an audit row: the signed-in person did `action` to `subject`'s record through this page or API.
    func audit(_ action: AuditAction, about subject: UUID?, detail: String = "") async throws {
        try await alongside.audit.record(
            AuditEntry(actor: signedIn?.personID, subject: subject, action: action, channel: channel, detail: detail),
            at: now, on: db)
    }
}
