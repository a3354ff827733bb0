import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Results as pages: accepted proposals and funded projects, followed to the end in public; the health system or
/// the responsible organisation reports progress, milestones and the services they create.
struct ResultsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(VoiceURL.results.pathComponents, use: list)
        routes.get(VoiceURL.result(UUID()).pathComponents, use: show)
        routes.post(VoiceURL.resultUpdate(UUID()).pathComponents, use: update)
        routes.post(VoiceURL.resultMilestones(UUID()).pathComponents, use: addMilestone)
        routes.post(VoiceURL.milestoneDone(UUID()).pathComponents, use: milestoneDone)
        routes.post(VoiceURL.resultService(UUID()).pathComponents, use: linkService)
        routes.post(VoiceURL.trackRound(UUID()).pathComponents, use: track)
    }

    static func id(_ request: Request) throws -> UUID {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else { throw Abort(.notFound, reason: "There is no result at this address.") }
        return id
    }

    func list(_ request: Request) async throws -> Response {
        let results = try await CommunityResults().all(on: request.db)
        return ResultPages.list(results, today: request.now, PageContext(request, title: "Results")).response()
    }

    func show(_ request: Request) async throws -> Response {
        try await page(request, form: [:], errors: []).response()
    }

    private func page(_ request: Request, form: [String: String], errors: [FieldError]) async throws -> Node {
        guard let result = try await CommunityResults().result(try Self.id(request), on: request.db) else {
            throw Abort(.notFound, reason: "There is no result at this address.")
        }
        var children: [ResultView] = []
        for child in result.children { if let view = try await CommunityResults().result(child, on: request.db) { children.append(view) } }
        let names = Dictionary(try await request.alongside.accounts.organisations(on: request.db).map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        var service: (String, String)?
        if let id = result.serviceID, let listing = try await Directory().listing(id: id, on: request.db) { service = (listing.name, SiteURL.service(id).path) }
        let model = ResultPages.Model(result: result, children: children, responsible: result.organisationID.flatMap { names[$0] }, service: service,
                                      mayUpdate: request.alongside.policy.allows(.updateResult(responsible: result.organisationID), for: request.actor))
        var context = PageContext(request, title: result.title, breadcrumbs: [NavigationLink(title: "Results", path: VoiceURL.results.path)])
        context.hasErrors = !errors.isEmpty
        return ResultPages.page(model, today: request.now, form: form, errors: errors, context)
    }

    private func requireResponsible(_ request: Request, _ id: UUID) async throws {
        _ = try request.requireSignedIn()
        guard let result = try await CommunityResults().result(id, on: request.db) else { throw Abort(.notFound, reason: "There is no result at this address.") }
        try request.require(.updateResult(responsible: result.organisationID))
    }

    func update(_ request: Request) async throws -> Response {
        let id = try Self.id(request)
        try await requireResponsible(request, id)
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            let (progress, status, text) = try ResultProgress.update(progress: form["progress"] ?? "", status: form["status"] ?? "", text: form["text"] ?? "")
            try await CommunityResults().update(id, progress: progress, status: status, text: text, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await page(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        }
        return request.redirect(to: VoiceURL.result(id).with([("done", Notice.resultUpdated.rawValue)]))
    }

    func addMilestone(_ request: Request) async throws -> Response {
        let id = try Self.id(request)
        try await requireResponsible(request, id)
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            let (title, due) = try ResultProgress.milestone(title: form["title"] ?? "", due: PanelsController.day(form, "due"))
            try await CommunityResults().addMilestone(to: id, title: title, due: due, on: request.db)
        } catch let failure as ValidationFailure {
            return try await page(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        }
        return request.redirect(to: VoiceURL.result(id).with([("done", Notice.resultUpdated.rawValue)]))
    }

    func milestoneDone(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        guard let text = request.parameters.get("id"), let milestone = UUID(uuidString: text),
              let result = try await CommunityResults().result(ofMilestone: milestone, on: request.db) else {
            throw Abort(.notFound, reason: "There is no milestone at this address.")
        }
        try await requireResponsible(request, result)
        _ = try await CommunityResults().completeMilestone(milestone, on: UKDates.isoDay(request.now), on: request.db)
        return request.redirect(to: VoiceURL.result(result).with([("done", Notice.resultUpdated.rawValue)]))
    }

    func linkService(_ request: Request) async throws -> Response {
        let id = try Self.id(request)
        try await requireResponsible(request, id)
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        let typed = form["service"] ?? ""
        let found = typed.firstMatch(of: /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/).map { String($0.0) } ?? typed
        do {
            guard let service = UUID(uuidString: found) else { throw FieldError("service", "Paste the address of the service's page in Find support") }
            try await CommunityResults().link(id, service: service, on: request.db)
        } catch let error as FieldError {
            return try await page(request, form: form, errors: [error]).response(status: .unprocessableEntity)
        }
        return request.redirect(to: VoiceURL.result(id).with([("done", Notice.resultUpdated.rawValue)]))
    }

    func track(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.runBudgetRound)
        guard let text = request.parameters.get("id"), let round = UUID(uuidString: text) else { throw Abort(.notFound, reason: "There is no budget round at this address.") }
        do {
            let id = try await CommunityResults().track(round: round, today: request.now, on: request.db)
            return request.redirect(to: VoiceURL.result(id).path)
        } catch let refused as ProposalRefused {
            throw Abort(.conflict, reason: refused.message)
        }
    }
}
