import FluentKit
import Foundation

/// An email waiting to leave, or that has left. Written in the same transaction as the change that caused
/// it, so a message is never lost and never sent for a change that did not happen.
public final class OutboxMessageRecord: Model, @unchecked Sendable {
    public static let schema = "outbox_messages"

    public enum Status: String, Sendable { case pending, sent, failed }

    @ID(key: .id) public var id: UUID?
    @Field(key: "recipient") public var recipient: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "status") public var status: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    /// Set while one app server is sending it, so no other sends it too.
    @OptionalField(key: "leased_until") public var leasedUntil: Date?
    @OptionalField(key: "sent_at") public var sentAt: Date?
    @OptionalField(key: "last_error") public var lastError: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(recipient: String, subject: String, body: String, createdAt: Date) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.status = Status.pending.rawValue
        self.attempts = 0
        self.nextAttemptAt = createdAt
        self.createdAt = createdAt
    }
}

struct CreateOutboxMessages: AsyncMigration {
    var name: String { "2026-11-25-08-CreateOutboxMessages" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxMessageRecord.schema)
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("leased_until", .datetime)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX outbox_messages_due ON outbox_messages (status, next_attempt_at)")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessageRecord.schema).delete()
    }
}

struct IndexOutboxRecipients: AsyncMigration {
    var name: String { "2026-12-03-02-IndexOutboxRecipients" }

    func prepare(on database: any Database) async throws {
        try await StoreSQL.run(on: database, "CREATE INDEX outbox_messages_recipient ON outbox_messages (recipient, created_at)")
    }

    func revert(on database: any Database) async throws {
        try await StoreSQL.run(on: database, "DROP INDEX outbox_messages_recipient")
    }
}
