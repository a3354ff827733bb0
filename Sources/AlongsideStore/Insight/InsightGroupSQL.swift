import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Each split's group worked out by the database, by the same rules as `InsightSplit.group(of:on:)`, so a dashboard
/// counts a year of referrals in one grouped query instead of reading every row. The tests hold the two to the same
/// answer on every split, odd dates of birth and unknown values included.
enum InsightGroupSQL {
    /// Where the person's facts are: the referral's own date of birth and postcode's decile, or the person's.
    struct Columns {
        var birthDate: String
        var decile = "lsoas.imd_decile"
        var sex = "people.sex"
        var ethnicity = "people.ethnicity"
        var isCarer = "people.is_carer"

        static let referral = Columns(birthDate: "referrals.birth_date")
        static let person = Columns(birthDate: "people.birth_date")
    }

    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The group's key as text, for the split, on `day` (the period's last).
    static func key(_ split: InsightSplit, on day: Date, _ c: Columns) -> SQLQueryString {
        switch split {
        case .imdQuintile:
            let cases = (1...5).map { "WHEN \(c.decile) IN (\(2 * $0 - 1), \(2 * $0)) THEN '\($0)'" }.joined(separator: " ")
            return SQLQueryString("CASE \(cases) ELSE 'unknown' END")
        case .ageBand:
            return SQLQueryString(ageBand(c.birthDate, on: day))
        case .sex:
            return SQLQueryString(known(c.sex, Sex.allCases.map(\.rawValue), otherwise: Sex.notKnown.rawValue))
        case .ethnicity:
            return SQLQueryString(known(c.ethnicity, Ethnicity.allCases.map(\.rawValue), otherwise: "not_known"))
        case .carer:
            return "CASE WHEN \(unsafeRaw: c.isCarer) = \(bind: true) THEN (CASE WHEN \(unsafeRaw: ageBand(c.birthDate, on: day)) = \(unsafeRaw: literal(AgeBand.under18.rawValue)) THEN 'young_carer' ELSE 'carer' END) ELSE 'not_a_carer' END"
        case .practice:
            return SQLQueryString("COALESCE(practices.code, \(literal(PracticeGroups.noPractice.key)))")
        case .pcn:
            return SQLQueryString("COALESCE(practices.pcn_code, \(literal(PracticeGroups.noPractice.key)))")
        }
    }

    /// The value when it is one of `values`, else `otherwise` (missing or unreadable: not known).
    static func known(_ column: String, _ values: [String], otherwise: String) -> String {
        "CASE WHEN \(column) IN (\(values.map(literal).joined(separator: ", "))) THEN \(column) ELSE \(literal(otherwise)) END"
    }

    /// The age band from a date of birth written YYYY-MM-DD, compared as text against `AgeBand.birthDateBounds`.
    static func ageBand(_ column: String, on day: Date) -> String {
        let born = "SUBSTR(\(column), 1, 10)"
        let digits = [1, 2, 3, 4, 6, 7, 9, 10].map { "SUBSTR(\(column), \($0), 1) BETWEEN '0' AND '9'" }
        let written = (["\(column) IS NOT NULL", "LENGTH(\(column)) >= 10", "SUBSTR(\(column), 5, 1) = '-'", "SUBSTR(\(column), 8, 1) = '-'",
                        "SUBSTR(\(column), 6, 2) BETWEEN '01' AND '12'", "SUBSTR(\(column), 9, 2) BETWEEN '01' AND '31'"] + digits)
            .joined(separator: " AND ")
        let bounds = AgeBand.birthDateBounds(on: day)
        let bands = bounds.bands.map { "WHEN \(born) > \(literal($0.bornAfter)) THEN \(literal($0.band.rawValue))" }.joined(separator: " ")
        return "CASE WHEN NOT (\(written)) THEN 'unknown' WHEN \(born) > \(literal(bounds.latest)) THEN 'unknown' \(bands) ELSE 'unknown' END"
    }
}

/// Wellbeing pairs each episode's measures in the order taken, ties by id: an index in exactly that order lets the
/// database hand a year's measures over already sorted, instead of sorting 1.5 million rows on disk.
struct IndexMeasurePairing: AsyncMigration {
    var name: String { "2026-12-05-04-IndexMeasurePairing" }

    func prepare(on database: any Database) async throws {
        try await StoreSQL.run(on: database, "CREATE INDEX measures_pairing ON measures (referral_id, instrument, taken_at, id)")
        try await StoreSQL.run(on: database, "DROP INDEX IF EXISTS measures_episode")
    }

    func revert(on database: any Database) async throws {
        try await StoreSQL.run(on: database, "CREATE INDEX measures_episode ON measures (referral_id, instrument, taken_at)")
        try await StoreSQL.run(on: database, "DROP INDEX IF EXISTS measures_pairing")
    }
}
