import AlongsideCore
import FluentKit
import Foundation

/// A call for proposals, public: what the health system asks residents for, where, about what, until when, and the
/// need of the gap it was opened from.
public final class ProposalCallRecord: Model, @unchecked Sendable {
    public static let schema = "proposal_calls"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    /// The ward's ONS code; nil for the whole place.
    @OptionalField(key: "ward") public var ward: String?
    @Field(key: "category") public var category: String
    /// The last day proposals are taken, `YYYY-MM-DD`.
    @Field(key: "closes_on") public var closesOn: String
    @OptionalField(key: "need") public var need: String?
    @Field(key: "opened_at") public var openedAt: Date
    /// When it was closed before its last day; nil while it runs its course.
    @OptionalField(key: "closed_at") public var closedAt: Date?

    public init() {}
}

/// A call as pages show it, with what came of it: proposals made in answer, and those of them published.
public struct ProposalCallView: Sendable, Equatable {
    public let id: UUID
    public let title: String
    public let body: String
    public let ward: String?
    public let category: String
    public let closesOn: String
    public let need: Need?
    public let openedAt: Date
    /// Every proposal made in answer that is not hidden, published or still gathering supporters.
    public let answered: Int
    /// When it was closed before its last day, if it was.
    public let closedAt: Date?

    /// Whether proposals are still taken on `today`: not closed early, and not past its last day.
    public func isOpen(today: Date) -> Bool { ProposalCallDraft.isOpen(closesOn: closesOn, closedAt: closedAt, today: today) }

    /// The day it stopped taking proposals, `YYYY-MM-DD`: the day it was closed early, or its last day.
    public var closedOn: String { closedAt.map(UKDates.isoDay) ?? closesOn }
}

extension ProposalCallRecord {
    /// Whether it still takes proposals on `today` (Core's one rule).
    func isOpen(today: Date) -> Bool { ProposalCallDraft.isOpen(closesOn: closesOn, closedAt: closedAt, today: today) }

    /// Refused: it closed, early or on its last day.
    var alreadyClosed: CallAlreadyClosed { CallAlreadyClosed(closedOn: closedAt.map(UKDates.isoDay) ?? closesOn) }
}

/// The call has closed already, early or on its last day: nothing to close, and no proposal taken in answer.
public struct CallAlreadyClosed: Error, Equatable {
    public let closedOn: String
}

/// No call for proposals has that id.
public struct ProposalCallNotFound: Error, Equatable {
    public init() {}
}

public struct ProposalCalls: Sendable {
    public init() {}

    /// Opens a checked call (`ProposalCallDraft.validated`). With `tell`, every active member of each organisation
    /// with a service listed under the call's category — for a call in a ward, a service that reaches the ward
    /// (`ProposalCallDraft.concerns`) — is emailed in the same transaction (once each, naming their organisation):
    /// they know the people who would have ideas. Returns the call and how many organisations were told.
    public func open(_ draft: ProposalCallDraft, now: Date,
                     tell: (@Sendable (_ call: UUID, _ organisation: String) -> (subject: String, body: String))? = nil,
                     on db: any Database) async throws -> (id: UUID, told: Int) {
        try await db.writeTransaction { tx in
            let call = ProposalCallRecord()
            call.title = draft.title; call.body = draft.body; call.ward = draft.ward; call.category = draft.category
            call.closesOn = draft.closesOn; call.need = draft.need?.rawValue; call.openedAt = now
            try await call.create(on: tx)
            guard let tell else { return (call.id!, 0) }
            var told: Set<UUID> = [], sent: Set<String> = []
            for member in try await Self.members(listedUnder: draft.category, reaching: draft.ward, on: tx) where sent.insert(member.email).inserted {
                let message = tell(call.id!, member.organisation)
                try await Outbox().enqueue(to: member.email, subject: message.subject, body: message.body, at: now, on: tx)
                told.insert(member.organisationID)
            }
            return (call.id!, told.count)
        }
    }

    /// The active members of every organisation with a service listed under `category` — with `ward`, a service
    /// that reaches the ward (`ProposalCallDraft.concerns`) — by organisation name.
    static func members(listedUnder category: String, reaching ward: String? = nil, on db: any Database) async throws
        -> [(organisationID: UUID, organisation: String, email: String)] {
        var names: [UUID: String] = [:]
        // Each service in the category, once a place it is at (none: a row with no point).
        var services: [UUID: (organisation: UUID, places: [Coordinate])] = [:]
        for row in try await StoreSQL.sql(db).raw("""
            SELECT DISTINCT o.id AS id, o.name AS name, s.id AS service_id, l.id AS location_id, l.latitude AS latitude, l.longitude AS longitude
            FROM organisations o
            JOIN services s ON s.organisation_id = o.id
            JOIN service_taxonomy_terms st ON st.service_id = s.id
            JOIN taxonomy_terms tt ON tt.id = st.taxonomy_term_id
            LEFT JOIN service_at_locations sal ON sal.service_id = s.id
            LEFT JOIN locations l ON l.id = sal.location_id
            WHERE tt.code = \(bind: category)
            """).all() {
            let organisation = try row.decode(column: "id", as: UUID.self)
            names[organisation] = try row.decode(column: "name", as: String.self)
            let id = try row.decode(column: "service_id", as: UUID.self)
            var service = services[id] ?? (organisation, [])
            if try row.decode(column: "location_id", as: UUID?.self) != nil {
                service.places.append(Coordinate(latitude: try row.decode(column: "latitude", as: Double.self),
                                                 longitude: try row.decode(column: "longitude", as: Double.self)))
            }
            services[id] = service
        }
        if let ward {
            var points: [Coordinate] = []
            for row in try await StoreSQL.sql(db).raw("""
                SELECT latitude, longitude FROM postcodes WHERE ward = \(bind: ward) AND latitude IS NOT NULL AND longitude IS NOT NULL
                """).all() {
                points.append(Coordinate(latitude: try row.decode(column: "latitude", as: Double.self), longitude: try row.decode(column: "longitude", as: Double.self)))
            }
            let reaching = Set(services.values.filter { ProposalCallDraft.concerns(servicePlaces: $0.places, ward: points) }.map(\.organisation))
            names = names.filter { reaching.contains($0.key) }
        }
        guard !names.isEmpty else { return [] }
        let grants = try await RoleGrantRecord.query(on: db).filter(\.$role == Role.organisationMember.rawValue)
            .filter(\.$organisation.$id ~~ Array(names.keys)).all()
        let accounts = Dictionary(uniqueKeysWithValues: try await AccountRecord.query(on: db).filter(\.$id ~~ grants.map(\.$account.id))
            .filter(\.$closedAt == nil).filter(\.$suspendedAt == nil).all().map { ($0.id!, $0.email) })
        return grants.compactMap { grant in
            guard let organisation = grant.$organisation.id, let email = accounts[grant.$account.id] else { return nil }
            return (organisation, names[organisation] ?? "", email)
        }.sorted { ($0.organisation, $0.email) < ($1.organisation, $1.email) }
    }

    /// Changes what an open call asks — its title, its words and its last day (from today to a year ahead, as
    /// checked by `ProposalCallDraft.validated`); its ward and category stay, as proposals made in answer have them.
    /// Throws `CallAlreadyClosed` once it has closed; nil when there is no such call.
    public func change(_ id: UUID, to draft: ProposalCallDraft, now: Date, on db: any Database) async throws -> ProposalCallView? {
        try await db.writeTransaction(lock: "call:\(id)") { tx in
            guard let record = try await ProposalCallRecord.find(id, on: tx) else { return nil }
            guard record.isOpen(today: now) else { throw record.alreadyClosed }
            record.title = draft.title; record.body = draft.body; record.closesOn = draft.closesOn
            try await record.save(on: tx)
            return try await views([record], on: tx).first
        }
    }

    /// Closes an open call now, before its last day: it takes no more proposals, and those made in answer stay.
    /// Throws `CallAlreadyClosed` when it has closed already; nil when there is no such call.
    public func close(_ id: UUID, now: Date, on db: any Database) async throws -> ProposalCallView? {
        try await db.writeTransaction(lock: "call:\(id)") { tx in
            guard let record = try await ProposalCallRecord.find(id, on: tx) else { return nil }
            guard record.isOpen(today: now) else { throw record.alreadyClosed }
            record.closedAt = now
            try await record.save(on: tx)
            return try await views([record], on: tx).first
        }
    }

    public func find(_ id: UUID, on db: any Database) async throws -> ProposalCallView? {
        guard let record = try await ProposalCallRecord.find(id, on: db) else { return nil }
        return try await views([record], on: db).first
    }

    /// Calls still taking proposals on `today`, closing soonest first.
    public func open(today: Date, on db: any Database) async throws -> [ProposalCallView] {
        let records = try await ProposalCallRecord.query(on: db).filter(\.$closesOn >= UKDates.isoDay(today)).filter(\.$closedAt == nil)
            .sort(\.$closesOn).sort(\.$openedAt).all()
        return try await views(records, on: db)
    }

    /// Calls opened from a gap in this need, oldest first.
    public func from(need: Need, on db: any Database) async throws -> [ProposalCallView] {
        try await views(try await ProposalCallRecord.query(on: db).filter(\.$need == need.rawValue).sort(\.$openedAt).all(), on: db)
    }

    private func views(_ records: [ProposalCallRecord], on db: any Database) async throws -> [ProposalCallView] {
        let ids = records.compactMap(\.id)
        var answered: [UUID: Int] = [:]
        if !ids.isEmpty {
            for proposal in try await ProposalRecord.query(on: db).filter(\.$callID ~~ ids).filter(\.$hiddenAt == nil).all() {
                if let call = proposal.callID { answered[call, default: 0] += 1 }
            }
        }
        return records.map { r in
            ProposalCallView(id: r.id!, title: r.title, body: r.body, ward: r.ward, category: r.category, closesOn: r.closesOn,
                             need: r.need.flatMap(Need.init(rawValue:)), openedAt: r.openedAt, answered: answered[r.id!] ?? 0, closedAt: r.closedAt)
        }
    }
}

struct CreateProposalCalls: AsyncMigration {
    var name: String { "2026-12-06-02-CreateProposalCalls" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProposalCallRecord.schema)
            .id()
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("ward", .string)
            .field("category", .string, .required)
            .field("closes_on", .string, .required)
            .field("need", .string)
            .field("opened_at", .datetime, .required)
            .create()
        try await database.schema(ProposalRecord.schema).field("call_id", .uuid, .references(ProposalCallRecord.schema, "id")).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProposalRecord.schema).deleteField("call_id").update()
        try await database.schema(ProposalCallRecord.schema).delete()
    }
}

/// A call can be closed before its last day.
struct AddProposalCallClosedAt: AsyncMigration {
    var name: String { "2026-12-07-02-AddProposalCallClosedAt" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProposalCallRecord.schema).field("closed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProposalCallRecord.schema).deleteField("closed_at").update()
    }
}
