import Foundation

/// Checks for free text typed by a person: present, and not too long.
public enum Text {
    /// "A", "A and B", "A, B and C".
    public static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    /// A required line of text, trimmed, at most `maxLength` characters.
    public static func required(_ value: String?, field: String, label: String, maxLength: Int = 200) throws -> String {
        let text = (value ?? "").trimmed
        guard !text.isEmpty else { throw FieldError(field, "Enter \(label)") }
        guard text.count <= maxLength else {
            throw FieldError(field, "\(label.prefix(1).uppercased() + label.dropFirst()) must be \(maxLength) characters or fewer")
        }
        return text
    }
}
