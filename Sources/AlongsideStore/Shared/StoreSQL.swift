import FluentKit
import SQLKit

/// Raw SQL for the few things Fluent's schema builder cannot say (indexes, triggers), and the engine in use.
public enum StoreSQL {
    /// The database engines Alongside runs on.
    public enum Engine: Sendable { case sqlite, postgres }

    public static func sql(_ database: any Database) -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else {
            fatalError("Alongside needs an SQL database (SQLite or PostgreSQL)")
        }
        return sql
    }

    public static func engine(of database: any Database) -> Engine {
        sql(database).dialect.name == "postgresql" ? .postgres : .sqlite
    }

    /// Before a read of a large part of the database (a year of insight): on SQLite, read the file through memory
    /// mapping rather than copying each page through the connection's small cache — a year's wellbeing at a million
    /// people read in about two thirds of the time (docs/benchmarks.md). Per connection, and kept, so asking again is free.
    static func readingMuch(_ database: any Database) async throws {
        guard engine(of: database) == .sqlite else { return }
        try await sql(database).raw("PRAGMA mmap_size = 1073741824").run()
    }

    static func run(on database: any Database, _ statement: String) async throws {
        try await sql(database).raw(SQLQueryString(statement)).run()
    }

    /// Parts of a statement joined by a separator (`, `, ` AND `).
    static func joined(_ parts: [SQLQueryString], _ separator: String) -> SQLQueryString {
        var result: SQLQueryString = ""
        for (i, part) in parts.enumerated() {
            if i > 0 { result = result + SQLQueryString(separator) }
            result = result + part
        }
        return result
    }
}
