import Foundation

/// A list of codes kept in one text column: their raw values, comma-separated, in the order given. Read back, a
/// value that is no longer a code is left out.
public enum StoredCodes {
    public static func text<Code: RawRepresentable>(_ codes: [Code]) -> String where Code.RawValue == String {
        codes.map(\.rawValue).joined(separator: ",")
    }

    public static func codes<Code: RawRepresentable>(_ text: String) -> [Code] where Code.RawValue == String {
        text.split(separator: ",").compactMap { Code(rawValue: String($0)) }
    }
}
