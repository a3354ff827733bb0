import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit

extension Database {
    /// A transaction that will write, safe when others write at the same time.
    ///
    /// SQLite: a plain `BEGIN` reads from a snapshot and only asks for the write lock at its first write; if
    /// another connection committed in between, SQLite cannot wait and fails at once ("database is locked",
    /// `SQLITE_BUSY_SNAPSHOT`). So the transaction takes the write lock before anything else (an empty `DELETE`,
    /// which asks for it before any read, as `BEGIN IMMEDIATE` does). If another writer holds it, the attempt is
    /// rolled back and tried again after a short pause — awaited, so no thread is held while waiting — for up to
    /// `WriteLock.patience`; `body` runs only once the lock is held, so it never runs twice.
    ///
    /// PostgreSQL: writers of different rows run side by side; when `lock` names a record (`plan:<person>`),
    /// writers of that same record take turns (a transaction-scoped advisory lock), so a read-check-write such
    /// as "save only if nobody saved since" cannot interleave with another.
    public func writeTransaction<T: Sendable>(lock: String? = nil, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let started = ContinuousClock.now
        var pause = Duration.milliseconds(1)
        while true {
            do {
                return try await transaction { tx in
                    try await WriteLock.take(lock, on: tx)
                    return try await body(tx)
                }
            } catch is WriteLock.Taken {
                guard ContinuousClock.now - started < WriteLock.patience else { throw StoreBusy() }
                try await Task.sleep(for: pause * Double.random(in: 0.5...1.5))
                pause = min(pause * 2, .milliseconds(25))
            }
        }
    }
}

/// Every attempt to write waited its turn for longer than `WriteLock.patience`: the store is overloaded.
public struct StoreBusy: Error, Sendable {}

enum WriteLock {
    /// How long a writer keeps trying for SQLite's write lock before giving up.
    static let patience = Duration.seconds(30)

    /// Another connection holds SQLite's write lock; the transaction has done nothing yet.
    struct Taken: Error {}

    static func take(_ key: String?, on db: any Database) async throws {
        let sql = StoreSQL.sql(db)
        switch StoreSQL.engine(of: db) {
        case .sqlite:
            // Ask without waiting inside SQLite (which would hold one of the few database threads), then let
            // later single statements on this connection wait as long as a writer would.
            try await sql.raw("PRAGMA busy_timeout = 0").run()
            do {
                try await sql.raw("DELETE FROM _fluent_migrations WHERE 0 = 1").run()
            } catch let error as SQLiteError where [.busy, .locked, .busyInSnapshot, .busyTimeout].contains(error.reason) {
                // The connection goes back to the pool: it must wait again as every other does, or the next plain
                // write on it (an audit row, a session) would fail at once while someone else writes.
                try await sql.raw("PRAGMA busy_timeout = 30000").run()
                throw Taken()
            }
            try await sql.raw("PRAGMA busy_timeout = 30000").run()
        case .postgres:
            guard let key else { return }
            try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: key), 0))").run()
        }
    }
}

extension StoreBusy {
    /// The database could not take the work in time: a request waited too long for a connection, or a statement
    /// for another writer's lock. The answer to the person is "busy, nothing was saved, try again", never a fault.
    public static func describes(_ error: any Error) -> Bool {
        if error is StoreBusy || error is ConnectionPoolTimeoutError { return true }
        if let sqlite = error as? SQLiteError { return [.busy, .locked, .busyInSnapshot, .busyTimeout].contains(sqlite.reason) }
        return false
    }
}
