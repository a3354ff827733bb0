import AlongsideCore
import Foundation

/// The form an organisation fills in to list or change a service.
enum ListingFormPage {
    /// What saving does: goes live (an administrator), goes live if only the wording changed (a trusted
    /// organisation), or waits for review.
    enum Publishing {
        case always, wordingOnly, never

        var button: String {
            switch self {
            case .always: "Save and publish"
            case .wordingOnly: "Save"
            case .never: "Send for checking"
            }
        }
    }

    struct Model {
        var action: String
        var form: ListingForm
        var errors: [FieldError] = []
        var isNew: Bool
        /// Whether the change goes live straight away, or is checked first.
        var publishesDirectly: Publishing
        /// The categories to choose from: (term id, name).
        var categories: [(String, String)]
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !model.errors.isEmpty
        let f = model.form, e = model.errors
        return Layout.render(context) {
            el("h1") { model.isNew ? "List a service" : "Change this listing" }
            el("p") {
                switch model.publishesDirectly {
                case .always: "Your changes go live as soon as you save them."
                case .wordingOnly: "Your organisation is trusted: a change to the description alone goes live as soon as you save it. Other changes are checked by an administrator first, and the listing stays as it is until then."
                case .never: "An administrator checks changes before they go live. The listing stays as it is until then."
                }
            }
            Form.errorSummary(e)
            el("form", .init("method", "post"), .init("action", model.action), .init("novalidate", nil)) {
                Form.csrf(context.csrfToken)
                el("h2") { "About the service" }
                Form.field("name", label: "Name", value: f.name ?? "", errors: e)
                el("div", .class(e.contains { $0.field == "description" } ? "field field-error" : "field")) {
                    el("label", .init("for", "description")) { "Description" }
                    if let error = e.first(where: { $0.field == "description" }) {
                        el("p", .class("error-message"), .id("description-error")) { el("span", .class("visually-hidden")) { "Error: " }; error.message }
                    }
                    el("textarea", .id("description"), .name("description"), .init("rows", "5")) { f.description ?? "" }
                }
                Form.checkboxes("categories", "Categories", model.categories, chosen: f.categories ?? [], errors: e)
                el("h2") { "Who it is for and how to join" }
                Form.field("minimum_age", label: "Youngest age (leave empty for any)", value: f.minimum_age ?? "", errors: e, width: "short")
                Form.field("maximum_age", label: "Oldest age (leave empty for any)", value: f.maximum_age ?? "", errors: e, width: "short")
                Form.field("eligibility", label: "Who it is for, in words (optional)", value: f.eligibility ?? "", errors: e)
                Form.radios("how_to_join", "How to join", HowToJoin.allCases.map { ($0.rawValue, $0.phrase) }, chosen: f.how_to_join, errors: e)
                Form.checkboxes("attending", "How people attend", AttendingMode.allCases.map { ($0.rawValue, $0.title) }, chosen: f.attending ?? [], errors: e)
                el("div", .class("checkbox")) {
                    el("input", .id("free"), .name("free"), .type("checkbox"), .value("1"), .flag("checked", f.free == "1"))
                    el("label", .init("for", "free")) { "Free" }
                }
                Form.field("fees", label: "What it costs, if not free", value: f.fees ?? "", hint: "For example, £3 a session", errors: e)
                Form.field("cost", label: "What one session costs, in pounds, if not free (optional)", value: f.cost ?? "",
                           hint: "For example, 3 or 2.50: figures of unmet need can then count it as low cost", errors: e, width: "short")
                Form.field("languages", label: "Languages", value: f.languages ?? "English", hint: "Separate them with commas", errors: e)
                el("h2") { "When" }
                Form.radios("freq", "How often", [("WEEKLY", "Every week"), ("MONTHLY", "Once a month")], chosen: f.freq, errors: e)
                Form.checkboxes("days", "Days", Weekday.allCases.map { ($0.code, $0.name) }, chosen: f.days ?? [], errors: e)
                el("div", .class("field")) {
                    el("label", .init("for", "position")) { "For monthly: which week" }
                    el("select", .id("position"), .name("position")) {
                        for (value, title) in [("", "Not monthly"), ("1", "First"), ("2", "Second"), ("3", "Third"), ("4", "Fourth"), ("-1", "Last")] {
                            el("option", .value(value), .flag("selected", (f.position ?? "") == value)) { title }
                        }
                    }
                }
                Form.field("opens_at", label: "Starts at", value: f.opens_at ?? "", hint: "24-hour clock, like 10:00", errors: e, width: "short")
                Form.field("closes_at", label: "Ends at", value: f.closes_at ?? "", hint: "Like 11:30", errors: e, width: "short")
                Form.checkboxes("bank_holidays", "Bank holidays", [("closed", "It does not run on bank holidays")],
                           chosen: f.bank_holidays.map { [$0] } ?? [], errors: e)
                el("h2") { "Where (if in person)" }
                Form.field("location_name", label: "Name of the place", value: f.location_name ?? "", errors: e)
                Form.field("address", label: "Street address", value: f.address ?? "", errors: e)
                Form.field("town", label: "Town", value: f.town ?? "", errors: e)
                Form.field("postcode", label: "Postcode", value: f.postcode ?? "", errors: e, width: "short")
                Form.checkboxes("access", "Access", AccessibilityFeature.allCases.map { ($0.rawValue, $0.title) }, chosen: f.access ?? [], errors: e)
                el("h2") { "Contact" }
                Form.field("phone", label: "Phone", value: f.phone ?? "", errors: e)
                Form.field("email", label: "Email address", type: "email", value: f.email ?? "", errors: e)
                Form.field("url", label: "Website", value: f.url ?? "", hint: "Starting with https://", errors: e)
                Form.button(model.publishesDirectly.button)
            }
        }
    }
}
