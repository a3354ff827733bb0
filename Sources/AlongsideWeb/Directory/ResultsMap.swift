import AlongsideCore
import Foundation

/// A small map drawn on the server as SVG: the searched postcode in the middle, a ring at the search
/// distance, and each result as a numbered marker matching its number in the list beside it.
enum ResultsMap {
    struct Marker {
        let number: Int
        let label: String
        let coordinate: Coordinate
    }

    static let size = 300.0

    static func render(centre: Coordinate, centreLabel: String, radius: Double, markers: [Marker], titleID: String = "map-title") -> Node {
        let furthest = markers.map { $0.coordinate.distance(to: centre) }.max() ?? 0
        let span = max(radius, furthest, 500) * 1.1
        let scale = (size / 2 - 12) / span
        func point(_ c: Coordinate) -> (Double, Double) {
            let dx = (c.longitude - centre.longitude) * 111_195 * cos(centre.latitude * .pi / 180)
            let dy = (c.latitude - centre.latitude) * 111_195
            return (size / 2 + dx * scale, size / 2 - dy * scale)
        }
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        let miles = radius / 1609.344
        return el("svg", .init("xmlns", "http://www.w3.org/2000/svg"), .init("viewBox", "0 0 \(Int(size)) \(Int(size))"),
                  .init("width", "100%"), .init("class", "map"), .init("role", "img"), .init("aria-labelledby", titleID)) {
            el("title", .id(titleID)) {
                "Map of \(markers.count) \(markers.count == 1 ? "result" : "results") around \(centreLabel)"
                    + (radius.isFinite ? ", with a ring at \(String(format: "%g", (miles * 10).rounded() / 10)) miles" : "")
            }
            el("rect", .init("x", "0"), .init("y", "0"), .init("width", "\(Int(size))"), .init("height", "\(Int(size))"), .init("fill", "#f0f4f5"))
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
