import FluentKit
import Foundation
import SQLKit

/// What `alongside check` found: how much it looked at, and each way a record is half-written.
public struct IntegrityReport: Sendable, Equatable {
    public var tables: Int
    public var rows: Int
    /// One plain sentence per problem; empty when everything holds.
    public var problems: [String]

    public var holds: Bool { problems.isEmpty }
}

/// Checks that nothing in the database is half-written: the engine's own checks (on SQLite, the file's
/// integrity and every reference; PostgreSQL enforces references itself), and the rules that tie records
/// together, which a write that stopped halfway would break — a referral always has its first move and the
/// audit row of its making, a plan's every version is kept, numbered without gaps.
public struct Integrity: Sendable {
    public init() {}

    /// Each rule: what a count of offending rows means, and the query that counts them (the same SQL on both engines).
    static let rules: [(problem: String, count: String)] = [
        ("referrals have no first move", """
            SELECT COUNT(*) AS n FROM referrals r WHERE NOT EXISTS (SELECT 1 FROM episode_moves m WHERE m.referral_id = r.id)
            """),
        ("people have more referrals than audit rows saying who made them", """
            SELECT COUNT(*) AS n FROM (SELECT person_id, COUNT(*) AS made FROM referrals GROUP BY person_id) r
            WHERE r.made > (SELECT COUNT(*) FROM audit_events a WHERE a.subject_person_id = r.person_id AND a.action = 'made_referral')
            """),
        ("plans have no kept copy of their current version", """
            SELECT COUNT(*) AS n FROM plans p WHERE p.version > 0
            AND NOT EXISTS (SELECT 1 FROM plan_versions v WHERE v.person_id = p.person_id AND v.version = p.version)
            """),
        ("plans have versions missing or beyond their current one", """
            SELECT COUNT(*) AS n FROM plans p
            WHERE (SELECT COUNT(DISTINCT v.version) FROM plan_versions v WHERE v.person_id = p.person_id AND v.version BETWEEN 1 AND p.version) <> p.version
            OR EXISTS (SELECT 1 FROM plan_versions v WHERE v.person_id = p.person_id AND v.version > p.version)
            """),
        ("plan versions belong to no plan", """
            SELECT COUNT(*) AS n FROM plan_versions v WHERE NOT EXISTS (SELECT 1 FROM plans p WHERE p.person_id = v.person_id)
            """),
    ]

    public func check(on db: any Database) async throws -> IntegrityReport {
        let sql = StoreSQL.sql(db)
        var problems: [String] = []
        let tables = try await Self.tables(on: db)
        guard tables.contains(ReferralRecord.schema) else {
            return IntegrityReport(tables: tables.count, rows: 0, problems: ["this database holds no Alongside tables; check that DATABASE_URL names the right one"])
        }
        if StoreSQL.engine(of: db) == .sqlite {
            let said = try await sql.raw("PRAGMA integrity_check").all().compactMap { try? $0.decode(column: "integrity_check", as: String.self) }
            if said != ["ok"] { problems.append("SQLite's integrity check says: " + said.joined(separator: "; ")) }
            let dangling = try await sql.raw("PRAGMA foreign_key_check").all()
            if !dangling.isEmpty { problems.append("\(dangling.count) rows refer to rows that do not exist") }
        }
        for rule in Self.rules {
            let n = try await sql.raw(SQLQueryString(rule.count)).first()?.decode(column: "n", as: Int.self) ?? 0
            if n > 0 { problems.append("\(n) \(rule.problem)") }
        }
        var rows = 0
        for table in tables {
            rows += try await sql.raw(SQLQueryString("SELECT COUNT(*) AS n FROM \"\(table)\"")).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return IntegrityReport(tables: tables.count, rows: rows, problems: problems)
    }

    /// The database's tables (on SQLite without its own, and without the full-text index's shadow tables).
    public static func tables(on db: any Database) async throws -> [String] {
        guard StoreSQL.engine(of: db) != .sqlite else { return try await Backups.tables(in: "main", on: db) }
        return try await StoreSQL.sql(db).raw("""
            SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
            """).all().map { try $0.decode(column: "name", as: String.self) }
    }
}
