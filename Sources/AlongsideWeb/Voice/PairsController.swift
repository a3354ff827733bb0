import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Collaborative pairs as pages: a resident and a professional register one project, both confirm, and post updates
/// (with the resident's time) and what it led to, in public.
struct PairsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(VoiceURL.pairs.pathComponents, use: list)
        routes.get(VoiceURL.newPair.pathComponents, use: newForm)
        routes.post(VoiceURL.newPair.pathComponents, use: create)
        routes.get(VoiceURL.pair(UUID()).pathComponents, use: show)
        routes.post(VoiceURL.pairConfirm(UUID()).pathComponents, use: confirm)
        routes.post(VoiceURL.pairUpdates(UUID()).pathComponents, use: post)
        routes.post(VoiceURL.pairLinks(UUID()).pathComponents, use: link)
    }

    static func id(_ request: Request) throws -> UUID {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else { throw Abort(.notFound, reason: "There is no pair at this address.") }
        return id
    }

    static func asResident(_ request: Request) -> Bool { PairDraft.registersAsResident(request.actor.roles) }

    func list(_ request: Request) async throws -> Response {
        let pairs = try await CollaborativePairs().pairs(for: request.signedIn?.personID, on: request.db)
        return PairPages.list(pairs, signedIn: request.signedIn != nil, PageContext(request, title: "Collaborative pairs")).response()
    }

    func newForm(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        return formPage(request, form: [:], errors: []).response()
    }

    private func formPage(_ request: Request, form: [String: String], errors: [FieldError]) -> Node {
        var context = PageContext(request, title: "Register a collaborative pair", breadcrumbs: [NavigationLink(title: "Collaborative pairs", path: VoiceURL.pairs.path)])
        context.hasErrors = !errors.isEmpty
        return PairPages.form(asResident: Self.asResident(request), form: form, errors: errors, context)
    }

    func create(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            let draft = try PairDraft.from(title: form["title"] ?? "", change: form["change"] ?? "", goals: form["goals"] ?? "", sessions: form["sessions"] ?? "")
            let id = try await CollaborativePairs().register(draft, by: me.personID, asResident: Self.asResident(request), partnerEmail: form["partner"] ?? "",
                                                             now: request.now, on: request.db)
            return request.redirect(to: VoiceURL.pair(id).with([("done", Notice.pairRegistered.rawValue)]))
        } catch let failure as ValidationFailure {
            return formPage(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch let refused as PairRefused {
            return formPage(request, form: form, errors: [FieldError(refused.field, refused.message)]).response(status: .unprocessableEntity)
        }
    }

    func show(_ request: Request) async throws -> Response {
        try await page(request, form: [:], errors: []).response()
    }

    private func page(_ request: Request, form: [String: String], errors: [FieldError]) async throws -> Node {
        guard let pair = try await CollaborativePairs().pair(try Self.id(request), for: request.signedIn?.personID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no pair at this address.")
        }
        let me = request.signedIn?.personID
        var context = PageContext(request, title: pair.rules.title, breadcrumbs: [NavigationLink(title: "Collaborative pairs", path: VoiceURL.pairs.path)])
        context.hasErrors = !errors.isEmpty
        return PairPages.page(pair, isMember: me != nil && (pair.residentID == me || pair.professionalID == me),
                              mustConfirm: (pair.residentID == me && !pair.residentConfirmed) || (pair.professionalID == me && !pair.professionalConfirmed),
                              form: form, errors: errors, context)
    }

    func confirm(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try Self.id(request)
        do { try await CollaborativePairs().confirm(id, by: me.personID, now: request.now, on: request.db) } catch let refused as PairRefused {
            throw Abort(.forbidden, reason: refused.message)
        }
        return request.redirect(to: VoiceURL.pair(id).with([("done", Notice.pairUpdated.rawValue)]))
    }

    func post(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try Self.id(request)
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            let (text, minutes) = try PairDraft.update(text: form["text"] ?? "", minutes: form["minutes"] ?? "")
            try await CollaborativePairs().post(id, by: me.personID, text: text, minutes: minutes, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await page(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch let refused as PairRefused {
            throw Abort(.forbidden, reason: refused.message)
        }
        return request.redirect(to: VoiceURL.pair(id).with([("done", Notice.pairUpdated.rawValue)]))
    }

    func link(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try Self.id(request)
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        let typed = form["link"] ?? ""
        let uuid = typed.firstMatch(of: /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/).flatMap { UUID(uuidString: String($0.0)) }
        do {
            guard let uuid, typed.contains("/proposals/") || typed.contains("/results/") else {
                throw PairRefused("Paste the address of a proposal's or a result's page", field: "link")
            }
            try await CollaborativePairs().link(id, by: me.personID, proposal: typed.contains("/proposals/") ? uuid : nil,
                                                result: typed.contains("/results/") ? uuid : nil, on: request.db)
        } catch let refused as PairRefused {
            return try await page(request, form: form, errors: [FieldError(refused.field, refused.message)]).response(status: .unprocessableEntity)
        }
        return request.redirect(to: VoiceURL.pair(id).with([("done", Notice.pairUpdated.rawValue)]))
    }
}
