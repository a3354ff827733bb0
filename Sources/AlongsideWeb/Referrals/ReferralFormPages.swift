import AlongsideCore
import AlongsideStore
import Foundation

/// Referring someone, or asking for oneself (signed in or on the public form), and the thanks after.
extension ReferralPages {
    /// A request of the person's own that is still open, offered on "Ask for a link worker" so they can add to
    /// it rather than start a second one.
    struct OpenRequest {
        let id: UUID
        let made: String
        let stage: EpisodeStage
        let needs: [Need]
        /// What they were typing into "add to it", kept when the page comes back with an error.
        var text = ""
        var chosen: [String] = []
    }

    static func form(_ f: ReferralForm, forSomeoneElse: Bool, action: String = SiteURL.newReferral.path, errors e: [FieldError],
                     open: OpenRequest? = nil, _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            if let o = open {
                el("div", .class("panel")) {
                    el("h2") { "You already have a request open" }
                    el("p") {
                        "You asked for a link worker on \(o.made). "
                        o.stage == .received ? "It is waiting for a link worker to take it on." : "Your link worker is working with you on it (\(o.stage.title.lowercased()))."
                    }
                    el("p") { "You can add to it instead of asking again. Your link worker sees what you add, dated, beside what you first said." }
                    el("form", .init("method", "post"), .init("action", SiteURL.referralAdd(o.id).path), .init("novalidate", "")) {
                        Form.csrf(context.csrfToken)
                        Form.textarea("text", label: "What would you like to add?", value: o.text,
                                      hint: "Anything new that is going on, or that you did not say before.", rows: 4, errors: e)
                        let others = Need.allCases.filter { !o.needs.contains($0) }
                        if !others.isEmpty {
                            Form.checkboxes("add_needs", "Anything else that applies now (optional)", others.map { ($0.rawValue, $0.title) },
                                            chosen: o.chosen, errors: e)
                        }
                        Form.button("Add to my request")
                    }
                    el("p") { el("a", .href(SiteURL.mySupport.path)) { "See your support" } }
                }
                el("h2") { "Or ask again, for something separate" }
            }
            el("p") {
                forSomeoneElse
                    ? "A link worker will get in touch with the person, give them time, and help them find what helps. It takes about a minute."
                    : "A link worker will get in touch, give you time to talk about what matters to you, and help you find groups and support nearby."
            }
            el("form", .init("method", "post"), .init("action", action), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                el("input", .type("hidden"), .name("submission_key"), .value(f.submission_key ?? ""))
                el("h2") { forSomeoneElse ? "The person" : "You" }
                Form.field("given_name", label: "First name", value: f.given_name ?? "", autocomplete: forSomeoneElse ? nil : "given-name", errors: e)
                Form.field("family_name", label: "Last name", value: f.family_name ?? "", autocomplete: forSomeoneElse ? nil : "family-name", errors: e)
                Form.dateParts("birth_date", legend: "Date of birth", hint: "For example, 14 3 1956",
                               parts: f.birth_parts.isEmpty ? DateParts(iso: f.birth_date) : f.birth_parts, errors: e)
                Form.field("postcode", label: "Postcode", value: f.postcode ?? "", errors: e, width: "short")
                Form.field("nhs_number", label: "NHS number (optional)", value: f.nhs_number ?? "", hint: "10 digits, like 943 476 5919", errors: e, width: "medium")
                el("h2") { "How to get in touch" }
                Form.field("phone", label: "Phone number", type: "tel", value: f.phone ?? "", errors: e, width: "medium")
                Form.field("email", label: "Email address", type: "email", value: f.email ?? "", errors: e)
                Form.radios("preferred_contact", "Best way to get in touch", ContactMethod.allCases.map { ($0.rawValue, $0.title) }, chosen: f.preferred_contact, errors: e)
                Form.field("interpreter", label: "Interpreter needed for (optional)", value: f.interpreter ?? "", hint: "The language, like Polish or British Sign Language", errors: e, width: "medium")
                Form.checkboxes("access_needs", forSomeoneElse ? "What a place must have for them (optional)" : "What a place must have for you (optional)",
                                AccessibilityFeature.allCases.map { ($0.rawValue, $0.title) }, chosen: f.access_needs ?? [], errors: e)
                el("h2") { "What is going on" }
                Form.checkboxes("needs", "What applies (choose all that do)", Need.allCases.map { ($0.rawValue, $0.title) }, chosen: f.needs ?? [], errors: e)
                Form.textarea("story", label: "In a few words", value: f.story ?? "", hint: forSomeoneElse ? "What the person said matters, and what is getting in the way." : "Anything you would like your link worker to know.", errors: e)
                if forSomeoneElse {
                    Form.textarea("must_know", label: "Anything the link worker must know first (optional)", value: f.must_know ?? "",
                                  hint: "Risks, safeguarding, \"do not visit alone\".", rows: 3, errors: e)
                    Form.radios("gp_sharing", "What goes back to the GP record, as the person chose",
                                [("all", "A short summary and the codes"), ("codes", "Only the codes")], chosen: f.gp_sharing, errors: e)
                }
                Form.checkboxes("consented", forSomeoneElse ? "Agreement" : "Your agreement",
                                [("yes", forSomeoneElse ? "The person has agreed to be referred to a link worker" : "I would like a link worker to contact me")],
                                chosen: f.consented ?? [], errors: e)
                Form.button(forSomeoneElse ? "Send referral" : "Ask for a link worker")
            }
        }
    }

    /// After the public form: what happens next, and nothing about the person repeated back.
    static func asked(_ context: PageContext) -> Node {
        Layout.render(context) {
            el("div", .class("panel confirmation")) {
                el("h1") { context.title }
                el("p", .class("lead")) { "A link worker will get in touch the way you asked, usually within 5 working days." }
            }
            el("h2") { "What happens next" }
            el("ol") {
                el("li") { "A link worker reads what you wrote and calls, texts or emails you." }
                el("li") { "You talk about what matters to you, for as long as you need." }
                el("li") { "They help you find groups, activities and support nearby, and keep in touch." }
            }
            el("p") { "If you gave an email address, your link worker can invite you to follow your support online." }
            el("p") { "If you need help urgently, call 111, or 999 in an emergency." }
            el("p") { el("a", .href(SiteURL.services.path)) { "Find things to do and support nearby" } }
        }
    }
}
