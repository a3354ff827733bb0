import AlongsideCore
import FluentKit
import Foundation

public final class TrainingSessionRecord: Model, @unchecked Sendable {
    public static let schema = "training_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "covers") public var covers: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "place") public var place: String
    @Field(key: "online") public var online: Bool
    @Field(key: "places") public var places: Int
    @Field(key: "posted_at") public var postedAt: Date
    /// When the trainer called the session off, and why (shown to everyone who had a place or was waiting).
    @OptionalField(key: "called_off_at") public var calledOffAt: Date?
    @OptionalField(key: "called_off_reason") public var calledOffReason: String?

    public init() {}
}

/// A trainer can call a session off.
struct TrainingCallOff: AsyncMigration {
    var name: String { "2026-12-06-TrainingCallOff" }

    func prepare(on database: any Database) async throws {
        try await database.schema(TrainingSessionRecord.schema).field("called_off_at", .datetime).update()
        try await database.schema(TrainingSessionRecord.schema).field("called_off_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TrainingSessionRecord.schema).deleteField("called_off_reason").update()
        try await database.schema(TrainingSessionRecord.schema).deleteField("called_off_at").update()
    }
}

public final class TrainingPlaceRecord: Model, @unchecked Sendable {
    public static let schema = "training_places"

    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "status") public var status: String
    /// When they asked: the waiting list's order.
    @Field(key: "asked_at") public var askedAt: Date
    /// Orders people who asked in the same instant.
    @Field(key: "turn") public var turn: Int
    @OptionalField(key: "changed_at") public var changedAt: Date?

    public init() {}
}

struct CreateTraining: AsyncMigration {
    var name: String { "2026-12-06-CreateTraining" }

    func prepare(on database: any Database) async throws {
        try await database.schema(TrainingSessionRecord.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("title", .string, .required).field("covers", .string, .required)
            .field("starts_at", .datetime, .required).field("ends_at", .datetime, .required)
            .field("place", .string, .required).field("online", .bool, .required).field("places", .int, .required)
            .field("posted_at", .datetime, .required)
            .create()
        try await database.schema(TrainingPlaceRecord.schema)
            .id()
            .field("session_id", .uuid, .required, .references(TrainingSessionRecord.schema, "id"))
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("status", .string, .required).field("asked_at", .datetime, .required).field("turn", .int, .required)
            .field("changed_at", .datetime)
            .unique(on: "session_id", "person_id")
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX training_sessions_starts ON training_sessions (starts_at)")
        try await StoreSQL.run(on: database, "CREATE INDEX training_places_person ON training_places (person_id)")
        try await StoreSQL.run(on: database, "CREATE INDEX training_places_session ON training_places (session_id, status)")
    }

    func revert(on database: any Database) async throws {
        for table in [TrainingPlaceRecord.schema, TrainingSessionRecord.schema] { try await database.schema(table).delete() }
    }
}

/// A session as listed, with its places taken and how many wait.
public struct TrainingSessionView: Sendable, Equatable {
    public let id: UUID
    public let organisationID: UUID
    public let organisation: String
    public let draft: TrainingSessionDraft
    public let taken: Int
    public let waiting: Int
    /// Why the trainer called it off, when they did.
    public var calledOff: String? = nil

    public var placesLeft: Int { max(0, draft.places - taken) }
}

/// Someone's place on a session, as they or the trainer see it.
public struct TrainingPlaceView: Sendable, Equatable {
    public let id: UUID
    public let session: TrainingSessionView
    public let personID: UUID
    public let name: String
    public let status: TrainingPlaceStatus
    /// Their place on the waiting list, from 1, while waiting.
    public let position: Int?
    public let askedAt: Date
}

public struct TrainingRefused: Error, Sendable, Equatable {
    public let message: String
    public let field: String
    public init(_ message: String, field: String = "form") { self.message = message; self.field = field }
}

/// What asking for a place came to.
public struct TrainingRequestOutcome: Sendable, Equatable {
    public let place: UUID
    public let status: TrainingPlaceStatus
    public let position: Int?
}

/// Training places: sessions organisations offer, places community leaders book, a waiting list that fills a given-up
/// place at once (and tells the person by email, in the same transaction), attendance and certificates.
public struct Training: Sendable {
    public init() {}

    /// How the person moved up is told: their email, given their name and the session.
    public typealias PromotionEmail = @Sendable (_ name: String, _ session: TrainingSessionView) -> TrainingPlaceEmail

    public func offer(_ draft: TrainingSessionDraft, by organisation: UUID, now: Date, on db: any Database) async throws -> UUID {
        let s = TrainingSessionRecord()
        s.organisationID = organisation; s.title = draft.title; s.covers = draft.covers; s.startsAt = draft.starts; s.endsAt = draft.ends
        s.place = draft.place; s.online = draft.online; s.places = draft.places; s.postedAt = now
        try await s.create(on: db)
        return s.id!
    }

    /// Sessions that have not ended, soonest first (or every session of one organisation, past ones too).
    public func sessions(from now: Date? = nil, organisation: UUID? = nil, on db: any Database) async throws -> [TrainingSessionView] {
        let query = TrainingSessionRecord.query(on: db).sort(\.$startsAt).sort(\.$id)
        if let now { query.filter(\.$endsAt > now).filter(\.$calledOffAt == nil) }
        if let organisation { query.filter(\.$organisationID == organisation) }
        return try await views(try await query.all(), on: db)
    }

    public func session(_ id: UUID, on db: any Database) async throws -> TrainingSessionView? {
        guard let record = try await TrainingSessionRecord.find(id, on: db) else { return nil }
        return try await views([record], on: db).first
    }

    func views(_ records: [TrainingSessionRecord], on db: any Database) async throws -> [TrainingSessionView] {
        let names = try await Organisations.names(Set(records.map(\.organisationID)), on: db)
        var taken: [UUID: Int] = [:], waiting: [UUID: Int] = [:]
        for p in try await TrainingPlaceRecord.query(on: db).filter(\.$sessionID ~~ records.compactMap(\.id)).all() {
            let status = TrainingPlaceStatus(rawValue: p.status) ?? .cancelled
            if status.holdsPlace { taken[p.sessionID, default: 0] += 1 }
            if status == .waiting { waiting[p.sessionID, default: 0] += 1 }
        }
        return records.map { r in
            TrainingSessionView(id: r.id!, organisationID: r.organisationID, organisation: names[r.organisationID] ?? "An organisation",
                                draft: TrainingSessionDraft(title: r.title, covers: r.covers, starts: r.startsAt, ends: r.endsAt, place: r.place, online: r.online,
                                                            places: r.places),
                                taken: taken[r.id!] ?? 0, waiting: waiting[r.id!] ?? 0, calledOff: r.calledOffAt == nil ? nil : (r.calledOffReason ?? ""))
        }
    }

    /// A person asks for a place: one if any is left, otherwise the end of the waiting list. Asking again while booked or
    /// waiting changes nothing; after giving a place up, they ask afresh (at the end of the list). Under the session's
    /// lock, so two people asking for the last place cannot both have it.
    public func request(_ session: UUID, person: UUID, now: Date, on db: any Database) async throws -> TrainingRequestOutcome {
        try await db.writeTransaction(lock: "training:\(session)") { tx in
            guard let s = try await TrainingSessionRecord.find(session, on: tx) else { throw TrainingRefused("There is no such session.") }
            guard now < s.startsAt else { throw TrainingRefused("This session has already started: places can no longer be booked.") }
            guard s.calledOffAt == nil else { throw TrainingRefused("This session has been called off.") }
            let places = try await TrainingPlaceRecord.query(on: tx).filter(\.$sessionID == session).all()
            let waiting = Self.queue(places)
            if let mine = places.first(where: { $0.personID == person }), let status = TrainingPlaceStatus(rawValue: mine.status), status != .cancelled {
                return TrainingRequestOutcome(place: mine.id!, status: status, position: TrainingPlaces.position(of: mine.id!, in: waiting))
            }
            let taken = places.filter { TrainingPlaceStatus(rawValue: $0.status)?.holdsPlace == true }.count
            let status = TrainingPlaces.onRequest(places: s.places, taken: taken)
            let turn = (places.map(\.turn).max() ?? 0) + 1
            let record = places.first { $0.personID == person } ?? TrainingPlaceRecord()
            record.sessionID = session; record.personID = person; record.status = status.rawValue; record.askedAt = now; record.turn = turn
            record.changedAt = now
            try await record.save(on: tx)
            return TrainingRequestOutcome(place: record.id!, status: status, position: status == .waiting ? waiting.count + 1 : nil)
        }
    }

    /// The waiting list in order: who asked first, then who was written first.
    static func queue(_ places: [TrainingPlaceRecord]) -> [UUID] {
        places.filter { $0.status == TrainingPlaceStatus.waiting.rawValue }.sorted { ($0.turn, $0.askedAt) < ($1.turn, $1.askedAt) }.compactMap(\.id)
    }

    /// The person gives up their place (or their spot on the list). A place given up goes at once to the first on the
    /// waiting list, who is emailed in the same transaction. Returns who moved up.
    @discardableResult
    public func cancel(_ place: UUID, person: UUID, now: Date, email: @escaping PromotionEmail, on db: any Database) async throws -> [UUID] {
        guard let first = try await TrainingPlaceRecord.find(place, on: db), first.personID == person else { throw TrainingRefused("There is no such place.") }
        return try await db.writeTransaction(lock: "training:\(first.sessionID)") { tx in
            guard let p = try await TrainingPlaceRecord.find(place, on: tx), let s = try await TrainingSessionRecord.find(p.sessionID, on: tx) else {
                throw TrainingRefused("There is no such place.")
            }
            let status = TrainingPlaceStatus(rawValue: p.status) ?? .cancelled
            if let why = TrainingPlaces.whyNotCancel(status, starts: s.startsAt, now: now) { throw TrainingRefused(why) }
            p.status = TrainingPlaceStatus.cancelled.rawValue; p.changedAt = now
            try await p.save(on: tx)
            return try await Self.fill(s, now: now, email: email, on: tx)
        }
    }

    /// Moves people up from the waiting list into places left free, and emails each.
    static func fill(_ s: TrainingSessionRecord, now: Date, email: PromotionEmail, on tx: any Database) async throws -> [UUID] {
        let places = try await TrainingPlaceRecord.query(on: tx).filter(\.$sessionID == s.id!).all()
        let taken = places.filter { TrainingPlaceStatus(rawValue: $0.status)?.holdsPlace == true }.count
        let moving = TrainingPlaces.promote(places: s.places, taken: taken, waiting: queue(places), starts: s.startsAt, now: now)
        guard !moving.isEmpty else { return [] }
        let session = try await Training().views([s], on: tx)[0]
        var moved: [UUID] = []
        for id in moving {
            guard let p = places.first(where: { $0.id == id }) else { continue }
            try await change(p, to: .booked, telling: email, about: session, now: now, on: tx)
            moved.append(p.personID)
        }
        return moved
    }

    /// Sets a place's status and emails its person, at every open account of theirs, through the outbox (in the
    /// caller's transaction).
    static func change(_ p: TrainingPlaceRecord, to status: TrainingPlaceStatus, telling email: (_ name: String, _ session: TrainingSessionView) -> TrainingPlaceEmail,
                       about session: TrainingSessionView, now: Date, on tx: any Database) async throws {
        p.status = status.rawValue; p.changedAt = now
        try await p.save(on: tx)
        guard let person = try await PersonRecord.find(p.personID, on: tx) else { return }
        for account in try await AccountRecord.query(on: tx).filter(\.$person.$id == p.personID).filter(\.$closedAt == nil).all() {
            let message = email(person.givenName, session)
            try await Outbox().enqueue(to: account.email, subject: message.subject, body: message.body, at: now, on: tx)
        }
    }

    /// The trainer calls a session off before it starts, saying why: every place and every spot on the waiting list is
    /// given up, and each person is emailed, in one transaction. Returns who was told.
    @discardableResult
    public func callOff(_ session: UUID, reason: String, organisationAllowed: @escaping @Sendable (UUID) -> Bool, now: Date,
                        email: @escaping @Sendable (_ name: String, _ session: TrainingSessionView) -> TrainingPlaceEmail, on db: any Database) async throws -> [UUID] {
        try await db.writeTransaction(lock: "training:\(session)") { tx in
            guard let s = try await TrainingSessionRecord.find(session, on: tx), organisationAllowed(s.organisationID) else {
                throw TrainingRefused("There is no such session of your organisation's.")
            }
            guard s.calledOffAt == nil else { throw TrainingRefused("This session has already been called off.") }
            guard now < s.startsAt else { throw TrainingRefused("The session has started: it can no longer be called off.") }
            let view = try await Training().views([s], on: tx)[0]
            s.calledOffAt = now
            s.calledOffReason = reason
            try await s.save(on: tx)
            var told: [UUID] = []
            for p in try await TrainingPlaceRecord.query(on: tx).filter(\.$sessionID == session).all()
            where p.status == TrainingPlaceStatus.booked.rawValue || p.status == TrainingPlaceStatus.waiting.rawValue {
                try await Self.change(p, to: .cancelled, telling: email, about: view, now: now, on: tx)
                told.append(p.personID)
            }
            return told
        }
    }

    /// The trainer records whether someone with a place came. Returns the person.
    @discardableResult
    public func recordAttendance(_ place: UUID, attended: Bool, organisationAllowed: @escaping @Sendable (UUID) -> Bool, now: Date,
                                 on db: any Database) async throws -> UUID {
        try await db.writeTransaction { tx in
            guard let p = try await TrainingPlaceRecord.find(place, on: tx), let s = try await TrainingSessionRecord.find(p.sessionID, on: tx),
                  organisationAllowed(s.organisationID) else {
                throw TrainingRefused("There is no such place on your organisation's sessions.")
            }
            if let why = TrainingPlaces.whyNotRecordAttendance(TrainingPlaceStatus(rawValue: p.status) ?? .cancelled, starts: s.startsAt, now: now) {
                throw TrainingRefused(why)
            }
            p.status = (attended ? TrainingPlaceStatus.attended : .absent).rawValue; p.changedAt = now
            try await p.save(on: tx)
            return p.personID
        }
    }

    /// Everyone who asked for a place on a session, in the order they asked.
    public func places(on session: UUID, on db: any Database) async throws -> [TrainingPlaceView] {
        try await placeViews(try await TrainingPlaceRecord.query(on: db).filter(\.$sessionID == session).all(), on: db)
    }

    /// A person's own places, soonest session first.
    public func mine(_ person: UUID, on db: any Database) async throws -> [TrainingPlaceView] {
        try await placeViews(try await TrainingPlaceRecord.query(on: db).filter(\.$personID == person).all(), on: db)
            .sorted { ($0.session.draft.starts, $0.id.uuidString) < ($1.session.draft.starts, $1.id.uuidString) }
    }

    public func place(_ id: UUID, on db: any Database) async throws -> TrainingPlaceView? {
        guard let record = try await TrainingPlaceRecord.find(id, on: db) else { return nil }
        return try await placeViews([record], on: db).first
    }

    func placeViews(_ records: [TrainingPlaceRecord], on db: any Database) async throws -> [TrainingPlaceView] {
        let sessions = Dictionary(try await views(try await TrainingSessionRecord.query(on: db).filter(\.$id ~~ Set(records.map(\.sessionID))).all(), on: db)
            .map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Every waiting list of those sessions in one query, then each put in order.
        let waiting = try await TrainingPlaceRecord.query(on: db).filter(\.$sessionID ~~ Array(sessions.keys))
            .filter(\.$status == TrainingPlaceStatus.waiting.rawValue).all()
        let queues = Dictionary(grouping: waiting, by: \.sessionID).mapValues(Self.queue)
        let people = Dictionary(try await PersonRecord.query(on: db).filter(\.$id ~~ Set(records.map(\.personID))).all().map { ($0.id!, $0.fullName) },
                                uniquingKeysWith: { a, _ in a })
        return records.sorted { ($0.turn, $0.askedAt) < ($1.turn, $1.askedAt) }.compactMap { p in
            guard let session = sessions[p.sessionID] else { return nil }
            let status = TrainingPlaceStatus(rawValue: p.status) ?? .cancelled
            return TrainingPlaceView(id: p.id!, session: session, personID: p.personID, name: people[p.personID] ?? "Someone", status: status,
                                     position: status == .waiting ? TrainingPlaces.position(of: p.id!, in: queues[p.sessionID] ?? []) : nil, askedAt: p.askedAt)
        }
    }
}
