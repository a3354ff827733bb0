import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Training places as pages and through `/api/v1/training`: sessions anyone can read, a place (or the waiting list) for
/// community leaders, giving a place up (it goes to the next on the list, who is emailed), the trainer's page of who is
/// booked with attendance, and a certificate for each session attended.
struct TrainingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(TrainingURL.sessions.pathComponents, use: list)
        routes.get(TrainingURL.mine.pathComponents, use: mine)
        routes.get(TrainingURL.organisation.pathComponents, use: organisation)
        routes.post(TrainingURL.offer.pathComponents, use: offer)
        routes.get(TrainingURL.session(UUID()).pathComponents, use: show)
        routes.post(TrainingURL.ask(UUID()).pathComponents, use: ask)
        routes.get(TrainingURL.people(UUID()).pathComponents, use: people)
        routes.post(TrainingURL.giveUp(UUID()).pathComponents, use: giveUp)
        routes.get(TrainingURL.certificate(UUID()).pathComponents, use: certificate)
        routes.post(TrainingURL.attendance(UUID()).pathComponents, use: attendance)
        routes.post(TrainingURL.callOff(UUID()).pathComponents, use: callOff)
        routes.get(TrainingURL.apiSessions.pathComponents, use: apiSessions)
        routes.post(TrainingURL.apiAsk(UUID()).pathComponents, use: apiAsk)
        routes.get(TrainingURL.apiMine.pathComponents, use: apiMine)
        routes.post(TrainingURL.apiGiveUp(UUID()).pathComponents, use: apiGiveUp)
    }

    static func form(_ request: Request) -> [String: String] { (try? request.content.decode([String: String].self)) ?? [:] }

    /// The email a person moved up from the waiting list gets, linking to the session.
    static func email(_ request: Request) -> Training.PromotionEmail {
        let base = request.alongside.configuration.publicURL
        return { name, session in
            TrainingPlaceEmail.promoted(name: name, title: session.draft.title, starts: session.draft.starts, place: session.draft.place,
                                        online: session.draft.online, link: base + TrainingURL.session(session.id).path)
        }
    }

    static func session(_ request: Request) async throws -> TrainingSessionView {
        guard let session = try await Training().session(try request.idParameter(), on: request.db) else { throw Abort(.notFound, reason: "There is no such session.") }
        return session
    }

    func list(_ request: Request) async throws -> Response {
        let sessions = try await Training().sessions(from: request.now, on: request.db)
        let canBook = request.alongside.policy.allows(.bookTrainingPlace, for: request.actor)
        return TrainingPages.list(sessions, canBook: canBook, runs: !Self.trainerOrganisations(request).isEmpty || request.actor.has(.administrator),
                                  PageContext(request, title: "Training places")).response()
    }

    func show(_ request: Request) async throws -> Response {
        let session = try await Self.session(request)
        let mine = try await request.signedIn.asyncMap { try await Training().mine($0.personID, on: request.db) }?.first { $0.session.id == session.id }
        let policy = request.alongside.policy
        let context = PageContext(request, title: session.draft.title, breadcrumbs: [NavigationLink(title: "Training places", path: TrainingURL.sessions.path)])
        return TrainingPages.session(session, mine: mine, now: request.now, signedIn: request.signedIn != nil,
                                     canBook: policy.allows(.bookTrainingPlace, for: request.actor),
                                     runs: policy.allows(.offerTraining(organisation: session.organisationID), for: request.actor), context).response()
    }

    func ask(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.bookTrainingPlace)
        let id = try request.idParameter()
        let outcome: TrainingRequestOutcome
        do { outcome = try await Training().request(id, person: me.personID, now: request.now, on: request.db) } catch let refused as TrainingRefused {
            throw Abort(.conflict, reason: refused.message)
        }
        return request.redirect(to: TrainingURL.mine.with([("done", (outcome.status == .waiting ? Notice.trainingWaiting : .trainingBooked).rawValue)]))
    }

    func mine(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let context = PageContext(request, title: "Your training", breadcrumbs: [NavigationLink(title: "Training places", path: TrainingURL.sessions.path)])
        return TrainingPages.mine(try await Training().mine(me.personID, on: request.db), now: request.now, context).response()
    }

    /// Giving a place up asks first: the place goes to the next person at once and cannot be taken back.
    func giveUp(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try request.idParameter()
        guard let place = try await Training().place(id, on: request.db), place.personID == me.personID else { throw Abort(.notFound, reason: "There is no such place.") }
        if let why = TrainingPlaces.whyNotCancel(place.status, starts: place.session.draft.starts, now: request.now) { throw Abort(.conflict, reason: why) }
        guard Confirmation.isConfirmed(Self.form(request)[Confirmation.field]) else {
            let waiting = place.status == .waiting
            let confirm = Confirmation(
                question: waiting ? "Leave the waiting list for \u{201C}\(place.session.draft.title)\u{201D}?" : "Give up your place on \u{201C}\(place.session.draft.title)\u{201D}?",
                consequences: waiting ? ["You lose your turn on the list. If you ask again, you go to the end."]
                    : ["Your place goes at once to the first person on the waiting list, if anyone is waiting.",
                       "If you ask again, you get a place only if one is free; otherwise you go to the end of the list."],
                action: TrainingURL.giveUp(id).path, hidden: [], button: waiting ? "Yes, leave the list" : "Yes, give up my place", back: TrainingURL.mine.path)
            return confirm.page(PageContext(request, title: confirm.question)).response()
        }
        do { try await Training().cancel(id, person: me.personID, now: request.now, email: Self.email(request), on: request.db) } catch let refused as TrainingRefused {
            throw Abort(.conflict, reason: refused.message)
        }
        return request.redirect(to: TrainingURL.mine.with([("done", Notice.trainingGivenUp.rawValue)]))
    }

    /// A certificate for a session attended: only for the person who attended.
    func certificate(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        guard let place = try await Training().place(try request.idParameter(), on: request.db), place.personID == me.personID, place.status == .attended else {
            throw Abort(.notFound, reason: "There is no certificate here: certificates are for sessions you attended.")
        }
        let context = PageContext(request, title: "Certificate of attendance", breadcrumbs: [NavigationLink(title: "Your training", path: TrainingURL.mine.path)])
        return TrainingPages.certificate(place, context).response()
    }

    /// The organisations the caller offers training for (an administrator: every organisation).
    static func trainerOrganisations(_ request: Request) -> [UUID] {
        request.actor.organisationIDs.filter { request.alongside.policy.allows(.offerTraining(organisation: $0), for: request.actor) }
            .sorted { $0.uuidString < $1.uuidString }
    }

    static func offeringOrganisations(_ request: Request) async throws -> [(UUID, String)] {
        if request.actor.has(.administrator) {
            return try await OrganisationRecord.query(on: request.db).sort(\.$name).all().map { ($0.id!, $0.name) }
        }
        let mine = trainerOrganisations(request)
        guard !mine.isEmpty else {
            try request.require(.offerTraining(organisation: UUID()))
            throw Abort(.forbidden)
        }
        return try await OrganisationRecord.query(on: request.db).filter(\.$id ~~ mine).sort(\.$name).all().map { ($0.id!, $0.name) }
    }

    func organisation(_ request: Request) async throws -> Response {
        try await organisationPage(request, form: [:], errors: [])
    }

    private func organisationPage(_ request: Request, form: [String: String], errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        _ = try request.requireSignedIn()
        let organisations = try await Self.offeringOrganisations(request)
        let mine = Set(Self.trainerOrganisations(request))
        let sessions = try await Training().sessions(on: request.db).filter { mine.contains($0.organisationID) }
        var context = PageContext(request, title: "Training you offer", breadcrumbs: [NavigationLink(title: "Training places", path: TrainingURL.sessions.path)])
        context.hasErrors = !errors.isEmpty
        return TrainingPages.organisation(sessions, organisations: organisations, now: request.now, form: form, errors: errors, context).response(status: status)
    }

    func offer(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let form = Self.form(request)
        let organisations = try await Self.offeringOrganisations(request)
        do {
            var checks = FieldChecks()
            let organisation = checks.check { () throws -> UUID in
                guard let chosen = form["organisation"].flatMap(UUID.init(uuidString:)), organisations.contains(where: { $0.0 == chosen }) else {
                    throw FieldError("organisation", "Choose the organisation that runs the session")
                }
                return chosen
            }
            let draft = checks.check {
                try TrainingSessionDraft.from(title: form["title"], covers: form["covers"], starts: form["starts_at"], ends: form["ends_at"], how: form["how"],
                                              place: form["place"], places: form["places"], now: request.now)
            }
            try checks.finish()
            try request.require(.offerTraining(organisation: organisation!))
            let id = try await Training().offer(draft!, by: organisation!, now: request.now, on: request.db)
            return request.redirect(to: TrainingURL.session(id).with([("done", Notice.trainingOffered.rawValue)]))
        } catch let failure as ValidationFailure {
            return try await organisationPage(request, form: form, errors: failure.errors, status: .unprocessableEntity)
        }
    }

    /// Who is booked and waiting, with attendance to record: the organisation's members. Each person shown is audited.
    func people(_ request: Request) async throws -> Response {
        try await peoplePage(request, form: [:], errors: [])
    }

    private func peoplePage(_ request: Request, form: [String: String], errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        _ = try request.requireSignedIn()
        let session = try await Self.session(request)
        try request.require(.offerTraining(organisation: session.organisationID))
        let places = try await Training().places(on: session.id, on: request.db).filter { $0.status != .cancelled }
        for person in Set(places.map(\.personID)) { try await request.audit(.viewedTrainingPlace, about: person) }
        var context = PageContext(request, title: "Who is coming: \(session.draft.title)",
                                  breadcrumbs: [NavigationLink(title: "Training you offer", path: TrainingURL.organisation.path)])
        context.hasErrors = !errors.isEmpty
        return TrainingPages.people(session, places, now: request.now, form: form, errors: errors, context).response(status: status)
    }

    /// The trainer calls a session off, saying why, asked first: everyone booked or waiting loses their place and is emailed.
    func callOff(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let session = try await Self.session(request)
        try request.require(.offerTraining(organisation: session.organisationID))
        let form = Self.form(request)
        let reason: String
        do { reason = try Text.required(form["reason"], field: "reason", label: "why you are calling it off: everyone booked or waiting is told", maxLength: 500, multiline: true) } catch let error as FieldError {
            return try await peoplePage(request, form: form, errors: [error], status: .unprocessableEntity)
        }
        guard Confirmation.isConfirmed(form[Confirmation.field]) else {
            let told = session.taken + session.waiting
            let confirm = Confirmation(
                question: "Call off \u{201C}\(session.draft.title)\u{201D}?",
                consequences: ["\(told == 1 ? "The 1 person" : "All \(told) people") booked or waiting lose their place and are emailed your reason.",
                               "It is taken off the list of sessions. It cannot be opened again: offer a new session instead."],
                action: TrainingURL.callOff(session.id).path, hidden: [("reason", reason)], button: "Yes, call it off", back: TrainingURL.people(session.id).path)
            return confirm.page(PageContext(request, title: confirm.question)).response()
        }
        let policy = request.alongside.policy, actor = request.actor
        let link = request.alongside.configuration.publicURL + TrainingURL.sessions.path
        do {
            try await Training().callOff(session.id, reason: reason, organisationAllowed: { policy.allows(.offerTraining(organisation: $0), for: actor) }, now: request.now,
                                         email: { name, s in TrainingPlaceEmail.calledOff(name: name, title: s.draft.title, starts: s.draft.starts, reason: reason, link: link) },
                                         on: request.db)
        } catch let refused as TrainingRefused {
            throw Abort(.conflict, reason: refused.message)
        }
        return request.redirect(to: TrainingURL.organisation.with([("done", Notice.trainingCalledOff.rawValue)]))
    }

    func attendance(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let id = try request.idParameter()
        let policy = request.alongside.policy, actor = request.actor
        guard let place = try await Training().place(id, on: request.db), policy.allows(.offerTraining(organisation: place.session.organisationID), for: actor) else {
            throw Abort(.notFound, reason: "There is no such place on your organisation's sessions.")
        }
        guard let answer = Self.form(request)["attended"].flatMap(Attendance.init(rawValue:)) else {
            throw Abort(.unprocessableEntity, reason: "Say whether they came.")
        }
        let came = answer == .came
        do {
            try await Training().recordAttendance(id, attended: came, organisationAllowed: { policy.allows(.offerTraining(organisation: $0), for: actor) },
                                                  now: request.now, on: request.db)
        } catch let refused as TrainingRefused {
            throw Abort(.conflict, reason: refused.message)
        }
        return request.redirect(to: TrainingURL.people(place.session.id).with([("done", Notice.attendanceRecorded.rawValue)]))
    }

    // MARK: - API

    struct SessionDTO: Content {
        let id: String; let organisation_id: String; let organisation: String; let title: String; let covers: String; let starts_at: Date; let ends_at: Date
        let online: Bool; let place: String; let places: Int; let places_left: Int; let waiting: Int
    }
    struct SessionsDTO: Content { let sessions: [SessionDTO] }
    struct PlaceDTO: Content { let id: String; let session_id: String; let title: String; let starts_at: Date; let status: String; let position: Int? }
    struct PlacesDTO: Content { let places: [PlaceDTO] }

    static func dto(_ s: TrainingSessionView) -> SessionDTO {
        SessionDTO(id: s.id.uuidString.lowercased(), organisation_id: s.organisationID.uuidString.lowercased(), organisation: s.organisation, title: s.draft.title,
                   covers: s.draft.covers, starts_at: s.draft.starts, ends_at: s.draft.ends, online: s.draft.online, place: s.draft.place, places: s.draft.places,
                   places_left: s.placesLeft, waiting: s.waiting)
    }

    static func dto(_ p: TrainingPlaceView) -> PlaceDTO {
        PlaceDTO(id: p.id.uuidString.lowercased(), session_id: p.session.id.uuidString.lowercased(), title: p.session.draft.title, starts_at: p.session.draft.starts,
                 status: p.status.rawValue, position: p.position)
    }

    func apiSessions(_ request: Request) async throws -> Response {
        try ReferralsAPIController.json(SessionsDTO(sessions: try await Training().sessions(from: request.now, on: request.db).map(Self.dto)), status: .ok)
    }

    /// Asks for a place for the caller: 201 with `booked`, or `waiting` and the position on the list.
    func apiAsk(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.bookTrainingPlace)
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text), try await Training().session(id, on: request.db) != nil else {
            throw APIError.notFound("There is no training session with this id.")
        }
        do {
            let outcome = try await Training().request(id, person: me.personID, now: request.now, on: request.db)
            guard let place = try await Training().place(outcome.place, on: request.db) else { throw APIError.notFound("There is no such place.") }
            return try ReferralsAPIController.json(Self.dto(place), status: .created)
        } catch let refused as TrainingRefused {
            throw APIError(status: .conflict, code: "conflict", message: refused.message)
        }
    }

    func apiMine(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        return try ReferralsAPIController.json(PlacesDTO(places: try await Training().mine(me.personID, on: request.db).map(Self.dto)), status: .ok)
    }

    /// Gives the caller's place up; the first on the waiting list moves up and is emailed.
    func apiGiveUp(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text), let place = try await Training().place(id, on: request.db),
              place.personID == me.personID else {
            throw APIError.notFound("You have no place with this id.")
        }
        do { try await Training().cancel(id, person: me.personID, now: request.now, email: Self.email(request), on: request.db) } catch let refused as TrainingRefused {
            throw APIError(status: .conflict, code: "conflict", message: refused.message)
        }
        guard let after = try await Training().place(id, on: request.db) else { throw APIError.notFound("You have no place with this id.") }
        return try ReferralsAPIController.json(Self.dto(after), status: .ok)
    }
}
