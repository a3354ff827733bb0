/// One row of the ONS postcode to Output Area to LSOA lookup.
public struct PostcodeLSOARow: Equatable, Sendable {
    public let postcode: String
    public let lsoa: String
    public let lsoaName: String
    public let terminated: Bool
}

/// Reads the ONS postcode-to-LSOA lookup (`PCD_OA_LSOA_MSOA_LAD_*_LU.csv`), finding its columns by the
/// header (`pcds` or `pcd7`, `lsoa11cd` or `lsoa21cd`, `doterm`).
public enum PostcodeLSOALookup {
    public static func parse(_ text: String, source: String) -> Parsed<PostcodeLSOARow> {
        var parsed = Parsed<PostcodeLSOARow>()
        let rows = CSVReader().rows(text)
        guard let header = rows.first else { return parsed }
        let names = header.fields.map { $0.trimmed.lowercased() }
        func column(_ options: [String]) -> Int? { options.lazy.compactMap { names.firstIndex(of: $0) }.first }
        guard let pc = column(["pcds", "pcd7", "pcd8", "pcd"]), let lsoa = column(["lsoa11cd", "lsoa21cd", "lsoa01cd"]) else {
            parsed.rejections.append(Rejection(source: source, line: header.line,
                reason: "the header has no postcode column (pcds) or no LSOA column (lsoa11cd)"))
            return parsed
        }
        let lsoaName = column(["lsoa11nm", "lsoa21nm"])
        let terminated = column(["doterm"])
        for row in rows.dropFirst() {
            parsed.linesRead += 1
            let f = row.fields
            guard f.count == names.count else {
                parsed.rejections.append(Rejection(source: source, line: row.line,
                    reason: "expected \(names.count) columns, found \(f.count)"))
                continue
            }
            guard let postcode = try? Postcode(f[pc]) else {
                parsed.rejections.append(Rejection(source: source, line: row.line, reason: "\"\(f[pc])\" is not a postcode"))
                continue
            }
            let code = f[lsoa].trimmed
            guard code.count == 9, code.first?.isLetter == true else {
                parsed.rejections.append(Rejection(source: source, line: row.line, reason: "LSOA code \"\(code)\" is not 9 characters like E01033071"))
                continue
            }
            parsed.rows.append(PostcodeLSOARow(
                postcode: postcode.value, lsoa: code, lsoaName: lsoaName.map { f[$0] } ?? "",
                terminated: terminated.map { !f[$0].trimmed.isEmpty } ?? false
            ))
        }
        return parsed
    }
}
