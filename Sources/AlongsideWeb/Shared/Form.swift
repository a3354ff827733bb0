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
                // Focus goes to the summary when the page comes back with problems, without JavaScript.
                el("div", .class("error-summary"), .init("role", "alert"), .init("aria-labelledby", "error-summary-title"), .init("tabindex", "-1"),
                   .flag("autofocus", true)) {
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

    /// A memorable date as three boxes, day, month and year, as GOV.UK asks for one: the same on every browser,
    /// and the hint says exactly what to type. `parts` are what the person typed (or their saved date).
    static func dateParts(_ name: String, legend: String, hint: String, parts: DateParts, errors: [FieldError]) -> Node {
        let error = errors.first { $0.field == name }?.message
        return el("fieldset", .id(name), .class(error == nil ? "field" : "field field-error"),
                  .init("aria-describedby", name + "-hint" + (error == nil ? "" : " \(name)-error"))) {
            el("legend") { legend }
            el("p", .class("hint"), .id(name + "-hint")) { hint }
            if let error {
                el("p", .class("error-message"), .id(name + "-error")) { el("span", .class("visually-hidden")) { "Error: " }; error }
            }
            el("div", .class("date-parts")) {
                for (part, label, value, width) in [("day", "Day", parts.day, "two"), ("month", "Month", parts.month, "two"), ("year", "Year", parts.year, "four")] {
                    el("div", .class("date-part")) {
                        el("label", .init("for", "\(name)-\(part)")) { label }
                        el("input", .id("\(name)-\(part)"), .name("\(name)-\(part)"), .type("text"), .init("inputmode", "numeric"), .value(value),
                           .init("autocomplete", "bday-\(part)", if: name == "birth_date"),
                           .init("aria-invalid", "true", if: error != nil), .class("input " + width))
                    }
                }
            }
        }
    }

    /// `single`: one yes-or-no box sent as `name` (not `name[]`).
    static func checkboxes(_ name: String, _ legend: String, _ options: [(String, String)], chosen: [String], errors: [FieldError],
                           single: Bool = false) -> Node {
        let error = errors.first { $0.field == name }?.message
        return el("fieldset", .id(name), .class(error == nil ? "field" : "field field-error")) {
            el("legend") { legend }
            if let error { el("p", .class("error-message")) { el("span", .class("visually-hidden")) { "Error: " }; error } }
            for (value, title) in options {
                el("div", .class("checkbox")) {
                    el("input", .id("\(name)-\(value)"), .name(single ? name : "\(name)[]"), .type("checkbox"), .value(value), .flag("checked", chosen.contains(value)))
                    el("label", .init("for", "\(name)-\(value)")) { title }
                }
            }
        }
    }

    /// Radios with none chosen unless `chosen` is the person's own answer (saved, or just sent back with a
    /// problem): a form never answers for them.
    static func radios(_ name: String, _ legend: String, _ options: [(String, String)], chosen: String?, errors: [FieldError] = []) -> Node {
        let error = errors.first { $0.field == name }?.message
        return el("fieldset", .id(name), .class(error == nil ? "field" : "field field-error")) {
            el("legend") { legend }
            if let error { el("p", .class("error-message")) { el("span", .class("visually-hidden")) { "Error: " }; error } }
            for (value, title) in options {
                el("div", .class("checkbox")) {
                    el("input", .id("\(name)-\(value)"), .name(name), .type("radio"), .value(value), .flag("checked", chosen == value))
                    el("label", .init("for", "\(name)-\(value)")) { title }
                }
            }
        }
    }

    /// A labelled text area with an optional hint and its error.
    static func textarea(_ name: String, label: String, value: String = "", hint: String? = nil, rows: Int = 4, errors: [FieldError]) -> Node {
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
            el("textarea", .id(name), .name(name), .init("rows", String(rows)),
               .init("aria-describedby", described.joined(separator: " "), if: !described.isEmpty),
               .init("aria-invalid", "true", if: error != nil)) { value }
        }
    }

    /// A labelled drop-down list. Unless its options start with a blank one of their own, it starts with a
    /// blank "Choose" option, so nothing is chosen for the person.
    /// `id`: the element's own id when a page holds more than one list of the same name.
    static func select(_ name: String, label: String, _ options: [(String, String)], chosen: String?, errors: [FieldError], id: String? = nil) -> Node {
        let options = options.first?.0 == "" ? options : [("", "Choose")] + options
        let error = errors.first { $0.field == name }?.message
        let id = id ?? name
        return el("div", .class(error == nil ? "field" : "field field-error")) {
            el("label", .init("for", id)) { label }
            if let error { el("p", .class("error-message"), .id(id + "-error")) { el("span", .class("visually-hidden")) { "Error: " }; error } }
            el("select", .id(id), .name(name), .init("aria-describedby", id + "-error", if: error != nil)) {
                for (value, title) in options { el("option", .value(value), .flag("selected", chosen == value)) { title } }
            }
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

/// A date typed in three boxes, or split from a saved `2026-11-01`.
struct DateParts: Equatable {
    var day = ""
    var month = ""
    var year = ""

    init(day: String = "", month: String = "", year: String = "") {
        self.day = day
        self.month = month
        self.year = year
    }

    /// From a saved ISO day; anything else stays empty.
    init(iso: String?) {
        let bits = (iso ?? "").split(separator: "-").map(String.init)
        if bits.count == 3, UKDates.parseISODay(iso ?? "") != nil {
            self.init(day: String(Int(bits[2]) ?? 0), month: String(Int(bits[1]) ?? 0), year: bits[0])
        } else {
            self.init()
        }
    }

    var isEmpty: Bool { [day, month, year].allSatisfy { $0.trimmed.isEmpty } }

    /// As the rules read a typed date: "14/3/1956" (nothing at all when every box is empty).
    var typed: String { isEmpty ? "" : "\(day.trimmed)/\(month.trimmed)/\(year.trimmed)" }
}

extension Form {
    /// One box a field: `name` is sent as "yes" when ticked.
    static func tick(_ name: String, _ label: String, _ form: [String: String]) -> Node {
        el("div", .class("checkbox")) {
            el("input", .id(name), .name(name), .type("checkbox"), .value("yes"), .flag("checked", form[name] == "yes"))
            el("label", .init("for", name)) { label }
        }
    }

    static func fieldset(_ id: String, _ legend: String, _ e: [FieldError], @HTMLContent _ content: () -> [Node]) -> Node {
        let error = e.first { $0.field == id }?.message
        return el("fieldset", .id(id), .class(error == nil ? "field" : "field field-error")) {
            el("legend") { legend }
            if let error { el("p", .class("error-message")) { el("span", .class("visually-hidden")) { "Error: " }; error } }
            content()
        }
    }

    /// The values ticked in boxes named `prefix` and a value (`group-<id>`), as sent.
    static func ticked(_ prefix: String, in form: [String: String]) -> [String] {
        form.filter { $0.key.hasPrefix(prefix) && $0.value == "yes" }.map { String($0.key.dropFirst(prefix.count)) }.sorted()
    }
}
