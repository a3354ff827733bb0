import FluentKit
import Foundation
import SQLKit

/// An email as it leaves the outbox.
public struct OutgoingEmail: Sendable, Equatable {
    public let id: UUID
    public let recipient: String
    public let subject: String
    public let body: String
    public let attempts: Int

    public init(id: UUID, recipient: String, subject: String, body: String, attempts: Int) {
        self.id = id
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.attempts = attempts
    }
}

/// The table every email goes through: written with the change that caused it, then sent by a background
/// worker that retries with growing gaps. Claims are leases in the database, so with several app servers each
/// message is sent by one of them.
public struct Outbox: Sendable {
    /// After this many failed attempts a message is marked failed and left for an administrator.
    public var maximumAttempts = 8

    public init() {}

    public func enqueue(to recipient: String, subject: String, body: String, at now: Date, on db: any Database) async throws {
        try await OutboxMessageRecord(recipient: recipient, subject: subject, body: body, createdAt: now).create(on: db)
    }

    /// Leases up to `limit` messages that are due, so this server can send them.
    public func claimDue(now: Date, limit: Int = 20, lease: TimeInterval = 120, on db: any Database) async throws -> [OutgoingEmail] {
        let sql = StoreSQL.sql(db)
        let rows = try await sql.raw("""
            UPDATE outbox_messages SET leased_until = \(bind: now.addingTimeInterval(lease)), attempts = attempts + 1
            WHERE status = 'pending' AND next_attempt_at <= \(bind: now)
              AND (leased_until IS NULL OR leased_until < \(bind: now))
              AND id IN (SELECT id FROM outbox_messages WHERE status = 'pending' AND next_attempt_at <= \(bind: now)
                         AND (leased_until IS NULL OR leased_until < \(bind: now))
                         ORDER BY next_attempt_at LIMIT \(bind: limit))
            RETURNING id, recipient, subject, body, attempts
            """).all()
        return try rows.map { row in
            OutgoingEmail(
                id: try row.decode(column: "id", as: UUID.self),
                recipient: try row.decode(column: "recipient", as: String.self),
                subject: try row.decode(column: "subject", as: String.self),
                body: try row.decode(column: "body", as: String.self),
                attempts: try row.decode(column: "attempts", as: Int.self))
        }
    }

    public func markSent(_ id: UUID, at now: Date, on db: any Database) async throws {
        try await OutboxMessageRecord.query(on: db).filter(\.$id == id)
            .set(\.$status, to: OutboxMessageRecord.Status.sent.rawValue)
            .set(\.$sentAt, to: now).set(\.$leasedUntil, to: nil).set(\.$lastError, to: nil)
            .update()
    }

    /// Records a failed attempt; tries again later (1, 2, 4 … minutes), or gives up after `maximumAttempts`.
    public func markFailed(_ message: OutgoingEmail, error: String, at now: Date, on db: any Database) async throws {
        let giveUp = message.attempts >= maximumAttempts
        let delay = 60 * pow(2, Double(max(0, message.attempts - 1)))
        try await OutboxMessageRecord.query(on: db).filter(\.$id == message.id)
            .set(\.$status, to: giveUp ? OutboxMessageRecord.Status.failed.rawValue : OutboxMessageRecord.Status.pending.rawValue)
            .set(\.$nextAttemptAt, to: now.addingTimeInterval(delay))
            .set(\.$leasedUntil, to: nil)
            .set(\.$lastError, to: String(error.prefix(500)))
            .update()
    }

    /// How many messages with this subject went to one address since `since`, to limit how often a public
    /// form can email anyone.
    public func count(to recipient: String, subject: String, since: Date, on db: any Database) async throws -> Int {
        try await OutboxMessageRecord.query(on: db).filter(\.$recipient == recipient).filter(\.$subject == subject)
            .filter(\.$createdAt >= since).count()
    }

    /// How many messages are pending, sent and failed.
    public func countsByStatus(on db: any Database) async throws -> [String: Int] {
        try await StoreSQL.sql(db).raw("SELECT status, COUNT(*) AS n FROM outbox_messages GROUP BY status").all()
            .reduce(into: [:]) { counts, row in counts[try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self) }
    }

    /// Messages to one address, newest first (for tests and the administrator's view).
    public func messages(to recipient: String, on db: any Database) async throws -> [OutboxMessageRecord] {
        try await OutboxMessageRecord.query(on: db).filter(\.$recipient == recipient)
            .sort(\.$createdAt, .descending).all()
    }
}
