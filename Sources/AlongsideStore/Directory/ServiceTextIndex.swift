import FluentKit
import Foundation
import SQLKit

/// Full-text search over services with English stemming and prefix matching, the same on both engines:
/// SQLite's FTS5 with the Porter stemmer, or PostgreSQL's `english` text search configuration. Everything
/// that differs between the two is behind this protocol.
public protocol ServiceTextIndex: Sendable {
    func create(on db: any Database) async throws
    func drop(on db: any Database) async throws
    /// Replaces what is indexed for one service.
    func index(serviceID: UUID, text: String, on db: any Database) async throws
    func remove(serviceID: UUID, on db: any Database) async throws
    /// Indexes many new services in few statements (for bulk loading).
    func indexMany(_ entries: [(UUID, String)], on db: any Database) async throws
    /// Services matching every word (each as a prefix), with a score where higher is more relevant.
    func search(_ words: [String], on db: any Database) async throws -> [UUID: Double]
    /// For one-query searches: a FROM clause joining the matching services, `s`, to their score, `m.rank`.
    func searchFrom(_ words: [String]) -> SQLQueryString
}

/// The index for the engine behind `db`.
public func serviceTextIndex(for db: any Database) -> any ServiceTextIndex {
    switch StoreSQL.engine(of: db) {
    case .sqlite: SQLiteServiceTextIndex()
    case .postgres: PostgresServiceTextIndex()
    }
}

/// Splits typed words into search terms: letters and digits only, lower case, at most eight words.
public func searchWords(_ text: String?) -> [String] {
    guard let text else { return [] }
    return text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0.count >= 2 }.prefix(8).map { $0 }
}

/// SQLite: an FTS5 table beside `services`.
public struct SQLiteServiceTextIndex: ServiceTextIndex {
    public init() {}

    public func create(on db: any Database) async throws {
        try await StoreSQL.run(on: db, """
            CREATE VIRTUAL TABLE service_text USING fts5(service_id UNINDEXED, body, tokenize = 'porter unicode61 remove_diacritics 2')
            """)
    }

    public func drop(on db: any Database) async throws {
        try await StoreSQL.run(on: db, "DROP TABLE IF EXISTS service_text")
    }

    public func index(serviceID: UUID, text: String, on db: any Database) async throws {
        try await remove(serviceID: serviceID, on: db)
        try await StoreSQL.sql(db).raw("INSERT INTO service_text (service_id, body) VALUES (\(bind: serviceID), \(bind: text))").run()
    }

    public func remove(serviceID: UUID, on db: any Database) async throws {
        try await StoreSQL.sql(db).raw("DELETE FROM service_text WHERE service_id = \(bind: serviceID)").run()
    }

    public func search(_ words: [String], on db: any Database) async throws -> [UUID: Double] {
        guard !words.isEmpty else { return [:] }
        let match = words.map { "\"\($0)\"*" }.joined(separator: " AND ")
        let rows = try await StoreSQL.sql(db).raw("""
            SELECT service_id, bm25(service_text) AS rank FROM service_text WHERE service_text MATCH \(bind: match)
            """).all()
        var scores: [UUID: Double] = [:]
        for row in rows {
            scores[try row.decode(column: "service_id", as: UUID.self)] = -(try row.decode(column: "rank", as: Double.self))
        }
        return scores
    }
}

extension SQLiteServiceTextIndex {
    public func indexMany(_ entries: [(UUID, String)], on db: any Database) async throws {
        for chunk in entries.chunked(500) {
            var insert = StoreSQL.sql(db).insert(into: "service_text").columns("service_id", "body")
            for (id, text) in chunk { insert = insert.values(SQLBind(id), SQLBind(text)) }
            try await insert.run()
        }
    }

    public func searchFrom(_ words: [String]) -> SQLQueryString {
        let match = words.map { "\"\($0)\"*" }.joined(separator: " AND ")
        return "(SELECT service_id, -bm25(service_text) AS rank FROM service_text WHERE service_text MATCH \(bind: match) LIMIT -1) m JOIN services s ON s.id = m.service_id"
    }
}

/// PostgreSQL: a table of `tsvector`s with a GIN index.
public struct PostgresServiceTextIndex: ServiceTextIndex {
    public init() {}

    public func create(on db: any Database) async throws {
        try await StoreSQL.run(on: db, "CREATE TABLE service_text (service_id uuid PRIMARY KEY, body text NOT NULL, document tsvector NOT NULL)")
        try await StoreSQL.run(on: db, "CREATE INDEX service_text_document ON service_text USING GIN (document)")
    }

    public func drop(on db: any Database) async throws {
        try await StoreSQL.run(on: db, "DROP TABLE IF EXISTS service_text")
    }

    public func index(serviceID: UUID, text: String, on db: any Database) async throws {
        try await StoreSQL.sql(db).raw("""
            INSERT INTO service_text (service_id, body, document) VALUES (\(bind: serviceID), \(bind: text), to_tsvector('english', \(bind: text)))
            ON CONFLICT (service_id) DO UPDATE SET body = excluded.body, document = excluded.document
            """).run()
    }

    public func remove(serviceID: UUID, on db: any Database) async throws {
        try await StoreSQL.sql(db).raw("DELETE FROM service_text WHERE service_id = \(bind: serviceID)").run()
    }

    public func search(_ words: [String], on db: any Database) async throws -> [UUID: Double] {
        guard !words.isEmpty else { return [:] }
        let query = words.map { "\($0):*" }.joined(separator: " & ")
        let rows = try await StoreSQL.sql(db).raw("""
            SELECT service_id, ts_rank(document, q) AS rank FROM service_text, to_tsquery('english', \(bind: query)) q
            WHERE document @@ q
            """).all()
        var scores: [UUID: Double] = [:]
        for row in rows {
            scores[try row.decode(column: "service_id", as: UUID.self)] = Double(try row.decode(column: "rank", as: Float.self))
        }
        return scores
    }
}

extension PostgresServiceTextIndex {
    public func indexMany(_ entries: [(UUID, String)], on db: any Database) async throws {
        for chunk in entries.chunked(500) {
            var insert = StoreSQL.sql(db).insert(into: "service_text").columns("service_id", "body", "document")
            for (id, text) in chunk {
                insert = insert.values(SQLBind(id), SQLBind(text), SQLFunction("to_tsvector", args: SQLLiteral.string("english"), SQLBind(text)))
            }
            try await insert.run()
        }
    }

    public func searchFrom(_ words: [String]) -> SQLQueryString {
        let query = words.map { "\($0):*" }.joined(separator: " & ")
        return "(SELECT service_id, ts_rank(document, q) AS rank FROM service_text, to_tsquery('english', \(bind: query)) q WHERE document @@ q) m JOIN services s ON s.id = m.service_id"
    }
}
