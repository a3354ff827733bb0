import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// An organisation that owns rooms lists them, changes their details and rules (opening, buffer, closed days, approval,
/// the groups a room is kept for), and sees which rooms have bookings waiting for approval.
struct RoomOwnersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(RoomsURL.manage.pathComponents, use: manage)
        routes.post(RoomsURL.manage.pathComponents, use: create)
        routes.get(RoomsURL.edit(UUID()).pathComponents, use: edit)
        routes.post(RoomsURL.edit(UUID()).pathComponents, use: save)
    }

    /// The organisations whose rooms the caller manages (an administrator: every organisation).
    static func owners(_ request: Request) async throws -> [(UUID, String)] {
        _ = try request.requireSignedIn()
        if request.actor.has(.administrator) {
            return try await OrganisationRecord.query(on: request.db).sort(\.$name).all().map { ($0.id!, $0.name) }
        }
        let ids = request.actor.organisationIDs.filter { request.alongside.policy.allows(.manageRoom(ownedBy: $0), for: request.actor) }
        guard !ids.isEmpty else {
            try request.require(.manageRoom(ownedBy: UUID()))
            throw Abort(.forbidden)
        }
        return try await OrganisationRecord.query(on: request.db).filter(\.$id ~~ Array(ids)).sort(\.$name).all().map { ($0.id!, $0.name) }
    }

    /// Every group in the directory, for "keep this room for…".
    static func groups(_ request: Request) async throws -> [(UUID, String)] {
        try await OrganisationRecord.query(on: request.db).sort(\.$name).all().map { ($0.id!, $0.name) }
    }

    static func form(_ request: Request) -> [String: String] { (try? request.content.decode([String: String].self)) ?? [:] }

    func manage(_ request: Request) async throws -> Response {
        try await managePage(request, form: [:], errors: [])
    }

    private func managePage(_ request: Request, form: [String: String], errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        let owners = try await Self.owners(request)
        let mine = Set(request.actor.organisationIDs)
        let rooms = try await Rooms().rooms(on: request.db).filter { mine.contains($0.organisationID) }
        let waiting = try await Rooms().waitingForApproval(rooms.map(\.id), now: request.now, on: request.db)
        var context = PageContext(request, title: "Rooms you share", breadcrumbs: [NavigationLink(title: "Rooms to book", path: RoomsURL.rooms.path)])
        context.hasErrors = !errors.isEmpty
        return RoomOwnerPages.manage(rooms, waiting: waiting, owners: owners, groups: try await Self.groups(request), form: form, errors: errors, context)
            .response(status: status)
    }

    func create(_ request: Request) async throws -> Response {
        let owners = try await Self.owners(request)
        let form = Self.form(request)
        let groups = try await Self.groups(request)
        do {
            var checks = FieldChecks()
            let owner = checks.check { () throws -> UUID in
                guard let chosen = form["owner"].flatMap(UUID.init(uuidString:)), owners.contains(where: { $0.0 == chosen }) else {
                    throw FieldError("owner", "Choose the organisation that owns the room")
                }
                return chosen
            }
            let draft = checks.check { try RoomDraft.from(form, groups: Set(groups.map(\.0))) }
            try checks.finish()
            try request.require(.manageRoom(ownedBy: owner!))
            let id = try await Rooms().create(draft!, owner: owner!, on: request.db)
            return request.redirect(to: RoomsURL.room(id).with([("done", Notice.roomListed.rawValue)]))
        } catch let failure as ValidationFailure {
            return try await managePage(request, form: form, errors: failure.errors, status: .unprocessableEntity)
        }
    }

    static func ownedRoom(_ request: Request) async throws -> RoomView {
        _ = try request.requireSignedIn()
        guard let room = try await Rooms().room(try request.idParameter(), on: request.db) else { throw Abort(.notFound, reason: "There is no such room.") }
        try request.require(.manageRoom(ownedBy: room.organisationID))
        return room
    }

    func edit(_ request: Request) async throws -> Response {
        let room = try await Self.ownedRoom(request)
        let draft = RoomDraft(name: room.name, place: room.place, description: room.description, capacity: room.capacity, access: room.access,
                              equipment: room.equipment, pricePence: room.pricePence, rules: room.rules)
        return try await editPage(request, room, form: draft.form, errors: [])
    }

    private func editPage(_ request: Request, _ room: RoomView, form: [String: String], errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        var context = PageContext(request, title: "Change \(room.name)", breadcrumbs: [NavigationLink(title: "Rooms you share", path: RoomsURL.manage.path),
                                                                                     NavigationLink(title: room.name, path: RoomsURL.room(room.id).path)])
        context.hasErrors = !errors.isEmpty
        return RoomOwnerPages.edit(room, groups: try await Self.groups(request), form: form, errors: errors, context).response(status: status)
    }

    func save(_ request: Request) async throws -> Response {
        let room = try await Self.ownedRoom(request)
        let form = Self.form(request)
        do {
            let draft = try RoomDraft.from(form, groups: Set(try await Self.groups(request).map(\.0)))
            try await Rooms().update(room.id, draft, on: request.db)
        } catch let failure as ValidationFailure {
            return try await editPage(request, room, form: form, errors: failure.errors, status: .unprocessableEntity)
        }
        return request.redirect(to: RoomsURL.room(room.id).with([("done", Notice.roomChanged.rawValue)]))
    }
}
