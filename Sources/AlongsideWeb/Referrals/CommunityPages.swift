import AlongsideCore
import AlongsideStore
import Foundation

/// Finding a service for someone, and the organisation's list of people referred to it.
enum CommunityPages {
    static func connect(_ r: ReferralRecord, words: String, results: [DirectoryPage.Item], form: CommunityReferralsController.SendForm,
                        errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("form", .init("method", "get"), .init("action", SiteURL.referralConnect(r.id!).path), .init("role", "search")) {
                Form.field("q", label: "Search the directory", value: words, hint: "Words like walking, choir or debt advice; nearest to \(r.postcode) first", errors: [])
                Form.button("Search", secondary: true)
            }
            if !words.trimmed.isEmpty && results.isEmpty { el("p") { "Nothing matches \"\(words)\". Try other words." } }
            for item in results {
                let s = item.listing
                el("section", .class("panel"), .init("aria-labelledby", "svc-\(s.id.uuidString.lowercased())")) {
                    el("h2", .id("svc-\(s.id.uuidString.lowercased())")) { el("a", .href(SiteURL.service(s.id).path)) { s.name } }
                    el("p") {
                        "\(s.organisationName) · \(s.schedules.map(\.phrase).joined(separator: "; "))"
                        item.distance.map { String(format: " · %.1f miles", $0 / 1609.344) } ?? ""
                    }
                    if s.capacity == .full { el("p", .class("warning-text")) { "This service says it is full." } }
                    el("form", .init("method", "post"), .init("action", SiteURL.referralCommunity(r.id!).path), .init("novalidate", "")) {
                        Form.csrf(context.csrfToken)
                        el("input", .type("hidden"), .name("service_id"), .value(s.id.uuidString.lowercased()))
                        let chosen = form.service_id?.lowercased() == s.id.uuidString.lowercased()
                        let own = chosen ? e : []
                        field("hopes", s, label: "What \(r.givenName) hopes for", value: chosen ? form.hopes ?? "" : "", errors: own)
                        field("access_needs", s, label: "Access needs (optional)", value: chosen ? form.access_needs ?? "" : "", errors: own)
                        if s.capacity == .full {
                            el("div", .class("checkbox")) {
                                el("input", .id("confirm_full-\(s.id.uuidString.lowercased())"), .name("confirm_full[]"), .type("checkbox"), .value("yes"))
                                el("label", .init("for", "confirm_full-\(s.id.uuidString.lowercased())")) { "Refer anyway, although it is full" }
                            }
                        }
                        el("button", .type("submit"), .class("button")) {
                            "Refer"
                            el("span", .class("visually-hidden")) { " \(r.fullName) to \(s.name)" }
                        }
                    }
                }
            }
        }
    }

    /// A field whose id is unique on a page of several services' forms; errors link to the first form's field.
    static func field(_ name: String, _ s: ServiceListing, label: String, value: String, errors: [FieldError]) -> Node {
        let id = "\(name)-\(s.id.uuidString.lowercased())"
        let error = errors.first { $0.field == name || ($0.field == "confirm_full" && name == "hopes") }?.message
        return el("div", .class(error == nil ? "field" : "field field-error")) {
            el("label", .init("for", id)) { label }
            if let error { el("p", .class("error-message"), .id(name)) { el("span", .class("visually-hidden")) { "Error: " }; error } }
            el("input", .id(id), .name(name), .type("text"), .value(value), .class("input"))
        }
    }

    static func organisationInbox(_ views: [CommunityReferralView], errors: [UUID: FieldError], sharedPlans: Set<UUID> = [], _ context: PageContext) -> Node {
        Layout.render(context) {
            if let first = errors.first {
                Form.errorSummary([FieldError("r-\(first.key.uuidString.lowercased())", first.value.message)])
            }
            el("h1") { "People referred to you" }
            el("p") { "Link workers have referred these people to your services. Please answer within 14 days, and say how they got on." }
            if views.isEmpty { el("p") { "Nobody has been referred to you yet." } }
            for view in views {
                let c = view.referral
                let anchor = "r-\(c.id!.uuidString.lowercased())"
                el("section", .class("panel"), .id(anchor), .init("aria-labelledby", anchor + "-h")) {
                    el("h2", .id(anchor + "-h")) { "\(view.name) — \(c.serviceName)" }
                    el("p", .class("lead")) { c.currentStatus.title + (c.declineReason.flatMap(DeclineReason.init(rawValue:)).map { ": \($0.title.lowercased())" } ?? "") }
                    if sharedPlans.contains(view.personID) {
                        el("p") { el("a", .href(SiteURL.plan(view.personID).path)) { "\(view.name)'s plan (they shared it with you)" } }
                    }
                    if let error = errors[c.id!] { el("p", .class("error-message")) { el("span", .class("visually-hidden")) { "Error: " }; error.message } }
                    el("dl", .class("facts")) {
                        el("dt") { "Referred" }; el("dd") { UKDates.day(c.sentAt) }
                        el("dt") { "Hopes for" }; el("dd") { c.hopes }
                        if let needs = c.accessNeeds { el("dt") { "Access needs" }; el("dd") { needs } }
                        el("dt") { "Get in touch by" }
                        el("dd") {
                            (ContactMethod(rawValue: view.preferredContact)?.title ?? view.preferredContact)
                            ": " + [view.phone, view.email].compactMap { $0 }.joined(separator: " or ")
                        }
                        if let language = view.interpreter { el("dt") { "Interpreter" }; el("dd") { language } }
                    }
                    if c.currentStatus.awaitsAnswer {
                        el("form", .init("method", "post"), .init("action", SiteURL.communityResponse(c.id!).path), .class("inline-form")) {
                            Form.csrf(context.csrfToken)
                            el("input", .type("hidden"), .name("response"), .value("accept"))
                            el("button", .type("submit"), .class("button")) { "Accept"; el("span", .class("visually-hidden")) { " \(view.name)" } }
                        }
                        el("form", .init("method", "post"), .init("action", SiteURL.communityResponse(c.id!).path)) {
                            Form.csrf(context.csrfToken)
                            el("input", .type("hidden"), .name("response"), .value("decline"))
                            labelled("reason", c, "Why you cannot take \(view.name)") {
                                el("select", .id("reason-\(c.id!.uuidString.lowercased())"), .name("reason")) {
                                    el("option", .value("")) { "Choose" }
                                    for reason in DeclineReason.allCases { el("option", .value(reason.rawValue)) { reason.title } }
                                }
                            }
                            labelled("note", c, "Anything to add (needed for another reason)") {
                                el("input", .id("note-\(c.id!.uuidString.lowercased())"), .name("note"), .type("text"), .class("input"))
                            }
                            el("button", .type("submit"), .class("button secondary")) { "Decline"; el("span", .class("visually-hidden")) { " \(view.name)" } }
                        }
                    } else if c.currentStatus != .declined {
                        el("form", .init("method", "post"), .init("action", SiteURL.communityResponse(c.id!).path)) {
                            Form.csrf(context.csrfToken)
                            el("input", .type("hidden"), .name("response"), .value("attendance"))
                            labelled("attendance", c, "How \(view.name) got on") {
                                el("select", .id("attendance-\(c.id!.uuidString.lowercased())"), .name("attendance")) {
                                    el("option", .value(""), .flag("selected", !CommunityReferralStatus.attendance.contains(c.currentStatus))) { "Choose" }
                                    for status in CommunityReferralStatus.attendance {
                                        el("option", .value(status.rawValue), .flag("selected", status == c.currentStatus)) { status.title }
                                    }
                                }
                            }
                            el("button", .type("submit"), .class("button secondary")) { "Save attendance"; el("span", .class("visually-hidden")) { " for \(view.name)" } }
                        }
                    }
                }
            }
        }
    }

    static func labelled(_ name: String, _ c: CommunityReferralRecord, _ label: String, @HTMLContent _ control: () -> [Node]) -> Node {
        element("div", [.class("field")], [el("label", .init("for", "\(name)-\(c.id!.uuidString.lowercased())")) { label }] + control())
    }
}
