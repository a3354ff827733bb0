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

    /// A required line of text (or, `multiline`, a longer text with line breaks), trimmed, at most `maxLength`
    /// characters, with no control characters.
    public static func required(_ value: String?, field: String, label: String, maxLength: Int = 200, multiline: Bool = false) throws -> String {
        let text = (value ?? "").trimmed
        guard !text.isEmpty else { throw FieldError(field, "Enter \(label)") }
        guard !hasControlCharacters(text, allowingLineBreaks: multiline) else {
            throw FieldError(field, "\(label.prefix(1).uppercased() + label.dropFirst()) has a character that cannot be typed "
                             + (multiline ? "(such as NUL): type it again" : "(such as NUL or a line break): type it again on one line"))
        }
        guard text.count <= maxLength else {
            throw FieldError(field, "\(label.prefix(1).uppercased() + label.dropFirst()) must be \(maxLength) characters or fewer")
        }
        return text
    }

    /// Whether `text` holds a control character (NUL, escape, a line break…) that nobody types into one line;
    /// `allowingLineBreaks` lets through the line breaks and tabs of a longer note.
    public static func hasControlCharacters(_ text: String, allowingLineBreaks: Bool = false) -> Bool {
        text.unicodeScalars.contains { scalar in
            if allowingLineBreaks, scalar == "\n" || scalar == "\r" || scalar == "\t" { return false }
            return isControl(scalar)
        }
    }

    /// A control character, or one of the Unicode line and paragraph separators that end a line as one does.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// `text` with each character that `replacement` names written as it says, and every other kept.
    public static func escaping(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let written = replacement(scalar) { out += written } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
