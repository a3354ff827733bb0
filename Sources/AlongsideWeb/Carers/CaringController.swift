import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Carers as pages: "I look after someone" (by the carer, or staff with them), agreeing and ending links between
/// two people who both use Alongside, and the carer's contingency plan.
struct CaringController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.caring(UUID()).pathComponents, use: show)
        routes.post(SiteURL.caringLinks(UUID()).pathComponents, use: addLink)
        routes.post(SiteURL.caringAgree(UUID()).pathComponents, use: agree)
        routes.post(SiteURL.caringEnd(UUID()).pathComponents, use: end)
        routes.get(SiteURL.contingency(UUID()).pathComponents, use: showContingency)
        routes.get(SiteURL.contingencyEdit(UUID()).pathComponents, use: showContingencyEdit)
        routes.post(SiteURL.contingencyEdit(UUID()).pathComponents, use: saveContingency)
    }

    private func page(_ request: Request, _ subject: PlanSubject, form: [String: String], errors: [FieldError]) async throws -> Node {
        let (caresFor, caredForBy) = try await Carers().links(of: subject.id, on: request.db)
        let names = try await ReferralsController.names(Set(caresFor.compactMap(\.caredForID) + caredForBy.map(\.carerID)), on: request.db)
        func detail(_ l: CarerLinkRecord) -> String {
            [l.whatICareWith.isEmpty ? nil : l.whatICareWith, l.hoursPerWeek.map { "about \($0) hours a week" }].compactMap { $0 }.joined(separator: "; ")
        }
        var shared: Set<UUID> = []
        for person in Set(caresFor.compactMap(\.caredForID))
        where request.alongside.policy.allows(.readPlan(try await Plans().access(for: person, on: request.db)), for: request.actor) {
            shared.insert(person)
        }
        var model = CaringPages.Model(
            subjectID: subject.id, isMe: subject.isMe, name: subject.person.fullName,
            youngCarer: !caresFor.isEmpty && CaringDetails.isYoungCarer(birthDate: subject.person.birthDate, today: request.now),
            caresFor: caresFor.map { l in
                // The other person's name as their account has it only once they have agreed: until then, the
                // name the carer typed, so a link cannot be used to learn who holds an email address.
                CaringPages.Link(id: l.id!, name: (l.isAgreed ? l.caredForID.flatMap { names[$0] } : nil) ?? l.caredForName,
                                 relationship: l.relation, detail: detail(l),
                                 agreed: l.isAgreed, waitingForMe: l.carerAgreedAt == nil && subject.isMe)
            },
            caredForBy: caredForBy.map { l in
                CaringPages.Link(id: l.id!, name: names[l.carerID] ?? "Someone", relationship: l.relation, detail: detail(l),
                                 agreed: l.isAgreed, waitingForMe: l.caredForAgreedAt == nil && subject.isMe)
            },
            canChange: request.alongside.policy.allows(.changePlan(subject.access), for: request.actor),
            hasContingency: try await Carers().contingency(of: subject.id, on: request.db) != nil)
        if subject.isMe {
            for (index, link) in caresFor.enumerated() {
                if let person = link.caredForID, shared.contains(person) { model.caresFor[index].sharedPlan = person }
            }
        }
        var context = PageContext(request, title: subject.isMe ? "Caring" : "\(subject.person.fullName): caring", breadcrumbs: PlansController.crumbs(subject))
        context.hasErrors = !errors.isEmpty
        return CaringPages.page(model, form: form, errors: errors, context)
    }

    func show(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .readPlan($0) }
        try await request.audit(.viewedCarers, about: subject.id)
        return try await page(request, subject, form: [:], errors: []).response()
    }

    func addLink(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .changePlan($0) }
        let form = try request.content.decode([String: String].self)
        do {
            let (details, caredFor, invited) = try await Self.details(form, carer: subject.id, request)
            try await Carers().link(carer: subject.id, caredFor: caredFor, details, invite: Self.invite(invited, carer: subject, request), recordedBy: subject.me.personID, channel: request.channel,
                                    now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await page(request, subject, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.caring(subject.id).with([("done", Notice.caringSaved.rawValue)]))
    }

    /// The caring details from a form or JSON body, and the cared-for person if they use Alongside with the email
    /// given. Whether an email has an account is never said back.
    static func details(_ fields: [String: String], carer: UUID, _ request: Request) async throws -> (CaringDetails, UUID?, String?) {
        var checks = FieldChecks()
        let relationship = fields["relationship"].flatMap(CaringRelationship.init(rawValue:))
        if relationship == nil { checks.add("relationship", "Choose who they are to you, from the list") }
        let hoursText = (fields["hours_per_week"] ?? "").trimmed
        let hours = hoursText.isEmpty ? nil : Int(hoursText)
        if !hoursText.isEmpty && hours == nil { checks.add("hours_per_week", "Enter the hours a week as a whole number, like 20") }
        var caredFor: UUID?
        var invited: String?
        if let email = fields["cares_for_email"]?.trimmed, !email.isEmpty {
            let address = checks.check({ try EmailAddress(email, field: "cares_for_email") })
            invited = address?.value
            if let address, let account = try await request.alongside.accounts.account(email: address, on: request.db), account.closedAt == nil {
                caredFor = account.$person.id
            }
        }
        let details = CaringDetails(caredForName: fields["cared_for_name"] ?? "", relationship: relationship ?? .other,
                                    whatICareWith: fields["what_i_care_with"] ?? "", hoursPerWeek: hours)
        checks.check { try details.validated(carer: carer, caredFor: caredFor) }
        try checks.finish()
        return (details, caredFor, invited)
    }

    /// The email asking the cared-for person to agree, signed with the carer's name.
    static func invite(_ email: String?, carer subject: PlanSubject, _ request: Request) -> (email: String, carerName: String, signInURL: String)? {
        email.map { ($0, subject.person.fullName, request.alongside.configuration.publicURL + SiteURL.signIn.path) }
    }

    private func link(_ request: Request) async throws -> (SignedIn, CarerLinkRecord) {
        let me = try request.requireSignedIn()
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text), let link = try await Carers().find(id, on: request.db),
              link.carerID == me.personID || link.caredForID == me.personID
        else { throw Abort(.notFound, reason: "There is no such link.") }
        return (me, link)
    }

    func agree(_ request: Request) async throws -> Response {
        let (me, link) = try await link(request)
        try await Carers().agree(link.id!, by: me.personID, channel: request.channel, now: request.now, on: request.db)
        return request.redirect(to: SiteURL.caring(me.personID).with([("done", Notice.linkAgreed.rawValue)]))
    }

    func end(_ request: Request) async throws -> Response {
        let (me, link) = try await link(request)
        struct EndForm: Content { var confirmed: String? }
        if !Confirmation.isConfirmed(try request.content.decode(EndForm.self).confirmed) {
            let meCaring = link.carerID == me.personID
            let names = try await ReferralsController.names(Set([link.carerID] + [link.caredForID].compactMap { $0 }), on: request.db)
            let other = meCaring ? ((link.isAgreed ? link.caredForID.flatMap { names[$0] } : nil) ?? link.caredForName) : (names[link.carerID] ?? "them")
            let waiting = meCaring ? link.carerAgreedAt == nil : link.caredForAgreedAt == nil
            let confirmation = Confirmation(
                question: waiting ? "Refuse the link with \(other)?" : "End the link with \(other)?",
                consequences: waiting ? ["the link is not made, and \(other) is not told why"] : [
                    meCaring ? "you are no longer recorded as caring for \(other)" : "\(other) is no longer recorded as caring for you",
                    "neither of you can see anything the other had shared through the link",
                    "to link again, one of you asks and the other agrees",
                ],
                action: SiteURL.caringEnd(link.id!).path, hidden: [],
                button: waiting ? "Yes, refuse the link" : "Yes, end the link", back: SiteURL.caring(me.personID).path)
            return confirmation.page(PageContext(request, title: confirmation.question,
                                                 breadcrumbs: [NavigationLink(title: "Caring", path: SiteURL.caring(me.personID).path)])).response()
        }
        try await Carers().end(link.id!, by: me.personID, channel: request.channel, now: request.now, on: request.db)
        return request.redirect(to: SiteURL.caring(me.personID).with([("done", Notice.linkEnded.rawValue)]))
    }

    func showContingency(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .readPlan($0) }
        let stored = try await Carers().contingency(of: subject.id, on: request.db)
        try await request.audit(.viewedCarers, about: subject.id, detail: "contingency plan")
        let (caresFor, _) = try await Carers().links(of: subject.id, on: request.db)
        let names = try await ReferralsController.names(Set(caresFor.compactMap(\.caredForID)), on: request.db)
        let context = PageContext(request, title: subject.isMe ? "My contingency plan" : "\(subject.person.fullName)'s contingency plan",
                                  breadcrumbs: PlansController.crumbs(subject) + [NavigationLink(title: "Caring", path: SiteURL.caring(subject.id).path)])
        return CaringPages.contingency(subjectID: subject.id, plan: stored?.plan, updated: stored.map { UKDates.dayAndTime($0.updatedAt) },
                                       caresFor: caresFor.map { l in "\((l.isAgreed ? l.caredForID.flatMap { names[$0] } : nil) ?? l.caredForName) (\(l.relation.title))" },
                                       canChange: request.alongside.policy.allows(.changePlan(subject.access), for: request.actor), context).response()
    }

    private func contingencyForm(_ request: Request, _ subject: PlanSubject, _ plan: ContingencyPlan, errors: [FieldError]) -> Node {
        var context = PageContext(request, title: subject.isMe ? "My contingency plan" : "\(subject.person.fullName)'s contingency plan",
                                  breadcrumbs: PlansController.crumbs(subject) + [NavigationLink(title: "Caring", path: SiteURL.caring(subject.id).path)])
        context.hasErrors = !errors.isEmpty
        return CaringPages.contingencyForm(subjectID: subject.id, plan: plan, errors: errors, context)
    }

    func showContingencyEdit(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .changePlan($0) }
        let stored = try await Carers().contingency(of: subject.id, on: request.db)
        try await request.audit(.viewedCarers, about: subject.id, detail: "contingency plan, to change it")
        return contingencyForm(request, subject, stored?.plan ?? ContingencyPlan(), errors: []).response()
    }

    func saveContingency(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .changePlan($0) }
        let f = try request.content.decode([String: String].self)
        let plan = ContingencyPlan(whoStepsIn: f["who_steps_in"] ?? "", howToReachThem: f["how_to_reach_them"] ?? "",
                                   whatTheyNeedToKnow: f["what_they_need_to_know"] ?? "", medicines: f["medicines"] ?? "", routines: f["routines"] ?? "")
        do {
            try await Carers().saveContingency(plan, of: subject.id, by: subject.me.personID, channel: request.channel, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return contingencyForm(request, subject, plan, errors: failure.errors).response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.contingency(subject.id).with([("done", Notice.contingencySaved.rawValue)]))
    }
}
