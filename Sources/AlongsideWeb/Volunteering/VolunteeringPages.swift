import AlongsideCore
import AlongsideStore
import Foundation

/// Volunteering's pages.
enum VolunteeringPages {
    static func list(_ roles: [VolunteerRoleView], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { "Roles with local organisations: say you are interested, and the organisation gets in touch." }
            el("p") { el("a", .href(VolunteeringURL.mine.path)) { "Your volunteering" } }
            if roles.isEmpty { el("p") { "No roles are open just now." } }
            el("ul", .class("result-list")) {
                for r in roles {
                    el("li") {
                        el("h2") { el("a", .href(VolunteeringURL.role(r.id).path)) { r.draft.title } }
                        el("p") { "\(r.organisation) · \(r.draft.when) · \(r.draft.place)" }
                        el("p", .class("small")) {
                            "\(max(0, r.draft.places - r.taken)) of \(r.draft.places) places left\(r.draft.needsDBS ? " · needs a DBS check" : "")"
                                + (r.draft.earnsTimeCredit ? " · earns time bank credit" : "")
                        }
                    }
                }
            }
        }
    }

    static func role(_ r: VolunteerRoleView, mine: VolunteerView?, signedIn: Bool, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { r.draft.title }
            el("p", .class("lead")) { r.organisation }
            for paragraph in r.draft.involves.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } }
            el("dl", .class("facts")) {
                el("dt") { "When" }; el("dd") { r.draft.when }
                el("dt") { "Where" }; el("dd") { r.draft.place }
                el("dt") { "Access" }; el("dd") { r.draft.access }
                el("dt") { "DBS check" }; el("dd") { r.draft.needsDBS ? "Needed before you start; the organisation arranges it" : "Not needed" }
                el("dt") { "Places" }; el("dd") { "\(max(0, r.draft.places - r.taken)) of \(r.draft.places) left" }
                el("dt") { "Time bank" }
                el("dd") { r.draft.earnsTimeCredit ? "Confirmed hours earn the same time in the time bank, for members" : "Hours do not earn time bank credit" }
            }
            if let mine, mine.status != .withdrawn {
                el("p") { el("strong") { mine.status.label }; " · "; el("a", .href(VolunteeringURL.mine.path)) { "Your volunteering" } }
            } else if signedIn {
                el("form", .init("method", "post"), .init("action", VolunteeringURL.interest(r.id).path)) {
                    Form.csrf(context.csrfToken)
                    el("p") { "The organisation sees your name and gets in touch through Alongside." }
                    Form.button("I am interested")
                }
            } else {
                el("p") { el("a", .href(SiteURL.signIn.path)) { "Sign in" }; " to say you are interested." }
            }
        }
    }

    static func mine(_ roles: [VolunteerView], form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            if roles.isEmpty { el("p") { "You have not said you are interested in a role yet. "; el("a", .href(VolunteeringURL.roles.path)) { "See the roles" } } }
            el("p") { el("a", .href(VolunteeringURL.record.path)) { "Your record of volunteering, to print" } }
            for v in roles {
                el("div", .class("panel")) {
                    el("h2") { "\(v.role), \(v.organisation)" }
                    el("p") { el("strong") { v.status.label } }
                    if !v.hours.isEmpty {
                        el("ul") {
                            for h in v.hours {
                                el("li") {
                                    "\(UKDates.parseISODay(h.day).map(UKDates.day) ?? h.day): \(TimeBankLedger.duration(h.minutes)), \(h.note) — \(label(h.status))"
                                        + (h.credited ? ", and earned in the time bank" : "")
                                }
                            }
                        }
                    }
                    if v.status == .accepted {
                        let prefix = "r" + String(v.roleID.uuidString.prefix(8)).lowercased()
                        el("form", .init("method", "post"), .init("action", VolunteeringURL.hours(v.roleID).path), .init("novalidate", "")) {
                            Form.csrf(context.csrfToken)
                            el("h3") { "Log hours" }
                            field(prefix, "day", "The day", type: "date", form, e)
                            field(prefix, "minutes", "How long, in minutes", type: "text", form, e)
                            field(prefix, "note", "What you did", type: "text", form, e)
                            Form.button("Log the hours", secondary: true)
                        }
                    }
                }
            }
        }
    }

    /// A labelled input whose id is unique on a page with several of the same form.
    static func field(_ prefix: String, _ name: String, _ label: String, type: String, _ form: [String: String], _ e: [FieldError]) -> Node {
        let error = e.first { $0.field == name }?.message
        return el("div", .class(error == nil ? "field" : "field field-error")) {
            el("label", .init("for", "\(prefix)-\(name)")) { label }
            if let error { el("p", .class("error-message")) { el("span", .class("visually-hidden")) { "Error: " }; error } }
            el("input", .id("\(prefix)-\(name)"), .name(name), .type(type), .class("input"), .value(form[name] ?? ""))
        }
    }

    static func label(_ status: VolunteerHoursStatus) -> String {
        switch status {
        case .logged: "waiting for the organisation to confirm"
        case .confirmed: "confirmed"
        case .rejected: "not confirmed"
        }
    }

    static func record(_ r: VolunteerHistory, name: String, today: Date, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { "\(name): \(TimeBankLedger.duration(r.minutes)) of volunteering confirmed by the organisations, as at \(UKDates.day(today))." }
            if r.roles.isEmpty { el("p") { "No hours have been confirmed yet." } } else {
                scrollingTable("Confirmed volunteering by role") {
                    el("thead") { el("tr") { el("th", .init("scope", "col")) { "Organisation" }; el("th", .init("scope", "col")) { "Role" }
                        el("th", .init("scope", "col")) { "From" }; el("th", .init("scope", "col")) { "To" }
                        el("th", .init("scope", "col"), .class("numeric")) { "Sessions" }; el("th", .init("scope", "col"), .class("numeric")) { "Time" } } }
                    el("tbody") {
                        for role in r.roles {
                            el("tr") {
                                el("td") { role.organisation }; el("td") { role.title }
                                el("td") { UKDates.parseISODay(role.from).map(UKDates.day) ?? role.from }; el("td") { UKDates.parseISODay(role.to).map(UKDates.day) ?? role.to }
                                el("td", .class("numeric")) { "\(role.sessions)" }; el("td", .class("numeric")) { TimeBankLedger.duration(role.minutes) }
                            }
                        }
                    }
                }
            }
            el("p", .class("small")) { "Only hours the organisation confirmed are counted." }
        }
    }

    static func organisation(_ roles: [VolunteerRoleView], _ volunteers: [VolunteerView], form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("h2", .id("volunteers")) { "People who said they are interested" }
            if volunteers.isEmpty { el("p") { "Nobody yet." } }
            for v in volunteers where v.status != .withdrawn {
                el("div", .class("panel")) {
                    el("h3") { "\(v.name): \(v.role)" }
                    el("p") { v.status.label }
                    if v.status == .interested {
                        for (value, title) in [("yes", "Take them on"), ("no", "We cannot take them on")] {
                            el("form", .init("method", "post"), .init("action", VolunteeringURL.decision(v.id).path), .class("inline")) {
                                Form.csrf(context.csrfToken)
                                el("input", .type("hidden"), .name("accept"), .value(value))
                                Form.button(title, secondary: value == "no")
                            }
                        }
                    }
                    for h in v.hours where h.status == .logged {
                        el("p") { "\(UKDates.parseISODay(h.day).map(UKDates.day) ?? h.day): \(TimeBankLedger.duration(h.minutes)), \(h.note)" }
                        for (value, title) in [("yes", "Confirm"), ("no", "These hours did not happen")] {
                            el("form", .init("method", "post"), .init("action", VolunteeringURL.hoursDecision(h.id).path), .class("inline")) {
                                Form.csrf(context.csrfToken)
                                el("input", .type("hidden"), .name("confirm"), .value(value))
                                Form.button(title, secondary: value == "no")
                            }
                        }
                    }
                }
            }
            el("h2", .id("roles")) { "Your roles" }
            el("ul") { for r in roles { el("li") { el("a", .href(VolunteeringURL.role(r.id).path)) { r.draft.title }; " — \(r.taken) of \(r.draft.places) taken on" } } }
            el("h2", .id("new")) { "Post a role" }
            el("form", .init("method", "post"), .init("action", VolunteeringURL.newRole.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.field("title", label: "Role", value: form["title"] ?? "", errors: e)
                Form.textarea("involves", label: "What it involves", value: form["involves"] ?? "", errors: e)
                Form.field("when", label: "When", value: form["when"] ?? "", hint: "For example, \u{201C}Tuesday mornings, 2 hours\u{201D}", errors: e)
                Form.field("place", label: "Where", value: form["place"] ?? "", errors: e)
                Form.field("access", label: "Access", value: form["access"] ?? "", errors: e)
                Form.radios("dbs", "Does it need a DBS check?", [("yes", "Yes"), ("no", "No")], chosen: form["dbs"], errors: e)
                Form.field("places", label: "How many volunteers you need", value: form["places"] ?? "", errors: e, width: "width-5")
                Form.radios("credit", "Do confirmed hours earn time bank credit?",
                            [("yes", "Yes: volunteers who are time bank members get the same time, from the community fund"), ("no", "No")],
                            chosen: form["credit"], errors: e)
                Form.button("Post the role")
            }
        }
    }
}
