import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// What a backup or a restore holds: rows per table, so the two can be compared.
public struct BackupSummary: Sendable, Equatable {
    public var rows: [String: Int]

    public var tables: Int { rows.count }
    public var total: Int { rows.values.reduce(0, +) }
}

/// Backing up and restoring a SQLite database while Alongside serves from it. PostgreSQL has its own tools,
/// which do this better than Alongside could; `postgresAdvice` names them.
public struct Backups: Sendable {
    public init() {}

    public struct Refused: Error, Sendable, Equatable {
        public let message: String
        public init(message: String) { self.message = message }
    }

    public static let postgresAdvice = """
        This database is PostgreSQL: back it up and restore it with PostgreSQL's own tools, which keep a consistent \
        copy while Alongside serves.
          Back up:  pg_dump --format=custom --no-owner --no-privileges --file alongside.dump "$DATABASE_URL"
          Restore:  pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --dbname "$DATABASE_URL" alongside.dump
        """

    /// Tables that are not copied row by row: the migrations (checked instead), and SQLite's own tables for the
    /// full-text index (which the index's table rebuilds).
    static func isCopied(_ table: String) -> Bool {
        table != "_fluent_migrations" && !table.hasPrefix("sqlite_") && !table.hasPrefix("service_text_")
    }

    /// Writes a consistent copy of the whole database to a new file (`VACUUM INTO`: one read transaction, so
    /// writers carry on while it runs) and reads back what it holds.
    public func backup(to path: String, on db: any Database) async throws -> BackupSummary {
        guard StoreSQL.engine(of: db) == .sqlite else { throw Refused(message: Self.postgresAdvice) }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Refused(message: "\(path) already exists: choose a new file name, so no earlier backup is overwritten.")
        }
        try await StoreSQL.sql(db).raw("VACUUM INTO \(bind: path)").run()
        return try await db.withConnection { conn in
            try await Self.attached(path, on: conn) { try await Self.summary(of: "backup", on: conn) }
        }
    }

    /// Copies every row of a backup into this database, which must be migrated to the same version as the
    /// backup and hold nothing yet (the command empties it first when asked to replace it). One transaction:
    /// all of it is restored, or none. Checks that every table then holds as many rows as in the backup.
    public func restore(from path: String, on db: any Database) async throws -> BackupSummary {
        guard StoreSQL.engine(of: db) == .sqlite else { throw Refused(message: Self.postgresAdvice) }
        guard FileManager.default.fileExists(atPath: path) else { throw Refused(message: "There is no file at \(path).") }
        return try await db.withConnection { conn in
            let sql = StoreSQL.sql(conn)
            return try await Self.attached(path, on: conn) {
                let check = try await sql.raw("PRAGMA backup.integrity_check").all().first.map { try $0.decode(column: "integrity_check", as: String.self) }
                guard check == "ok" else { throw Refused(message: "\(path) is damaged (SQLite's integrity check says: \(check ?? "nothing")); nothing was restored.") }
                let theirs = try await Self.migrations(in: "backup", on: conn), ours = try await Self.migrations(in: "main", on: conn)
                guard !theirs.isEmpty else { throw Refused(message: "\(path) is not an Alongside backup (it has no migrations table).") }
                guard theirs == ours else {
                    throw Refused(message: "\(path) was made by another version of Alongside (\(theirs.count) migrations; this one has \(ours.count)). "
                                  + "Restore it with the version that made it, then upgrade.")
                }
                let backup = try await Self.summary(of: "backup", on: conn)
                // Rows go in table by table, so references are checked once all are in, before the transaction ends.
                try await sql.raw("PRAGMA foreign_keys = OFF").run()
                do { try await Self.copy(backup, on: conn) } catch {
                    try? await sql.raw("PRAGMA foreign_keys = ON").run()
                    throw error
                }
                try await sql.raw("PRAGMA foreign_keys = ON").run()
                let restored = try await Self.summary(of: "main", on: conn)
                guard restored == backup else { throw Refused(message: "The restored rows do not match the backup's.") }
                return restored
            }
        }
    }

    static func copy(_ backup: BackupSummary, on conn: any Database) async throws {
        try await conn.transaction { tx in
            let sql = StoreSQL.sql(tx)
            for table in backup.rows.keys.sorted() where !writtenByTheDatabase.contains(table) {
                let columns = try await columns(of: table, in: "backup", on: tx).map { "\"\($0)\"" }.joined(separator: ", ")
                // The full-text index's rows are its documents, kept under the service's search key.
                let list = table == "service_text" ? "rowid, " + columns : columns
                try await sql.raw(SQLQueryString("DELETE FROM main.\"\(table)\"")).run()
                try await sql.raw(SQLQueryString("INSERT INTO main.\"\(table)\" (\(list)) SELECT \(list) FROM backup.\"\(table)\"\(orderOfCopy[table] ?? "")")).run()
            }
            let dangling = try await sql.raw("PRAGMA main.foreign_key_check").all()
            guard dangling.isEmpty else {
                throw Refused(message: "The backup has \(dangling.count) rows that refer to rows it does not hold; nothing was restored.")
            }
        }
    }

    /// Tables the migrations themselves fill (the starting categories, the directory's version counter, the time bank's
    /// community fund).
    static let seededByMigrations: Set<String> = ["taxonomies", "taxonomy_terms", "directory_version", "timebank_accounts"]

    /// Tables whose rows the database writes itself from another's (each ledger transfer's two legs): restoring that other
    /// table writes them again, and the counts are then compared like every table's.
    static let writtenByTheDatabase: Set<String> = ["timebank_legs"]

    /// Rows that the database checks against earlier ones go in after them: a reversal after the transfer it reverses.
    static let orderOfCopy: [String: String] = ["timebank_transfers": " ORDER BY (reverses_id IS NOT NULL), at"]

    /// Whether this database holds anything a restore would replace: any row beyond what migrating puts there.
    public func holdsData(on db: any Database) async throws -> Bool {
        try await Self.summary(of: "main", on: db).rows.contains { $0.value > 0 && !Self.seededByMigrations.contains($0.key) }
    }

    /// Drops every table (for `restore --replace`, before migrating afresh): the audit log's own guard refuses
    /// deleting its rows one by one, as it should, so the tables go whole.
    public func dropEverything(on db: any Database) async throws {
        guard StoreSQL.engine(of: db) == .sqlite else { throw Refused(message: Self.postgresAdvice) }
        try await db.withConnection { conn in
            let sql = StoreSQL.sql(conn)
            let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
                .map { try $0.decode(column: "name", as: String.self) }.filter { !$0.hasPrefix("service_text_") }
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            for table in tables { try await sql.raw(SQLQueryString("DROP TABLE IF EXISTS \"\(table)\"")).run() }
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }

    static func attached<T: Sendable>(_ path: String, on conn: any Database, _ body: () async throws -> T) async throws -> T {
        let sql = StoreSQL.sql(conn)
        try await sql.raw("ATTACH DATABASE \(bind: path) AS backup").run()
        do {
            let result = try await body()
            try await sql.raw("DETACH DATABASE backup").run()
            return result
        } catch {
            try? await sql.raw("DETACH DATABASE backup").run()
            throw error
        }
    }

    static func tables(in schema: String, on db: any Database) async throws -> [String] {
        try await StoreSQL.sql(db).raw(SQLQueryString("SELECT name FROM \(schema).sqlite_master WHERE type = 'table' ORDER BY name")).all()
            .map { try $0.decode(column: "name", as: String.self) }.filter(isCopied)
    }

    static func columns(of table: String, in schema: String, on db: any Database) async throws -> [String] {
        try await StoreSQL.sql(db).raw(SQLQueryString("PRAGMA \(schema).table_info(\"\(table)\")")).all()
            .map { try $0.decode(column: "name", as: String.self) }
    }

    static func migrations(in schema: String, on db: any Database) async throws -> Set<String> {
        let has = try await StoreSQL.sql(db).raw(SQLQueryString("SELECT COUNT(*) AS n FROM \(schema).sqlite_master WHERE name = '_fluent_migrations'"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        guard has > 0 else { return [] }
        return Set(try await StoreSQL.sql(db).raw(SQLQueryString("SELECT name FROM \(schema)._fluent_migrations")).all()
            .map { try $0.decode(column: "name", as: String.self) })
    }

    static func summary(of schema: String, on db: any Database) async throws -> BackupSummary {
        var rows: [String: Int] = [:]
        for table in try await tables(in: schema, on: db) {
            rows[table] = try await StoreSQL.sql(db).raw(SQLQueryString("SELECT COUNT(*) AS n FROM \(schema).\"\(table)\"")).first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
        return BackupSummary(rows: rows)
    }
}
