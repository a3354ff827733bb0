import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Postcodes, LSOAs and deprivation: imports of the published files and the postcode look-up.
public struct Geography: Sendable {
    /// Rows per multi-row insert: well under SQLite's and PostgreSQL's limits on bound values.
    static let batchSize = 1000
    public static let batchSizeForProgress = batchSize

    public init() {}

    /// Where a postcode is, its LSOA and IMD decile; nil when the postcode is not known.
    public func place(for postcode: Postcode, on db: any Database) async throws -> PostcodePlace? {
        guard let row = try await PostcodeRecord.find(postcode.value, on: db) else { return nil }
        var lsoa: LSOARecord?
        if let code = row.lsoa { lsoa = try await LSOARecord.find(code, on: db) }
        return PostcodePlace(
            postcode: postcode.value, coordinate: Coordinate(latitude: row.latitude, longitude: row.longitude),
            lsoa: row.lsoa, imdDecile: lsoa?.imdDecile)
    }

    public func postcodeCount(on db: any Database) async throws -> Int {
        try await PostcodeRecord.query(on: db).count()
    }

    /// Every postcode in the table (for the demo place).
    public func allPostcodes(on db: any Database) async throws -> [String] {
        try await StoreSQL.sql(db).raw("SELECT postcode FROM postcodes ORDER BY postcode").all()
            .map { try $0.decode(column: "postcode", as: String.self) }
    }

    /// Every postcode with its position (for the demo directory).
    public func allPositions(on db: any Database) async throws -> [(String, Coordinate)] {
        try await StoreSQL.sql(db).raw("SELECT postcode, latitude, longitude FROM postcodes ORDER BY postcode").all().map {
            (try $0.decode(column: "postcode", as: String.self),
             Coordinate(latitude: try $0.decode(column: "latitude", as: Double.self),
                        longitude: try $0.decode(column: "longitude", as: Double.self)))
        }
    }

    /// The postcodes with a ward inside a box of latitude and longitude, for drawing the wards on a map.
    public func wardPoints(south: Double, west: Double, north: Double, east: Double,
                           on db: any Database) async throws -> [(postcode: String, coordinate: Coordinate, ward: String)] {
        try await StoreSQL.sql(db).raw("""
            SELECT postcode, latitude, longitude, ward FROM postcodes
            WHERE ward IS NOT NULL AND latitude BETWEEN \(bind: south) AND \(bind: north) AND longitude BETWEEN \(bind: west) AND \(bind: east)
            ORDER BY postcode
            """).all().map {
            (try $0.decode(column: "postcode", as: String.self),
             Coordinate(latitude: try $0.decode(column: "latitude", as: Double.self), longitude: try $0.decode(column: "longitude", as: Double.self)),
             try $0.decode(column: "ward", as: String.self))
        }
    }

    /// Every ward the postcodes know, named by its town and postcode sectors (`WardArea`).
    public func wards(on db: any Database) async throws -> [WardArea] {
        WardArea.from(try await StoreSQL.sql(db).raw("SELECT postcode, ward FROM postcodes WHERE ward IS NOT NULL").all().map {
            (try $0.decode(column: "postcode", as: String.self), try $0.decode(column: "ward", as: String.self))
        })
    }

    /// Who took part, by the deprivation of where they live, against the place's LSOAs. `people` is a query that
    /// selects the participants' person ids; `unknownExtra` counts participants with no person any more.
    public func participation(_ people: SQLQueryString, unknownExtra: Int = 0, on db: any Database) async throws -> Participation {
        let sql = StoreSQL.sql(db)
        var participants: [Int?: Int] = [:], lsoas: [Int?: Int] = [:]
        for row in try await sql.raw("""
            SELECT lsoas.imd_decile AS decile, COUNT(*) AS n FROM people
            LEFT JOIN postcodes ON postcodes.postcode = people.postcode LEFT JOIN lsoas ON lsoas.code = postcodes.lsoa
            WHERE people.id IN (\(people)) GROUP BY lsoas.imd_decile
            """).all() {
            participants[try row.decode(column: "decile", as: Int?.self), default: 0] += try row.decode(column: "n", as: Int.self)
        }
        participants[nil, default: 0] += unknownExtra
        for row in try await sql.raw("SELECT imd_decile AS decile, COUNT(*) AS n FROM lsoas GROUP BY imd_decile").all() {
            lsoas[try row.decode(column: "decile", as: Int?.self), default: 0] += try row.decode(column: "n", as: Int.self)
        }
        return Participation(participantDeciles: participants, lsoaDeciles: lsoas)
    }

    /// The ward of a postcode, when both are known.
    public func ward(of postcode: String, on db: any Database) async throws -> String? {
        try await PostcodeRecord.find(postcode, on: db)?.ward
    }

    // MARK: - Imports

    /// Adds or updates Code-Point Open postcodes, converting grid references to latitude and longitude.
    public func importPostcodes(_ parsed: Parsed<CodePointRow>, skipInvalid: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil,
                                on db: any Database) async throws -> ImportReport {
        try await importing(parsed, skipInvalid: skipInvalid, on: db) { tx, report in
            let sql = StoreSQL.sql(tx)
            var done = 0
            for batch in parsed.rows.chunked(Self.batchSize) {
                let existing = try await sql.raw("""
                    SELECT postcode, easting, northing, positional_quality, ward FROM postcodes
                    WHERE postcode IN (\(binds: batch.map(\.postcode)))
                    """).all()
                var known: [String: (Int, Int, Int, String)] = [:]
                for row in existing {
                    known[try row.decode(column: "postcode", as: String.self)] = (
                        try row.decode(column: "easting", as: Int.self), try row.decode(column: "northing", as: Int.self),
                        try row.decode(column: "positional_quality", as: Int.self), try row.decode(column: "ward", as: String?.self) ?? "")
                }
                var toWrite: [CodePointRow] = []
                for row in batch {
                    if let old = known[row.postcode] {
                        if old == (row.easting, row.northing, row.positionalQuality, row.ward) { report.unchanged += 1; continue }
                        report.changed += 1
                    } else {
                        report.added += 1
                    }
                    toWrite.append(row)
                }
                if !toWrite.isEmpty {
                    var insert = sql.insert(into: "postcodes")
                        .columns("postcode", "easting", "northing", "positional_quality", "latitude", "longitude", "ward")
                    for row in toWrite {
                        let c = NationalGrid.wgs84(easting: Double(row.easting), northing: Double(row.northing))
                        insert = insert.values(SQLBind(row.postcode), SQLBind(row.easting), SQLBind(row.northing),
                                               SQLBind(row.positionalQuality), SQLBind(c.latitude), SQLBind(c.longitude),
                                               SQLBind(row.ward.isEmpty ? nil : row.ward))
                    }
                    try await insert.onConflict(with: ["postcode"]) {
                        $0.set(excludedValueOf: "easting").set(excludedValueOf: "northing")
                            .set(excludedValueOf: "positional_quality").set(excludedValueOf: "latitude")
                            .set(excludedValueOf: "longitude").set(excludedValueOf: "ward")
                    }.run()
                }
                done += batch.count
                progress?(done, parsed.rows.count)
            }
        }
    }

    /// Sets each known postcode's LSOA from the ONS lookup, and records LSOA names. Postcodes not in the
    /// postcode table (terminated ones, or ones Code-Point Open no longer lists) are counted as unchanged.
    public func importLSOALookup(_ parsed: Parsed<PostcodeLSOARow>, skipInvalid: Bool,
                                 on db: any Database) async throws -> ImportReport {
        try await importing(parsed, skipInvalid: skipInvalid, on: db) { tx, report in
            let sql = StoreSQL.sql(tx)
            var names: [String: String] = [:]
            for row in parsed.rows where !row.lsoaName.isEmpty { names[row.lsoa] = row.lsoaName }
            for batch in names.sorted(by: { $0.key < $1.key }).chunked(Self.batchSize) {
                var insert = sql.insert(into: "lsoas").columns("code", "name")
                for (code, name) in batch { insert = insert.values(SQLBind(code), SQLBind(name)) }
                try await insert.onConflict(with: ["code"]) { $0.set(excludedValueOf: "name") }.run()
            }
            // A live row wins over a terminated one for the same postcode.
            var chosen: [String: PostcodeLSOARow] = [:]
            for row in parsed.rows where chosen[row.postcode] == nil || chosen[row.postcode]!.terminated {
                chosen[row.postcode] = row
            }
            report.unchanged += parsed.rows.count - chosen.count
            for batch in chosen.values.sorted(by: { $0.postcode < $1.postcode }).chunked(Self.batchSize) {
                let existing = try await sql.raw("""
                    SELECT postcode, lsoa FROM postcodes WHERE postcode IN (\(binds: batch.map(\.postcode)))
                    """).all()
                var known: [String: String?] = [:]
                for row in existing {
                    known[try row.decode(column: "postcode", as: String.self)] = try row.decode(column: "lsoa", as: String?.self)
                }
                for row in batch {
                    guard let old = known[row.postcode] else { report.unchanged += 1; continue }
                    if old == row.lsoa { report.unchanged += 1; continue }
                    if old == nil { report.added += 1 } else { report.changed += 1 }
                    try await sql.update("postcodes").set("lsoa", to: row.lsoa)
                        .where("postcode", .equal, row.postcode).run()
                }
            }
        }
    }

    /// Adds or updates LSOAs' IMD 2019 rank and decile.
    public func importDeprivation(_ parsed: Parsed<DeprivationRow>, skipInvalid: Bool,
                                  on db: any Database) async throws -> ImportReport {
        try await importing(parsed, skipInvalid: skipInvalid, on: db) { tx, report in
            let sql = StoreSQL.sql(tx)
            for batch in parsed.rows.chunked(Self.batchSize) {
                let existing = try await sql.raw("""
                    SELECT code, imd_rank, imd_decile FROM lsoas WHERE code IN (\(binds: batch.map(\.lsoa)))
                    """).all()
                var known: [String: (Int?, Int?)] = [:]
                for row in existing {
                    known[try row.decode(column: "code", as: String.self)] = (
                        try row.decode(column: "imd_rank", as: Int?.self), try row.decode(column: "imd_decile", as: Int?.self))
                }
                var insert = sql.insert(into: "lsoas").columns("code", "name", "imd_rank", "imd_decile")
                var any = false
                for row in batch {
                    if let old = known[row.lsoa] {
                        if old.0 == row.rank && old.1 == row.decile { report.unchanged += 1; continue }
                        if old.0 == nil { report.added += 1 } else { report.changed += 1 }
                    } else {
                        report.added += 1
                    }
                    any = true
                    insert = insert.values(SQLBind(row.lsoa), SQLBind(row.name), SQLBind(row.rank), SQLBind(row.decile))
                }
                if any {
                    try await insert.onConflict(with: ["code"]) {
                        $0.set(excludedValueOf: "imd_rank").set(excludedValueOf: "imd_decile")
                    }.run()
                }
            }
        }
    }
}

extension Geography {
    /// What every import shares: the report starts from the parse; nothing is written when lines were
    /// rejected (unless told to skip them); everything else is written in one transaction.
    func importing<Row>(_ parsed: Parsed<Row>, skipInvalid: Bool, on db: any Database,
                        write: @escaping @Sendable (any Database, inout ImportReport) async throws -> Void) async throws -> ImportReport {
        var report = ImportReport()
        report.read = parsed.linesRead
        report.rejected = parsed.rejections
        report.skipped = parsed.skipped
        guard parsed.rejections.isEmpty || skipInvalid else {
            report.writtenNothing = true
            return report
        }
        return try await db.writeTransaction { [report] tx in
            var report = report
            try await write(tx, &report)
            return report
        }
    }
}

extension Array {
    /// The array cut into consecutive pieces of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
