import Foundation

/// One LSOA's place in the English Indices of Deprivation 2019 (File 1).
public struct DeprivationRow: Equatable, Sendable {
    public let lsoa: String
    public let name: String
    public let districtName: String
    /// 1 is the most deprived of England's 32,844 LSOAs.
    public let rank: Int
    /// 1 is the most deprived tenth.
    public let decile: Int
}

/// Reads IMD 2019 File 1 as published: a byte order mark, a header, ranks written with thousands separators
/// ("29,199").
public enum DeprivationIndex {
    public static let lsoaCount = 32_844

    public static func parse(_ text: String, source: String) -> Parsed<DeprivationRow> {
        var parsed = Parsed<DeprivationRow>()
        let rows = CSVReader().rows(text)
        guard let header = rows.first else { return parsed }
        let names = header.fields.map { $0.lowercased() }
        func column(_ words: String...) -> Int? {
            names.firstIndex { name in words.allSatisfy { name.contains($0) } }
        }
        guard let code = column("lsoa code"), let rank = column("imd", "rank"), let decile = column("imd", "decile") else {
            parsed.rejections.append(Rejection(source: source, line: header.line,
                reason: "the header needs an LSOA code, an IMD rank and an IMD decile column"))
            return parsed
        }
        let name = column("lsoa name"), district = column("district name")
        for row in rows.dropFirst() {
            parsed.linesRead += 1
            let f = row.fields
            func reject(_ reason: String) {
                parsed.rejections.append(Rejection(source: source, line: row.line, reason: reason))
            }
            guard f.count == names.count else { reject("expected \(names.count) columns, found \(f.count)"); continue }
            let lsoa = f[code].trimmed
            guard lsoa.count == 9 else { reject("LSOA code \"\(lsoa)\" is not 9 characters like E01033071"); continue }
            guard let r = Int(f[rank].replacingOccurrences(of: ",", with: "").trimmed), (1...lsoaCount).contains(r) else {
                reject("rank \"\(f[rank])\" is not a whole number from 1 to \(lsoaCount)"); continue
            }
            guard let d = Int(f[decile].trimmed), (1...10).contains(d) else {
                reject("decile \"\(f[decile])\" is not a whole number from 1 to 10"); continue
            }
            parsed.rows.append(DeprivationRow(
                lsoa: lsoa, name: name.map { f[$0] } ?? "", districtName: district.map { f[$0] } ?? "",
                rank: r, decile: d
            ))
        }
        return parsed
    }
}
