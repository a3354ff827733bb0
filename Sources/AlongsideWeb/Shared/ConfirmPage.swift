import AlongsideCore

/// "Are you sure?" in the GOV.UK pattern, for anything that changes someone's record for good: what will happen
/// in plain words, the choice carried in hidden fields, one button to go ahead and a link to go back. Works
/// without JavaScript: the first press of a button that ends something brings this page, the second does it.
struct Confirmation {
    /// The question, as the page's heading: "Close Margaret Hodgson's episode?"
    let question: String
    /// What will happen, each a short sentence.
    let consequences: [String]
    /// Where the form goes, and what it carries (the fields of the first press).
    let action: String
    let hidden: [(String, String)]
    /// The button's words: "Yes, close the episode".
    let button: String
    /// Where "No, go back" leads.
    let back: String
    /// An optional "why" to ask for on this page (the field's name and label), with what was typed before.
    var reason: (name: String, label: String, value: String)?
    /// A warning style for the button, when the step cannot be undone.
    var warning = true

    /// The field every confirmed form carries.
    static let field = "confirmed"

    static func isConfirmed(_ value: String?) -> Bool { value == "yes" }

    func page(_ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { question }
            if !consequences.isEmpty {
                el("p") { "If you go ahead:" }
                el("ul") { for line in consequences { el("li") { line } } }
            }
            el("form", .init("method", "post"), .init("action", action), .init("novalidate", nil)) {
                Form.csrf(context.csrfToken)
                for (name, value) in hidden where name != Self.field && name != reason?.name {
                    el("input", .type("hidden"), .name(name), .value(value))
                }
                el("input", .type("hidden"), .name(Self.field), .value("yes"))
                if let reason { Form.textarea(reason.name, label: reason.label, value: reason.value, rows: 3, errors: []) }
                el("div", .class("button-row")) {
                    el("button", .type("submit"), .class(warning ? "button warning" : "button")) { button }
                    el("a", .class("button-link"), .href(back)) { "No, go back" }
                }
            }
        }
    }
}
