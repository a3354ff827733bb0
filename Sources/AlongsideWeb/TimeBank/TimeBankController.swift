import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The time bank as a member uses it: joining, recording and confirming exchanges, the statement, giving to the
/// community fund, offers and requests, and reporting another member.
struct TimeBankController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(TimeBankURL.home.pathComponents, use: home)
        routes.post(TimeBankURL.join.pathComponents, use: join)
        routes.post(TimeBankURL.exchanges.pathComponents, use: record)
        routes.post(TimeBankURL.groupExchanges.pathComponents, use: recordGroup)
        routes.get(TimeBankURL.organisations.pathComponents, use: organisations)
        routes.post(TimeBankURL.organisationJoin(UUID()).pathComponents, use: organisationJoin)
        routes.get(TimeBankURL.organisationStatement(UUID()).pathComponents, use: organisationStatement)
        routes.post(TimeBankURL.confirm(UUID()).pathComponents, use: confirm)
        routes.post(TimeBankURL.decline(UUID()).pathComponents, use: decline)
        routes.post(TimeBankURL.donate.pathComponents, use: donate)
        routes.get(TimeBankURL.statement.pathComponents, use: statement)
        routes.get(TimeBankURL.statementCSV.pathComponents, use: statementCSV)
        routes.get(TimeBankURL.offers.pathComponents, use: offers)
        routes.get(TimeBankURL.newOffer.pathComponents, use: newOffer)
        routes.post(TimeBankURL.newOffer.pathComponents, use: postOffer)
        routes.post(TimeBankURL.closeOffer(UUID()).pathComponents, use: closeOffer)
        routes.post(TimeBankURL.report(UUID()).pathComponents, use: report)
    }

    static func form(_ request: Request) -> [String: String] { (try? request.content.decode([String: String].self)) ?? [:] }

    /// The signed-in person, allowed to exchange only as an active member.
    static func activeMember(_ request: Request) async throws -> SignedIn {
        let me = try request.requireSignedIn()
        try request.require(.exchangeTime(activeMember: try await TimeBank().isActive(me.personID, on: request.db)))
        return me
    }

    func home(_ request: Request) async throws -> Response {
        try await page(request, form: [:], errors: [])
    }

    private func page(_ request: Request, form: [String: String], errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        var context = PageContext(request, title: "Time bank")
        context.hasErrors = !errors.isEmpty
        guard let me = request.signedIn else { return TimeBankPages.about(signedIn: false, context).response() }
        let organisations = !(try await Self.myOrganisations(request)).isEmpty
        guard let membership = try await TimeBank().membership(of: me.personID, on: request.db) else {
            return TimeBankPages.about(signedIn: true, organisations: organisations, context).response()
        }
        guard membership.status == .active else { return TimeBankPages.notActive(membership, organisations: organisations, context).response() }
        try await request.audit(.viewedTimeAccount, about: me.personID)
        let model = TimeBankPages.Home(
            me: me.personID, membership: membership, exchanges: try await TimeBank().exchanges(of: me.personID, on: request.db),
            members: try await TimeBank().activeMembers(fullNames: false, on: request.db).filter { $0.id != me.personID })
        return TimeBankPages.home(model, form: form, errors: errors, organisations: organisations, context).response(status: status)
    }

    func join(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.joinTimeBank)
        try await TimeBank().ask(person: me.personID, now: request.now, on: request.db)
        return request.redirect(to: TimeBankURL.home.with([("done", Notice.timeBankAsked.rawValue)]))
    }

    func record(_ request: Request) async throws -> Response {
        let me = try await Self.activeMember(request)
        let form = Self.form(request)
        do {
            let draft = try ExchangeDraft.from(with: form["with"], minutes: form["minutes"], direction: form["direction"], note: form["note"], me: me.personID)
            _ = try await TimeBank().record(draft, by: me.personID, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await page(request, form: form, errors: failure.errors, status: .unprocessableEntity)
        } catch let refused as TimeBankRefused {
            return try await page(request, form: form, errors: [FieldError(refused.field, refused.message)], status: .unprocessableEntity)
        }
        return request.redirect(to: TimeBankURL.home.with([("done", Notice.exchangeRecorded.rawValue)]))
    }

    /// A member records a group exchange they led or had help from: one exchange with each member ticked.
    func recordGroup(_ request: Request) async throws -> Response {
        let me = try await Self.activeMember(request)
        let form = Self.form(request)
        do {
            let draft = try GroupExchangeDraft.from(one: me.personID.uuidString, oneField: "group", many: Form.ticked("member-", in: form),
                                                    minutes: form["group_minutes"], direction: form["group_direction"], note: form["group_note"])
            _ = try await TimeBank().recordGroup(draft, by: me.personID, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await page(request, form: form, errors: failure.errors, status: .unprocessableEntity)
        } catch let refused as TimeBankRefused {
            return try await page(request, form: form, errors: [FieldError(refused.field, refused.message)], status: .unprocessableEntity)
        }
        return request.redirect(to: TimeBankURL.home.with([("done", Notice.groupExchangeRecorded.rawValue)]))
    }

    /// The organisations the person acts for in the time bank.
    static func myOrganisations(_ request: Request) async throws -> [(UUID, String)] {
        let ids = request.actor.organisationIDs.filter { request.alongside.policy.allows(.actForOrganisationInTimeBank(organisation: $0), for: request.actor) }
        guard !ids.isEmpty else { return [] }
        return try await OrganisationRecord.query(on: request.db).filter(\.$id ~~ Array(ids)).sort(\.$name).all().map { ($0.id!, $0.name) }
    }

    /// An organisation's members see its place in the bank and its balance, or ask for it to join.
    func organisations(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let mine = try await Self.myOrganisations(request)
        guard !mine.isEmpty else {
            try request.require(.actForOrganisationInTimeBank(organisation: UUID()))
            throw Abort(.forbidden)
        }
        let accounts = try await TimeBank().organisations(mine.map(\.0), on: request.db)
        let context = PageContext(request, title: "Your organisation in the time bank", breadcrumbs: [NavigationLink(title: "Time bank", path: TimeBankURL.home.path)])
        return TimeBankPages.organisations(mine, accounts: accounts, context).response()
    }

    func organisationJoin(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let organisation = try request.idParameter()
        try request.require(.actForOrganisationInTimeBank(organisation: organisation))
        try await TimeBank().ask(organisation: organisation, now: request.now, on: request.db)
        return request.redirect(to: TimeBankURL.organisations.with([("done", Notice.timeBankAsked.rawValue)]))
    }

    /// An organisation's statement: its members, and coordinators.
    func organisationStatement(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let organisation = try request.idParameter()
        try request.require(anyOf: [.actForOrganisationInTimeBank(organisation: organisation), .coordinateTimeBank])
        guard let org = try await OrganisationRecord.find(organisation, on: request.db), try await TimeBank().membership(of: organisation, on: request.db) != nil else {
            throw Abort(.notFound, reason: "This organisation is not in the time bank.")
        }
        let statement = try await TimeBank().statementPage(of: organisation, offset: Self.from(request), size: TimeBankPages.statementPageSize, on: request.db)
        let context = PageContext(request, title: "\(org.name): time bank statement",
                                  breadcrumbs: [NavigationLink(title: "Your organisation in the time bank", path: TimeBankURL.organisations.path)])
        return TimeBankPages.statement(statement, name: org.name, path: TimeBankURL.organisationStatement(organisation).path, csv: nil, context).response()
    }

    func confirm(_ request: Request) async throws -> Response {
        let me = try await Self.activeMember(request)
        do {
            try await TimeBank().confirm(try request.idParameter(), by: me.personID, now: request.now, on: request.db)
        } catch is TimeBankNotFound {
            throw Abort(.notFound, reason: "There is no such exchange of yours.")
        } catch let refused as TimeBankRefused {
            return try await page(request, form: [:], errors: [FieldError("exchanges", refused.message)], status: .conflict)
        }
        return request.redirect(to: TimeBankURL.home.with([("done", Notice.exchangeConfirmed.rawValue)]))
    }

    func decline(_ request: Request) async throws -> Response {
        let me = try await Self.activeMember(request)
        do {
            try await TimeBank().decline(try request.idParameter(), by: me.personID, now: request.now, on: request.db)
        } catch is TimeBankNotFound {
            throw Abort(.notFound, reason: "There is no such exchange of yours.")
        } catch let refused as TimeBankRefused {
            return try await page(request, form: [:], errors: [FieldError("exchanges", refused.message)], status: .conflict)
        }
        return request.redirect(to: TimeBankURL.home.with([("done", Notice.exchangeDeclined.rawValue)]))
    }

    func donate(_ request: Request) async throws -> Response {
        let me = try await Self.activeMember(request)
        let form = Self.form(request)
        do {
            let minutes = try TimeBankMinutes.parse(form["gift"], field: "gift", max: 6_000)
            try await TimeBank().donate(minutes, from: me.personID, note: "Given to the community fund", now: request.now, on: request.db)
        } catch let error as FieldError {
            return try await page(request, form: form, errors: [error], status: .unprocessableEntity)
        } catch let refused as TimeBankRefused {
            return try await page(request, form: form, errors: [FieldError("gift", refused.message)], status: .unprocessableEntity)
        }
        return request.redirect(to: TimeBankURL.home.with([("done", Notice.donated.rawValue)]))
    }

    func statement(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.readTimeBankAccount(of: me.personID))
        let statement = try await TimeBank().statementPage(of: me.personID, offset: Self.from(request), size: TimeBankPages.statementPageSize, on: request.db)
        try await request.audit(.viewedTimeAccount, about: me.personID)
        let context = PageContext(request, title: "Your time bank statement", breadcrumbs: [NavigationLink(title: "Time bank", path: TimeBankURL.home.path)])
        return TimeBankPages.statement(statement, name: me.name, path: TimeBankURL.statement.path, csv: TimeBankURL.statementCSV.path, context).response()
    }

    /// Where a statement page starts (`?from=`): 0, or a whole number of entries.
    static func from(_ request: Request) -> Int {
        max(0, min(10_000_000, (try? request.query.get(Int.self, at: "from")) ?? 0))
    }

    func statementCSV(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.readTimeBankAccount(of: me.personID))
        let statement = try await TimeBank().statement(of: me.personID, on: request.db)
        try await request.audit(.viewedTimeAccount, about: me.personID, detail: "csv")
        return InsightController.csvResponse(TimeBankPages.csv(statement), name: "time-bank-statement")
    }

    func offers(_ request: Request) async throws -> Response {
        let me = try await Self.activeMember(request)
        let kind = (try? request.query.get(String.self, at: "kind")).flatMap(TimeBankPostDraft.Kind.init(rawValue:))
        let category = (try? request.query.get(String.self, at: "category")) ?? ""
        let posts = try await TimeBank().posts(kind: kind, category: category, near: me.personID, on: request.db)
        let context = PageContext(request, title: "Offers and requests", breadcrumbs: [NavigationLink(title: "Time bank", path: TimeBankURL.home.path)])
        return TimeBankPages.offers(posts, me: me.personID, kind: kind, category: category, categories: try await Self.categories(request), context).response()
    }

    static func categories(_ request: Request) async throws -> [(String, String)] {
        try await Taxonomies().terms(in: SocialPrescribingTaxonomy.id, on: request.db).map { ($0.code, $0.name) }
    }

    func newOffer(_ request: Request) async throws -> Response {
        _ = try await Self.activeMember(request)
        return try await offerForm(request, form: [:], errors: []).response()
    }

    private func offerForm(_ request: Request, form: [String: String], errors: [FieldError]) async throws -> Node {
        var context = PageContext(request, title: "Post an offer or a request", breadcrumbs: [NavigationLink(title: "Offers and requests", path: TimeBankURL.offers.path)])
        context.hasErrors = !errors.isEmpty
        return TimeBankPages.offerForm(form: form, errors: errors, categories: try await Self.categories(request), context)
    }

    func postOffer(_ request: Request) async throws -> Response {
        let me = try await Self.activeMember(request)
        let form = Self.form(request)
        do {
            let codes = Set(try await Self.categories(request).map(\.0))
            let draft = try TimeBankPostDraft.from(kind: form["kind"], title: form["title"], details: form["details"], category: form["category"],
                                                   place: form["place"], when: form["when"], categories: codes)
            try await TimeBank().post(draft, by: me.personID, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await offerForm(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        }
        return request.redirect(to: TimeBankURL.offers.with([("done", Notice.offerPosted.rawValue)]))
    }

    func closeOffer(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let coordinator = request.alongside.policy.allows(.coordinateTimeBank, for: request.actor)
        do { try await TimeBank().close(post: try request.idParameter(), by: me.personID, coordinator: coordinator, now: request.now, on: request.db) } catch is TimeBankNotFound {
            throw Abort(.notFound, reason: "There is no such offer or request of yours.")
        }
        return request.redirect(to: TimeBankURL.offers.with([("done", Notice.offerClosed.rawValue)]))
    }

    func report(_ request: Request) async throws -> Response {
        let me = try await Self.activeMember(request)
        let form = Self.form(request)
        let about = try request.idParameter()
        do {
            let reason = try Text.required(form["reason"], field: "reason", label: "what happened", maxLength: 2_000, multiline: true)
            try await TimeBank().report(about, by: me.personID, reason: reason, now: request.now, on: request.db)
        } catch is TimeBankNotFound {
            throw Abort(.notFound, reason: "There is no such member.")
        } catch let error as FieldError {
            throw Abort(.unprocessableEntity, reason: error.message)
        }
        return request.redirect(to: TimeBankURL.offers.with([("done", Notice.memberReported.rawValue)]))
    }
}
