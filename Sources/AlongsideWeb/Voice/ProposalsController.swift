import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Proposals as pages: anyone reads them; people who live in the place write and support them; the health
/// system answers those owed an answer, by a date everyone can see; late answers are listed in public.
struct ProposalsController: RouteCollection {
    /// The thresholds in force: as an administrator set them, or DESIGN.md's defaults.
    static func thresholds(_ request: Request) async throws -> ProposalThresholds { try await VoiceSettings().thresholds(on: request.db) }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(VoiceURL.proposals.pathComponents, use: list)
        routes.get(VoiceURL.newProposal.pathComponents, use: newForm)
        routes.post(VoiceURL.newProposal.pathComponents, use: create)
        routes.get(VoiceURL.overdueAnswers.pathComponents, use: overdue)
        routes.get(VoiceURL.proposal(UUID()).pathComponents, use: show)
        routes.post(VoiceURL.proposalSupport(UUID()).pathComponents, use: support)
        routes.post(VoiceURL.proposalWithdraw(UUID()).pathComponents, use: withdraw)
        routes.post(VoiceURL.proposalAnswer(UUID()).pathComponents, use: answer)
        routes.post(VoiceURL.proposalReport(UUID()).pathComponents, use: report)
        routes.post(VoiceURL.proposalSecondLook(UUID()).pathComponents, use: secondLook)
        routes.post(VoiceURL.proposalModerate(UUID()).pathComponents, use: moderate)
        routes.get(VoiceURL.moderation.pathComponents, use: queue)
        routes.post(VoiceURL.proposalComments(UUID()).pathComponents, use: comment)
        routes.post(VoiceURL.commentReport(UUID()).pathComponents, use: reportComment)
        routes.post(VoiceURL.commentModerate(UUID()).pathComponents, use: moderateComment)
        routes.post(VoiceURL.commentSecondLook(UUID()).pathComponents, use: commentSecondLook)
        routes.get(VoiceURL.settings.pathComponents, use: settings)
        routes.post(VoiceURL.settings.pathComponents, use: saveSettings)
    }

    // MARK: - Reading

    func list(_ request: Request) async throws -> Response {
        let places = try await Self.places(request)
        let listed = try await Proposals().listed(thresholds: try await Self.thresholds(request), today: request.now, on: request.db)
        let model = ProposalPages.ListModel(
            proposals: listed.map { Self.summary($0, places) }, thresholds: try await Self.thresholds(request),
            mayPropose: try await Self.mayPropose(request), signedIn: request.signedIn != nil,
            mayConfigure: request.alongside.policy.allows(.manageSettings, for: request.actor),
            calls: try await ProposalCalls().open(today: request.now, on: request.db).map { ProposalCallPages.Summary($0, places, today: request.now) })
        return ProposalPages.list(model, PageContext(request, title: "Proposals")).response()
    }

    func overdue(_ request: Request) async throws -> Response {
        let places = try await Self.places(request)
        let late = try await Proposals().overdue(thresholds: try await Self.thresholds(request), today: request.now, on: request.db)
        let today = Calendar.ukCivil.startOfDay(for: request.now)
        let owners = try await VoiceSettings().owners(on: request.db)
        let names = Dictionary(try await request.alongside.accounts.organisations(on: request.db).map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = late.map { view in
            let due = view.standing.answerDue.flatMap(UKDates.parseISODay) ?? today
            return (Self.summary(view, places), max(0, Calendar.ukCivil.dateComponents([.day], from: due, to: today).day ?? 0),
                    owners[view.category].flatMap { names[$0] } ?? "Not named yet")
        }
        let context = PageContext(request, title: "Answers overdue", breadcrumbs: [NavigationLink(title: "Proposals", path: VoiceURL.proposals.path)])
        return ProposalPages.overdue(rows, context).response()
    }

    func show(_ request: Request) async throws -> Response {
        try await page(request, form: [:], errors: []).response()
    }

    func page(_ request: Request, form: [String: String], errors: [FieldError]) async throws -> Node {
        let id = try Self.id(request)
        guard let view = try await Proposals().view(id, thresholds: try await Self.thresholds(request), today: request.now, on: request.db) else {
            throw Abort(.notFound, reason: "There is no proposal at this address.")
        }
        let places = try await Self.places(request)
        var model = ProposalPages.Model(summary: Self.summary(view, places), body: view.body, thresholds: try await Self.thresholds(request),
                                        byWard: view.supportsByWard.map { (places.ward(of: $0.key), $0.value) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) },
                                        answers: view.answers.map { ProposalPages.AnswerShown($0.answer, at: $0.at, service: nil) },
                                        hiddenReason: view.hiddenReason)
        if view.standing.state != .hidden { model.participation = try await Proposals().participation(id, on: request.db) }
        for (index, answer) in view.answers.enumerated() {
            if case .alreadyHappening(let service, _) = answer.answer, let listing = try await Directory().listing(id: service, on: request.db) {
                model.answers[index].service = (listing.name, SiteURL.service(service).path)
            }
        }
        if let call = try await view.callID.asyncMap({ try await ProposalCalls().find($0, on: request.db) }) ?? nil {
            model.call = (call.title, VoiceURL.call(call.id).path)
        }
        model.moderation = try await ProposalModeration().standing(id, on: request.db)
        model.owner = try await VoiceSettings().owner(of: view.category, on: request.db)?.name
        model.comments = try await ProposalComments().comments(on: id, for: request.signedIn?.personID, on: request.db)
        model.mayComment = try await Self.mayPropose(request) && view.standing.state != .hidden
        if let me = request.signedIn {
            let reported = try await ProposalModeration().hasReported(id, by: me.personID, on: request.db)
            model.mayReport = view.authorID != me.personID && !reported
            model.isAuthor = view.authorID == me.personID
            model.supporting = try await Proposals().supports(id, by: me.personID, on: request.db)
            let livesHere = try await Self.mayPropose(request)
            model.maySupport = view.standing.supportsOpen && !model.isAuthor && livesHere
            model.mayAnswer = view.standing.state == .owedAnswer && request.alongside.policy.allows(.answerProposal, for: request.actor)
        }
        var context = PageContext(request, title: view.title, breadcrumbs: [NavigationLink(title: "Proposals", path: VoiceURL.proposals.path)])
        context.hasErrors = !errors.isEmpty
        return ProposalPages.page(model, form: form, errors: errors, context)
    }

    // MARK: - Writing

    func newForm(_ request: Request) async throws -> Response {
        try await Self.requireResident(request)
        do {
            let call = try await ProposalCallsController.openCall(request.query[String.self, at: "call"], request)
            return try await formPage(request, form: [:], errors: [], call: call).response()
        } catch let closed as ProposalCallsController.CallClosed {
            // A call that has closed is gone (410): the form for a proposal of their own, saying so.
            return try await formPage(request, form: [:], errors: closed.failure.errors).response(status: .gone)
        } catch let failure as ValidationFailure {
            // No call at that address: the form for a proposal of their own, saying why.
            return try await formPage(request, form: [:], errors: failure.errors).response(status: .notFound)
        }
    }

    private func formPage(_ request: Request, form: [String: String], errors: [FieldError], call: ProposalCallView? = nil) async throws -> Node {
        let places = try await Self.places(request)
        var context = PageContext(request, title: call == nil ? "Write a proposal" : "Make a proposal in answer to a call",
                                  breadcrumbs: [NavigationLink(title: "Proposals", path: VoiceURL.proposals.path)])
        context.hasErrors = !errors.isEmpty
        return ProposalPages.form(wards: places.wards.map { ($0.code, $0.name) }, categories: places.categories.map { ($0.code, $0.name) },
                                  thresholds: try await Self.thresholds(request), form: form, errors: errors,
                                  call: call.map { ProposalCallPages.Summary($0, places, today: request.now) }, context)
    }

    func create(_ request: Request) async throws -> Response {
        let me = try await Self.requireResident(request)
        let form = try request.content.decode([String: String].self)
        let places = try await Self.places(request)
        var call: ProposalCallView? = nil
        do {
            // In answer to a call: the call's ward and category, whatever else the form sends.
            call = try await ProposalCallsController.openCall(form["call"], request)
            let draft = try ProposalDraft(title: form["title"] ?? "", body: form["body"] ?? "",
                                          ward: call.map { $0.ward ?? ProposalDraft.wholePlace } ?? form["ward"], category: call?.category ?? form["category"] ?? "")
                .validated(wards: Set(places.wards.map(\.code)), categories: Set(places.categories.map(\.code)))
            let id = try await ProposalCallsController.answering {
                try await Proposals().create(draft, author: me.personID, notify: form["notify"] == "yes", call: call?.id, now: request.now, on: request.db)
            }
            return request.redirect(to: VoiceURL.proposal(id).with([("done", Notice.proposalSaved.rawValue)]))
        } catch let closed as ProposalCallsController.CallClosed {
            return try await formPage(request, form: form, errors: closed.failure.errors).response(status: .unprocessableEntity)
        } catch let failure as ValidationFailure {
            return try await formPage(request, form: form, errors: failure.errors, call: call).response(status: .unprocessableEntity)
        }
    }

    func support(_ request: Request) async throws -> Response {
        let me = try await Self.requireResident(request)
        let id = try Self.id(request)
        do {
            let form = (try? request.content.decode([String: String].self)) ?? [:]
            try await Proposals().support(id, by: me.personID, notify: form["notify"] == "yes", thresholds: try await Self.thresholds(request), now: request.now, on: request.db)
        } catch is ProposalNotFound {
            throw Abort(.notFound, reason: "There is no proposal at this address.")
        } catch let refused as ProposalRefused {
            return try await page(request, form: [:], errors: [FieldError("support", refused.message)]).response(status: .conflict)
        }
        return request.redirect(to: VoiceURL.proposal(id).with([("done", Notice.proposalSupported.rawValue)]))
    }

    func withdraw(_ request: Request) async throws -> Response {
        let me = try await Self.requireResident(request)
        let id = try Self.id(request)
        do {
            try await Proposals().withdraw(id, by: me.personID, on: request.db)
        } catch is ProposalNotFound {
            throw Abort(.notFound, reason: "There is no proposal at this address.")
        } catch let refused as ProposalRefused {
            return try await page(request, form: [:], errors: [FieldError("support", refused.message)]).response(status: .conflict)
        }
        return request.redirect(to: VoiceURL.proposal(id).with([("done", Notice.supportWithdrawn.rawValue)]))
    }

    func answer(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.answerProposal)
        let id = try Self.id(request)
        let form = try request.content.decode([String: String].self)
        do {
            let newDue = DateParts(day: form["new_due-day"] ?? "", month: form["new_due-month"] ?? "", year: form["new_due-year"] ?? "").typed
            let service = (form["service"] ?? "").firstMatch(of: /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/).map { String($0.0) }
                ?? form["service"]
            let answer = try ProposalAnswer.from(kind: form["kind"], reasons: form["reasons"], newDue: newDue, service: service, today: request.now)
            let owner = try await VoiceSettings().owner(of: try await Proposals().category(of: id, on: request.db) ?? "", on: request.db)
            try await Proposals().answer(id, answer, organisation: owner?.id, by: me.personID, now: request.now, email: Self.answerEmail(answer, id, request),
                                         on: request.db)
        } catch is ProposalNotFound {
            throw Abort(.notFound, reason: "There is no proposal at this address.")
        } catch let failure as ValidationFailure {
            return try await page(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch let refused as ProposalRefused {
            return try await page(request, form: form, errors: [FieldError(refused.field ?? "kind", refused.message)]).response(status: .conflict)
        }
        return request.redirect(to: VoiceURL.proposal(id).with([("done", Notice.proposalAnswered.rawValue)]))
    }

    // MARK: - Settings

    func settings(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.manageSettings)
        let t = try await Self.thresholds(request)
        var form = ["publish": "\(t.publish)", "answer": "\(t.answer)", "board": "\(t.board)", "answer_days": "\(t.answerDays)"]
        for (category, organisation) in try await VoiceSettings().owners(on: request.db) { form["owner-" + category] = organisation.uuidString.lowercased() }
        return try await settingsPage(request, form: form, errors: []).response()
    }

    private func settingsPage(_ request: Request, form: [String: String], errors: [FieldError]) async throws -> Node {
        let places = try await Self.places(request)
        let organisations = try await request.alongside.accounts.organisations(on: request.db).map { ($0.id!.uuidString.lowercased(), $0.name) }
        var context = PageContext(request, title: "Community voice settings")
        context.hasErrors = !errors.isEmpty
        return ProposalPages.settings(categories: places.categories.map { ($0.code, $0.name) }, organisations: organisations, form: form, errors: errors, context)
    }

    func saveSettings(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.manageSettings)
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        let places = try await Self.places(request)
        do {
            let number = { (name: String) in Int((form[name] ?? "").trimmed) ?? -1 }
            let thresholds = try ProposalThresholds(publish: number("publish"), answer: number("answer"), board: number("board"), answerDays: number("answer_days")).validated()
            var owners: [String: UUID?] = [:]
            for category in places.categories {
                let chosen = (form["owner-" + category.code] ?? "").trimmed
                owners[category.code] = chosen.isEmpty ? nil : UUID(uuidString: chosen)
                if !chosen.isEmpty && UUID(uuidString: chosen) == nil { throw FieldError("owner-" + category.code, "Choose an organisation from the list") }
            }
            try await VoiceSettings().setOwners(owners, on: request.db)
            try await VoiceSettings().setThresholds(thresholds, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await settingsPage(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch let error as FieldError {
            return try await settingsPage(request, form: form, errors: [error]).response(status: .unprocessableEntity)
        }
        return request.redirect(to: VoiceURL.settings.with([("done", Notice.settingsSaved.rawValue)]))
    }

    // MARK: - Helpers

    /// The email each person who asked to be told of the answer gets.
    static func answerEmail(_ answer: ProposalAnswer, _ id: UUID, _ request: Request)
        -> @Sendable (String, Bool, String) -> (subject: String, body: String) {
        let link = request.alongside.configuration.publicURL + VoiceURL.proposal(id).path
        return { _, isAuthor, title in Emails.proposalAnswered(isAuthor: isAuthor, title: title, answer: answer, link: link) }
    }

    /// The place's wards and the categories a proposal can be about.
    struct Places {
        let wards: [WardArea]
        let categories: [TaxonomyTerm]

        func ward(of code: String?) -> String {
            guard let code, !code.isEmpty else { return "Ward not known" }
            return wards.first { $0.code == code }?.name ?? code
        }

        func category(_ code: String) -> String { categories.first { $0.code == code }?.name ?? code }
    }

    static func places(_ request: Request) async throws -> Places {
        Places(wards: try await Geography().wards(on: request.db),
               categories: try await Taxonomies().terms(in: SocialPrescribingTaxonomy.id, on: request.db).sorted { $0.name < $1.name })
    }

    static func summary(_ view: ProposalView, _ places: Places) -> ProposalPages.Summary {
        ProposalPages.Summary(id: view.id, title: view.title, place: view.ward.map { places.ward(of: $0) } ?? "The whole place",
                              category: places.category(view.category), supports: view.supports, standing: view.standing,
                              proposedOn: UKDates.day(view.createdAt))
    }

    static func id(_ request: Request) throws -> UUID {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw Abort(.notFound, reason: "There is no proposal at this address.")
        }
        return id
    }

    /// Whether the signed-in person lives in the place: their home postcode is one the place knows.
    static func mayPropose(_ request: Request) async throws -> Bool {
        guard let me = request.signedIn else { return false }
        return request.alongside.policy.allows(.proposeOrSupport(residentOfPlace: try await livesHere(me.personID, request)), for: request.actor)
    }

    @discardableResult
    static func requireResident(_ request: Request) async throws -> SignedIn {
        let me = try request.requireSignedIn()
        try request.require(.proposeOrSupport(residentOfPlace: try await livesHere(me.personID, request)))
        return me
    }

    static func livesHere(_ person: UUID, _ request: Request) async throws -> Bool {
        guard let postcode = try await PersonRecord.find(person, on: request.db)?.postcode, let parsed = try? Postcode(postcode) else { return false }
        return try await request.alongside.geography.place(for: parsed, on: request.db) != nil
    }
}
