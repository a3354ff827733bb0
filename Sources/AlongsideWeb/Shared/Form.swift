import AlongsideCore

/// Form parts in the GOV.UK pattern: error summary at the top linking to each field, a label on every input,
/// the field's error beside it.
enum Form {
    static func csrf(_ token: String) -> Node {
        el("input", .type("hidden"), .name(CSRFMiddleware.fieldName), .value(token))
    }

    /// The "There is a problem" box; each message links to its field.
    static func errorSummary(_ errors: [FieldError]) -> Node {
        group {
            if !errors.isEmpty {
                el("div", .class("error-summary"), .init("role", "alert"), .init("aria-labelledby", "error-summary-title"), .init("tabindex", "-1")) {
                    el("h2", .id("error-summary-title")) { "There is a problem" }
                    el("ul") {
                        for error in errors { el("li") { el("a", .href("#" + error.field)) { error.message } } }
                    }
                }
            }
        }
    }

    /// A labelled text input with an optional hint and its error.
    static func field(_ name: String, label: String, type: String = "text", value: String = "", hint: String? = nil,
                      autocomplete: String? = nil, errors: [FieldError], width: String? = nil) -> Node {
        let error = errors.first { $0.field == name }?.message
        let described = [hint.map { _ in name + "-hint" }, error.map { _ in name + "-error" }].compactMap { $0 }
        return el("div", .class(error == nil ? "field" : "field field-error")) {
            el("label", .init("for", name)) { label }
            if let hint { el("p", .class("hint"), .id(name + "-hint")) { hint } }
            if let error {
                el("p", .class("error-message"), .id(name + "-error")) {
                    el("span", .class("visually-hidden")) { "Error: " }
                    error
                }
            }
            el("input", .id(name), .name(name), .type(type), .value(type == "password" ? "" : value),
               .init("autocomplete", autocomplete ?? "off", if: autocomplete != nil),
               .init("aria-describedby", described.joined(separator: " "), if: !described.isEmpty),
               .init("aria-invalid", "true", if: error != nil),
               .class(width.map { "input " + $0 } ?? "input"))
        }
    }

    static func button(_ title: String, secondary: Bool = false) -> Node {
        el("button", .type("submit"), .class(secondary ? "button secondary" : "button")) { title }
    }
}

/// A table that may scroll sideways on a narrow screen: a labelled region that can take keyboard focus, so
/// people who do not use a mouse can scroll it too.
func scrollingTable(_ label: String, @HTMLContent _ content: () -> [Node]) -> Node {
    element("div", [.class("table-wrap"), .init("role", "region"), .init("aria-label", label), .init("tabindex", "0")], [
        element("table", [], content())
    ])
}
