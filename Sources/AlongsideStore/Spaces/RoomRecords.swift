import AlongsideCore
import FluentKit
import Foundation

/// A room an organisation shares: an NHS estates team's, a church's, a community centre's.
public final class RoomRecord: Model, @unchecked Sendable {
    public static let schema = "rooms"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "place") public var place: String
    @Field(key: "description") public var description: String
    @Field(key: "capacity") public var capacity: Int
    @Field(key: "access") public var access: String
    @Field(key: "equipment") public var equipment: String
    /// What it costs, in pence an hour; 0 for community groups.
    @Field(key: "price_pence") public var pricePence: Int
    /// `RoomRules` as JSON: opening days and hours, buffer, longest booking, closed dates, approval.
    @Field(key: "rules") public var rules: String

    public init() {}
}

/// A booking repeated on a rule until a day.
public final class RoomSeriesRecord: Model, @unchecked Sendable {
    public static let schema = "room_series"

    @ID(key: .id) public var id: UUID?
    @Field(key: "room_id") public var roomID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "repeats") public var repeats: String
    @Field(key: "until") public var until: String
    @Field(key: "first_starts") public var firstStarts: Date
    @Field(key: "first_ends") public var firstEnds: Date
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// One booked time of a room. `blocked_until` is the end and the room's buffer: two confirmed bookings' blocked times never
/// overlap, which the database itself enforces.
public final class RoomBookingRecord: Model, @unchecked Sendable {
    public static let schema = "room_bookings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "room_id") public var roomID: UUID
    @OptionalField(key: "series_id") public var seriesID: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "blocked_until") public var blockedUntil: Date
    /// `confirmed`, `requested` (waiting for the owner's approval) or `cancelled`.
    @Field(key: "status") public var status: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

struct CreateRooms: AsyncMigration {
    var name: String { "2026-12-05-CreateRooms" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RoomRecord.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("name", .string, .required)
            .field("place", .string, .required)
            .field("description", .string, .required)
            .field("capacity", .int, .required)
            .field("access", .string, .required)
            .field("equipment", .string, .required)
            .field("price_pence", .int, .required)
            .field("rules", .string, .required)
            .create()
        try await database.schema(RoomSeriesRecord.schema)
            .id()
            .field("room_id", .uuid, .required, .references(RoomRecord.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("title", .string, .required)
            .field("repeats", .string, .required)
            .field("until", .string, .required)
            .field("first_starts", .datetime, .required)
            .field("first_ends", .datetime, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(RoomBookingRecord.schema)
            .id()
            .field("room_id", .uuid, .required, .references(RoomRecord.schema, "id"))
            .field("series_id", .uuid, .references(RoomSeriesRecord.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("title", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("blocked_until", .datetime, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX room_bookings_room ON room_bookings (room_id, starts_at)")
        try await StoreSQL.run(on: database, "CREATE INDEX room_bookings_series ON room_bookings (series_id)")
        switch StoreSQL.engine(of: database) {
        case .sqlite:
            // Inside SQLite's single write lock, a trigger checks and the insert happens together.
            for (event, when) in [("INSERT", "NEW.status = 'confirmed'"), ("UPDATE OF status, starts_at, blocked_until", "NEW.status = 'confirmed'")] {
                try await StoreSQL.run(on: database, """
                    CREATE TRIGGER room_bookings_no_overlap_\(event.prefix(6).lowercased()) BEFORE \(event) ON room_bookings WHEN \(when)
                    BEGIN
                    SELECT RAISE(ABORT, 'room_bookings_no_overlap: two confirmed bookings of one room overlap')
                      WHERE EXISTS (SELECT 1 FROM room_bookings b WHERE b.room_id = NEW.room_id AND b.status = 'confirmed' AND b.id <> NEW.id
                                    AND b.starts_at < NEW.blocked_until AND NEW.starts_at < b.blocked_until);
                    END
                    """)
            }
        case .postgres:
            try await RoomOverlapGuard.ensureBtreeGist(on: database)
            try await StoreSQL.run(on: database, """
                ALTER TABLE room_bookings ADD CONSTRAINT room_bookings_no_overlap
                EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, blocked_until) WITH &&) WHERE (status = 'confirmed')
                """)
        }
    }

    func revert(on database: any Database) async throws {
        for table in [RoomBookingRecord.schema, RoomSeriesRecord.schema, RoomRecord.schema] { try await database.schema(table).delete() }
    }
}

/// PostgreSQL's exclusion constraint over a room and a time range needs the `btree_gist` extension (shipped with
/// PostgreSQL, trusted, so the database's owner may create it). It is created once per database, in `public`.
enum RoomOverlapGuard {
    static func ensureBtreeGist(on database: any Database) async throws {
        let sql = StoreSQL.sql(database)
        for attempt in 0..<3 {
            if try await sql.raw("SELECT 1 AS x FROM pg_extension WHERE extname = 'btree_gist'").first() != nil { return }
            do {
                try await sql.raw("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public").run()
                return
            } catch {
                // Another connection created it at the same moment; look again.
                if attempt == 2 { throw error }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}
