import FluentKit
import Foundation
import SQLKit

/// The first answer to an API request sent with an `Idempotency-Key` header, kept so that the same request
/// retried (a dropped connection, a double tap) gets that answer back instead of acting twice.
public struct IdempotencyKeys: Sendable {
    public struct Answer: Sendable, Equatable {
        public let status: Int
        public let body: Data

        public init(status: Int, body: Data) {
            self.status = status
            self.body = body
        }
    }

    public init() {}

    /// The answer kept for this caller's key, if any.
    public func answer(for key: String, caller: UUID, on db: any Database) async throws -> Answer? {
        guard let row = try await StoreSQL.sql(db).raw("""
            SELECT status, body FROM idempotency_keys WHERE caller = \(bind: caller) AND idempotency_key = \(bind: key)
            """).first() else { return nil }
        return Answer(status: try row.decode(column: "status", as: Int.self), body: Data(try row.decode(column: "body", as: String.self).utf8))
    }

    /// Keeps the answer; if another request with the key got there first, returns its answer instead.
    public func keep(_ answer: Answer, for key: String, caller: UUID, now: Date, on db: any Database) async throws -> Answer {
        do {
            try await StoreSQL.sql(db).raw("""
                INSERT INTO idempotency_keys (caller, idempotency_key, status, body, created_at)
                VALUES (\(bind: caller), \(bind: key), \(bind: answer.status), \(bind: String(decoding: answer.body, as: UTF8.self)), \(bind: now))
                """).run()
            return answer
        } catch {
            if let first = try await self.answer(for: key, caller: caller, on: db) { return first }
            throw error
        }
    }

    /// Forgets answers older than a day (housekeeping).
    public func forget(before: Date, on db: any Database) async throws {
        try await StoreSQL.sql(db).raw("DELETE FROM idempotency_keys WHERE created_at < \(bind: before)").run()
    }
}

struct CreateIdempotencyKeys: AsyncMigration {
    var name: String { "2026-11-25-16-CreateIdempotencyKeys" }

    func prepare(on database: any Database) async throws {
        try await database.schema("idempotency_keys")
            .field("caller", .uuid, .required).field("idempotency_key", .string, .required)
            .field("status", .int, .required).field("body", .string, .required).field("created_at", .datetime, .required)
            .unique(on: "caller", "idempotency_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("idempotency_keys").delete()
    }
}
