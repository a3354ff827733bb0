import FluentKit
import Foundation
import SQLKit

/// The first answer to an API request sent with an `Idempotency-Key` header, kept so that the same request
/// retried (a dropped connection, a double tap) gets that answer back instead of acting twice. A key belongs to
/// one caller and one request: the method, the path and a hash of the body. The key is claimed in the same
/// transaction as the work, so two copies of one request sent at once act once.
public struct IdempotencyKeys: Sendable {
    public struct Answer: Sendable, Equatable {
        public let status: Int
        public let body: Data

        public init(status: Int, body: Data) {
            self.status = status
            self.body = body
        }
    }

    /// The same key was sent before with a different method, path or body.
    public struct KeyReused: Error, Sendable {}

    public init() {}

    /// Runs `work` once per caller and key, inside one transaction with the key's claim: a retry of the same
    /// request gets the first answer back; a different request with the same key throws `KeyReused` and does
    /// nothing. If `work` throws, nothing is kept and a retry tries again.
    public func once(key: String, caller: UUID, request: String, now: Date, on db: any Database,
                     _ work: @escaping @Sendable (any Database) async throws -> Answer) async throws -> Answer {
        try await db.writeTransaction(lock: "idempotency:\(caller):\(key)") { tx in
            let sql = StoreSQL.sql(tx)
            if let row = try await sql.raw("""
                SELECT status, body, request FROM idempotency_keys WHERE caller = \(bind: caller) AND idempotency_key = \(bind: key)
                """).first() {
                guard try row.decode(column: "request", as: String.self) == request else { throw KeyReused() }
                return Answer(status: try row.decode(column: "status", as: Int.self), body: Data(try row.decode(column: "body", as: String.self).utf8))
            }
            let answer = try await work(tx)
            try await sql.raw("""
                INSERT INTO idempotency_keys (caller, idempotency_key, request, status, body, created_at)
                VALUES (\(bind: caller), \(bind: key), \(bind: request), \(bind: answer.status), \(bind: String(decoding: answer.body, as: UTF8.self)), \(bind: now))
                """).run()
            return answer
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

/// Keys now belong to one request (method, path, body hash) as well as one caller. Answers are kept a day, so
/// the old table is replaced rather than converted.
struct ScopeIdempotencyKeys: AsyncMigration {
    var name: String { "2026-12-01-01-ScopeIdempotencyKeys" }

    func prepare(on database: any Database) async throws {
        try await database.schema("idempotency_keys").delete()
        try await database.schema("idempotency_keys")
            .field("caller", .uuid, .required).field("idempotency_key", .string, .required).field("request", .string, .required)
            .field("status", .int, .required).field("body", .string, .required).field("created_at", .datetime, .required)
            .unique(on: "caller", "idempotency_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("idempotency_keys").delete()
        try await CreateIdempotencyKeys().prepare(on: database)
    }
}
