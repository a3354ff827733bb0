import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// From an episode to the community: the link worker finds a service and refers the person; the organisation
/// sees only what it needs, answers, and records attendance.
struct CommunityReferralsController: RouteCollection {
    struct SendForm: Content {
        var service_id: String?
        var hopes: String?
        var access_needs: String?
        var confirm_full: [String]?
    }

    struct ResponseForm: Content {
        var response: String?
        var reason: String?
        var note: String?
        var attendance: String?
        var session_on: String?
        var came: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.referralConnect(UUID()).pathComponents, use: connect)
        routes.post(SiteURL.referralCommunity(UUID()).pathComponents, use: send)
        routes.get(SiteURL.organisationReferrals.pathComponents, use: organisationInbox)
        routes.post(SiteURL.communityResponse(UUID()).pathComponents, use: respond)
    }

    private func referral(_ request: Request) async throws -> ReferralRecord {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text),
              let referral = try await Referrals().find(id, on: request.db)
        else { throw Abort(.notFound, reason: "There is no referral at this address.") }
        try request.require(.workOnReferral(referral.access))
        return referral
    }

    func connect(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let r = try await referral(request)
        try await request.audit(.viewedReferral, about: r.personID, detail: "to refer them to a service")
        return try await connectPage(request, r, words: (try? request.query.get(String.self, at: "q")) ?? "", form: SendForm(), errors: [])
            .response()
    }

    private func connectPage(_ request: Request, _ r: ReferralRecord, words: String, form: SendForm, errors: [FieldError]) async throws -> Node {
        var query = DirectoryQuery()
        query.text = words.trimmed.isEmpty ? nil : String(words.prefix(200))
        query.perPage = 10
        query.postcode = try? Postcode(r.postcode)
        let centre = try await query.postcode.asyncMap { try await request.alongside.geography.place(for: $0, on: request.db)?.coordinate } ?? nil
        let page = query.text == nil ? nil : try await Directory().search(query, centre: centre, cache: request.alongside.directorySearch, on: request.db)
        var context = PageContext(request, title: "Refer \(r.fullName) to a service",
                                  breadcrumbs: [NavigationLink(title: r.fullName, path: SiteURL.referral(r.id!).path)])
        context.hasErrors = !errors.isEmpty
        return CommunityPages.connect(r, words: words, results: page?.items ?? [], form: form, errors: errors, context)
    }

    func send(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let r = try await referral(request)
        let form = try request.content.decode(SendForm.self)
        do {
            guard let serviceID = form.service_id.flatMap(UUID.init(uuidString:)) else {
                throw ValidationFailure([FieldError("service_id", "Choose a service")])
            }
            try await CommunityReferrals().send(from: r.id!, to: serviceID, hopes: form.hopes ?? "", accessNeeds: form.access_needs,
                                                confirmFull: !(form.confirm_full ?? []).isEmpty, by: me.personID, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            // Show the chosen service again (found by its name), with what was typed and what is wrong.
            let name = try await form.service_id.flatMap(UUID.init(uuidString:)).asyncMap { try await Directory().listing(id: $0, on: request.db)?.name } ?? nil
            return try await connectPage(request, r, words: name ?? "", form: form, errors: failure.errors).response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.referral(r.id!).with([("done", Notice.communityReferralSent.rawValue)]))
    }

    func organisationInbox(_ request: Request) async throws -> Response {
        try await inboxPage(request, errors: [:]).response()
    }

    /// The organisation's referrals, past the 14 days first (`CommunityReferralRules.inboxOrder`), each read audited.
    private func inboxPage(_ request: Request, errors: [UUID: FieldError]) async throws -> Node {
        let me = try request.requireSignedIn()
        let organisations = me.actor.organisationIDs.filter { request.alongside.policy.allows(.recordAttendance(ofOrganisation: $0), for: request.actor) }
        guard !organisations.isEmpty else { throw Abort(.forbidden, reason: "Only members of an organisation see the people referred to it.") }
        let found = try await CommunityReferrals().forOrganisations(Array(organisations), on: request.db)
        let byID = Dictionary(found.map { ($0.referral.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let views = CommunityReferralRules.inboxOrder(found.map { (id: $0.referral.id!, sentAt: $0.referral.sentAt, status: $0.referral.currentStatus) },
                                                      now: request.now).compactMap { byID[$0] }
        for view in views { try await request.audit(.viewedReferral, about: view.personID) }
        var shared: Set<UUID> = []
        for person in Set(views.map(\.personID)) where request.alongside.policy.allows(.readPlan(try await Plans().access(for: person, on: request.db)), for: request.actor) {
            shared.insert(person)
        }
        var context = PageContext(request, title: "People referred to you")
        context.hasErrors = !errors.isEmpty
        return CommunityPages.organisationInbox(views, errors: errors, sharedPlans: shared, now: request.now, context)
    }

    func respond(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text),
              let c = try await CommunityReferrals().find(id, on: request.db)
        else { throw Abort(.notFound, reason: "There is no referral at this address.") }
        try request.require(.recordAttendance(ofOrganisation: c.organisationID))
        let form = try request.content.decode(ResponseForm.self)
        do {
            if form.response == "session" {
                try await CommunityReferrals().mark(id, day: form.session_on, came: form.came, by: me.personID, now: request.now, on: request.db)
            } else {
                try await CommunityReferrals().respond(id, try Self.response(form), by: me.personID, now: request.now, on: request.db)
            }
        } catch let error as FieldError {
            return try await inboxPage(request, errors: [id: error]).response(status: .unprocessableEntity)
        } catch let failure as ValidationFailure {
            let message = failure.errors.map(\.message).joined(separator: ". ")
            return try await inboxPage(request, errors: [id: FieldError(failure.errors.first?.field ?? "response", message)]).response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.organisationReferrals.with([("done", Notice.responseSaved.rawValue)]) + "#r-" + id.uuidString.lowercased())
    }

    static func response(_ form: ResponseForm) throws -> CommunityResponse {
        switch form.response {
        case "accept": return .accept
        case "decline":
            guard let reason = form.reason.flatMap(DeclineReason.init(rawValue:)) else { throw FieldError("reason", "Choose why you cannot take them") }
            return .decline(reason, note: form.note)
        case "attendance":
            guard let attended = form.attendance.flatMap(CommunityReferralStatus.init(rawValue:)) else { throw FieldError("attendance", "Choose what happened") }
            return .attendance(attended)
        default:
            throw FieldError("response", "Choose accept, decline or attendance")
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
