import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Volunteering as pages: roles anyone can read, saying one is interested, one's own volunteering with hours to log and a
/// record to print, and an organisation's page for its roles, volunteers and their hours.
struct VolunteeringController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(VolunteeringURL.roles.pathComponents, use: list)
        routes.get(VolunteeringURL.mine.pathComponents, use: mine)
        routes.get(VolunteeringURL.record.pathComponents, use: record)
        routes.get(VolunteeringURL.organisation.pathComponents, use: organisation)
        routes.post(VolunteeringURL.newRole.pathComponents, use: newRole)
        routes.get(VolunteeringURL.role(UUID()).pathComponents, use: show)
        routes.post(VolunteeringURL.interest(UUID()).pathComponents, use: interest)
        routes.post(VolunteeringURL.hours(UUID()).pathComponents, use: hours)
        routes.post(VolunteeringURL.decision(UUID()).pathComponents, use: decide)
        routes.post(VolunteeringURL.hoursDecision(UUID()).pathComponents, use: decideHours)
        routes.get(VolunteeringURL.apiRoles.pathComponents, use: apiRoles)
        routes.get(VolunteeringURL.apiRecord.pathComponents, use: apiRecord)
        routes.post(VolunteeringURL.apiInterest(UUID()).pathComponents, use: apiInterest)
        routes.post(VolunteeringURL.apiHours(UUID()).pathComponents, use: apiHours)
    }

    static func form(_ request: Request) -> [String: String] { (try? request.content.decode([String: String].self)) ?? [:] }

    func list(_ request: Request) async throws -> Response {
        VolunteeringPages.list(try await Volunteering().roles(on: request.db), PageContext(request, title: "Volunteering")).response()
    }

    func show(_ request: Request) async throws -> Response {
        guard let role = try await Volunteering().role(try request.idParameter(), on: request.db) else { throw Abort(.notFound, reason: "There is no such role.") }
        let mine = try await request.signedIn.asyncMap { try await Volunteering().mine($0.personID, on: request.db) }?.first { $0.roleID == role.id }
        let context = PageContext(request, title: role.draft.title, breadcrumbs: [NavigationLink(title: "Volunteering", path: VolunteeringURL.roles.path)])
        return VolunteeringPages.role(role, mine: mine, signedIn: request.signedIn != nil, context).response()
    }

    func interest(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.volunteer)
        let role = try request.idParameter()
        do { try await Volunteering().interested(in: role, person: me.personID, now: request.now, on: request.db) } catch is VolunteeringRefused {
            throw Abort(.notFound, reason: "There is no such role.")
        }
        return request.redirect(to: VolunteeringURL.mine.with([("done", Notice.volunteerInterested.rawValue)]))
    }

    func mine(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        return try await minePage(request, me, form: [:], errors: [])
    }

    private func minePage(_ request: Request, _ me: SignedIn, form: [String: String], errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        var context = PageContext(request, title: "Your volunteering", breadcrumbs: [NavigationLink(title: "Volunteering", path: VolunteeringURL.roles.path)])
        context.hasErrors = !errors.isEmpty
        return VolunteeringPages.mine(try await Volunteering().mine(me.personID, on: request.db), form: form, errors: errors, context).response(status: status)
    }

    func hours(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.volunteer)
        let form = Self.form(request)
        do {
            let draft = try VolunteerHoursDraft.from(day: form["day"], minutes: form["minutes"], note: form["note"], today: request.now)
            try await Volunteering().log(draft, role: try request.idParameter(), person: me.personID, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await minePage(request, me, form: form, errors: failure.errors, status: .unprocessableEntity)
        } catch let refused as VolunteeringRefused {
            return try await minePage(request, me, form: form, errors: [FieldError(refused.field, refused.message)], status: .unprocessableEntity)
        }
        return request.redirect(to: VolunteeringURL.mine.with([("done", Notice.hoursLogged.rawValue)]))
    }

    func record(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let record = try await Volunteering().record(of: me.personID, on: request.db)
        let context = PageContext(request, title: "Record of volunteering", breadcrumbs: [NavigationLink(title: "Your volunteering", path: VolunteeringURL.mine.path)])
        return VolunteeringPages.record(record, name: me.name, today: request.now, context).response()
    }

    /// The organisation the person runs volunteering for (their first, as members usually belong to one).
    static func organisation(_ request: Request) async throws -> (UUID, String) {
        guard let id = request.actor.organisationIDs.sorted(by: { $0.uuidString < $1.uuidString })
            .first(where: { request.alongside.policy.allows(.runVolunteering(organisation: $0), for: request.actor) }),
              let org = try await OrganisationRecord.find(id, on: request.db) else {
            try request.require(.runVolunteering(organisation: UUID()))
            throw Abort(.forbidden)
        }
        return (id, org.name)
    }

    func organisation(_ request: Request) async throws -> Response {
        try await organisationPage(request, form: [:], errors: [])
    }

    private func organisationPage(_ request: Request, form: [String: String], errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        let (id, name) = try await Self.organisation(request)
        var context = PageContext(request, title: "\(name): volunteers", breadcrumbs: [NavigationLink(title: "Volunteering", path: VolunteeringURL.roles.path)])
        context.hasErrors = !errors.isEmpty
        let roles = try await Volunteering().roles(on: request.db).filter { $0.organisationID == id }
        let volunteers = try await Volunteering().volunteers(of: id, on: request.db)
        // Each volunteer shown, with their hours: a read of their details, audited.
        for person in Set(volunteers.filter { $0.status != .withdrawn }.map(\.personID)) { try await request.audit(.viewedVolunteering, about: person) }
        return VolunteeringPages.organisation(roles, volunteers, form: form, errors: errors, context).response(status: status)
    }

    func newRole(_ request: Request) async throws -> Response {
        let (id, _) = try await Self.organisation(request)
        let form = Self.form(request)
        do {
            let draft = try VolunteerRoleDraft.from(title: form["title"], involves: form["involves"], when: form["when"], place: form["place"], access: form["access"],
                                                    dbs: form["dbs"], places: form["places"], credit: form["credit"])
            _ = try await Volunteering().post(draft, for: id, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await organisationPage(request, form: form, errors: failure.errors, status: .unprocessableEntity)
        }
        return request.redirect(to: VolunteeringURL.organisation.with([("done", Notice.timeBankSaved.rawValue)]))
    }

    func decide(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let id = try request.idParameter()
        guard let v = try await VolunteerRecord.find(id, on: request.db), let role = try await VolunteerRoleRecord.find(v.roleID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such volunteer.")
        }
        try request.require(.runVolunteering(organisation: role.organisationID))
        do { try await Volunteering().decide(id, accept: Self.form(request)["accept"] == "yes", now: request.now, on: request.db) } catch let refused as VolunteeringRefused {
            return try await organisationPage(request, form: [:], errors: [FieldError("volunteers", refused.message)], status: .conflict)
        }
        return request.redirect(to: VolunteeringURL.organisation.with([("done", Notice.timeBankSaved.rawValue)]))
    }

    func decideHours(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let policy = request.alongside.policy, actor = request.actor
        let credit: VolunteerCredit
        do {
            credit = try await Volunteering().confirm(hours: try request.idParameter(), confirmed: Self.form(request)["confirm"] == "yes", by: request.signedIn?.personID,
                                                      organisationAllowed: { policy.allows(.runVolunteering(organisation: $0), for: actor) }, now: request.now, on: request.db)
        } catch is VolunteeringRefused {
            throw Abort(.notFound, reason: "There are no such hours for your organisation.")
        }
        let notice: Notice = switch credit {
        case .none: .timeBankSaved
        case .given: .hoursCredited
        case .notGiven(.notAMember): .hoursNotCreditedNotMember
        case .notGiven(.fundShort): .hoursNotCreditedFundShort
        }
        return request.redirect(to: VolunteeringURL.organisation.with([("done", notice.rawValue)]))
    }

    struct RoleDTO: Content {
        let id: String; let organisation_id: String; let organisation: String; let title: String; let involves: String; let when: String
        let place: String; let access: String; let needs_dbs: Bool; let places: Int; let places_left: Int; let earns_time_credit: Bool
    }
    struct RolesDTO: Content { let roles: [RoleDTO] }
    struct RecordDTO: Content {
        struct Role: Content { let organisation: String; let title: String; let from: String; let to: String; let minutes: Int; let sessions: Int }
        let minutes: Int; let roles: [Role]
    }

    func apiRoles(_ request: Request) async throws -> Response {
        let roles = try await Volunteering().roles(on: request.db).map { r in
            RoleDTO(id: r.id.uuidString.lowercased(), organisation_id: r.organisationID.uuidString.lowercased(), organisation: r.organisation, title: r.draft.title,
                    involves: r.draft.involves, when: r.draft.when, place: r.draft.place, access: r.draft.access, needs_dbs: r.draft.needsDBS, places: r.draft.places,
                    places_left: max(0, r.draft.places - r.taken), earns_time_credit: r.draft.earnsTimeCredit)
        }
        return try ReferralsAPIController.json(RolesDTO(roles: roles), status: .ok)
    }

    /// The caller's own confirmed hours by role.
    func apiRecord(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let record = try await Volunteering().record(of: me.personID, on: request.db)
        return try ReferralsAPIController.json(RecordDTO(minutes: record.minutes, roles: record.roles.map {
            .init(organisation: $0.organisation, title: $0.title, from: $0.from, to: $0.to, minutes: $0.minutes, sessions: $0.sessions)
        }), status: .ok)
    }

    struct InterestDTO: Content { let role_id: String; let status: String }
    struct HoursBody: Decodable { var day: String?; var minutes: Int?; var note: String? }
    struct HoursDTO: Content { let id: String; let role_id: String; let day: String; let minutes: Int; let note: String; let status: String }

    static func apiRole(_ request: Request) async throws -> VolunteerRoleView {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text), let role = try await Volunteering().role(id, on: request.db) else {
            throw APIError.notFound("There is no open volunteering role with this id.")
        }
        return role
    }

    /// The caller says they are interested in a role: 201 with where it stands (asking again changes nothing).
    func apiInterest(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.volunteer)
        let role = try await Self.apiRole(request)
        try await Volunteering().interested(in: role.id, person: me.personID, now: request.now, on: request.db)
        let status = try await Volunteering().mine(me.personID, on: request.db).first { $0.roleID == role.id }?.status ?? .interested
        return try ReferralsAPIController.json(InterestDTO(role_id: role.id.uuidString.lowercased(), status: status.rawValue), status: .created)
    }

    /// The caller logs hours on a role the organisation took them on for: 201, counted once the organisation confirms them.
    func apiHours(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.volunteer)
        let role = try await Self.apiRole(request)
        let body = try ReferralsAPIController.body(request, HoursBody.self)
        let draft = try VolunteerHoursDraft.from(day: body.day, minutes: body.minutes.map(String.init), note: body.note, today: request.now)
        let logged: UUID
        do { logged = try await Volunteering().log(draft, role: role.id, person: me.personID, now: request.now, on: request.db) } catch let refused as VolunteeringRefused {
            throw APIError(status: .conflict, code: "conflict", message: refused.message, field: "role")
        }
        return try ReferralsAPIController.json(HoursDTO(id: logged.uuidString.lowercased(), role_id: role.id.uuidString.lowercased(), day: draft.day,
                                                        minutes: draft.minutes, note: draft.note, status: VolunteerHoursStatus.logged.rawValue), status: .created)
    }
}
