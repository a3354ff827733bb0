import AlongsideCore
import Foundation

/// "Find support near you": the search form, the results as a list and as a map, and what to try when
/// nothing is found.
enum SearchPage {
    struct Result {
        let number: Int
        let path: String
        let name: String
        let organisation: String
        let distance: String?
        let when: [String]
        let cost: String
        let capacity: String?
        let mayBeOutOfDate: Bool
    }

    struct Model {
        var form: [String: String] = [:]
        var accessibility: Set<String> = []
        var categories: [(String, String)] = []
        var languages: [String] = []
        var searched = false
        var results: [Result] = []
        var total = 0
        var map: Node?
        var errors: [FieldError] = []
        /// Links that widen the search when nothing was found.
        var suggestions: [NavigationLink] = []
        var previousPage: String?
        var nextPage: String?
        var pageText = ""
        /// What the search asked for, each with a link to the same search without it.
        var chosen: [NavigationLink] = []
    }

    static let distances = [("1", "1 mile"), ("3", "3 miles"), ("5", "5 miles"), ("10", "10 miles"), ("", "Any distance")]

    static func render(_ model: Model, _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !model.errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Find support near you" }
            Form.errorSummary(model.errors)
            form(model)
            if model.searched && model.errors.isEmpty { results(model) }
        }
    }

    static func select(_ name: String, _ label: String, _ options: [(String, String)], _ model: Model) -> Node {
        el("div", .class("field")) {
            el("label", .init("for", name)) { label }
            el("select", .id(name), .name(name)) {
                for (value, title) in options {
                    el("option", .value(value), .flag("selected", (model.form[name] ?? "") == value)) { title }
                }
            }
        }
    }

    static func form(_ model: Model) -> Node {
        el("form", .init("method", "get"), .init("action", SiteURL.services.path), .class("panel search-form"), .init("novalidate", nil)) {
            Form.field("q", label: "What are you looking for?", value: model.form["q"] ?? "", hint: "For example, walking, choir or debt advice", errors: model.errors)
            select("category", "Category", [("", "Any category")] + model.categories, model)
            Form.field("postcode", label: "Near postcode", value: model.form["postcode"] ?? "", hint: "For example, LA4 4AA",
                       autocomplete: "postal-code", errors: model.errors, width: "short")
            select("distance", "Within", distances, model)
            // Open when any of its filters is in use, so what was chosen stays in view.
            let more = ["day", "when", "age", "attending", "language", "free"].contains { !(model.form[$0] ?? "").isEmpty } || !model.accessibility.isEmpty
            el("details", .class("more-filters"), .flag("open", more)) {
                el("summary") { "More filters" }
                select("day", "Day", [("", "Any day")] + Weekday.allCases.map { ($0.code, $0.name) }, model)
                select("when", "Time of day", [("", "Any time")] + PartOfDay.allCases.map { ($0.rawValue, $0.title) }, model)
                Form.field("age", label: "Age of the person", type: "text", value: model.form["age"] ?? "", errors: model.errors, width: "short")
                select("attending", "How", [("", "Any way")] + AttendingMode.allCases.map { ($0.rawValue, $0.title) }, model)
                select("language", "Language", [("", "Any language")] + model.languages.map { ($0, $0) }, model)
                el("fieldset", .class("field")) {
                    el("legend") { "Access needs" }
                    for feature in AccessibilityFeature.allCases {
                        el("div", .class("checkbox")) {
                            el("input", .id("access-\(feature.rawValue)"), .name("access[]"), .type("checkbox"), .value(feature.rawValue),
                               .flag("checked", model.accessibility.contains(feature.rawValue)))
                            el("label", .init("for", "access-\(feature.rawValue)")) { feature.title }
                        }
                    }
                }
                el("div", .class("checkbox")) {
                    el("input", .id("free"), .name("free"), .type("checkbox"), .value("1"), .flag("checked", model.form["free"] == "1"))
                    el("label", .init("for", "free")) { "Free only" }
                }
            }
            Form.button("Search")
        }
    }

    static func results(_ model: Model) -> Node {
        el("section", .init("aria-labelledby", "results-title")) {
            el("h2", .id("results-title")) { model.total == 1 ? "1 result" : "\(model.total) results" }
            if !model.chosen.isEmpty {
                el("p", .class("chosen")) {
                    "For: "
                    for (index, link) in model.chosen.enumerated() {
                        if index > 0 { " · " }
                        link.title
                        " ("
                        el("a", .href(link.path)) { "remove"; el("span", .class("visually-hidden")) { " \(link.title)" } }
                        ")"
                    }
                }
            }
            if model.results.isEmpty {
                el("p") { "Nothing matched everything you asked for." }
                if !model.suggestions.isEmpty {
                    el("p") { "You could:" }
                    el("ul") { for link in model.suggestions { el("li") { el("a", .href(link.path)) { link.title } } } }
                }
            } else {
                el("div", .class("results")) {
                    if let map = model.map { el("div", .class("results-map")) { map } }
                    el("ol", .class("result-list")) {
                        for result in model.results {
                            el("li", .init("value", "\(result.number)")) {
                                el("h3") { el("a", .href(result.path)) { result.name } }
                                el("p", .class("small")) { result.organisation + (result.distance.map { " · \($0) away" } ?? "") }
                                for when in result.when { el("p") { when } }
                                el("p") { result.cost + (result.capacity.map { " · \($0)" } ?? "") }
                                if result.mayBeOutOfDate { el("p", .class("warning-text")) { "This listing may be out of date." } }
                            }
                        }
                    }
                }
                el("p") { model.pageText }
                el("nav", .class("pagination"), .init("aria-label", "Result pages")) {
                    if let previous = model.previousPage { el("a", .href(previous)) { "Previous page" } }
                    if let next = model.nextPage { el("a", .href(next)) { "Next page" } }
                }
            }
        }
    }
}
