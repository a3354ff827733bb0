import Foundation

/// A figure as a commissioner may see it: a count rounded, a number of days, or hidden when it would let someone
/// be picked out (a count of 1 to 7, a wait measured on fewer than 8 people).
public enum InsightValue: Equatable, Sendable, CustomStringConvertible {
    case count(Int)
    case days(Double)
    /// A mean change in a score, to two decimals with its sign.
    case change(Double)
    case hidden

    /// Suppressed as DESIGN.md says: 0 stays 0, 1–7 hidden, the rest to the nearest 5. A negative count, or one
    /// beyond any real population, is refused: it can only be a fault.
    public init(suppressing count: Int) throws {
        guard count >= 0 else { throw InsightRefused("A count cannot be negative.") }
        guard count <= 1_000_000_000 else { throw InsightRefused("A count of \(count) is beyond any population.") }
        self = (1...7).contains(count) ? .hidden : .count(SmallNumbers.rounded(count))
    }

    public var description: String {
        switch self {
        case .count(let n): String(n)
        case .days(let d): String(format: "%.1f", d)
        case .change(let c): String(format: "%+.2f", c)
        case .hidden: "*"
        }
    }
}

public struct InsightRefused: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A dashboard's figures split one way: a row a group, a column a measure, and the total. Built from true counts;
/// what leaves is suppressed unless `exact` (a link worker's own caseload), with totals rounded from the true total.
public struct InsightTable: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public let key: String
        public let name: String
        public let values: [InsightValue]
    }

    public let split: InsightSplit
    /// The measures, in column order: (key as the API names it, heading).
    public let measures: [(key: String, name: String)]
    public let rows: [Row]
    public let total: [InsightValue]
    /// For the deprivation split only: how the first measure leans towards the most deprived.
    public let deprivation: DeprivationGap?

    public static func == (a: InsightTable, b: InsightTable) -> Bool {
        a.split == b.split && a.measures.map(\.key) == b.measures.map(\.key) && a.rows == b.rows && a.total == b.total && a.deprivation == b.deprivation
    }

    /// Figures worked out already (and suppressed already) for each group and the total. `groups` replaces the
    /// split's own (a split by practice takes them from the place's list).
    public init(split: InsightSplit, measures: [(key: String, name: String)], figures: [String: [InsightValue]], total: [InsightValue],
                groups: [(key: String, name: String)]? = nil) {
        self.split = split
        self.measures = measures
        rows = (groups ?? split.groups).map { Row(key: $0.key, name: $0.name, values: figures[$0.key] ?? measures.map { _ in .count(0) }) }
        self.total = total
        deprivation = nil
    }

    /// `counts[group key][measure index]`; groups missing from `counts` are zero. `placeLSOAs` is the place's LSOAs in
    /// IMD quintiles 1…5, which stand for its people (LSOAs hold similar numbers of people).
    public init(split: InsightSplit, measures: [(key: String, name: String)], counts: [String: [Int]], exact: Bool = false,
                placeLSOAs: [Int] = [], groups: [(key: String, name: String)]? = nil) throws {
        self.split = split
        self.measures = measures
        func show(_ n: Int) throws -> InsightValue {
            if exact {
                guard n >= 0 else { throw InsightRefused("A count cannot be negative.") }
                return .count(n)
            }
            return try InsightValue(suppressing: n)
        }
        var totals = Array(repeating: 0, count: measures.count)
        var rows: [Row] = []
        for group in groups ?? split.groups {
            let values = counts[group.key] ?? Array(repeating: 0, count: measures.count)
            guard values.count == measures.count else { throw InsightRefused("Each group needs a count for every measure.") }
            for (i, n) in values.enumerated() { totals[i] += n }
            rows.append(Row(key: group.key, name: group.name, values: try values.map(show)))
        }
        self.rows = rows
        total = try totals.map(show)
        if split == .imdQuintile, placeLSOAs.count == 5, !measures.isEmpty {
            let first = (1...5).map { counts[String($0)]?.first ?? 0 }
            deprivation = DeprivationGap(byQuintile: first, placeLSOAs: placeLSOAs, exact: exact)
        } else {
            deprivation = nil
        }
    }
}

/// How a count by deprivation fifth compares with the place's people: the Core20 ratio (the most deprived fifth's
/// share of the count over its share of the place) and the relative index of inequality across the five fifths
/// (per LSOA, which holds similar numbers of people). Nil figures are withheld: a fifth's count is 1 to 7, or
/// there is nothing to compare.
public struct DeprivationGap: Equatable, Sendable {
    public let core20Ratio: Double?
    public let rii: Double?
    /// Each fifth's count per area (LSOA) with its 95% interval, from the count as shown.
    public let rates: [AreaRate]

    public init(byQuintile: [Int], placeLSOAs: [Int], exact: Bool) {
        rates = zip(byQuintile, placeLSOAs).enumerated().map { AreaRate(quintile: $0.offset + 1, count: $0.element.0, areas: $0.element.1, exact: exact) }
        let known = byQuintile.reduce(0, +), lsoas = placeLSOAs.reduce(0, +)
        let withheld = !exact && byQuintile.contains { (1...7).contains($0) }
        guard !withheld, known > 0, lsoas > 0 else { core20Ratio = nil; rii = nil; return }
        core20Ratio = placeLSOAs[0] == 0 ? nil : (Double(byQuintile[0]) / Double(known)) / (Double(placeLSOAs[0]) / Double(lsoas))
        if placeLSOAs.allSatisfy({ $0 > 0 }),
           let index = try? SlopeIndex(values: (0..<5).map { Double(byQuintile[$0]) / Double(placeLSOAs[$0]) }, populations: placeLSOAs),
           index.intercept != 0 {
            rii = index.rii
        } else {
            rii = nil
        }
    }
}

/// A count in a deprivation fifth over the fifth's areas (LSOAs, which hold similar numbers of people), with the
/// count's 95% interval by Byar's method (the exact Poisson interval below 10) divided by the same areas — the rate
/// OHID puts an interval on. Worked out from the count as shown, so it reveals nothing the count does not: nil
/// when the count is hidden or the fifth has no areas here.
public struct AreaRate: Equatable, Sendable {
    public let quintile: Int
    public let shown: InsightValue
    public let areas: Int
    public let rate: Double?
    public let interval: Interval?

    public init(quintile: Int, count: Int, areas: Int, exact: Bool) {
        self.quintile = quintile
        self.areas = areas
        shown = exact ? .count(max(0, count)) : ((try? InsightValue(suppressing: count)) ?? .hidden)
        guard case .count(let n) = shown, areas > 0, let interval = try? Intervals.count(n) else { rate = nil; self.interval = nil; return }
        rate = Double(n) / Double(areas)
        self.interval = Interval(lower: interval.lower / Double(areas), upper: interval.upper / Double(areas))
    }

    /// "2.4 (1.9 to 3.0)", "*" when the count is hidden, "—" when there are no areas.
    public var description: String {
        guard let rate, let interval else { return shown == .hidden ? "*" : "—" }
        return String(format: "%.2f (%.2f to %.2f)", rate, interval.lower, interval.upper)
    }
}
