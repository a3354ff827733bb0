import BigInt

/// An exact fraction, always in lowest terms with a positive denominator: counts of money and votes are
/// never rounded on the way (a budget shared by 1,837 voters is 700,000/1,837 each, not 381.05…).
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: BigInt
    public let denominator: BigInt

    public init(_ value: Int) { numerator = BigInt(value); denominator = 1 }
    public init(_ value: BigInt) { numerator = value; denominator = 1 }

    /// `numerator / denominator`, reduced. The denominator must not be zero.
    public init(_ numerator: BigInt, _ denominator: BigInt) {
        precondition(!denominator.isZero, "A fraction's denominator cannot be zero")
        let sign: BigInt = denominator.sign == .minus ? -1 : 1
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        if divisor == 1 || divisor == 0 {
            self.numerator = numerator * sign
            self.denominator = denominator * sign
        } else {
            self.numerator = numerator / divisor * sign
            self.denominator = denominator / divisor * sign
        }
    }

    public init(_ numerator: Int, _ denominator: Int) { self.init(BigInt(numerator), BigInt(denominator)) }

    public static let zero = Rational(0)

    public var isZero: Bool { numerator.isZero }

    /// The largest whole number not above this one.
    public var floor: BigInt {
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        return r.sign == .minus && !r.isZero ? q - 1 : q
    }

    public static func + (a: Rational, b: Rational) -> Rational {
        if a.denominator == b.denominator { return Rational(a.numerator + b.numerator, a.denominator) }
        return Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func - (a: Rational, b: Rational) -> Rational {
        if a.denominator == b.denominator { return Rational(a.numerator - b.numerator, a.denominator) }
        return Rational(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    public static func / (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator, a.denominator * b.numerator)
    }

    public static func * (a: Rational, b: Int) -> Rational { Rational(a.numerator * BigInt(b), a.denominator) }
    public static func / (a: Rational, b: Int) -> Rational { Rational(a.numerator, a.denominator * BigInt(b)) }

    public static func < (a: Rational, b: Rational) -> Bool {
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// As a decimal for people to read, rounded half up to `places` (never used for counting).
    public func decimal(places: Int) -> String {
        let scale = BigInt(10).power(places)
        let negative = numerator.sign == .minus && !numerator.isZero
        let magnitude = negative ? -numerator : numerator
        let scaled = (magnitude * scale * 2 + denominator) / (denominator * 2)
        let whole = scaled / scale, part = scaled % scale
        var text = "\(whole)"
        if places > 0 {
            let digits = String(part)
            text += "." + String(repeating: "0", count: places - digits.count) + digits
        }
        return (negative && !scaled.isZero ? "-" : "") + text
    }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }
}
