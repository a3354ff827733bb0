import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The person's own side: asking for a link worker (with or without an account), adding to an open request,
/// saying no and changing one's mind, and "My support".
extension ReferralsController {
    /// The public form: anyone may ask for a link worker without an account. Someone signed in uses the form
    /// that knows them.
    func showPublic(_ request: Request) async throws -> Response {
        if request.signedIn != nil { return request.redirect(to: SiteURL.newReferral.path) }
        var form = ReferralForm()
        form.submission_key = UUID().uuidString
        return ReferralPages.form(form, forSomeoneElse: false, action: SiteURL.askForLinkWorker.path, errors: [],
                                  PageContext(request, title: "Ask for a link worker")).response()
    }

    func createPublic(_ request: Request) async throws -> Response {
        if request.signedIn != nil { return request.redirect(to: SiteURL.newReferral.path) }
        var form = try request.content.decode(ReferralForm.self)
        if (form.submission_key ?? "").isEmpty { form.submission_key = UUID().uuidString }
        let key = "public:" + form.submission_key!
        do {
            let details = try await Self.checked(form.details(source: .selfReferral), request, also: form.unchosen(asksGPSharing: false))
            // One network address may send only a few in an hour; the same form sent again (a double click) is not counted.
            let limit = PublicFormLimit()
            let recent = try await PublicSubmissions().count(form: "ask-for-link-worker", address: request.clientAddress,
                                                             since: request.now.addingTimeInterval(-limit.window), on: request.db)
            if case .denied(let reason) = limit.decide(recentFromAddress: recent),
               try await ReferralRecord.query(on: request.db).filter(\.$submissionKey == key).first() == nil {
                var context = PageContext(request, title: "Ask for a link worker")
                context.hasErrors = true
                return ReferralPages.form(form, forSomeoneElse: false, action: SiteURL.askForLinkWorker.path, errors: [FieldError("given_name", reason)], context)
                    .response(status: .tooManyRequests)
            }
            let made = try await Referrals().create(details, personID: nil, referredBy: nil, referrerName: "Themselves, on the public form",
                                                    gpSharing: "all", submissionKey: key, now: request.now, on: request.db)
            if made.isNew {
                try await PublicSubmissions().record(form: "ask-for-link-worker", address: request.clientAddress, at: request.now, on: request.db)
            }
        } catch let failure as ValidationFailure {
            var context = PageContext(request, title: "Ask for a link worker")
            context.hasErrors = true
            return ReferralPages.form(form, forSomeoneElse: false, action: SiteURL.askForLinkWorker.path, errors: failure.errors, context)
                .response(status: .unprocessableEntity)
        }
        return ReferralPages.asked(PageContext(request, title: "Thank you: a link worker will be in touch")).response()
    }


    /// The form for asking for oneself, filled with what the person's own record says (their own saved answers).
    static func ownDetails(_ me: SignedIn, _ request: Request) async throws -> ReferralForm {
        var form = ReferralForm()
        let person = try await PersonRecord.find(me.personID, on: request.db)
        form.given_name = person?.givenName
        form.family_name = person?.familyName
        form.birth_date = person?.birthDate
        form.postcode = person?.postcode
        form.email = me.email
        form.submission_key = UUID().uuidString
        return form
    }


    /// The person's own request still open, the latest if more than one: asking again offers to add to it.
    static func openRequest(of me: SignedIn, _ request: Request) async throws -> ReferralRecord? {
        latestOpen(try await Referrals().about(person: me.personID, on: request.db))
    }

    static func latestOpen(_ referrals: [ReferralRecord]) -> ReferralRecord? {
        referrals.filter(\.currentStage.isOpen).max { $0.createdAt < $1.createdAt }
    }

    /// The person adds to their own open request instead of asking again.
    func addToRequest(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let r = try await episode(request).referral
        guard r.personID == me.personID else { throw Abort(.forbidden, reason: "Only the person who asked can add to their request.") }
        struct AddForm: Content { var text: String?; var add_needs: [String]? }
        let form = try request.content.decode(AddForm.self)
        let chosen = form.add_needs ?? []
        var errors: [FieldError] = []
        let needs = chosen.compactMap(Need.init(rawValue:))
        if needs.count != chosen.count { errors.append(FieldError("add_needs", "Choose from the list what else applies")) }
        if errors.isEmpty {
            do {
                try await Referrals().add(ReferralAddition(text: form.text ?? "", needs: needs), to: r.id!, by: me.personID, now: request.now, on: request.db)
                return request.redirect(to: SiteURL.mySupport.with([("done", Notice.addedToRequest.rawValue)]))
            } catch let failure as ValidationFailure {
                errors = failure.errors
            } catch let refused as MoveRefused {
                errors = [FieldError("given_name", refused.message)]  // the form to ask again is below
            }
        }
        return try await formPage(request, me, form: try await Self.ownDetails(me, request), errors: errors,
                                  adding: (form.text ?? "", chosen)).response(status: .unprocessableEntity)
    }


    /// "I do not want this support", on its own page: what follows, an optional reason, and the days to change one's mind.
    func showDecline(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let r = try await episode(request).referral
        guard r.personID == me.personID else { throw Abort(.forbidden, reason: "Only the person referred can say no here.") }
        try request.require(r.access.action(movingTo: .declinedByPerson))
        guard EpisodeLifecycle.allowedMoves(from: r.currentStage).contains(.declinedByPerson) else {
            return request.redirect(to: SiteURL.mySupport.with([("done", Notice.moveRefused.rawValue)]))
        }
        let confirmation = ReferralPages.declineConfirmation(r, elsewhere: try await Referrals().supportedElsewhere(r, on: request.db), now: request.now)
        return confirmation.page(PageContext(request, title: confirmation.question,
                                                       breadcrumbs: [NavigationLink(title: "My support", path: SiteURL.mySupport.path)])).response()
    }

    /// "I have changed my mind", within the days allowed: by the person, or by their link worker on their word.
    func changeMind(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let episode = try await episode(request)
        let r = episode.referral
        let own = r.personID == me.personID
        try request.require(own ? r.access.action(movingTo: .declinedByPerson) : .workOnReferral(r.access))
        do {
            try await Referrals().changeMind(r.id!, by: me.personID, now: request.now, on: request.db)
        } catch let refused as MoveRefused {
            if own { return request.redirect(to: SiteURL.mySupport.with([("done", Notice.moveRefused.rawValue)])) }
            return try await episodePage(request, me, episode, errors: [FieldError("change-mind", refused.message)]).response(status: .unprocessableEntity)
        }
        if own { return request.redirect(to: SiteURL.mySupport.with([("done", Notice.changedMind.rawValue)])) }
        return request.redirect(to: SiteURL.referral(r.id!).with([("done", Notice.episodeReopened.rawValue)]))
    }


    func mySupport(_ request: Request) async throws -> Response {
        try await mySupportPage(request, try request.requireSignedIn(), errors: []).response()
    }

    /// The person says what a place must have for them, on their own open request: the boxes ticked replace those
    /// before (none ticked: none needed), the same record their link worker keeps and matches services against.
    func recordOwnAccessNeeds(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let r = try await episode(request).referral
        guard r.personID == me.personID else { throw Abort(.forbidden, reason: "Only the person referred can say what a place must have for them here.") }
        guard r.currentStage.isOpen else { return request.redirect(to: SiteURL.mySupport.with([("done", Notice.moveRefused.rawValue)])) }
        do {
            try await Referrals().recordAccessNeeds(r.id!, try Self.accessNeeds(request), by: me.personID, now: request.now, on: request.db)
        } catch let error as FieldError {
            return try await mySupportPage(request, me, errors: [error]).response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.mySupport.with([("done", Notice.ownAccessNeedsSaved.rawValue)]))
    }

    func mySupportPage(_ request: Request, _ me: SignedIn, errors: [FieldError]) async throws -> Node {
        let referrals = try await Referrals().about(person: me.personID, on: request.db)
        var items: [ReferralPages.SupportItem] = []
        for r in referrals {
            try request.require(.readReferral(r.access))
            guard let episode = try await Referrals().episode(r.id!, on: request.db) else { continue }
            let names = try await Self.names(Set([r.assignedTo].compactMap { $0 }), on: request.db)
            items.append(ReferralPages.SupportItem(
                id: r.id!, made: UKDates.day(r.createdAt), stage: r.currentStage, linkWorker: r.assignedTo.flatMap { names[$0] },
                steps: (episode.moves.map { ($0.movedAt, EpisodeStage(rawValue: $0.toStage)?.title ?? $0.toStage) }
                    + episode.additions.map { ($0.addedAt, "You added: " + ReferralPages.additionWords($0)) })
                    .enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map { (UKDates.day($0.element.0), $0.element.1) },
                canDecline: EpisodeLifecycle.allowedMoves(from: r.currentStage).contains(.declinedByPerson),
                changeOfMindUntil: try await Referrals().changeOfMindUntil(r, now: request.now, on: request.db).map(UKDates.day),
                nextContact: r.currentStage.isOpen ? r.nextContactOn.flatMap(UKDates.parseISODay).map(UKDates.weekdayAndDay) : nil,
                whatMatters: try await Referrals().whatMatters(r.id!, on: request.db), accessNeeds: r.accessNeedList,
                services: try await CommunityReferrals().forReferral(r.id!, on: request.db).map { ($0.serviceName, $0.currentStatus.title) }))
        }
        if let latest = Self.latestOpen(referrals),
           let index = items.firstIndex(where: { $0.id == latest.id }) {
            items[index].canAdd = true
        }
        if !referrals.isEmpty { try await request.audit(.viewedReferral, about: me.personID) }
        var context = PageContext(request, title: "My support")
        context.hasErrors = !errors.isEmpty
        return ReferralPages.mySupport(items, personID: me.personID, errors: errors, context)
    }
}
