import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Community budget rounds as pages: anyone reads a round, its rules and its results; commissioners open rounds;
/// residents put ideas forward; organisations review feasibility; residents the rules let vote cast one ballot.
struct BudgetsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(BudgetURL.rounds.pathComponents, use: list)
        routes.get(BudgetURL.newRound.pathComponents, use: newForm)
        routes.post(BudgetURL.newRound.pathComponents, use: create)
        routes.get(BudgetURL.round(UUID()).pathComponents, use: show)
        routes.get(BudgetURL.edit(UUID()).pathComponents, use: editForm)
        routes.post(BudgetURL.edit(UUID()).pathComponents, use: update)
        routes.post(BudgetURL.ideas(UUID()).pathComponents, use: addIdea)
        routes.post(BudgetURL.ballot(UUID()).pathComponents, use: cast)
        routes.get(BudgetURL.results(UUID()).pathComponents, use: results)
        routes.get(BudgetURL.resultsFile(UUID()).pathComponents, use: resultsFile)
        routes.post(BudgetURL.review(project: UUID()).pathComponents, use: review)
    }

    // MARK: - Reading

    func list(_ request: Request) async throws -> Response {
        let places = try await ProposalsController.places(request)
        let rounds = try await BudgetRounds().rounds(on: request.db)
        let model = BudgetPages.ListModel(rounds: rounds.map { Self.summary($0, places, request.now) },
                                          mayOpen: request.alongside.policy.allows(.runBudgetRound, for: request.actor))
        return BudgetPages.list(model, PageContext(request, title: "Community budgets")).response()
    }

    func show(_ request: Request) async throws -> Response {
        try await page(request, form: [:], errors: []).response()
    }

    private func page(_ request: Request, form: [String: String], errors: [FieldError], chosen: [UUID]? = nil) async throws -> Node {
        let round = try await Self.round(request)
        let places = try await ProposalsController.places(request)
        let phase = round.phase(on: request.now)
        var model = BudgetPages.Model(summary: Self.summary(round, places, request.now), description: round.rules.description,
                                      phases: Self.phases(round.rules), projects: round.projects.map { Self.row($0, places) })
        let policy = request.alongside.policy
        if phase == .voting || phase == .results { model.participation = try await BudgetRounds().participation(round.id, on: request.db) }
        model.mayChange = round.ballots == 0 && phase != .results && policy.allows(.runBudgetRound, for: request.actor)
        model.mayReview = (phase == .ideas || phase == .feasibility) && policy.allows(.reviewFeasibility, for: request.actor)
        if let me = request.signedIn {
            if phase == .ideas { model.mayAddIdea = try await ProposalsController.mayPropose(request) }
            let saved = try await BudgetRounds().ballot(in: round.id, of: me.personID, on: request.db)
            model.myBallot = saved.map { s in s.projects.compactMap { id in round.projects.first { $0.id == id }?.title } }
            if phase == .voting {
                if let why = try await BudgetRounds().whyNotEligible(me.personID, in: round.id, today: request.now, on: request.db) {
                    model.voting = .notEligible(why)
                } else {
                    // The ballot starts empty, or as the person's own saved ballot.
                    model.voting = .ballot(chosen: (chosen ?? saved?.projects ?? []).map { $0.uuidString.lowercased() })
                }
            }
        } else if phase == .voting || phase == .ideas {
            model.voting = .signIn
        }
        var context = PageContext(request, title: round.rules.title, breadcrumbs: [NavigationLink(title: "Community budgets", path: BudgetURL.rounds.path)])
        context.hasErrors = !errors.isEmpty
        return BudgetPages.page(model, form: form, errors: errors, context)
    }

    func results(_ request: Request) async throws -> Response {
        let round = try await Self.round(request)
        guard let counted = try await BudgetRounds().results(round.id, today: request.now, on: request.db) else {
            throw Abort(.notFound, reason: "The results are published when voting closes, after \(UKDates.day(UKDates.parseISODay(round.rules.votingUntil) ?? request.now)).")
        }
        let places = try await ProposalsController.places(request)
        var mine: [String]?
        if let me = request.signedIn, let saved = try await BudgetRounds().ballot(in: round.id, of: me.personID, on: request.db) {
            mine = saved.projects.compactMap { id in round.projects.first { $0.id == id }?.title }
        }
        var model = BudgetPages.ResultsModel(summary: Self.summary(round, places, request.now), lines: counted.lines.map { line in
            BudgetPages.ResultRow(title: counted.election.projects[line.project].name, number: counted.election.projects[line.project].id,
                                  votes: line.votes, cost: Money.pounds(line.cost), funded: line.funded, why: line.why)
        }, spent: Money.pounds(counted.outcome.cost), left: Money.pounds(round.rules.budget - counted.outcome.cost),
           share: counted.outcome.share.map(Money.exact), myBallot: mine,
           participation: try await BudgetRounds().participation(round.id, on: request.db))
        model.followed = try await CommunityResults().result(ofRound: round.id, on: request.db)
        model.mayFollow = request.alongside.policy.allows(.runBudgetRound, for: request.actor)
        let context = PageContext(request, title: "Results: \(round.rules.title)", breadcrumbs: [
            NavigationLink(title: "Community budgets", path: BudgetURL.rounds.path), NavigationLink(title: round.rules.title, path: BudgetURL.round(round.id).path),
        ])
        return BudgetPages.results(model, context).response()
    }

    func resultsFile(_ request: Request) async throws -> Response {
        let round = try await Self.round(request)
        guard let counted = try await BudgetRounds().results(round.id, today: request.now, on: request.db) else {
            throw Abort(.notFound, reason: "The results are published when voting closes.")
        }
        return Self.pabulibResponse(counted, round)
    }

    static func pabulibResponse(_ counted: BudgetResults, _ round: BudgetRoundView) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"budget-round-\(round.id.uuidString.lowercased()).pb\"")
        return Response(status: .ok, headers: headers, body: .init(string: counted.pabulib))
    }

    // MARK: - Setting up a round

    func newForm(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.runBudgetRound)
        // Opened from a gap on the unmet need page: the round starts with the gap's area and its figures, as shown there.
        var form: [String: String] = [:]
        if let need = request.query[String.self, at: "need"].flatMap(Need.init(rawValue:)),
           request.alongside.policy.allows(.readPlaceInsight, for: request.actor),
           let gap = try? await UnmetNeedController.gap(request, need: need) {
            form = ["title": gap.title, "description": gap.description, "area": gap.area, "need": need.rawValue]
        }
        return try await formPage(request, id: nil, form: form, errors: []).response()
    }

    func editForm(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.runBudgetRound)
        let round = try await Self.round(request)
        return try await formPage(request, id: round.id, form: Self.form(of: round.rules), errors: []).response()
    }

    private func formPage(_ request: Request, id: UUID?, form: [String: String], errors: [FieldError]) async throws -> Node {
        let places = try await ProposalsController.places(request)
        var crumbs = [NavigationLink(title: "Community budgets", path: BudgetURL.rounds.path)]
        if let id { crumbs.append(NavigationLink(title: "The round", path: BudgetURL.round(id).path)) }
        var context = PageContext(request, title: id == nil ? "Open a budget round" : "Change the round's rules", breadcrumbs: crumbs)
        context.hasErrors = !errors.isEmpty
        return BudgetPages.form(action: id.map { BudgetURL.edit($0).path } ?? BudgetURL.newRound.path, wards: places.wards.map { ($0.code, $0.name) },
                                form: form, errors: errors, context)
    }

    /// The round's rules as the form shows them.
    static func form(of r: BudgetRoundDraft) -> [String: String] {
        var form = ["title": r.title, "description": r.description, "amount": Money.pounds(r.budget).replacingOccurrences(of: "£", with: ""),
                    "area": r.wards.isEmpty ? ProposalDraft.wholePlace : r.wards.joined(separator: ","), "minimum_age": "\(r.minimumAge)",
                    "ballot": r.ballot.code, "rule": r.rule.rawValue]
        if case .approval(let limit?) = r.ballot { form["limit"] = "\(limit)" }
        for (name, iso) in [("ideas_from", r.ideasFrom), ("feasibility_from", r.feasibilityFrom), ("voting_from", r.votingFrom), ("voting_until", r.votingUntil)] {
            let parts = DateParts(iso: iso)
            form[name + "-day"] = parts.day; form[name + "-month"] = parts.month; form[name + "-year"] = parts.year
        }
        return form
    }

    /// The form as typed, checked into a round's rules.
    static func rules(_ request: Request, _ form: [String: String]) async throws -> BudgetRoundDraft {
        let places = try await ProposalsController.places(request)
        let area = (try? request.content.get([String].self, at: "area")) ?? (form["area"].map { [$0] } ?? [])
        func day(_ name: String) -> String? {
            let parts = DateParts(day: form[name + "-day"] ?? "", month: form[name + "-month"] ?? "", year: form[name + "-year"] ?? "")
            return UKDates.parseTypedDay(parts.typed).map(UKDates.isoDay)
        }
        return try BudgetRoundDraft.from(title: form["title"] ?? "", description: form["description"] ?? "", amount: form["amount"] ?? "", area: area,
                                         minimumAge: form["minimum_age"] ?? "", ideasFrom: day("ideas_from"), feasibilityFrom: day("feasibility_from"),
                                         votingFrom: day("voting_from"), votingUntil: day("voting_until"), ballot: form["ballot"] ?? "",
                                         limit: form["limit"] ?? "", rule: form["rule"] ?? "", knownWards: Set(places.wards.map(\.code)))
    }

    static func decodeForm(_ request: Request) throws -> [String: String] {
        var form = (try? request.content.decode([String: String].self)) ?? [:]
        if let area = try? request.content.get([String].self, at: "area") { form["area"] = area.joined(separator: ",") }
        return form
    }

    func create(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.runBudgetRound)
        let form = try Self.decodeForm(request)
        do {
            // Opened from a gap: the round remembers the need, so the gap's page can follow what it funds.
            let typedNeed = (form["need"] ?? "").trimmingCharacters(in: .whitespaces)
            let need = Need(rawValue: typedNeed)
            guard typedNeed.isEmpty || need != nil else {
                throw ValidationFailure([FieldError("need", "The gap this round was opened from is not known: \"\(typedNeed)\" is not a need")])
            }
            let id = try await BudgetRounds().create(try await Self.rules(request, form), need: need, now: request.now, on: request.db)
            return request.redirect(to: BudgetURL.round(id).with([("done", Notice.roundOpened.rawValue)]))
        } catch let failure as ValidationFailure {
            return try await formPage(request, id: nil, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        }
    }

    func update(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.runBudgetRound)
        let round = try await Self.round(request)
        let form = try Self.decodeForm(request)
        do {
            try await BudgetRounds().update(round.id, try await Self.rules(request, form), on: request.db)
            return request.redirect(to: BudgetURL.round(round.id).with([("done", Notice.roundChanged.rawValue)]))
        } catch let failure as ValidationFailure {
            return try await formPage(request, id: round.id, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch let refused as BudgetRefused {
            return try await formPage(request, id: round.id, form: form, errors: [FieldError("rule", refused.message)]).response(status: .conflict)
        }
    }

    // MARK: - Ideas, reviews and ballots

    func addIdea(_ request: Request) async throws -> Response {
        let me = try await ProposalsController.requireResident(request)
        let round = try await Self.round(request)
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            try await BudgetRounds().addIdea(to: round.id, title: form["title"] ?? "", description: form["description"] ?? "", ward: nil,
                                             proposedBy: me.personID, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await page(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch let refused as BudgetRefused {
            return try await page(request, form: form, errors: [FieldError("title", refused.message)]).response(status: .conflict)
        }
        return request.redirect(to: BudgetURL.round(round.id).with([("done", Notice.ideaAdded.rawValue)]) + "#ideas")
    }

    func review(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.reviewFeasibility)
        guard let text = request.parameters.get("id"), let project = UUID(uuidString: text),
              let roundID = try await BudgetRounds().round(ofProject: project, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such project.")
        }
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        let prefix = "review-\(project.uuidString.lowercased())-"
        do {
            var cost: Int?
            switch form[prefix + "outcome"] {
            case "feasible":
                guard let pence = Money.pence(from: form[prefix + "cost"] ?? ""), pence > 0 else {
                    throw FieldError("cost", "Enter what it would cost in pounds and pence, like 1,250.00")
                }
                cost = pence
            case "not_feasible":
                if (form[prefix + "reason"] ?? "").trimmed.isEmpty { throw FieldError("reason", "Say why it cannot be done") }
            default: throw FieldError("outcome", "Choose whether it can be done")
            }
            try await BudgetRounds().review(project: project, cost: cost, reason: form[prefix + "reason"] ?? "", now: request.now, on: request.db)
        } catch let error as FieldError {
            request.parameters.set("id", to: roundID.uuidString)
            return try await page(request, form: form, errors: [FieldError(prefix + error.field, error.message)]).response(status: .unprocessableEntity)
        } catch let refused as BudgetRefused {
            request.parameters.set("id", to: roundID.uuidString)
            return try await page(request, form: form, errors: [FieldError(prefix + "outcome", refused.message)]).response(status: .conflict)
        }
        return request.redirect(to: BudgetURL.round(roundID).with([("done", Notice.projectReviewed.rawValue)]) + "#ideas")
    }

    func cast(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let round = try await Self.round(request)
        let typed = (try? request.content.get([String].self, at: "projects")) ?? ((try? request.content.get(String.self, at: "projects")).map { [$0] } ?? [])
        let chosen = typed.compactMap(UUID.init(uuidString:))
        do {
            if chosen.count != typed.count { throw FieldError("projects", "Choose projects from this round's ballot") }
            try await BudgetRounds().cast(chosen, in: round.id, by: me.personID, now: request.now, on: request.db)
        } catch let error as FieldError {
            return try await page(request, form: [:], errors: [error], chosen: chosen).response(status: .unprocessableEntity)
        } catch let refused as BudgetRefused {
            return try await page(request, form: [:], errors: [FieldError("projects", refused.message)], chosen: chosen).response(status: .conflict)
        }
        return request.redirect(to: BudgetURL.round(round.id).with([("done", Notice.ballotCast.rawValue)]) + "#ballot")
    }

    // MARK: - Helpers

    static func round(_ request: Request) async throws -> BudgetRoundView {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text),
              let round = try await BudgetRounds().round(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no budget round at this address.")
        }
        return round
    }

    static func area(_ rules: BudgetRoundDraft, _ places: ProposalsController.Places) -> String {
        rules.wards.isEmpty ? "The whole place" : rules.wards.map { places.ward(of: $0) }.joined(separator: "; ")
    }

    static func summary(_ round: BudgetRoundView, _ places: ProposalsController.Places, _ today: Date) -> BudgetPages.Summary {
        let r = round.rules
        return BudgetPages.Summary(id: round.id, title: r.title, amount: Money.pounds(r.budget), area: area(r, places), minimumAge: r.minimumAge,
                                   phase: round.phase(on: today), votingFrom: BudgetPages.day(r.votingFrom), votingUntil: BudgetPages.day(r.votingUntil),
                                   ballotText: r.ballot.explanation(budget: r.budget), ruleTitle: r.rule.title, ruleText: r.rule.explanation,
                                   ballots: round.ballots, projects: round.projects.count)
    }

    static func phases(_ r: BudgetRoundDraft) -> [(BudgetPhase, String)] {
        let before = { (iso: String) -> String in
            BudgetPages.day(UKDates.parseISODay(iso).flatMap { Calendar.ukCivil.date(byAdding: .day, value: -1, to: $0) }.map(UKDates.isoDay))
        }
        let after = UKDates.parseISODay(r.votingUntil).flatMap { Calendar.ukCivil.date(byAdding: .day, value: 1, to: $0) }.map(UKDates.isoDay)
        return [(.ideas, "\(BudgetPages.day(r.ideasFrom)) to \(before(r.feasibilityFrom))"),
                (.feasibility, "\(BudgetPages.day(r.feasibilityFrom)) to \(before(r.votingFrom))"),
                (.voting, "\(BudgetPages.day(r.votingFrom)) to \(BudgetPages.day(r.votingUntil))"),
                (.results, "From \(BudgetPages.day(after))")]
    }

    static func row(_ p: BudgetProjectView, _ places: ProposalsController.Places) -> BudgetPages.ProjectRow {
        let status = switch p.feasibility {
        case .pending: "Waiting for its feasibility review"
        case .feasible: "On the ballot"
        case .notFeasible: "Cannot be done: \(p.reason)"
        }
        return BudgetPages.ProjectRow(id: p.id, number: p.number, title: p.title, description: p.description, status: status,
                                      cost: p.cost.map(Money.pounds), onBallot: p.feasibility == .feasible && p.cost != nil,
                                      pending: p.feasibility == .pending, proposal: p.proposalID)
    }
}
