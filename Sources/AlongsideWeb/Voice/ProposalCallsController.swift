import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Calls for proposals: the health system asks residents for proposals on one thing in one place until a closing
/// day — from a gap in the unmet need figures, prefilled with the gap's figures as shown there. A call's page is
/// public; residents answer it with a proposal that takes the call's ward and category.
struct ProposalCallsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(VoiceURL.newCall.pathComponents, use: newForm)
        routes.post(VoiceURL.newCall.pathComponents, use: create)
        routes.get(VoiceURL.call(UUID()).pathComponents, use: show)
        routes.post(VoiceURL.closeCall(UUID()).pathComponents, use: close)
        routes.get(VoiceURL.editCall(UUID()).pathComponents, use: editForm)
        routes.post(VoiceURL.editCall(UUID()).pathComponents, use: change)
    }

    func newForm(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.askForProposals)
        // Opened from a gap: the call starts with the gap's area, its figures as the unmet need page shows them, and
        // the first category that meets the need. The closing day is left for the commissioner to choose.
        var form: [String: String] = [:]
        if let need = request.query[String.self, at: "need"].flatMap(Need.init(rawValue:)),
           request.alongside.policy.allows(.readPlaceInsight, for: request.actor),
           let gap = try? await UnmetNeedController.gap(request, need: need) {
            form = ["title": "Ideas wanted: " + gap.title, "body": gap.description, "ward": gap.area, "need": need.rawValue,
                    "category": UnmetNeed.categories(for: need).first ?? ""]
        }
        return try await formPage(request, form: form, errors: []).response()
    }

    private func formPage(_ request: Request, form: [String: String], errors: [FieldError]) async throws -> Node {
        let places = try await ProposalsController.places(request)
        var context = PageContext(request, title: "Ask the community for proposals",
                                  breadcrumbs: [NavigationLink(title: "Proposals", path: VoiceURL.proposals.path)])
        context.hasErrors = !errors.isEmpty
        return ProposalCallPages.form(wards: places.wards.map { ($0.code, $0.name) }, categories: places.categories.map { ($0.code, $0.name) },
                                      today: request.now, form: form, errors: errors, context)
    }

    func create(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.askForProposals)
        let form = try request.content.decode([String: String].self)
        let places = try await ProposalsController.places(request)
        do {
            let typedNeed = (form["need"] ?? "").trimmed
            guard typedNeed.isEmpty || Need(rawValue: typedNeed) != nil else {
                throw ValidationFailure([FieldError("need", "The gap this call was opened from is not known: \"\(typedNeed)\" is not a need")])
            }
            let draft = try ProposalCallDraft(title: form["title"] ?? "", body: form["body"] ?? "", ward: form["ward"], category: form["category"] ?? "",
                                              closesOn: form["closes_on"] ?? "", need: Need(rawValue: typedNeed))
                .validated(wards: Set(places.wards.map(\.code)), categories: Set(places.categories.map(\.code)), today: request.now)
            let place = draft.ward.map { places.ward(of: $0) } ?? "the whole place", category = places.category(draft.category)
            let closesOn = ProposalPages.day(draft.closesOn), root = request.alongside.configuration.publicURL
            let opened = try await ProposalCalls().open(draft, now: request.now, tell: { call, organisation in
                Emails.callForProposals(organisation: organisation, title: draft.title, place: place, category: category, closesOn: closesOn,
                                        link: root + VoiceURL.call(call).path)
            }, on: request.db)
            return request.redirect(to: VoiceURL.call(opened.id).with([("done", (opened.told > 0 ? Notice.callOpenedAndTold : .callOpened).rawValue)]))
        } catch let failure as ValidationFailure {
            return try await formPage(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        }
    }

    func show(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)), let call = try await ProposalCalls().find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no call for proposals at this address.")
        }
        let places = try await ProposalsController.places(request)
        let thresholds = try await ProposalsController.thresholds(request)
        let published = try await Proposals().listed(inAnswerTo: id, thresholds: thresholds, today: request.now, on: request.db)
        let model = ProposalCallPages.Model(
            call: ProposalCallPages.Summary(call, places, today: request.now), body: call.body, answered: call.answered,
            published: published.map { ProposalsController.summary($0, places) },
            mayPropose: try await ProposalsController.mayPropose(request), signedIn: request.signedIn != nil,
            mayClose: request.alongside.policy.allows(.askForProposals, for: request.actor))
        return ProposalCallPages.page(model, PageContext(request, title: call.title, breadcrumbs: [NavigationLink(title: "Proposals", path: VoiceURL.proposals.path)]))
            .response()
    }

    /// The form to change an open call: its saved title, words and last day; where and what it is about are shown, fixed.
    func editForm(_ request: Request) async throws -> Response {
        let call = try await Self.changeable(request)
        return try await editPage(request, call, form: ["title": call.title, "body": call.body, "closes_on": call.closesOn], errors: []).response()
    }

    func change(_ request: Request) async throws -> Response {
        let call = try await Self.changeable(request)
        let form = try request.content.decode([String: String].self)
        let places = try await ProposalsController.places(request)
        do {
            let draft = try ProposalCallDraft(title: form["title"] ?? "", body: form["body"] ?? "", ward: call.ward ?? ProposalDraft.wholePlace,
                                              category: call.category, closesOn: form["closes_on"] ?? "")
                .validated(wards: Set(places.wards.map(\.code)), categories: Set(places.categories.map(\.code)), today: request.now)
            _ = try await ProposalCalls().change(call.id, to: draft, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await editPage(request, call, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch let closed as CallAlreadyClosed {
            throw Abort(.conflict, reason: "This call for proposals closed on \(ProposalPages.day(closed.closedOn)), so it cannot be changed.")
        }
        return request.redirect(to: VoiceURL.call(call.id).with([("done", Notice.callChanged.rawValue)]))
    }

    /// The call at the address, for a commissioner or administrator to change: 404 when there is none, 409 once closed.
    private static func changeable(_ request: Request) async throws -> ProposalCallView {
        _ = try request.requireSignedIn()
        try request.require(.askForProposals)
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)), let call = try await ProposalCalls().find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no call for proposals at this address.")
        }
        guard call.isOpen(today: request.now) else {
            throw Abort(.conflict, reason: "This call for proposals closed on \(ProposalPages.day(call.closedOn)), so it cannot be changed.")
        }
        return call
    }

    private func editPage(_ request: Request, _ call: ProposalCallView, form: [String: String], errors: [FieldError]) async throws -> Node {
        let places = try await ProposalsController.places(request)
        var context = PageContext(request, title: "Change \"\(call.title)\"",
                                  breadcrumbs: [NavigationLink(title: "Proposals", path: VoiceURL.proposals.path),
                                                NavigationLink(title: call.title, path: VoiceURL.call(call.id).path)])
        context.hasErrors = !errors.isEmpty
        return ProposalCallPages.form(wards: [], categories: [], today: request.now, form: form, errors: errors, context,
                                      changing: (call.id, call.ward.map { places.ward(of: $0) } ?? "The whole place", places.category(call.category)))
    }

    /// Closes a call before its last day, after asking: it takes no more proposals; those made in answer stay.
    func close(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.askForProposals)
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)), let call = try await ProposalCalls().find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no call for proposals at this address.")
        }
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        guard Confirmation.isConfirmed(form[Confirmation.field]) else {
            let ask = Confirmation(question: "Close \"\(call.title)\" now?",
                                   consequences: ["No more proposals can be made in answer. It was to take them until \(ProposalPages.day(call.closesOn)).",
                                                  call.answered == 1 ? "The 1 proposal made in answer stays, and is supported, published and answered as before."
                                                    : "The \(call.answered) proposals made in answer stay, and are supported, published and answered as before.",
                                                  "A call cannot be opened again once closed: ask for proposals anew instead."],
                                   action: VoiceURL.closeCall(id).path, hidden: [], button: "Yes, close the call", back: VoiceURL.call(id).path)
            return ask.page(PageContext(request, title: "Close \"\(call.title)\" now?",
                                        breadcrumbs: [NavigationLink(title: "Proposals", path: VoiceURL.proposals.path)])).response()
        }
        do {
            _ = try await ProposalCalls().close(id, now: request.now, on: request.db)
        } catch let closed as CallAlreadyClosed {
            throw Abort(.conflict, reason: "This call for proposals closed on \(ProposalPages.day(closed.closedOn)) already.")
        }
        return request.redirect(to: VoiceURL.call(id).with([("done", Notice.callClosed.rawValue)]))
    }

    /// The call a proposal is being written in answer to (`call` in the query or form), if it is still open.
    static func openCall(_ text: String?, _ request: Request, field: String = "call") async throws -> ProposalCallView? {
        guard let text = text?.trimmed, !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text), let call = try await ProposalCalls().find(id, on: request.db) else {
            throw ValidationFailure([FieldError(field, "The call for proposals this answers is not known")])
        }
        guard call.isOpen(today: request.now) else { throw CallClosed(closedOn: call.closedOn, field: field) }
        return call
    }

    /// Saves a proposal in answer to a call, the call being checked again as it is saved: one that closed meanwhile
    /// is `CallClosed`, one that has gone is a `ValidationFailure` on `field`.
    static func answering<T>(field: String = "call", _ save: () async throws -> T) async throws -> T {
        do {
            return try await save()
        } catch let closed as CallAlreadyClosed {
            throw CallClosed(closedOn: closed.closedOn, field: field)
        } catch is ProposalCallNotFound {
            throw ValidationFailure([FieldError(field, "The call for proposals this answers is not known")])
        }
    }

    /// The call asked for has closed: it was there, and is no longer taking proposals.
    struct CallClosed: Error {
        let failure: ValidationFailure

        init(closedOn: String, field: String) {
            failure = ValidationFailure([FieldError(field, "This call for proposals closed on \(ProposalPages.day(closedOn)): write a proposal of your own instead")])
        }
    }
}

enum ProposalCallPages {
    /// A call as lists show it.
    struct Summary {
        let id: UUID
        let title: String
        let place: String
        let category: String
        let closesOn: String
        let isOpen: Bool
        let answered: Int

        init(_ call: ProposalCallView, _ places: ProposalsController.Places, today: Date) {
            id = call.id; title = call.title; place = call.ward.map { places.ward(of: $0) } ?? "The whole place"
            category = places.category(call.category); closesOn = ProposalPages.day(call.closesOn)
            isOpen = call.isOpen(today: today); answered = call.answered
            closedEarlyOn = call.closedAt.map { ProposalPages.day(UKDates.isoDay($0)) }
        }

        /// The day it was closed before its last day, if it was.
        let closedEarlyOn: String?

        var when: String {
            if let closedEarlyOn { return "Closed early, on \(closedEarlyOn)" }
            return isOpen ? "Proposals taken until \(closesOn)" : "Closed on \(closesOn)"
        }
        var answeredText: String { answered == 1 ? "1 proposal made in answer" : "\(answered) proposals made in answer" }
    }

    struct Model {
        let call: Summary
        let body: String
        let answered: Int
        let published: [ProposalPages.Summary]
        let mayPropose: Bool
        let signedIn: Bool
        /// Whether the reader may close the call early (commissioners and administrators).
        var mayClose = false
    }

    /// The form to open a call, or (`changing`: the call, its place and category, which stay) to change one.
    static func form(wards: [(String, String)], categories: [(String, String)], today: Date, form: [String: String], errors e: [FieldError],
                     _ context: PageContext, changing: (id: UUID, place: String, category: String)? = nil) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            if let changing {
                el("p") { "Where and what it is about stay as they are: \(changing.place), \(changing.category). Proposals already made in answer stay as they were." }
            } else {
                el("p") { "Everyone can read a call. People who live here answer it with proposals, which are supported, published and answered like any other. Members of the organisations with a service listed under its category are told of it by email; for a call in one ward, only those whose service has a place within 3 km of the ward, or is not offered at a place." }
            }
            el("form", .init("method", "post"), .init("action", changing.map { VoiceURL.editCall($0.id).path } ?? VoiceURL.newCall.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                if let need = form["need"], !need.isEmpty { el("input", .type("hidden"), .name("need"), .value(need)) }
                Form.field("title", label: "Title", value: form["title"] ?? "", hint: "In a few words, what you are asking for", errors: e)
                Form.textarea("body", label: "What you are asking for, and why", value: form["body"] ?? "",
                              hint: "Up to \(ProposalCallDraft.bodyLimit) characters", rows: 8, errors: e)
                if changing == nil {
                    Form.select("ward", label: "Where", [(ProposalDraft.wholePlace, "The whole place")] + wards, chosen: form["ward"], errors: e)
                    Form.select("category", label: "What it is about", categories, chosen: form["category"], errors: e)
                }
                Form.field("closes_on", label: "Last day for proposals", type: "date", value: form["closes_on"] ?? "",
                           hint: "For example, \(UKDates.isoDay(Calendar.ukCivil.date(byAdding: .day, value: 42, to: today) ?? today)). A year ahead at most.",
                           errors: e, width: "short")
                if let error = e.first(where: { $0.field == "need" }) { el("p", .class("error-message")) { error.message } }
                Form.button(changing == nil ? "Ask for proposals" : "Save the call")
            }
        }
    }

    static func page(_ m: Model, _ context: PageContext) -> Node {
        let c = m.call
        return Layout.render(context) {
            el("h1") { c.title }
            el("p") { el("strong", .class(c.isOpen ? "tag" : "tag tag-warning")) { c.when } }
            el("p", .class("small")) { "A call for proposals from the health system · \(c.place) · \(c.category)" }
            for paragraph in m.body.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } }
            if c.isOpen {
                if m.mayPropose {
                    el("p") { el("a", .class("button"), .href(VoiceURL.newProposal.with([("call", c.id.uuidString.lowercased())]))) { "Make a proposal in answer" } }
                } else if !m.signedIn {
                    el("p") { el("a", .href(SiteURL.signIn.path)) { "Sign in" }; " to make a proposal in answer." }
                }
                if m.mayClose {
                    el("p") { el("a", .href(VoiceURL.editCall(c.id).path)) { "Change this call" } }
                    el("form", .init("method", "post"), .init("action", VoiceURL.closeCall(c.id).path)) {
                        Form.csrf(context.csrfToken)
                        Form.button("Close this call now", secondary: true)
                    }
                }
            }
            el("h2") { c.answeredText }
            if m.published.count < m.answered {
                el("p") { "Proposals are listed here once they are published, when enough people who live here support them." }
            }
            if !m.published.isEmpty {
                el("ul", .class("result-list")) {
                    for p in m.published {
                        el("li") {
                            el("h3") { el("a", .href(VoiceURL.proposal(p.id).path)) { p.title } }
                            el("p") { el("strong", .class(p.standing.overdue ? "tag tag-warning" : "tag")) { ProposalPages.standingWords(p.standing) } }
                            el("p", .class("small")) { "\(ProposalPages.supporters(p.supports)) · proposed \(p.proposedOn)" }
                        }
                    }
                }
            }
        }
    }

    /// Calls as a list: title, where and about what, and when they close.
    static func list(_ calls: [Summary]) -> Node {
        el("ul", .class("result-list")) {
            for call in calls {
                el("li") {
                    el("h3") { el("a", .href(VoiceURL.call(call.id).path)) { call.title } }
                    el("p", .class("small")) { "\(call.place) · \(call.category) · \(call.when) · \(call.answeredText)" }
                }
            }
        }
    }
}
