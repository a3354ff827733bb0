import AlongsideCore
import Foundation

/// A small map drawn on the server as SVG: the wards around (drawn from the postcodes, `WardMap`) with the
/// towns named, the searched postcode in the middle, a ring at the search distance, and each result as a
/// numbered marker matching its number in the list beside it.
enum ResultsMap {
    struct Marker {
        let number: Int
        let label: String
        let coordinate: Coordinate
    }

    static let size = 300.0
    /// How far from a postcode a square of the map is still land people live on, in metres.
    static let reach = 500.0

    /// A postcode with its ward, to draw the wards around the results.
    typealias WardPoint = (postcode: String, coordinate: Coordinate, ward: String)

    /// Half the width of the map, in metres: the ring and every marker in view, and at least 500 m.
    static func span(centre: Coordinate, radius: Double, markers: [Marker]) -> Double {
        let furthest = markers.map { $0.coordinate.distance(to: centre) }.max() ?? 0
        return max(radius.isFinite ? radius : 0, furthest, 500) * 1.1
    }

    /// The box of latitude and longitude whose postcodes decide the wards drawn (the view, and a reach beyond).
    static func bounds(centre: Coordinate, span: Double) -> (south: Double, west: Double, north: Double, east: Double) {
        let metres = span + reach
        let dLat = metres / 111_195, dLon = metres / (111_195 * cos(centre.latitude * .pi / 180))
        return (centre.latitude - dLat, centre.longitude - dLon, centre.latitude + dLat, centre.longitude + dLon)
    }

    static func render(centre: Coordinate, centreLabel: String, radius: Double, markers: [Marker], titleID: String = "map-title",
                       wards: [WardPoint] = []) -> Node {
        let span = span(centre: centre, radius: radius, markers: markers)
        let scale = (size / 2 - 12) / span
        func point(_ c: Coordinate) -> (Double, Double) {
            let dx = (c.longitude - centre.longitude) * 111_195 * cos(centre.latitude * .pi / 180)
            let dy = (c.latitude - centre.latitude) * 111_195
            return (size / 2 + dx * scale, size / 2 - dy * scale)
        }
        let placed = wards.map { w in (w, point(w.coordinate)) }
        let map = wards.isEmpty ? nil : WardMap(points: placed.map { WardMap.Point(x: $0.1.0, y: $0.1.1, ward: $0.0.ward) },
                                                width: size, height: size, cell: 4, reach: reach * scale)
        let towns = Dictionary(grouping: placed.filter { PostTowns.lancasterDistrict[PostTowns.district(of: $0.0.postcode)] != nil }) {
            PostTowns.lancasterDistrict[PostTowns.district(of: $0.0.postcode)]!
        }
        let labels = WardMap.labels(towns.sorted { $0.key < $1.key }.map { ($0.key, $0.value.map { (x: $0.1.0, y: $0.1.1) }) }, width: size, height: size)
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        let miles = radius / 1609.344
        var title = "Map of \(markers.count) \(markers.count == 1 ? "result" : "results") around \(centreLabel)"
        if radius.isFinite { title += ", with a ring at \(String(format: "%g", (miles * 10).rounded() / 10)) miles" }
        if map != nil { title += ". Lines mark wards; the shaded areas have no addresses" }
        if !labels.isEmpty { title += ". " + labels.map(\.text).joined(separator: ", ") + " named" }
        return el("svg", .init("xmlns", "http://www.w3.org/2000/svg"), .init("viewBox", "0 0 \(Int(size)) \(Int(size))"),
                  .init("width", "100%"), .init("class", "map"), .init("role", "img"), .init("aria-labelledby", titleID)) {
            el("title", .id(titleID)) { title }
            el("rect", .init("x", "0"), .init("y", "0"), .init("width", "\(Int(size))"), .init("height", "\(Int(size))"), .init("fill", "#e8edee"))
            if let map {
                el("path", .init("d", map.landPath), .init("fill", "#ffffff"))
                el("path", .init("d", map.boundaryPath), .init("fill", "none"), .init("stroke", "#aeb7bd"), .init("stroke-width", "1"))
                el("path", .init("d", map.coastPath), .init("fill", "none"), .init("stroke", "#768692"), .init("stroke-width", "1.5"))
            }
            for label in labels {
                // Kept inside the map, so a town near the edge is named in full.
                let halfWidth = Double(label.text.count) * 3.8 + 4
                el("text", .init("x", f(min(max(label.x, halfWidth), size - halfWidth))), .init("y", f(min(max(label.y, 16), size - 6))), .init("text-anchor", "middle"), .init("font-size", "13"),
                   .init("font-family", "Arial, sans-serif"), .init("font-weight", "bold"), .init("fill", "#425563"),
                   .init("stroke", "#ffffff"), .init("stroke-width", "3"), .class("map-label")) { label.text }
            }
            if radius.isFinite {
                el("circle", .init("cx", f(size / 2)), .init("cy", f(size / 2)), .init("r", f(radius * scale)),
                   .init("fill", "none"), .init("stroke", "#005eb8"), .init("stroke-dasharray", "4 4"))
            }
            el("path", .init("d", "M\(f(size / 2)) \(f(size / 2 - 9)) L\(f(size / 2 + 8)) \(f(size / 2 + 6)) L\(f(size / 2 - 8)) \(f(size / 2 + 6)) Z"),
               .init("fill", "#0b0c0c"))
            for marker in markers {
                let (x, y) = point(marker.coordinate)
                el("g") {
                    el("title") { "\(marker.number). \(marker.label)" }
                    el("circle", .init("cx", f(x)), .init("cy", f(y)), .init("r", "10"), .init("fill", "#005eb8"), .init("stroke", "#ffffff"), .init("stroke-width", "2"))
                    el("text", .init("x", f(x)), .init("y", f(y + 4)), .init("text-anchor", "middle"), .init("font-size", "11"),
                       .init("font-family", "Arial, sans-serif"), .init("fill", "#ffffff")) { "\(marker.number)" }
                }
            }
        }
    }

    /// "0.4 miles", "3 miles".
    static func miles(_ metres: Double) -> String {
        let miles = metres / 1609.344
        return miles < 10 ? String(format: "%.1f miles", miles) : String(format: "%.0f miles", miles)
    }
}
