import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Each episode's wellbeing answers as the dashboard pairs them (Core's `EpisodeWellbeing`), one row an episode with
/// any: kept current in the same transaction as every change to the episode's measures, so a year's dashboard counts
/// these few rows by group instead of reading and scoring every measure. `Insight.wellbeingRecount` works the same
/// figures from the raw measures, and the tests hold the two equal.
public enum WellbeingPairs {
    static let table = "wellbeing_pairs"
    static let columns = ["referral_id", "person_id", "swemwbs_first", "swemwbs_latest", "ucla3_first", "ucla3_latest",
                          "ons4_1_first", "ons4_1_latest", "ons4_2_first", "ons4_2_latest", "ons4_3_first", "ons4_3_latest",
                          "ons4_4_first", "ons4_4_latest", "involvement_asked", "involved", "support"]

    /// Works these episodes' rows anew from their measures as they now stand (inside the caller's transaction).
    public static func refresh(_ referrals: [UUID], on db: any Database) async throws {
        let sql = StoreSQL.sql(db)
        for slice in Array(Set(referrals)).chunked(2_000) {
            let chunk = Array(slice)
            try await sql.raw("DELETE FROM wellbeing_pairs WHERE referral_id IN (\(binds: chunk))").run()
            let rows = try await sql.raw("""
                SELECT referral_id, person_id, instrument, answers FROM measures WHERE referral_id IN (\(binds: chunk))
                ORDER BY referral_id, instrument, taken_at, id
                """).all()
            var written: [[any SQLExpression]] = []
            for episode in try episodes(rows) where !episode.wellbeing.isEmpty {
                written.append(row(episode.referral, episode.person, episode.wellbeing))
            }
            try await DirectoryBulkRows.insert(into: table, columns, written, on: sql)
        }
    }

    /// Works every episode's row anew from the measures (after a bulk write, or when the table is first made).
    public static func rebuild(on db: any Database) async throws {
        try await StoreSQL.sql(db).raw("DELETE FROM wellbeing_pairs").run()
        let referrals = try await StoreSQL.sql(db).raw("SELECT DISTINCT referral_id FROM measures WHERE referral_id IS NOT NULL").all()
            .map { try $0.decode(column: "referral_id", as: UUID.self) }
        for chunk in referrals.chunked(2_000) { try await refresh(Array(chunk), on: db) }
    }

    /// Measures read in pairing order (`referral_id`, `person_id`, `instrument`, `answers` columns), one episode after
    /// another, as Core pairs them. A stored answer that no longer scores is left out, as everywhere else.
    static func episodes(_ rows: [any SQLRow]) throws -> [(referral: UUID, person: UUID, wellbeing: EpisodeWellbeing)] {
        var out: [(referral: UUID, person: UUID, wellbeing: EpisodeWellbeing)] = []
        var current: (referral: UUID, person: UUID)? = nil, results: [MeasureResult] = []
        for row in rows {
            let referral = try row.decode(column: "referral_id", as: UUID.self)
            if referral != current?.referral {
                if let current { out.append((current.referral, current.person, EpisodeWellbeing(results))) }
                current = (referral, try row.decode(column: "person_id", as: UUID.self))
                results = []
            }
            guard let instrument = Instrument(rawValue: try row.decode(column: "instrument", as: String.self)) else { continue }
            let answers = try row.decode(column: "answers", as: String.self).split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            if let result = try? MeasureResult(instrument, answers: answers) { results.append(result) }
        }
        if let current { out.append((current.referral, current.person, EpisodeWellbeing(results))) }
        return out
    }

    static func row(_ referral: UUID, _ person: UUID, _ w: EpisodeWellbeing) -> [any SQLExpression] {
        func value(_ v: Int?) -> any SQLExpression { v.map { SQLBind($0) } ?? SQLLiteral.null }
        var row: [any SQLExpression] = [SQLBind(referral), SQLBind(person),
                                        w.swemwbs.map { SQLBind($0.first) } ?? SQLLiteral.null, w.swemwbs.map { SQLBind($0.latest) } ?? SQLLiteral.null,
                                        value(w.ucla3?.first), value(w.ucla3?.latest)]
        for pair in w.ons4 { row += [value(pair?.first), value(pair?.latest)] }
        row += [SQLBind(w.involvement != nil), value(w.involvement?.involved ?? nil), value(w.involvement?.support ?? nil)]
        return row
    }

    /// The period's episodes from the area, counted by group and by how their answers paired: one row for each
    /// different pairing of each instrument in each group.
    static func counted(_ query: InsightQuery, on db: any Database) async throws -> [String: PairedMeasures] {
        let key = InsightGroupSQL.key(query.split, on: query.until.addingTimeInterval(-1), .referral)
        var parts: [String] = ["SELECT 'swemwbs' AS what, grp, swemwbs_first AS a, swemwbs_latest AS b, COUNT(*) AS n FROM w WHERE swemwbs_first IS NOT NULL GROUP BY grp, swemwbs_first, swemwbs_latest",
                               "SELECT 'ucla3', grp, ucla3_first, ucla3_latest, COUNT(*) FROM w WHERE ucla3_first IS NOT NULL GROUP BY grp, ucla3_first, ucla3_latest"]
        for q in 1...ONS4Question.allCases.count {
            parts.append("SELECT 'ons4-\(q)', grp, ons4_\(q)_first, ons4_\(q)_latest, COUNT(*) FROM w WHERE ons4_\(q)_first IS NOT NULL GROUP BY grp, ons4_\(q)_first, ons4_\(q)_latest")
        }
        let anyONS4 = (1...ONS4Question.allCases.count).map { "ons4_\($0)_first IS NOT NULL" }.joined(separator: " OR ")
        parts.append("SELECT 'ons4', grp, NULL, NULL, COUNT(*) FROM w WHERE \(anyONS4) GROUP BY grp")
        parts.append("SELECT 'involvement', grp, involved, support, COUNT(*) FROM w WHERE involvement_asked = 1 GROUP BY grp, involved, support")
        // The flag is a boolean on PostgreSQL and an integer on SQLite: written as 1 or 0 on both.
        let selected = columns.dropFirst(2).map {
            $0 == "involvement_asked" ? "CASE WHEN wellbeing_pairs.involvement_asked THEN 1 ELSE 0 END AS involvement_asked" : "wellbeing_pairs." + $0
        }.joined(separator: ", ")
        try await StoreSQL.readingMuch(db)
        var pairs: [String: PairedMeasures] = [:]
        for row in try await StoreSQL.sql(db).raw("""
            WITH w AS MATERIALIZED (SELECT \(key) AS grp, \(unsafeRaw: selected)
                                    \(Insight.from(query, join: "JOIN wellbeing_pairs ON wellbeing_pairs.referral_id = referrals.id")))
            \(unsafeRaw: parts.joined(separator: " UNION ALL "))
            """).all() {
            let what = try row.decode(column: "what", as: String.self), group = try row.decode(column: "grp", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            let a = try row.decode(column: "a", as: Double?.self), b = try row.decode(column: "b", as: Double?.self)
            var episode = EpisodeWellbeing()
            switch what {
            case "swemwbs":
                guard let a, let b else { continue }
                episode.swemwbs = .init(first: a, latest: b)
            case "ucla3":
                guard let a, let b else { continue }
                episode.ucla3 = .init(first: Int(a), latest: Int(b))
            case "involvement":
                episode.involvement = (a.map { Int($0) }, b.map { Int($0) })
            case "ons4":
                // People with any ONS4 question paired: counted here once, not again for each question below.
                pairs[group, default: PairedMeasures()].ons4People += n
                continue
            default:
                guard let q = Int(what.dropFirst("ons4-".count)), let a, let b else { continue }
                var question = PairedMeasures()
                question.ons4[ONS4Question.allCases[q - 1]] = Array(repeating: (Int(a), Int(b)), count: n)
                pairs[group, default: PairedMeasures()].add(question)
                continue
            }
            pairs[group, default: PairedMeasures()].add(episode, count: n)
        }
        return pairs
    }
}

struct CreateWellbeingPairs: AsyncMigration {
    var name: String { "2026-12-06-01-CreateWellbeingPairs" }

    func prepare(on database: any Database) async throws {
        var schema = database.schema(WellbeingPairs.table)
            .field("referral_id", .uuid, .identifier(auto: false), .references(ReferralRecord.schema, "id"))
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("swemwbs_first", .double).field("swemwbs_latest", .double)
            .field("ucla3_first", .int).field("ucla3_latest", .int)
        for q in 1...4 { schema = schema.field(.string("ons4_\(q)_first"), .int).field(.string("ons4_\(q)_latest"), .int) }
        try await schema.field("involvement_asked", .bool, .required).field("involved", .int).field("support", .int).create()
        try await StoreSQL.run(on: database, "CREATE INDEX wellbeing_pairs_person ON wellbeing_pairs (person_id)")
        try await WellbeingPairs.rebuild(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WellbeingPairs.table).delete()
    }
}
