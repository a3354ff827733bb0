/// One postcode from Ordnance Survey Code-Point Open.
public struct CodePointRow: Equatable, Sendable {
    public let postcode: String
    public let positionalQuality: Int
    public let easting: Int
    public let northing: Int
    public let adminDistrict: String
    /// The electoral ward's ONS code (column WC), or "" when the file has none.
    public let ward: String

    public init(postcode: String, positionalQuality: Int, easting: Int, northing: Int, adminDistrict: String, ward: String = "") {
        self.postcode = postcode
        self.positionalQuality = positionalQuality
        self.easting = easting
        self.northing = northing
        self.adminDistrict = adminDistrict
        self.ward = ward
    }
}

/// Reads Code-Point Open CSV files as published: no header row, quoted values, CRLF line ends; columns
/// PC, PQ, EA, NO, CY, RH, LH, CC, DC, WC (see `Doc/Code-Point_Open_Column_Headers.csv`).
public enum CodePointOpen {
    public static func parse(_ text: String, source: String) -> Parsed<CodePointRow> {
        var parsed = Parsed<CodePointRow>()
        for row in CSVReader().rows(text) {
            parsed.linesRead += 1
            let f = row.fields
            func reject(_ reason: String) {
                parsed.rejections.append(Rejection(source: source, line: row.line, reason: reason))
            }
            guard f.count >= 4 else { reject("expected at least 4 columns, found \(f.count)"); continue }
            if row.line == 1 && f[0].uppercased() == "PC" { parsed.linesRead -= 1; continue }
            guard let postcode = try? Postcode(f[0]) else { reject("\"\(f[0])\" is not a postcode"); continue }
            guard let quality = Int(f[1].trimmed) else { reject("positional quality \"\(f[1])\" is not a number"); continue }
            guard let easting = Int(f[2].trimmed), (0...700_000).contains(easting) else {
                reject("easting \"\(f[2])\" is not a number from 0 to 700000"); continue
            }
            guard let northing = Int(f[3].trimmed), (0...1_300_000).contains(northing) else {
                reject("northing \"\(f[3])\" is not a number from 0 to 1300000"); continue
            }
            guard quality != 90, easting != 0 || northing != 0 else {
                // Published as it is: a live postcode Ordnance Survey could not place. Nothing to import.
                parsed.skipped.append(Rejection(source: source, line: row.line, reason: "no grid reference (positional quality 90)"))
                continue
            }
            parsed.rows.append(CodePointRow(
                postcode: postcode.value, positionalQuality: quality, easting: easting, northing: northing,
                adminDistrict: f.count > 8 ? f[8] : "", ward: f.count > 9 ? f[9].trimmed : ""
            ))
        }
        return parsed
    }
}
