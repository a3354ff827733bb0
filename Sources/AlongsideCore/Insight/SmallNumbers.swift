import Foundation

/// DESIGN.md's small-number suppression for every aggregate shown or exported: a count from 1 to 7 is `*`,
/// other counts are rounded to the nearest 5, and a rate whose numerator or denominator is suppressed is
/// suppressed too.
public enum SmallNumbers {
    /// A count as it may be shown: "0", "*", or the nearest multiple of 5 ("10" for 12, "15" for 13).
    public static func shown(_ count: Int) -> String {
        if count == 0 { return "0" }
        if (1...7).contains(count) { return "*" }
        return String(rounded(count))
    }

    /// The nearest multiple of 5 (halves up).
    public static func rounded(_ count: Int) -> Int { (count + 2) / 5 * 5 }

    /// A percentage as it may be shown, from the rounded counts: "*" when either count is suppressed, "–" when
    /// there is nothing to divide by; otherwise a whole percent ("43%").
    public static func percent(_ numerator: Int, of denominator: Int) -> String {
        if denominator == 0 { return "–" }
        if (1...7).contains(numerator) || (1...7).contains(denominator) { return "*" }
        let (n, d) = (rounded(numerator), rounded(denominator))
        guard d > 0 else { return "–" }
        return "\((n * 200 + d) / (2 * d))%"
    }
}

/// Who took part, by the deprivation fifth of where they live (IMD 2019 quintile of their postcode's LSOA,
/// 1 = the most deprived fifth of England), against the place: the share of its LSOAs in each fifth. LSOAs are
/// drawn to hold similar numbers of people, so that share stands for the share of the place's people.
public struct Participation: Equatable, Sendable {
    /// Participants in quintiles 1…5 (index 0 is quintile 1).
    public var byQuintile: [Int]
    /// Participants whose postcode or its deprivation is not known.
    public var unknown: Int
    /// The place's LSOAs in quintiles 1…5.
    public var placeLSOAs: [Int]

    public init(byQuintile: [Int], unknown: Int, placeLSOAs: [Int]) {
        self.byQuintile = byQuintile; self.unknown = unknown; self.placeLSOAs = placeLSOAs
    }

    /// From counts by IMD decile (nil: not known) for participants and for the place's LSOAs.
    public init(participantDeciles: [Int?: Int], lsoaDeciles: [Int?: Int]) {
        var people = Array(repeating: 0, count: 5), lsoas = Array(repeating: 0, count: 5), unknown = 0
        for (decile, n) in participantDeciles {
            if let decile, (1...10).contains(decile) { people[(decile - 1) / 2] += n } else { unknown += n }
        }
        for (decile, n) in lsoaDeciles { if let decile, (1...10).contains(decile) { lsoas[(decile - 1) / 2] += n } }
        self.init(byQuintile: people, unknown: unknown, placeLSOAs: lsoas)
    }

    public var total: Int { byQuintile.reduce(0, +) + unknown }
    public var known: Int { byQuintile.reduce(0, +) }

    /// One row a quintile, every number suppressed as DESIGN.md says: the fifth, participants, their share of
    /// participants whose fifth is known, and the place's share.
    public var rows: [(quintile: String, people: String, share: String, place: String)] {
        let lsoas = placeLSOAs.reduce(0, +)
        return (0..<5).map { q in
            let name = q == 0 ? "1 (most deprived)" : q == 4 ? "5 (least deprived)" : "\(q + 1)"
            let place = lsoas == 0 ? "–" : "\((placeLSOAs[q] * 200 + lsoas) / (2 * lsoas))%"
            return (name, SmallNumbers.shown(byQuintile[q]), SmallNumbers.percent(byQuintile[q], of: known), place)
        }
    }
}
