/// An email address as Alongside keeps it: trimmed and lower-cased, so one person has one account.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public var description: String { value }

    /// Checks the shape of an address: something@domain.tld, no spaces, at most 254 characters.
    public init(_ raw: String?, field: String = "email") throws {
        let text = (raw ?? "").trimmed.lowercased()
        guard !text.isEmpty else { throw FieldError(field, "Enter an email address") }
        guard text.count <= 254 else { throw FieldError(field, "Email address must be 254 characters or fewer") }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let shapeIsRight = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !text.contains(where: \.isWhitespace)
        guard shapeIsRight else {
            throw FieldError(field, "Enter an email address in the correct format, like name@example.com")
        }
        value = text
    }
}
