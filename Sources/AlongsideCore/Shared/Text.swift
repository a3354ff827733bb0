import Foundation

/// Checks for free text typed by a person: present, and not too long.
public enum Text {
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
