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
