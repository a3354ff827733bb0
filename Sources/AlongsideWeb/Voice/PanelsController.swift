import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Panels of representatives as pages: anyone reads a panel, its representatives' report-backs and its elections;
/// residents of the area stand and vote (a secret ranked ballot, counted by Scottish STV); representatives report back.
struct PanelsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(PanelURL.panels.pathComponents, use: list)
        routes.get(PanelURL.newPanel.pathComponents, use: newForm)
        routes.post(PanelURL.newPanel.pathComponents, use: create)
        routes.get(PanelURL.panel(UUID()).pathComponents, use: show)
        routes.post(PanelURL.elections(UUID()).pathComponents, use: callElection)
        routes.post(PanelURL.reportBacks(UUID()).pathComponents, use: reportBack)
        routes.post(PanelURL.questions(UUID()).pathComponents, use: ask)
        routes.post(PanelURL.answer(UUID()).pathComponents, use: answer)
        routes.get(PanelURL.election(UUID()).pathComponents, use: election)
        routes.post(PanelURL.stand(UUID()).pathComponents, use: stand)
        routes.post(PanelURL.ballot(UUID()).pathComponents, use: vote)
        routes.get(PanelURL.results(UUID()).pathComponents, use: results)
    }

    static func id(_ request: Request, _ what: String) throws -> UUID {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else { throw Abort(.notFound, reason: "There is no \(what) at this address.") }
        return id
    }

    static func area(_ wards: [String], _ places: ProposalsController.Places) -> String {
        wards.isEmpty ? "The whole place" : wards.map { places.ward(of: $0) }.joined(separator: "; ")
    }

    // MARK: - Panels

    func list(_ request: Request) async throws -> Response {
        let places = try await ProposalsController.places(request)
        let panels = try await Panels().panels(on: request.db).map { PanelPages.Listed(id: $0.id, name: $0.rules.name, area: Self.area($0.rules.wards, places), seats: $0.rules.seats) }
        return PanelPages.list(panels, mayMake: request.alongside.policy.allows(.runPanel, for: request.actor), PageContext(request, title: "Panels")).response()
    }

    func newForm(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.runPanel)
        return try await formPage(request, form: [:], errors: []).response()
    }

    private func formPage(_ request: Request, form: [String: String], errors: [FieldError]) async throws -> Node {
        let places = try await ProposalsController.places(request)
        var context = PageContext(request, title: "Set up a panel", breadcrumbs: [NavigationLink(title: "Panels", path: PanelURL.panels.path)])
        context.hasErrors = !errors.isEmpty
        return PanelPages.form(wards: places.wards.map { ($0.code, $0.name) }, form: form, errors: errors, context)
    }

    func create(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.runPanel)
        let form = try BudgetsController.decodeForm(request)
        let places = try await ProposalsController.places(request)
        do {
            let rules = try PanelDraft.from(name: form["name"] ?? "", description: form["description"] ?? "", area: (form["area"] ?? "").split(separator: ",").map(String.init),
                                            seats: form["seats"] ?? "", termMonths: form["term_months"] ?? "", reportEveryWeeks: form["report_weeks"] ?? "",
                                            knownWards: Set(places.wards.map(\.code)))
            let id = try await Panels().create(rules, now: request.now, on: request.db)
            return request.redirect(to: PanelURL.panel(id).with([("done", Notice.panelMade.rawValue)]))
        } catch let failure as ValidationFailure {
            return try await formPage(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        }
    }

    func show(_ request: Request) async throws -> Response {
        try await panelPage(request, form: [:], errors: []).response()
    }

    private func panelPage(_ request: Request, form: [String: String], errors: [FieldError]) async throws -> Node {
        let id = try Self.id(request, "panel")
        guard let panel = try await Panels().panel(id, today: request.now, on: request.db) else { throw Abort(.notFound, reason: "There is no panel at this address.") }
        let places = try await ProposalsController.places(request)
        var model = PanelPages.Model(id: id, rules: panel.rules, area: Self.area(panel.rules.wards, places),
                                     representatives: panel.representatives, elections: panel.elections.map { ($0.id, $0.days, $0.days.phase(on: request.now)) },
                                     questions: panel.questions)
        if let me = request.signedIn { model.mayAsk = try await Panels().whyNotEligible(me.personID, inPanel: id, today: request.now, on: request.db) == nil }
        model.mayCall = request.alongside.policy.allows(.runPanel, for: request.actor)
        if let me = request.signedIn { model.isRepresentative = panel.representatives.contains { $0.candidate.personID == me.personID } }
        var context = PageContext(request, title: panel.rules.name, breadcrumbs: [NavigationLink(title: "Panels", path: PanelURL.panels.path)])
        context.hasErrors = !errors.isEmpty
        return PanelPages.panel(model, form: form, errors: errors, context)
    }

    static func day(_ form: [String: String], _ name: String) -> String? {
        UKDates.parseTypedDay(DateParts(day: form[name + "-day"] ?? "", month: form[name + "-month"] ?? "", year: form[name + "-year"] ?? "").typed).map(UKDates.isoDay)
    }

    func callElection(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.runPanel)
        let id = try Self.id(request, "panel")
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            let days = try ElectionDays.from(nominationsFrom: Self.day(form, "nominations_from"), votingFrom: Self.day(form, "voting_from"),
                                             votingUntil: Self.day(form, "voting_until"))
            let election = try await Panels().createElection(for: id, days, now: request.now, on: request.db)
            return request.redirect(to: PanelURL.election(election).with([("done", Notice.electionCalled.rawValue)]))
        } catch let failure as ValidationFailure {
            return try await panelPage(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch is PanelNotFound {
            throw Abort(.notFound, reason: "There is no panel at this address.")
        }
    }

    func reportBack(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try Self.id(request, "panel")
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            try await Panels().reportBack(panel: id, by: me.personID, heard: form["heard"] ?? "", raised: form["raised"] ?? "", answer: form["answer"] ?? "",
                                          now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await panelPage(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch let refused as PanelRefused {
            throw Abort(.forbidden, reason: refused.message)
        } catch is PanelNotFound {
            throw Abort(.notFound, reason: "There is no panel at this address.")
        }
        return request.redirect(to: PanelURL.panel(id).with([("done", Notice.reportedBack.rawValue)]))
    }

    func ask(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try Self.id(request, "panel")
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            try await Panels().ask(panel: id, by: me.personID, question: form["question"] ?? "", now: request.now, on: request.db)
        } catch let error as FieldError {
            return try await panelPage(request, form: form, errors: [error]).response(status: .unprocessableEntity)
        } catch let refused as PanelRefused {
            return try await panelPage(request, form: form, errors: [FieldError("question", refused.message)]).response(status: .conflict)
        } catch is PanelNotFound {
            throw Abort(.notFound, reason: "There is no panel at this address.")
        }
        return request.redirect(to: PanelURL.panel(id).with([("done", Notice.asked.rawValue)]) + "#questions")
    }

    func answer(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        guard let text = request.parameters.get("id"), let question = UUID(uuidString: text) else { throw Abort(.notFound, reason: "There is no question at this address.") }
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            let panel = try await Panels().answer(question: question, by: me.personID, answer: form["answer-\(question.uuidString.lowercased())"] ?? "",
                                                  now: request.now, on: request.db)
            return request.redirect(to: PanelURL.panel(panel).with([("done", Notice.asked.rawValue)]) + "#questions")
        } catch is PanelNotFound {
            throw Abort(.notFound, reason: "There is no question at this address.")
        } catch let error as FieldError {
            throw Abort(.unprocessableEntity, reason: error.message)
        } catch let refused as PanelRefused {
            throw Abort(.forbidden, reason: refused.message)
        }
    }

    // MARK: - Elections

    func election(_ request: Request) async throws -> Response {
        try await electionPage(request, form: [:], errors: []).response()
    }

    private func electionPage(_ request: Request, form: [String: String], errors: [FieldError]) async throws -> Node {
        let id = try Self.id(request, "election")
        guard let election = try await Panels().election(id, on: request.db) else { throw Abort(.notFound, reason: "There is no election at this address.") }
        let phase = election.days.phase(on: request.now)
        var model = PanelPages.ElectionModel(election: election, phase: phase)
        if phase == .voting || phase == .results { model.participation = try await Panels().participation(id, on: request.db) }
        if let me = request.signedIn {
            let why = try await Panels().whyNotEligible(me.personID, inPanel: election.panelID, today: request.now, on: request.db)
            model.whyNot = why
            model.standing = election.candidates.contains { $0.personID == me.personID }
            model.voted = try await Panels().hasVoted(in: id, person: me.personID, on: request.db)
        }
        model.signedIn = request.signedIn != nil
        var context = PageContext(request, title: "Electing the \(election.panelName)", breadcrumbs: [
            NavigationLink(title: "Panels", path: PanelURL.panels.path), NavigationLink(title: election.panelName, path: PanelURL.panel(election.panelID).path),
        ])
        context.hasErrors = !errors.isEmpty
        return PanelPages.election(model, form: form, errors: errors, context)
    }

    func stand(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try Self.id(request, "election")
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            try await Panels().stand(in: id, person: me.personID, Candidacy(statement: form["statement"] ?? "", interests: form["interests"] ?? ""),
                                     now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await electionPage(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch let refused as PanelRefused {
            return try await electionPage(request, form: form, errors: [FieldError("statement", refused.message)]).response(status: .conflict)
        } catch is PanelNotFound {
            throw Abort(.notFound, reason: "There is no election at this address.")
        }
        return request.redirect(to: PanelURL.election(id).with([("done", Notice.standing.rawValue)]))
    }

    /// The ranking from the form's "1st choice", "2nd choice"… boxes, in order, blanks left out.
    static func ranking(_ form: [String: String], count: Int) -> [String] {
        (1...max(count, 1)).compactMap { form["rank-\($0)"]?.trimmed }.filter { !$0.isEmpty }
    }

    func vote(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try Self.id(request, "election")
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        guard let election = try await Panels().election(id, on: request.db) else { throw Abort(.notFound, reason: "There is no election at this address.") }
        let typed = Self.ranking(form, count: election.candidates.count)
        do {
            let ranking = typed.compactMap(UUID.init(uuidString:))
            if ranking.count != typed.count { throw FieldError("ranking", "Rank only the candidates standing in this election") }
            try await Panels().vote(in: id, person: me.personID, ranking: ranking, now: request.now, on: request.db)
        } catch let error as FieldError {
            return try await electionPage(request, form: form, errors: [FieldError("rank-1", error.message)]).response(status: .unprocessableEntity)
        } catch let refused as PanelRefused {
            return try await electionPage(request, form: form, errors: [FieldError("rank-1", refused.message)]).response(status: .conflict)
        }
        return request.redirect(to: PanelURL.election(id).with([("done", Notice.voted.rawValue)]))
    }

    func results(_ request: Request) async throws -> Response {
        let id = try Self.id(request, "election")
        guard let counted = try await Panels().results(id, today: request.now, on: request.db) else {
            throw Abort(.notFound, reason: "The results are published when voting closes.")
        }
        let context = PageContext(request, title: "Results: the \(counted.election.panelName)", breadcrumbs: [
            NavigationLink(title: "Panels", path: PanelURL.panels.path),
            NavigationLink(title: counted.election.panelName, path: PanelURL.panel(counted.election.panelID).path),
        ])
        return PanelPages.results(counted, context).response()
    }
}
