import Foundation

/// An NHS number: ten digits whose last is a Modulus 11 check digit of the other nine (weights 10 down to 2).
/// Typed with or without spaces or hyphens; kept as ten digits; shown as `943 476 5919`.
public struct NHSNumber: Equatable, Hashable, Sendable, Codable {
    public let digits: String

    public init(_ text: String, field: String = "nhs_number") throws {
        let digits = text.filter { !$0.isWhitespace && $0 != "-" }
        guard digits.count == 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw FieldError(field, "Enter the NHS number as 10 digits, like 943 476 5919")
        }
        let values = digits.compactMap { $0.wholeNumberValue }
        let sum = zip(values.prefix(9), (2...10).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
        let check = 11 - sum % 11
        guard check != 10, (check == 11 ? 0 : check) == values[9] else {
            throw FieldError(field, "This is not a valid NHS number: check the digits (the last one is a check digit)")
        }
        self.digits = digits
    }

    /// `943 476 5919`.
    public var formatted: String {
        let d = Array(digits)
        return String(d[0..<3]) + " " + String(d[3..<6]) + " " + String(d[6..<10])
    }
}
