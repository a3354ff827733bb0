import AlongsideCore
import AlongsideStore

/// The administrator's search of the audit log.
enum AuditLogPage {
    struct Row {
        let when: String
        let who: String
        let whose: String
        let what: String
        let channel: String
        let detail: String
    }

    struct Model {
        var email = ""
        var action = ""
        var from = ""
        var to = ""
        var rows: [Row] = []
        var errors: [FieldError] = []
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !model.errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Audit log" }
            el("p") { "Every look at and change to a person's record. Entries cannot be changed or removed." }
            Form.errorSummary(model.errors)
            el("form", .init("method", "get"), .init("action", SiteURL.adminAudit.path), .class("panel"), .init("novalidate", nil)) {
                Form.field("email", label: "Person's email address", type: "email", value: model.email,
                           hint: "Entries where this person acted or whose record it was.", errors: model.errors)
                el("div", .class("field")) {
                    el("label", .init("for", "action")) { "What was done" }
                    el("select", .id("action"), .name("action")) {
                        el("option", .value("")) { "Anything" }
                        for action in AuditAction.allCases {
                            el("option", .value(action.rawValue), .flag("selected", action.rawValue == model.action)) { action.title }
                        }
                    }
                }
                Form.field("from", label: "From (date)", type: "date", value: model.from, errors: model.errors, width: "short")
                Form.field("to", label: "To (date, inclusive)", type: "date", value: model.to, errors: model.errors, width: "short")
                Form.button("Search")
            }
            el("h2") { "\(model.rows.count) \(model.rows.count == 1 ? "entry" : "entries")" }
            if !model.rows.isEmpty {
                scrollingTable("Audit entries, newest first") {
                    el("caption", .class("visually-hidden")) { "Audit entries, newest first" }
                        el("thead") { el("tr") { for h in ["When", "What happened", "Through", "Detail"] { el("th", .init("scope", "col")) { h } } } }
                        el("tbody") {
                            for row in model.rows {
                                el("tr") {
                                    el("td") { row.when }; el("td") { row.what }; el("td") { row.channel }; el("td") { row.detail }
                                }
                            }
                        }
                    }
            }
        }
    }
}
