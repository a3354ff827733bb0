import FluentKit
import Foundation

/// One look at or change to a person's record. Append-only: the database itself refuses to update or delete
/// these rows (see `CreateAuditEvents`), and the app has no code that tries.
public final class AuditEventRecord: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "occurred_at") public var occurredAt: Date
    /// Who did it; nil for Alongside itself (a command or a scheduled job).
    @OptionalField(key: "actor_person_id") public var actorPersonID: UUID?
    /// Whose record it was.
    @OptionalField(key: "subject_person_id") public var subjectPersonID: UUID?
    @Field(key: "action") public var action: String
    /// The page or API the action came through, e.g. `GET /my/record`.
    @Field(key: "channel") public var channel: String
    @Field(key: "detail") public var detail: String

    public init() {}

    public init(occurredAt: Date, actorPersonID: UUID?, subjectPersonID: UUID?, action: String, channel: String,
                detail: String) {
        self.occurredAt = occurredAt
        self.actorPersonID = actorPersonID
        self.subjectPersonID = subjectPersonID
        self.action = action
        self.channel = channel
        self.detail = detail
    }
}

struct CreateAuditEvents: AsyncMigration {
    var name: String { "2026-11-25-07-CreateAuditEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEventRecord.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor_person_id", .uuid)
            .field("subject_person_id", .uuid)
            .field("action", .string, .required)
            .field("channel", .string, .required)
            .field("detail", .string, .required)
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX audit_events_subject ON audit_events (subject_person_id, occurred_at)")
        try await StoreSQL.run(on: database, "CREATE INDEX audit_events_occurred ON audit_events (occurred_at)")
        switch StoreSQL.engine(of: database) {
        case .sqlite:
            for verb in ["UPDATE", "DELETE"] {
                try await StoreSQL.run(on: database, """
                    CREATE TRIGGER audit_events_no_\(verb.lowercased()) BEFORE \(verb) ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
                    """)
            }
        case .postgres:
            try await StoreSQL.run(on: database, """
                CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql
                """)
            try await StoreSQL.run(on: database, """
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEventRecord.schema).delete()
        if StoreSQL.engine(of: database) == .postgres {
            try await StoreSQL.run(on: database, "DROP FUNCTION IF EXISTS audit_events_append_only()")
        }
    }
}
