import AlongsideCore
import Foundation

/// A line chart drawn on the server as SVG: no script, readable by screen readers through its title and
/// description, always shown with the numbers beside it in a table by the page that uses it.
enum LineChart {
    struct Series {
        let name: String
        let points: [(at: Date, value: Double)]
    }

    /// Colours from the NHS palette, each with a different marker so the lines differ without colour too.
    static let colours = ["#005eb8", "#007f3b", "#8a1538", "#330072"]
    static let markers = ["circle", "square", "diamond", "triangle"]

    static func svg(id: String, title: String, description: String, series: [Series], yRange: ClosedRange<Double>, yTicks: [Double]) -> Node {
        // Narrow enough that its words stay readable on a phone, where it is drawn about 300 pixels wide.
        let width = 400.0, height = 230.0, left = 34.0, right = 10.0, top = 14.0, bottom = 36.0
        let dates = series.flatMap { $0.points.map(\.at) }
        let first = dates.min() ?? Date(), last = dates.max() ?? Date()
        let span = max(last.timeIntervalSince(first), 1)
        // Points sit a little inside the axes so a marker never covers a label.
        let inset = 12.0
        func x(_ d: Date) -> Double {
            dates.count < 2 || first == last ? left + (width - left - right) / 2
                : left + inset + (width - left - right - 2 * inset) * d.timeIntervalSince(first) / span
        }
        func y(_ v: Double) -> Double { top + (height - top - bottom) * (1 - (v - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound)) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        // Dates along the bottom, never so close that they overlap: the last always shows, the first when it fits.
        var shown: [Date] = []
        for date in Array(Set(dates.map { Calendar.ukCivil.startOfDay(for: $0) })).sorted().reversed()
        where shown.last.map({ x($0) - x(date) >= 120 }) ?? true {
            shown.append(date)
        }
        return el("figure", .class("chart")) {
            el("svg", .init("viewBox", "0 0 \(Int(width)) \(Int(height))"), .init("role", "img"), .init("aria-labelledby", "\(id)-title \(id)-desc"),
               .init("xmlns", "http://www.w3.org/2000/svg"), .init("focusable", "false")) {
                el("title", .id("\(id)-title")) { title }
                el("desc", .id("\(id)-desc")) { description }
                for tick in yTicks {
                    el("line", .init("x1", f(left)), .init("x2", f(width - right)), .init("y1", f(y(tick))), .init("y2", f(y(tick))), .class("grid"))
                    el("text", .init("x", f(left - 6)), .init("y", f(y(tick) + 4)), .init("text-anchor", "end"), .class("axis")) { String(format: tick.rounded() == tick ? "%.0f" : "%.1f", tick) }
                }
                for date in shown {
                    let anchor = x(date) > width - right - 60 ? "end" : x(date) < left + 60 ? "start" : "middle"
                    el("text", .init("x", f(x(date))), .init("y", f(height - bottom + 20)), .init("text-anchor", anchor), .class("axis")) { UKDates.short(date) }
                }
                for (index, s) in series.enumerated() where !s.points.isEmpty {
                    let colour = colours[index % colours.count]
                    if s.points.count > 1 {
                        el("polyline", .init("points", s.points.map { "\(f(x($0.at))),\(f(y($0.value)))" }.joined(separator: " ")),
                           .init("fill", "none"), .init("stroke", colour), .init("stroke-width", "3"))
                    }
                    for point in s.points { marker(markers[index % markers.count], x: x(point.at), y: y(point.value), colour: colour) }
                }
            }
            if series.count > 1 {
                el("figcaption") {
                    el("ul", .class("legend")) {
                        for (index, s) in series.enumerated() {
                            el("li") {
                                el("svg", .init("viewBox", "0 0 20 20"), .init("width", "20"), .init("height", "20"), .init("aria-hidden", "true"), .init("focusable", "false")) {
                                    marker(markers[index % markers.count], x: 10, y: 10, colour: colours[index % colours.count])
                                }
                                " " + s.name
                            }
                        }
                    }
                }
            }
        }
    }

    static func marker(_ shape: String, x: Double, y: Double, colour: String) -> Node {
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        switch shape {
        case "square":
            return el("rect", .init("x", f(x - 5)), .init("y", f(y - 5)), .init("width", "10"), .init("height", "10"), .init("fill", colour))
        case "diamond":
            return el("polygon", .init("points", "\(f(x)),\(f(y - 7)) \(f(x + 7)),\(f(y)) \(f(x)),\(f(y + 7)) \(f(x - 7)),\(f(y))"), .init("fill", colour))
        case "triangle":
            return el("polygon", .init("points", "\(f(x)),\(f(y - 7)) \(f(x + 7)),\(f(y + 6)) \(f(x - 7)),\(f(y + 6))"), .init("fill", colour))
        default:
            return el("circle", .init("cx", f(x)), .init("cy", f(y)), .init("r", "6"), .init("fill", colour))
        }
    }
}
