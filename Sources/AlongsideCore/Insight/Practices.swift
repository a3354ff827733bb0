import Foundation

/// A GP practice on the place's list, as an administrator types it: the practice's ODS code and name, and the
/// primary care network (PCN) it belongs to, by its ODS code and name. Referrals a practice's clinicians make are
/// counted to it, so the insight dashboards can be split and filtered by practice and by PCN.
public struct PracticeDraft: Sendable, Equatable {
    public let code: String
    public let name: String
    public let pcnCode: String
    public let pcnName: String

    /// Checked and tidied: codes in capitals without spaces, names trimmed. Each fault names its field.
    public static func checked(code: String?, name: String?, pcnCode: String?, pcnName: String?) throws -> PracticeDraft {
        func tidyCode(_ text: String?) -> String { (text ?? "").uppercased().filter { !$0.isWhitespace } }
        func tidyName(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let draft = PracticeDraft(code: tidyCode(code), name: tidyName(name), pcnCode: tidyCode(pcnCode), pcnName: tidyName(pcnName))
        var errors: [FieldError] = []
        if !Self.isPracticeCode(draft.code) {
            errors.append(FieldError("code", draft.code.isEmpty
                ? "Enter the practice's ODS code, a letter and five digits, for example A81001"
                : "\"\(draft.code)\" is not a GP practice's ODS code: it is a letter and five digits, for example A81001"))
        }
        if draft.name.isEmpty { errors.append(FieldError("name", "Enter the practice's name")) }
        else if draft.name.count > 120 { errors.append(FieldError("name", "Keep the practice's name to 120 characters")) }
        if !Self.isPCNCode(draft.pcnCode) {
            errors.append(FieldError("pcn_code", draft.pcnCode.isEmpty
                ? "Enter the primary care network's ODS code, U and five digits, for example U12345"
                : "\"\(draft.pcnCode)\" is not a primary care network's ODS code: it is U and five digits, for example U12345"))
        }
        if draft.pcnName.isEmpty { errors.append(FieldError("pcn_name", "Enter the primary care network's name")) }
        else if draft.pcnName.count > 120 { errors.append(FieldError("pcn_name", "Keep the network's name to 120 characters")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return draft
    }

    /// A GP practice's ODS code: one letter, then five digits.
    public static func isPracticeCode(_ code: String) -> Bool {
        let characters = Array(code)
        return characters.count == 6 && characters[0].isASCII && characters[0].isLetter && characters[1...].allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A primary care network's ODS code: U, then five digits.
    public static func isPCNCode(_ code: String) -> Bool {
        code.count == 6 && code.first == "U" && code.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    public init(code: String, name: String, pcnCode: String, pcnName: String) {
        self.code = code; self.name = name; self.pcnCode = pcnCode; self.pcnName = pcnName
    }
}

/// The groups a practice or PCN split shows, from the place's practice list: each practice (or network) by name,
/// then the referrals no practice made (self-referrals, other agencies, clinicians not on the list).
public enum PracticeGroups {
    public static let noPractice = (key: "none", name: "Not referred by a practice on the list")

    /// Each code once (the first name given for it), in name order.
    public static func unique(_ entries: [(code: String, name: String)]) -> [(code: String, name: String)] {
        var seen: Set<String> = []
        return entries.filter { seen.insert($0.code).inserted }.sorted { ($0.name.lowercased(), $0.code) < ($1.name.lowercased(), $1.code) }
    }

    /// The groups for each practice or network, named with their codes, in name order, then "none".
    public static func groups(_ entries: [(code: String, name: String)]) -> [(key: String, name: String)] {
        unique(entries).map { ($0.code, "\($0.name) (\($0.code))") } + [noPractice]
    }
}

/// A practice list as a file: comma-separated, a header row naming the columns `code`, `name`, `pcn_code` and
/// `pcn_name` (in any order, other columns ignored), then one practice a row. Every row is checked as a typed
/// practice is; every fault is named with its line, and a list with any fault is refused whole.
public enum PracticeList {
    public static let columns = ["code", "name", "pcn_code", "pcn_name"]
    /// The most practices one file may hold.
    public static let maxRows = 2_000

    public static func parse(_ text: String) throws -> [PracticeDraft] {
        let rows = CSVReader().rows(text)
        guard let header = rows.first else { throw ValidationFailure([FieldError("file", "The file is empty: give a header row, then one practice a row")]) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = columns.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw ValidationFailure([FieldError("file", "The first row must name the columns \(columns.joined(separator: ", ")); it has no \(missing.joined(separator: ", "))")])
        }
        let body = rows.dropFirst()
        guard !body.isEmpty else { throw ValidationFailure([FieldError("file", "The file has a header row but no practices")]) }
        guard body.count <= maxRows else { throw ValidationFailure([FieldError("file", "A file may hold \(maxRows) practices at most; this one has \(body.count)")]) }
        let at = Dictionary(columns.map { column in (column, names.firstIndex(of: column)!) }, uniquingKeysWith: { a, _ in a })
        var drafts: [PracticeDraft] = [], faults: [String] = [], lineOfCode: [String: Int] = [:], networkNames: [String: (name: String, line: Int)] = [:]
        for row in body {
            func value(_ column: String) -> String { at[column].flatMap { $0 < row.fields.count ? row.fields[$0] : nil } ?? "" }
            do {
                let draft = try PracticeDraft.checked(code: value("code"), name: value("name"), pcnCode: value("pcn_code"), pcnName: value("pcn_name"))
                if let first = lineOfCode[draft.code] {
                    faults.append("Line \(row.line): \(draft.code) is already on line \(first)")
                    continue
                }
                if let network = networkNames[draft.pcnCode], network.name != draft.pcnName {
                    faults.append("Line \(row.line): \(draft.pcnCode) is named \"\(network.name)\" on line \(network.line): a network has one name")
                    continue
                }
                lineOfCode[draft.code] = row.line
                networkNames[draft.pcnCode] = networkNames[draft.pcnCode] ?? (draft.pcnName, row.line)
                drafts.append(draft)
            } catch let failure as ValidationFailure {
                faults += failure.errors.map { "Line \(row.line): \($0.message)" }
            }
        }
        guard faults.isEmpty else {
            let shown = faults.prefix(20).joined(separator: ". ")
            throw ValidationFailure([FieldError("file", faults.count > 20 ? shown + ". And \(faults.count - 20) more faults" : shown)])
        }
        return drafts
    }
}
