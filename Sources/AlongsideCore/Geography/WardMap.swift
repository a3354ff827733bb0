import Foundation

/// The place drawn from its postcodes, so a map shows where things are rather than dots on a grey box.
///
/// Ward boundaries are not published with the postcode files; they are derived here. Every small square of
/// the map belongs to the ward of the nearest postcode (a Voronoi diagram of the postcode points, on a grid,
/// merged by ward); a square with no postcode within `reach` is left empty — the sea, sands and open fells,
/// which draws Morecambe Bay's coast and the edge of the towns. Lines are drawn between squares of different
/// wards, and towns are labelled where their postcodes are.
public struct WardMap: Equatable, Sendable {
    /// A postcode's point on the map (in the map's units, y downwards) and its ward's code.
    public struct Point: Equatable, Sendable {
        public var x: Double
        public var y: Double
        public var ward: String
        public init(x: Double, y: Double, ward: String) { self.x = x; self.y = y; self.ward = ward }
    }

    /// A town's name and where to write it.
    public struct Label: Equatable, Sendable {
        public var text: String
        public var x: Double
        public var y: Double
    }

    /// The map's squares, row by row: an index into `wards`, or -1 where no postcode is near.
    public let cells: [Int]
    public let columns: Int
    public let rows: Int
    /// The side of one square, in map units.
    public let cell: Double
    public let wards: [String]

    /// - Parameters:
    ///   - points: the postcodes in and near the view, in map units;
    ///   - width, height: the view, in map units, from (0, 0);
    ///   - cell: the side of a square, in map units;
    ///   - reach: how far a square may be from its nearest postcode and still be land people live on.
    public init(points: [Point], width: Double, height: Double, cell: Double, reach: Double) {
        let columns = max(1, Int((width / cell).rounded(.up))), rows = max(1, Int((height / cell).rounded(.up)))
        var wards: [String] = [], index: [String: Int] = [:]
        for p in points where index[p.ward] == nil { index[p.ward] = wards.count; wards.append(p.ward) }
        // Points sorted into buckets as wide as the reach, so each square looks only at its neighbours.
        let bucket = max(reach, cell)
        var buckets: [Int64: [Int]] = [:]
        func key(_ bx: Int, _ by: Int) -> Int64 { Int64(bx) << 32 | Int64(UInt32(bitPattern: Int32(by))) }
        for (i, p) in points.enumerated() {
            buckets[key(Int((p.x / bucket).rounded(.down)), Int((p.y / bucket).rounded(.down))), default: []].append(i)
        }
        var cells = Array(repeating: -1, count: columns * rows)
        let reach2 = reach * reach
        for r in 0..<rows {
            for c in 0..<columns {
                let x = (Double(c) + 0.5) * cell, y = (Double(r) + 0.5) * cell
                let bx = Int((x / bucket).rounded(.down)), by = Int((y / bucket).rounded(.down))
                var best = -1, bestDistance = reach2
                for dx in -1...1 {
                    for dy in -1...1 {
                        for i in buckets[key(bx + dx, by + dy)] ?? [] {
                            let ex = points[i].x - x, ey = points[i].y - y
                            let d = ex * ex + ey * ey
                            // Ties go to the ward listed first, so a map is drawn the same every time.
                            if d < bestDistance || (d == bestDistance && best >= 0 && index[points[i].ward]! < best) {
                                bestDistance = d
                                best = index[points[i].ward]!
                            }
                        }
                    }
                }
                cells[r * columns + c] = best
            }
        }
        self.cells = cells
        self.columns = columns
        self.rows = rows
        self.cell = cell
        self.wards = wards
    }

    public func ward(column: Int, row: Int) -> Int {
        guard column >= 0, column < columns, row >= 0, row < rows else { return -1 }
        return cells[row * columns + column]
    }

    /// The land as one SVG path: each row's runs of squares that belong to a ward.
    public var landPath: String { runs { $0 >= 0 } }

    /// One ward's land (by its index in `wards`) as an SVG path, to fill it on its own.
    public func landPath(ward index: Int) -> String { runs { $0 == index } }

    /// The middle of a ward's squares, where its figure is written; nil when it has none in view.
    public func centre(ward index: Int) -> (x: Double, y: Double)? {
        var x = 0.0, y = 0.0, n = 0
        for r in 0..<rows {
            for c in 0..<columns where cells[r * columns + c] == index {
                x += Double(c); y += Double(r); n += 1
            }
        }
        guard n > 0 else { return nil }
        return ((x / Double(n) + 0.5) * cell, (y / Double(n) + 0.5) * cell)
    }

    private func runs(_ included: (Int) -> Bool) -> String {
        var d = ""
        for r in 0..<rows {
            var c = 0
            while c < columns {
                guard included(ward(column: c, row: r)) else { c += 1; continue }
                let start = c
                while c < columns, included(ward(column: c, row: r)) { c += 1 }
                d += "M\(Self.number(Double(start) * cell)) \(Self.number(Double(r) * cell))h\(Self.number(Double(c - start) * cell))v\(Self.number(cell))h\(Self.number(-Double(c - start) * cell))z"
            }
        }
        return d
    }

    /// Ward boundaries as one SVG path: every edge between two squares of different wards (land on both sides),
    /// joined into longer lines where they run on.
    public var boundaryPath: String { edges { a, b in a >= 0 && b >= 0 && a != b } }

    /// The edge of the land: between a square of a ward and an empty one.
    public var coastPath: String { edges { a, b in (a >= 0) != (b >= 0) } }

    private func edges(_ differ: (Int, Int) -> Bool) -> String {
        var d = ""
        // Vertical edges, column line by column line, joined down the line.
        for c in 1..<max(columns, 2) where c < columns {
            var r = 0
            while r < rows {
                guard differ(ward(column: c - 1, row: r), ward(column: c, row: r)) else { r += 1; continue }
                let start = r
                while r < rows, differ(ward(column: c - 1, row: r), ward(column: c, row: r)) { r += 1 }
                d += "M\(Self.number(Double(c) * cell)) \(Self.number(Double(start) * cell))v\(Self.number(Double(r - start) * cell))"
            }
        }
        // Horizontal edges, row line by row line, joined along the line.
        for r in 1..<max(rows, 2) where r < rows {
            var c = 0
            while c < columns {
                guard differ(ward(column: c, row: r - 1), ward(column: c, row: r)) else { c += 1; continue }
                let start = c
                while c < columns, differ(ward(column: c, row: r - 1), ward(column: c, row: r)) { c += 1 }
                d += "M\(Self.number(Double(start) * cell)) \(Self.number(Double(r) * cell))h\(Self.number(Double(c - start) * cell))"
            }
        }
        return d
    }

    /// Where each town's name goes: the middle of its postcodes in view, for towns with at least `minimum` of
    /// them in view (a town at the map's edge is not labelled by its last few streets).
    public static func labels(_ towns: [(name: String, points: [(x: Double, y: Double)])], width: Double, height: Double,
                              minimum: Int = 20) -> [Label] {
        towns.compactMap { town in
            let inside = town.points.filter { $0.x >= 0 && $0.x <= width && $0.y >= 0 && $0.y <= height }
            guard inside.count >= minimum else { return nil }
            let x = inside.map(\.x).reduce(0, +) / Double(inside.count), y = inside.map(\.y).reduce(0, +) / Double(inside.count)
            return Label(text: town.name, x: x, y: y)
        }
    }

    /// Map units to one decimal place, without a trailing ".0".
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : String(format: "%.1f", Double(tenths) / 10)
    }
}

/// The post towns of the place's postcode districts, as Royal Mail names them, for labelling maps: the towns
/// whose streets make up most of each district. Districts not listed are not labelled.
public enum PostTowns {
    /// Lancaster district's own: LA1 is Lancaster, LA4 Morecambe, LA3 Heysham (post town Morecambe), LA5 Carnforth.
    public static let lancasterDistrict: [String: String] = ["LA1": "Lancaster", "LA3": "Heysham", "LA4": "Morecambe", "LA5": "Carnforth"]

    /// The postcode's district ("LA4" of "LA4 4AA").
    public static func district(of postcode: String) -> String {
        String(postcode.split(separator: " ").first ?? "")
    }
}

/// A ward as people can recognise it. The postcode files give wards only as ONS codes, so a ward is named by
/// the town of most of its postcodes and its largest postcode sectors: "Morecambe: LA4 4, LA4 5".
public struct WardArea: Equatable, Sendable {
    public let code: String
    /// Its postcode sectors ("LA4 4"), the most postcodes first.
    public let sectors: [String]

    public init(code: String, sectors: [String]) { self.code = code; self.sectors = sectors }

    /// From every postcode and its ward: each ward with its sectors, the wards in order of their names.
    public static func from(_ postcodes: [(postcode: String, ward: String)]) -> [WardArea] {
        var counts: [String: [String: Int]] = [:]
        for (postcode, ward) in postcodes {
            counts[ward, default: [:]][sector(of: postcode), default: 0] += 1
        }
        return counts.map { ward, sectors in
            WardArea(code: ward, sectors: sectors.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key))
        }.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
    }

    /// "LA4 4" of "LA4 4AA".
    public static func sector(of postcode: String) -> String {
        let parts = postcode.split(separator: " ")
        guard parts.count == 2, let digit = parts[1].first else { return postcode }
        return "\(parts[0]) \(digit)"
    }

    /// "Morecambe: LA4 4, LA4 5" — the town when its district is one of the place's own, and at most three sectors.
    public var name: String {
        let shown = sectors.prefix(3).joined(separator: ", ")
        guard let first = sectors.first, let town = PostTowns.lancasterDistrict[PostTowns.district(of: first)] else { return shown }
        return "\(town): \(shown)"
    }
}
