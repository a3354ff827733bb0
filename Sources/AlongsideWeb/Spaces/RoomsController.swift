import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Shared rooms as pages: the list, each room with who meets there and its booking form, cancelling and approving, and
/// the iCalendar feeds of a room and of a group.
struct RoomsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(RoomsURL.rooms.pathComponents, use: list)
        routes.get(RoomsURL.room(UUID()).pathComponents, use: show)
        routes.post(RoomsURL.bookings(UUID()).pathComponents, use: book)
        routes.post(RoomsURL.cancel(UUID()).pathComponents, use: cancel)
        routes.post(RoomsURL.approve(UUID()).pathComponents, use: approve)
        routes.get(RoomsURL.calendar(UUID()).pathComponents, use: calendar)
        routes.get(RoomsURL.groupCalendar(UUID()).pathComponents, use: groupCalendar)
        routes.post(RoomsURL.listingSchedule(UUID()).pathComponents, use: listingSchedule)
    }

    func list(_ request: Request) async throws -> Response {
        let rooms = try await Rooms().rooms(on: request.db)
        let shares = request.actor.has(.administrator) || request.actor.organisationIDs.contains { request.alongside.policy.allows(.manageRoom(ownedBy: $0), for: request.actor) }
        return RoomPages.list(rooms, shares: shares, PageContext(request, title: "Rooms to book")).response()
    }

    /// The organisations the person may book for.
    static func bookers(_ request: Request) async throws -> [(UUID, String)] {
        let ids = request.actor.organisationIDs.filter { request.alongside.policy.allows(.bookRoom(forOrganisation: $0), for: request.actor) }
        guard !ids.isEmpty else { return [] }
        return try await OrganisationRecord.query(on: request.db).filter(\.$id ~~ Array(ids)).sort(\.$name).all().map { ($0.id!, $0.name) }
    }

    func show(_ request: Request) async throws -> Response {
        try await page(request, form: [:], errors: [], clashes: [])
    }

    private func page(_ request: Request, form: [String: String], errors: [FieldError], clashes: [Occurrence], status: HTTPStatus = .ok) async throws -> Response {
        guard let room = try await Rooms().room(try request.idParameter(), on: request.db) else { throw Abort(.notFound, reason: "There is no such room.") }
        let bookings = try await Rooms().bookings(of: room.id, from: request.now.addingTimeInterval(-86_400), to: request.now.addingTimeInterval(70 * 86_400), on: request.db)
        let owner = request.alongside.policy.allows(.manageRoom(ownedBy: room.organisationID), for: request.actor)
        var context = PageContext(request, title: room.name, breadcrumbs: [NavigationLink(title: "Rooms to book", path: RoomsURL.rooms.path)])
        context.hasErrors = !errors.isEmpty
        let keptFor = try await Organisations.names(room.rules.onlyGroups, on: request.db).values.sorted()
        // Only the groups the owner lets book it are offered the form.
        let bookers = try await Self.bookers(request).filter { room.rules.whyNotGroup($0.0, owner: room.organisationID) == nil }
        // A group's members can put its regular meeting here on one of its listings as the schedule.
        let editable = request.actor.organisationIDs.filter { request.alongside.policy.allows(.editService(ofOrganisation: $0), for: request.actor) }
        let listings = editable.isEmpty ? [:] : Dictionary(grouping: try await Directory().listings(on: request.db).filter { editable.contains($0.organisationID) },
                                                           by: \.organisationID).mapValues { $0.map { ($0.id, $0.name) }.sorted { $0.1 < $1.1 } }
        var model = RoomPages.Room(room: room, bookings: bookings.filter { $0.status == "confirmed" || owner || request.actor.organisationIDs.contains($0.organisationID) },
                                   bookers: bookers, owner: owner, mine: request.actor.organisationIDs, keptFor: keptFor, listings: listings)
        let regulars = try await Rooms().regulars(of: room.id, now: request.now, on: request.db)
        let groups = try await Organisations.names(Set(regulars.map(\.organisationID)), on: request.db)
        model.regulars = regulars.map { ($0, groups[$0.organisationID] ?? "A group") }
        return RoomPages.room(model, form: form, errors: errors, clashes: clashes, context).response(status: status)
    }

    func book(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let room = try request.idParameter()
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        let first = try await Self.bookers(request).first?.0
        guard let organisation = form["organisation_id"].flatMap(UUID.init(uuidString:)) ?? first else {
            try request.require(.bookRoom(forOrganisation: UUID()))
            throw Abort(.forbidden)
        }
        try request.require(.bookRoom(forOrganisation: organisation))
        do {
            var checks = FieldChecks()
            let title = checks.check { try Text.required(form["title"], field: "title", label: "what the booking is for", maxLength: 120) }
            let often = form["repeat"] ?? ""
            if often.isEmpty { checks.add("repeat", "Choose whether it is once or repeats") }
            let asked = checks.check {
                try BookingRequest.from(starts: form["starts_at"], ends: form["ends_at"], repeats: often == "once" ? nil : often, until: form["until"])
            }
            try checks.finish()
            let made = try await Rooms().book(room, for: organisation, title: title!, asked!, skipClashes: form["skip_clashes"] == "yes", now: request.now, on: request.db)
            let notice = made.status == "requested" ? Notice.roomRequested : (made.skipped.isEmpty ? .roomBooked : .roomBookedFreeDates)
            return request.redirect(to: RoomsURL.room(room).with([("done", notice.rawValue)]))
        } catch let failure as ValidationFailure {
            return try await page(request, form: form, errors: failure.errors, clashes: [], status: .unprocessableEntity)
        } catch let refused as RoomRefused {
            return try await page(request, form: form, errors: [FieldError(refused.field, refused.message)], clashes: refused.clashes,
                                  status: refused.clashes.isEmpty ? .unprocessableEntity : .conflict)
        }
    }

    func cancel(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        let booking = try request.idParameter()
        let policy = request.alongside.policy, actor = request.actor
        do {
            try await Rooms().cancel(booking, rest: form["rest"] == "yes", allowed: { booker, owner in
                policy.allows(.bookRoom(forOrganisation: booker), for: actor) || policy.allows(.manageRoom(ownedBy: owner), for: actor)
            }, on: request.db)
        } catch is RoomRefused {
            throw Abort(.notFound, reason: "There is no such booking of yours.")
        }
        guard let room = form["room"].flatMap(UUID.init(uuidString:)) else { return request.redirect(to: RoomsURL.rooms.path) }
        return request.redirect(to: RoomsURL.room(room).with([("done", Notice.roomCancelled.rawValue)]))
    }

    /// A group's regular meeting becomes the schedule of one of its directory listings: asked first, then published or
    /// sent for review as any change to the listing is.
    func listingSchedule(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        guard let series = try await Rooms().series(try request.idParameter(), on: request.db) else { throw Abort(.notFound, reason: "There is no such regular booking.") }
        try request.require(.editService(ofOrganisation: series.organisationID))
        guard let service = form["service_id"].flatMap(UUID.init(uuidString:)), var listing = try await Directory().listing(id: service, on: request.db),
              listing.organisationID == series.organisationID else {
            throw Abort(.unprocessableEntity, reason: "Choose one of your group's listings to put the meeting on. Go back and try again.")
        }
        guard let schedule = series.request.schedule(notes: "At \(series.room.name), \(series.room.place)") else {
            throw Abort(.unprocessableEntity, reason: "Only a booking that repeats can be a listing's schedule.")
        }
        // A new schedule is more than wording: it goes live at once only where any such change would.
        let direct = try await ListingEditController.publishesDirectly(listing.organisationID, request, wordingOnly: false)
        guard Confirmation.isConfirmed(form[Confirmation.field]) else {
            let confirm = Confirmation(
                question: "Show \u{201C}\(series.title)\u{201D} as the schedule of \u{201C}\(listing.name)\u{201D}?",
                consequences: ["The listing's schedule becomes: \(schedule.phrase).",
                               listing.schedules.isEmpty ? "The listing has no schedule now." : "It replaces the schedule the listing shows now; its history keeps the old one.",
                               direct ? "It is published at once." : "It is sent for review first, like any change to the listing."],
                action: RoomsURL.listingSchedule(series.id).path, hidden: [("service_id", service.uuidString.lowercased())],
                button: "Yes, use it as the schedule", back: RoomsURL.room(series.room.id).path, warning: false)
            return confirm.page(PageContext(request, title: confirm.question)).response()
        }
        listing.schedules = [schedule]
        let outcome = try await ListingEditor().propose(listing, by: request.signedIn?.personID, publishDirectly: direct, now: request.now, on: request.db)
        return request.redirect(to: RoomsURL.room(series.room.id).with([("done", (outcome == .published ? Notice.listingSchedulePublished : .listingScheduleSent).rawValue)]))
    }

    func approve(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let booking = try request.idParameter()
        guard let record = try await RoomBookingRecord.find(booking, on: request.db), let room = try await Rooms().room(record.roomID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such booking.")
        }
        try request.require(.manageRoom(ownedBy: room.organisationID))
        do { try await Rooms().approve(booking, on: request.db) } catch let refused as RoomRefused {
            return try await page(request, form: [:], errors: [FieldError("booking", refused.message)], clashes: [], status: .conflict)
        }
        return request.redirect(to: RoomsURL.room(room.id).with([("done", Notice.roomApproved.rawValue)]))
    }

    func calendar(_ request: Request) async throws -> Response {
        guard let room = try await Rooms().room(try request.idParameter(), on: request.db) else { throw Abort(.notFound, reason: "There is no such room.") }
        let events = try await Rooms().calendar(of: room.id, on: request.db)
        return Self.ics(ICalendar.feed(name: "\(room.name), \(room.place)", events: events, now: request.now))
    }

    func groupCalendar(_ request: Request) async throws -> Response {
        guard let organisation = try await OrganisationRecord.find(try request.idParameter(), on: request.db) else {
            throw Abort(.notFound, reason: "There is no such organisation.")
        }
        var events: [ICalendar.Event] = []
        for room in try await Rooms().rooms(on: request.db) {
            events += try await Rooms().calendar(of: room.id, organisation: organisation.id, on: request.db)
        }
        return Self.ics(ICalendar.feed(name: "\(organisation.name): rooms booked", events: events, now: request.now))
    }

    static func ics(_ text: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
