import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The plan as pages: the person's own ("My plan") and their link worker's view of it, the editor, every
/// version, and the person's choice of who else sees it.
struct PlansController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.plan(UUID()).pathComponents, use: show)
        routes.get(SiteURL.planEdit(UUID()).pathComponents, use: showEdit)
        routes.post(SiteURL.planEdit(UUID()).pathComponents, use: save)
        routes.get(SiteURL.planHistory(UUID()).pathComponents, use: history)
        routes.post(SiteURL.planSharing(UUID()).pathComponents, use: share)
        routes.post(SiteURL.planServices(UUID()).pathComponents, use: chooseService)
    }

    struct ServiceForm: Content {
        var service_id: String?
        var remove: String?
        /// Where to go back to: the service page or the plan.
        var back: String?
    }

    /// "Add to my plan" on a service page, and "Take off the plan" on the plan.
    func chooseService(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .changePlan($0) }
        let form = try request.content.decode(ServiceForm.self)
        guard let service = form.service_id.flatMap(UUID.init(uuidString:)) else { throw Abort(.badRequest, reason: "Choose a service from the directory.") }
        do {
            try await Plans().choose(service: service, add: form.remove != "yes", of: subject.id, by: subject.me.personID, channel: request.channel,
                                     now: request.now, on: request.db)
        } catch let error as FieldError {
            throw Abort(.notFound, reason: error.message)
        } catch is PlanChangedMeanwhile {
            throw Abort(.conflict, reason: "The plan changed at the same moment. Go back and try again.")
        }
        if form.back == "service" {
            return request.redirect(to: SiteURL.service(service).with([("done", Notice.addedToPlan.rawValue)]))
        }
        return request.redirect(to: SiteURL.plan(subject.id).with([("done", Notice.planSaved.rawValue)]))
    }

    static func crumbs(_ subject: PlanSubject) -> [NavigationLink] {
        subject.isMe ? [] : [NavigationLink(title: "Referrals", path: SiteURL.referrals.path)]
    }

    func show(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .readPlan($0) }
        let stored = try await Plans().plan(of: subject.id, on: request.db)
        try await request.audit(.viewedPlan, about: subject.id)
        let policy = request.alongside.policy
        let updatedBy = try await stored.updatedBy.asyncMap { try await ReferralsController.names([$0], on: request.db)[$0] } ?? nil
        // What the person can choose to share with: the clinicians who referred them, the organisations they were
        // referred to, and carers linked to them who agreed.
        var organisations: [(UUID, String, Bool)] = []
        var carers: [(UUID, String, Bool)] = []
        var gpOffered = false
        let services = try await Plans().services(of: subject.id, on: request.db)
        let chosenNames = Dictionary(uniqueKeysWithValues: try await ServiceRecord.query(on: request.db).filter(\.$id ~~ stored.plan.services).all()
            .map { ($0.id!, $0.name) })
        let chosen = stored.plan.services.compactMap { id in chosenNames[id].map { (id, $0) } }
        var sharedWith: [String] = []
        if stored.sharing.gp { sharedWith.append("your GP") }
        if subject.isMe || !stored.sharing.organisations.isEmpty || !stored.sharing.carers.isEmpty {
            let sent = try await ReferralRecord.query(on: request.db).filter(\.$personID == subject.id).all()
            gpOffered = sent.contains { $0.referredBy != nil && $0.referredBy != subject.id }
            // Organisations they were referred to, and those running services they put in their plan themselves.
            let orgIDs = Set(try await CommunityReferralRecord.query(on: request.db).filter(\.$referralID ~~ sent.compactMap(\.id)).all().map(\.organisationID))
                .union(try await ServiceRecord.query(on: request.db).filter(\.$id ~~ stored.plan.services).all().map(\.$organisation.id))
                .union(stored.sharing.organisations)
            let orgNames = Dictionary(uniqueKeysWithValues: try await OrganisationRecord.query(on: request.db).filter(\.$id ~~ Array(orgIDs)).all().map { ($0.id!, $0.name) })
            organisations = orgIDs.compactMap { id in orgNames[id].map { (id, $0, stored.sharing.organisations.contains(id)) } }.sorted { $0.1 < $1.1 }
            let agreed = try await Carers().agreedCarers(of: subject.id, on: request.db)
            let carerNames = try await ReferralsController.names(agreed.union(stored.sharing.carers), on: request.db)
            carers = agreed.compactMap { id in carerNames[id].map { (id, $0, stored.sharing.carers.contains(id)) } }.sorted { $0.1 < $1.1 }
            sharedWith += organisations.filter(\.2).map(\.1) + stored.sharing.carers.compactMap { carerNames[$0] }
        }
        let model = PlanPages.ViewModel(
            subjectID: subject.id, isMe: subject.isMe, name: subject.person.fullName, plan: stored.plan, version: stored.version,
            updated: stored.updatedAt.map { UKDates.dayAndTime($0) + (updatedBy.map { " by \($0)" } ?? "") },
            services: services.map { ($0.serviceID, $0.name, $0.status) }, chosen: chosen,
            canChange: policy.allows(.changePlan(subject.access), for: request.actor),
            gp: (gpOffered, stored.sharing.gp), organisations: organisations, carers: carers, sharedWith: sharedWith)
        return PlanPages.view(model, PageContext(request, title: subject.isMe ? "My plan" : "\(subject.person.fullName)'s plan",
                                                 breadcrumbs: Self.crumbs(subject))).response()
    }

    func showEdit(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .changePlan($0) }
        let stored = try await Plans().plan(of: subject.id, on: request.db)
        try await request.audit(.viewedPlan, about: subject.id)
        return editPage(request, subject, plan: stored.plan, version: stored.version, errors: []).response()
    }

    private func editPage(_ request: Request, _ subject: PlanSubject, plan: CarePlan, version: Int, errors: [FieldError]) -> Node {
        var context = PageContext(request, title: subject.isMe ? "Change my plan" : "Change \(subject.person.fullName)'s plan",
                                  breadcrumbs: Self.crumbs(subject) + [NavigationLink(title: subject.isMe ? "My plan" : "Plan", path: SiteURL.plan(subject.id).path)])
        context.hasErrors = !errors.isEmpty
        return PlanPages.edit(subjectID: subject.id, isMe: subject.isMe, plan: plan, version: version, errors: errors, context)
    }

    func save(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .changePlan($0) }
        let form = PlanForm(try request.content.decode([String: String].self))
        let stored = try await Plans().plan(of: subject.id, on: request.db)
        if let tooMany = form.tooMany {
            return editPage(request, subject, plan: stored.plan, version: stored.version, errors: [tooMany]).response(status: .unprocessableEntity)
        }
        let saved: Int
        do {
            let plan = try form.plan.validated(today: request.now, previousReviewOn: stored.plan.reviewOn)
            saved = try await Plans().save(plan, of: subject.id, basedOn: form.version ?? stored.version, by: subject.me.personID,
                                           channel: request.channel, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return editPage(request, subject, plan: form.plan, version: form.version ?? stored.version, errors: PlanForm.formErrors(failure.errors))
                .response(status: .unprocessableEntity)
        } catch let meanwhile as PlanChangedMeanwhile {
            return editPage(request, subject, plan: stored.plan, version: stored.version, errors: [FieldError("what_matters", meanwhile.message)])
                .response(status: .conflict)
        }
        // The first version has no earlier one to keep.
        return request.redirect(to: SiteURL.plan(subject.id).with([("done", (saved <= 1 ? Notice.firstPlanSaved : Notice.planSaved).rawValue)]))
    }

    func history(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .readPlan($0) }
        let versions = try await Plans().versions(of: subject.id, on: request.db)
        try await request.audit(.viewedPlan, about: subject.id, detail: "every version")
        let names = try await ReferralsController.names(Set(versions.compactMap(\.by)), on: request.db)
        let rows = versions.map { v in (v.version, UKDates.dayAndTime(v.at), v.by.flatMap { names[$0] } ?? "—", v.changes) }
        return PlanPages.history(subjectID: subject.id, versions: rows,
                                 PageContext(request, title: "Every version of \(subject.isMe ? "my" : subject.person.fullName + "'s") plan",
                                             breadcrumbs: Self.crumbs(subject) + [NavigationLink(title: "Plan", path: SiteURL.plan(subject.id).path)])).response()
    }

    struct ShareForm: Content {
        var share_gp: String?
        var organisations: [String]?
        var carers: [String]?
    }

    func share(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .sharePlan(of: $0.personID) }
        let form = try request.content.decode(ShareForm.self)
        let sharing = PlanSharing(gp: form.share_gp == "yes", organisations: (form.organisations ?? []).compactMap(UUID.init(uuidString:)),
                                  carers: (form.carers ?? []).compactMap(UUID.init(uuidString:)))
        do {
            try await Plans().share(sharing, of: subject.id, channel: request.channel, now: request.now, on: request.db)
        } catch let error as FieldError {
            throw Abort(.unprocessableEntity, reason: error.message)
        }
        return request.redirect(to: SiteURL.plan(subject.id).with([("done", Notice.sharingSaved.rawValue)]))
    }
}
