import AlongsideCore
import Foundation

/// The unmet need map: the place's wards drawn on the server from its postcodes (`WardMap`, no tiles from
/// anywhere), each shaded by how many people with one need had nothing within reach — the figure as shown, in
/// fixed bands — with the figure written on the ward, and the same figures in a table beside it.
enum UnmetNeedMap {
    static let width = 600.0

    /// Ward shades, lightest to darkest; the first is hatched grey for too few to show.
    static func fill(_ shade: GapShade) -> String {
        switch shade {
        case .tooFew: "url(#too-few)"
        case .none: "#f0f4f5"
        case .few: "#d2e4f4"
        case .tenToTwenty: "#8fb8de"
        case .upToFifty: "#41b6e6"
        case .overFifty: "#005eb8"
        }
    }

    /// Text on a ward: dark on light shades, white on the darkest.
    static func ink(_ shade: GapShade) -> String { shade == .overFifty ? "#ffffff" : "#0b0c0c" }

    /// - Parameters:
    ///   - points: every postcode of the place with its ward;
    ///   - figures: each ward's "nothing within reach" as shown, nil when too few to show (wards missing: no one with the need).
    static func render(need: Need, points: [(postcode: String, coordinate: Coordinate, ward: String)], figures: [String: InsightValue?],
                       names: [String: String]) -> Node {
        guard let south = points.map(\.coordinate.latitude).min(), let north = points.map(\.coordinate.latitude).max(),
              let west = points.map(\.coordinate.longitude).min(), let east = points.map(\.coordinate.longitude).max() else {
            return el("p") { "The place's postcodes are not loaded, so there is no map; the figures are in the table." }
        }
        let middle = (south + north) / 2, across = cos(middle * .pi / 180)
        let margin = 8.0
        let scale = (width - 2 * margin) / max((east - west) * across, 0.0001)
        let height = ((north - south) * scale + 2 * margin).rounded(.up)
        func place(_ c: Coordinate) -> (Double, Double) {
            (margin + (c.longitude - west) * across * scale, margin + (north - c.latitude) * scale)
        }
        let map = WardMap(points: points.map { p in let (x, y) = place(p.coordinate); return WardMap.Point(x: x, y: y, ward: p.ward) },
                          width: width, height: height, cell: 4, reach: 500 / 111_195 * scale)
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        let shown = map.wards.filter { figures[$0] != nil && figures[$0]! != nil }.count
        return el("svg", .init("xmlns", "http://www.w3.org/2000/svg"), .init("viewBox", "0 0 \(Int(width)) \(Int(height))"),
                  .init("width", "100%"), .class("map"), .init("role", "img"), .init("aria-labelledby", "gap-map-title")) {
            el("title", .id("gap-map-title")) {
                "Map of the place's \(map.wards.count) wards, shaded by the people who needed help with \(need.title.lowercased()) and had nothing within reach; \(shown) wards have a figure to show. The same figures are in the table that follows."
            }
            el("defs") {
                el("pattern", .id("too-few"), .init("width", "6"), .init("height", "6"), .init("patternUnits", "userSpaceOnUse"),
                   .init("patternTransform", "rotate(45)")) {
                    el("rect", .init("width", "6"), .init("height", "6"), .init("fill", "#e8edee"))
                    el("line", .init("x1", "0"), .init("y1", "0"), .init("x2", "0"), .init("y2", "6"), .init("stroke", "#aeb7bd"), .init("stroke-width", "2"))
                }
            }
            for (index, ward) in map.wards.enumerated() {
                el("path", .init("d", map.landPath(ward: index)), .init("fill", fill(GapShade(figures[ward] ?? nil)))) {
                    el("title") { "\(names[ward] ?? ward): \(label(figures[ward]))" }
                }
            }
            el("path", .init("d", map.boundaryPath), .init("fill", "none"), .init("stroke", "#ffffff"), .init("stroke-width", "1.5"))
            el("path", .init("d", map.coastPath), .init("fill", "none"), .init("stroke", "#425563"), .init("stroke-width", "1"))
            for (index, ward) in map.wards.enumerated() {
                if let figure = figures[ward] ?? nil, let centre = map.centre(ward: index) {
                    el("text", .init("x", f(centre.x)), .init("y", f(centre.y + 4)), .init("text-anchor", "middle"), .init("font-size", "12"),
                       .init("font-family", "Arial, sans-serif"), .init("font-weight", "bold"), .init("fill", ink(GapShade(figure)))) { figure.description }
                }
            }
        }
    }

    /// A ward's figure in words, for the map's own labels and the table.
    static func label(_ figure: InsightValue??) -> String {
        switch figure {
        case .none: "no one with the need"
        case .some(.none): "too few to show"
        case .some(.some(let value)): value.description
        }
    }

    /// What each shade means, as a list beside the map.
    static func legend() -> Node {
        el("ul", .class("map-legend")) {
            for shade in GapShade.allCases {
                el("li") {
                    el("svg", .init("xmlns", "http://www.w3.org/2000/svg"), .init("width", "16"), .init("height", "16"), .init("aria-hidden", "true"),
                       .init("viewBox", "0 0 16 16")) {
                        if shade == .tooFew {
                            el("rect", .init("width", "16"), .init("height", "16"), .init("fill", "#e8edee"), .init("stroke", "#aeb7bd"), .init("stroke-dasharray", "2 2"))
                        } else {
                            el("rect", .init("width", "16"), .init("height", "16"), .init("fill", fill(shade)), .init("stroke", "#425563"))
                        }
                    }
                    " \(shade.title)"
                }
            }
        }
    }
}
