import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Referrals and episodes as pages: refer someone (or yourself), the link worker team's inbox and caseloads,
/// the episode page, "My support" and the referrals a clinician made.
struct ReferralsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.newReferral.pathComponents, use: showNew)
        routes.post(SiteURL.newReferral.pathComponents, use: create)
        routes.get(SiteURL.referrals.pathComponents, use: inbox)
        routes.get(SiteURL.referralsMade.pathComponents, use: made)
        routes.get(SiteURL.referral(UUID()).pathComponents, use: show)
        routes.post(SiteURL.referralMoves(UUID()).pathComponents, use: move)
        routes.post(SiteURL.referralContacts(UUID()).pathComponents, use: logContact)
        routes.get(SiteURL.mySupport.pathComponents, use: mySupport)
        routes.get(SiteURL.referralDecline(UUID()).pathComponents, use: showDecline)
        routes.post(SiteURL.referralChangeMind(UUID()).pathComponents, use: changeMind)
        routes.post(SiteURL.referralAdd(UUID()).pathComponents, use: addToRequest)
        routes.post(SiteURL.referralOwnAccessNeeds(UUID()).pathComponents, use: recordOwnAccessNeeds)
        routes.post(SiteURL.referralWhatMatters(UUID()).pathComponents, use: recordWhatMatters)
        routes.post(SiteURL.referralAccessNeeds(UUID()).pathComponents, use: recordAccessNeeds)
        routes.get(SiteURL.team.pathComponents, use: team)
        routes.post(SiteURL.referralAssign(UUID()).pathComponents, use: assign)
        routes.post(SiteURL.referralInvite(UUID()).pathComponents, use: invite)
        routes.get(SiteURL.askForLinkWorker.pathComponents, use: showPublic)
        routes.post(SiteURL.askForLinkWorker.pathComponents, use: createPublic)
    }

    /// The link worker invites the person to follow their support online, at the email address on the referral.
    /// Only someone who can open that email can make the account, so nobody else sees the person's support.
    func invite(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let episode = try await episode(request)
        let r = episode.referral
        try request.require(.workOnReferral(r.access))
        do {
            guard let address = r.email, let email = try? EmailAddress(address) else {
                throw FieldError("email", "There is no email address on this referral to send an invitation to.")
            }
            let token = SecretToken.generate()
            let services = request.alongside
            let link = services.configuration.publicURL + SiteURL.acceptInvitation.with([("token", token)])
            try await services.accounts.invite(email: email, roles: [.resident], organisationID: nil, tokenHash: SecretToken.hash(token),
                                               invitedBy: me.personID, personID: r.personID, now: request.now,
                                               message: Emails.followYourSupport(to: email, link: link), on: request.db)
        } catch let error as FieldError {
            let message = error.message == Accounts.emailTaken.message
                ? "Another account already uses this email address, so it cannot be used to invite this person." : error.message
            return try await episodePage(request, me, episode, errors: [FieldError("invite", message)]).response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.referral(r.id!).with([("done", Notice.supportInvited.rawValue)]))
    }

    static func source(_ me: SignedIn) -> ReferralSource { ReferralSource.of(me.actor.roles) }

    static func refersOthers(_ me: SignedIn) -> Bool { source(me) != .selfReferral }

    func showNew(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        var form = ReferralForm()
        if Self.refersOthers(me) {
            try request.require(.referSomeone(person: UUID()))
        } else {
            try request.require(.referSomeone(person: me.personID))
            form = try await Self.ownDetails(me, request)
        }
        form.submission_key = UUID().uuidString
        return try await formPage(request, me, form: form, errors: []).response()
    }

    func formPage(_ request: Request, _ me: SignedIn, form: ReferralForm, errors: [FieldError],
                          adding: (text: String, needs: [String])? = nil) async throws -> Node {
        var context = PageContext(request, title: Self.refersOthers(me) ? "Refer someone to a link worker" : "Ask for a link worker")
        context.hasErrors = !errors.isEmpty
        var open: ReferralPages.OpenRequest?
        if !Self.refersOthers(me), let r = try await Self.openRequest(of: me, request) {
            open = .init(id: r.id!, made: UKDates.day(r.createdAt), stage: r.currentStage, needs: r.needList,
                         text: adding?.text ?? "", chosen: adding?.needs ?? [])
        }
        return ReferralPages.form(form, forSomeoneElse: Self.refersOthers(me), errors: errors, open: open, context)
    }

    func create(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        var form = try request.content.decode(ReferralForm.self)
        let source = Self.source(me)
        let personID: UUID? = source == .selfReferral ? me.personID : nil
        try request.require(.referSomeone(person: personID ?? UUID()))
        if (form.submission_key ?? "").isEmpty { form.submission_key = UUID().uuidString }
        do {
            let details = try await Self.checked(form.details(source: source), request,
                                                 also: form.unchosen(asksGPSharing: Self.refersOthers(me)))
            let made = try await Referrals().create(details, personID: personID, referredBy: me.personID, referrerName: me.name,
                                                    gpSharing: form.gp_sharing ?? "all", submissionKey: "web:" + form.submission_key!,
                                                    now: request.now, on: request.db)
            switch source {
            case .selfReferral: return request.redirect(to: SiteURL.mySupport.with([("done", Notice.referralSent.rawValue)]))
            case .linkWorker: return request.redirect(to: SiteURL.referral(made.referral.id!).path)
            default: return request.redirect(to: SiteURL.referralsMade.with([("done", Notice.referralSent.rawValue)]))
            }
        } catch let failure as ValidationFailure {
            return try await formPage(request, me, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        }
    }

    /// The details checked, and the postcode one Alongside knows.
    static func checked(_ details: ReferralDetails, _ request: Request, also unchosen: [FieldError] = [],
                        on db: (any Database)? = nil) async throws -> ReferralDetails {
        var errors: [FieldError] = []
        var tidy = details
        do { tidy = try details.validated(today: request.now) } catch let failure as ValidationFailure { errors = failure.errors }
        errors += unchosen
        if !errors.contains(where: { $0.field == "postcode" }), let postcode = try? Postcode(tidy.postcode),
           try await request.alongside.geography.place(for: postcode, on: db ?? request.db) == nil {
            errors.append(FieldError("postcode", "We do not know the postcode \(postcode.value). Check it."))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return tidy
    }

    func inbox(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.seeReferralInbox)
        let waiting = try await Referrals().waitingSummaries(limit: CaseloadQuery.pageSize, on: request.db)
        let mine = try await Referrals().caseloadEntries(of: me.personID, on: request.db)
        let now = request.now
        let today = UKDates.isoDay(now)
        let startOfYear = Calendar.ukCivil.date(from: Calendar.ukCivil.dateComponents([.year], from: now)) ?? now
        let carers = try await Carers().carersAmong(mine.map(\.personID) + waiting.map(\.personID), on: request.db)
        let watch = try await Measures().watch(mine.map { ($0.personID, $0.entry.id) }, now: now, on: request.db)
        func row(_ r: ReferralSummary) -> ReferralPages.Row {
            var row = ReferralPages.Row(r, now: now)
            row.carer = carers.contains(r.personID)
            row.youngCarer = row.carer && CaringDetails.isYoungCarer(birthDate: r.birthDate, today: now)
            return row
        }
        let query = CaseloadQuery { try? request.query.get(String.self, at: $0) }
        let entries = mine.map { $0.entry.with(carer: carers.contains($0.personID), watch: watch[$0.personID]) }
        let page = CaseloadPage(entries, query, today: today)
        let dueToday = entries.filter { $0.nextContactOn == today }.sorted { $0.name < $1.name }
        // Only the rows shown are read in full.
        let shown = try await Referrals().summaries(Array(Set(page.entries.map(\.id) + dueToday.map(\.id))), on: request.db)
        let byID = Dictionary(shown.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var model = ReferralPages.InboxModel(
            waiting: try await Self.withDuplicatesMarked(waiting, row, request), waitingCount: try await Referrals().inboxCount(on: request.db),
            dueToday: dueToday.compactMap { byID[$0.id] }.map(row),
            byStage: EpisodeStage.allCases.filter(\.isOpen).map { stage in (stage.title, entries.filter { $0.stage == stage }.count) },
            takenOnThisYear: try await Referrals().takenOn(by: me.personID, since: startOfYear, on: request.db),
            caseload: page, rows: page.entries.compactMap { byID[$0.id] }.map(row), query: query)
        model.measures = MeasureWatch.allCases.map { w in (w, entries.filter { $0.watch == w }.count) }
        return ReferralPages.inbox(model, PageContext(request, title: "Referrals")).response()
    }

    /// Rows for referrals waiting for the team, each marked when another open episode is probably the same person.
    static func withDuplicatesMarked(_ referrals: [ReferralSummary], _ row: (ReferralSummary) -> ReferralPages.Row,
                                     _ request: Request) async throws -> [ReferralPages.Row] {
        let duplicates = try await Referrals().likelyDuplicates(among: referrals, on: request.db)
        return referrals.map { r in
            var made = row(r)
            if let (other, reason) = duplicates[r.id]?.first {
                made.duplicate = .init(id: other.id!, name: other.fullName, stage: other.currentStage.title, made: UKDates.day(other.createdAt), reason: reason)
            }
            return made
        }
    }

    func made(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let mine = try await Referrals().made(by: me.personID, on: request.db)
        let rows = mine.map { r in
            ReferralPages.Row(r, now: request.now)
        }
        return ReferralPages.made(rows, PageContext(request, title: "Referrals you made")).response()
    }

    func episode(_ request: Request) async throws -> Episode {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text),
              let episode = try await Referrals().episode(id, on: request.db)
        else { throw Abort(.notFound, reason: "There is no referral at this address.") }
        return episode
    }

    func show(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let episode = try await episode(request)
        try request.require(.readReferral(episode.referral.access))
        if episode.referral.personID == me.personID { return request.redirect(to: SiteURL.mySupport.path) }
        try await request.audit(.viewedReferral, about: episode.referral.personID)
        return try await episodePage(request, me, episode, errors: []).response()
    }

    func episodePage(_ request: Request, _ me: SignedIn, _ episode: Episode, errors: [FieldError],
                             conversation: WhatMatters? = nil) async throws -> Node {
        let r = episode.referral
        let works = request.alongside.policy.allows(.workOnReferral(r.access), for: request.actor)
        let duplicates = works ? try await Referrals().likelyDuplicates(of: r, on: request.db) : []
        let names = try await Self.names(Set(episode.moves.compactMap(\.movedBy) + [r.assignedTo].compactMap { $0 }), on: request.db)
        let saved = works ? try await Referrals().whatMatters(r.id!, on: request.db) : nil
        // Back to the caseload view the link worker came from, rebuilt from its own fields only.
        var view = URLComponents()
        view.percentEncodedQuery = (try? request.query.get(String.self, at: "back")) ?? ""
        let items = view.queryItems ?? []
        let back = CaseloadQuery { name in items.first { $0.name == name }?.value }
        var context = PageContext(request, title: r.fullName,
                                  breadcrumbs: [NavigationLink(title: works ? "Referrals" : "Referrals you made",
                                                               path: works ? (back.parameters().isEmpty ? SiteURL.referrals.path : SiteURL.referrals.with(back.parameters()) + "#caseload")
                                                                   : SiteURL.referralsMade.path)])
        context.hasErrors = !errors.isEmpty
        let hasAccount = try await AccountRecord.query(on: request.db).filter(\.$person.$id == r.personID).first() != nil
        var model = ReferralPages.EpisodeModel(episode: episode, works: works,
                                       allowed: EpisodeLifecycle.allowedMoves(from: r.currentStage),
                                       canWithdraw: r.referredBy == me.personID && EpisodeLifecycle.allowedMoves(from: r.currentStage).contains(.withdrawnByReferrer),
                                       duplicates: duplicates.map { ($0.id!, $0.fullName, UKDates.day($0.createdAt), $0.currentStage.title) },
                                       names: names, errors: errors,
                                       community: try await CommunityReferrals().forReferral(r.id!, on: request.db),
                                       gpMessages: try await Referrals().gpMessages(r.id!, on: request.db),
                                       whatMatters: works ? (conversation ?? saved) : nil)
        model.canInvite = r.email != nil && !hasAccount
        if works { model.changeOfMindUntil = try await Referrals().changeOfMindUntil(r, now: request.now, on: request.db) }
        model.planLinks = request.alongside.policy.allows(.readPlan(try await Plans().access(for: r.personID, on: request.db)), for: request.actor)
        let caresFor = try await Carers().links(of: r.personID, on: request.db).caresFor.filter { $0.carerAgreedAt != nil }
        if !caresFor.isEmpty {
            let young = CaringDetails.isYoungCarer(birthDate: r.birthDate, today: request.now)
            model.carer = "Looks after their " + Text.list(caresFor.map(\.relation.title)) + (young ? " — a young carer (under 18)" : "")
        }
        return ReferralPages.episode(model, context)
    }

    static func names(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await PersonRecord.query(on: db).filter(\.$id ~~ Array(ids)).all().map { ($0.id!, $0.fullName) })
    }

    func move(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let episode = try await episode(request)
        let r = episode.referral
        try request.require(anyOf: [.workOnReferral(r.access), .declineOrWithdrawReferral(r.access)])
        let form = try request.content.decode(MoveForm.self)
        guard let to = form.to.flatMap(EpisodeStage.init(rawValue:)) else {
            if r.personID == me.personID { throw Abort(.badRequest, reason: "Choose where the episode moves to.") }
            return try await episodePage(request, me, episode, errors: [FieldError("to", "Choose where the episode moves to")])
                .response(status: .unprocessableEntity)
        }
        try request.require(r.access.action(movingTo: to))
        let move = EpisodeMove(to: to, outcome: form.outcome.flatMap(ClosureOutcome.init(rawValue:)), reason: form.reason)
        do {
            if EpisodeLifecycle.ends(to) && !Confirmation.isConfirmed(form.confirmed) {
                // Ending an episode asks first, on a page saying what follows; a move that would be refused is refused now.
                if r.personID == me.personID { return request.redirect(to: SiteURL.referralDecline(r.id!).path) }
                try await Referrals().check(r.id!, move, on: request.db)
                let elsewhere = to == .declinedByPerson ? try await Referrals().supportedElsewhere(r, on: request.db) : nil
                let confirmation = ReferralPages.endingConfirmation(r, move, byReferrer: to == .withdrawnByReferrer, elsewhere: elsewhere)
                return confirmation.page(PageContext(request, title: confirmation.question,
                                                               breadcrumbs: [NavigationLink(title: r.fullName, path: SiteURL.referral(r.id!).path)])).response()
            }
            try await Referrals().move(r.id!, move, by: me.personID, now: request.now, on: request.db)
        } catch let refused as MoveRefused {
            if r.personID == me.personID {
                return request.redirect(to: SiteURL.mySupport.with([("done", Notice.moveRefused.rawValue)]))
            }
            let fresh = try await self.episode(request)
            return try await episodePage(request, me, fresh, errors: [FieldError(refused.field ?? "to", refused.message)])
                .response(status: .unprocessableEntity)
        }
        if r.personID == me.personID { return request.redirect(to: SiteURL.mySupport.with([("done", Notice.referralDeclined.rawValue)])) }
        return request.redirect(to: SiteURL.referral(r.id!).with([("done", Notice.episodeMoved.rawValue)]))
    }

    func logContact(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let episode = try await episode(request)
        try request.require(.workOnReferral(episode.referral.access))
        let form = try request.content.decode(ContactForm.self)
        var errors: [FieldError] = []
        let minutes = (form.minutes ?? "").trimmed.isEmpty ? nil : Int(form.minutes!.trimmed)
        if minutes == nil && !(form.minutes ?? "").trimmed.isEmpty { errors.append(FieldError("minutes", "Enter how long in whole minutes, like 20")) }
        let way = form.way.flatMap(ContactWay.init(rawValue:))
        if way == nil { errors.append(FieldError("way", "Choose how you were in touch")) }
        if !["yes", "no"].contains(form.reached ?? "") { errors.append(FieldError("reached", "Say whether you reached them")) }
        let log = ContactLog(happenedAt: request.now, way: way ?? .phone, minutes: minutes, reached: form.reached == "yes", notes: form.notes ?? "")
        var next: String?
        if let text = form.next_contact_on?.trimmed, !text.isEmpty {
            do { next = try ContactLog.nextContactDay(text, today: request.now) } catch let error as FieldError { errors.append(error) }
        }
        do {
            if !errors.isEmpty { throw ValidationFailure(errors) }
            let moved = try await Referrals().logContact(episode.referral.id!, log, nextContactOn: next, by: me.personID, now: request.now, on: request.db)
            return request.redirect(to: SiteURL.referral(episode.referral.id!).with([("done", (moved == .contacted ? Notice.contactedNow : .contactLogged).rawValue)]))
        } catch let failure as ValidationFailure {
            return try await episodePage(request, me, episode, errors: failure.errors).response(status: .unprocessableEntity)
        }
    }

    func recordWhatMatters(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let episode = try await episode(request)
        try request.require(.workOnReferral(episode.referral.access))
        let form = try request.content.decode(WhatMattersForm.self)
        do {
            try await Referrals().recordWhatMatters(episode.referral.id!, form.conversation, by: me.personID, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await episodePage(request, me, episode, errors: failure.errors, conversation: form.conversation).response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.referral(episode.referral.id!).with([("done", Notice.whatMattersSaved.rawValue)]))
    }

    /// The access needs ticked on a form (none ticked: none needed); a value that names no feature is refused, naming the field.
    static func accessNeeds(_ request: Request) throws -> [AccessibilityFeature] {
        let values = (try? request.content.get([String].self, at: "access_needs")) ?? []
        let features = values.compactMap(AccessibilityFeature.init(rawValue:))
        guard features.count == values.count else { throw FieldError("access_needs", "Choose from the access needs listed") }
        return features
    }

    /// What a place must have for the person, as the link worker learns it with them: the boxes ticked now replace
    /// those before (none ticked: none needed). A value that names no feature is refused, naming the field.
    func recordAccessNeeds(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let episode = try await episode(request)
        try request.require(.workOnReferral(episode.referral.access))
        let features: [AccessibilityFeature]
        do { features = try Self.accessNeeds(request) } catch let error as FieldError {
            return try await episodePage(request, me, episode, errors: [error]).response(status: .unprocessableEntity)
        }
        try await Referrals().recordAccessNeeds(episode.referral.id!, features, by: me.personID, now: request.now, on: request.db)
        return request.redirect(to: SiteURL.referral(episode.referral.id!).with([("done", Notice.accessNeedsSaved.rawValue)]))
    }

}
