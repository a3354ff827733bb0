/// A UK postcode in its standard written form: upper case, one space before the last three characters
/// ("LA1 1AA"). Accepts any spacing or case as typed.
public struct Postcode: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String
    public var description: String { value }

    public init(_ raw: String?, field: String = "postcode") throws {
        let compact = (raw ?? "").uppercased().filter { !$0.isWhitespace }
        guard !compact.isEmpty else { throw FieldError(field, "Enter a postcode") }
        guard Postcode.isWellFormed(compact) else {
            throw FieldError(field, "Enter a full UK postcode, like LA1 1AA")
        }
        value = String(compact.dropLast(3)) + " " + String(compact.suffix(3))
    }

    /// Outward code (2–4 characters: letters then a digit, and maybe a letter or digit), then inward code
    /// (a digit and two letters).
    private static func isWellFormed(_ s: String) -> Bool {
        let chars = Array(s)
        guard (5...7).contains(chars.count), chars.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return false
        }
        let inward = chars.suffix(3)
        let outward = chars.prefix(chars.count - 3)
        guard inward.first!.isNumber, inward.dropFirst().allSatisfy(\.isLetter) else { return false }
        guard outward.first!.isLetter, outward.contains(where: \.isNumber) else { return false }
        return true
    }
}

/// What Alongside knows about a postcode: where it is, its LSOA and how deprived that LSOA is.
public struct PostcodePlace: Equatable, Sendable, Codable {
    public let postcode: String
    public let coordinate: Coordinate
    public let lsoa: String?
    public let imdDecile: Int?

    public init(postcode: String, coordinate: Coordinate, lsoa: String?, imdDecile: Int?) {
        self.postcode = postcode
        self.coordinate = coordinate
        self.lsoa = lsoa
        self.imdDecile = imdDecile
    }

    /// IMD quintile (1 = most deprived fifth of England), from the decile.
    public var imdQuintile: Int? { imdDecile.map { ($0 + 1) / 2 } }
}
