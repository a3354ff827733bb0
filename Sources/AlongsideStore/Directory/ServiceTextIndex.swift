import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The words a service is found by: its name, and everything else (description, who it is for, categories).
public struct IndexedText: Sendable, Equatable {
    public let serviceID: UUID
    public let name: String
    public let body: String

    public init(serviceID: UUID, name: String, body: String) {
        self.serviceID = serviceID
        self.name = name
        self.body = body
    }
}

/// Full-text search over services with English stemming and prefix matching, the same on both engines:
/// SQLite's FTS5 with the Porter stemmer, or PostgreSQL's `english` text search configuration. Everything
/// that differs between the two is behind this protocol. Services are indexed under their `search_key`
/// (a small whole number), so that a match comes back as one compact list rather than thousands of rows.
public protocol ServiceTextIndex: Sendable {
    func create(on db: any Database) async throws
    func drop(on db: any Database) async throws
    /// Replaces what is indexed for these services, which must already be saved.
    func index(_ entries: [IndexedText], on db: any Database) async throws
    /// Services matching every word (each as a prefix), and those matching every word in their name.
    func matches(_ words: [String], on db: any Database) async throws -> TextMatches
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

/// Reads a comma-separated list of keys, as `group_concat` / `string_agg` return them.
func keys(in text: String?) -> [Int64] {
    guard let text, !text.isEmpty else { return [] }
    var result: [Int64] = []
    result.reserveCapacity(text.utf8.count / 4)
    var value: Int64 = 0
    var inNumber = false
    for byte in text.utf8 {
        if byte >= 48 && byte <= 57 {
            value = value * 10 + Int64(byte - 48)
            inNumber = true
        } else if inNumber {
            result.append(value)
            value = 0
            inNumber = false
        }
    }
    if inNumber { result.append(value) }
    return result
}

/// SQLite: an FTS5 table whose rowid is the service's search key.
public struct SQLiteServiceTextIndex: ServiceTextIndex {
    public init() {}

    public func create(on db: any Database) async throws {
        try await StoreSQL.run(on: db, """
            CREATE VIRTUAL TABLE service_text USING fts5(name, body, tokenize = 'porter unicode61 remove_diacritics 2')
            """)
    }

    public func drop(on db: any Database) async throws {
        try await StoreSQL.run(on: db, "DROP TABLE IF EXISTS service_text")
    }

    public func index(_ entries: [IndexedText], on db: any Database) async throws {
        let sql = StoreSQL.sql(db)
        for chunk in entries.chunked(300) {
            let ids = chunk.map(\.serviceID)
            try await sql.raw("DELETE FROM service_text WHERE rowid IN (SELECT search_key FROM services WHERE id IN (\(binds: ids)))").run()
            var values: [SQLQueryString] = []
            for entry in chunk {
                values.append("((SELECT search_key FROM services WHERE id = \(bind: entry.serviceID)), \(bind: entry.name), \(bind: entry.body))")
            }
            try await sql.raw("INSERT INTO service_text (rowid, name, body) VALUES " + StoreSQL.joined(values, ", ")).run()
        }
    }

    public func matches(_ words: [String], on db: any Database) async throws -> TextMatches {
        let all = words.map { "\"\($0)\"*" }.joined(separator: " AND ")
        let row = try await StoreSQL.sql(db).raw("""
            SELECT (SELECT group_concat(rowid) FROM service_text WHERE service_text MATCH \(bind: all)) AS everywhere,
                   (SELECT group_concat(rowid) FROM service_text WHERE service_text MATCH \(bind: "name : (" + all + ")")) AS in_name
            """).first()
        return TextMatches(all: keys(in: try row?.decode(column: "everywhere", as: String?.self)),
                           inName: keys(in: try row?.decode(column: "in_name", as: String?.self)))
    }
}

/// PostgreSQL: a table of weighted `tsvector`s (the name weighted A) with a GIN index.
public struct PostgresServiceTextIndex: ServiceTextIndex {
    public init() {}

    public func create(on db: any Database) async throws {
        try await StoreSQL.run(on: db, "CREATE TABLE service_text (search_key bigint PRIMARY KEY, document tsvector NOT NULL)")
        try await StoreSQL.run(on: db, "CREATE INDEX service_text_document ON service_text USING GIN (document)")
    }

    public func drop(on db: any Database) async throws {
        try await StoreSQL.run(on: db, "DROP TABLE IF EXISTS service_text")
    }

    public func index(_ entries: [IndexedText], on db: any Database) async throws {
        let sql = StoreSQL.sql(db)
        for chunk in entries.chunked(300) {
            var values: [SQLQueryString] = []
            for entry in chunk {
                values.append("""
                    ((SELECT search_key FROM services WHERE id = \(bind: entry.serviceID)),
                     setweight(to_tsvector('english', \(bind: entry.name)), 'A') || setweight(to_tsvector('english', \(bind: entry.body)), 'D'))
                    """)
            }
            try await sql.raw("INSERT INTO service_text (search_key, document) VALUES " + StoreSQL.joined(values, ", ")
                              + " ON CONFLICT (search_key) DO UPDATE SET document = excluded.document").run()
        }
    }

    public func matches(_ words: [String], on db: any Database) async throws -> TextMatches {
        let all = words.map { "\($0):*" }.joined(separator: " & ")
        let inName = words.map { "\($0):*A" }.joined(separator: " & ")
        let row = try await StoreSQL.sql(db).raw("""
            SELECT (SELECT string_agg(search_key::text, ',') FROM service_text WHERE document @@ to_tsquery('english', \(bind: all))) AS everywhere,
                   (SELECT string_agg(search_key::text, ',') FROM service_text WHERE document @@ to_tsquery('english', \(bind: inName))) AS in_name
            """).first()
        return TextMatches(all: keys(in: try row?.decode(column: "everywhere", as: String?.self)),
                           inName: keys(in: try row?.decode(column: "in_name", as: String?.self)))
    }
}
