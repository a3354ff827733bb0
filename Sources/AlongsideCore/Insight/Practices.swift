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
