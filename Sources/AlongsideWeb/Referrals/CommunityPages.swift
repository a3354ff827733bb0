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
                    accessLine(needed: r.accessNeedList, at: s.locations, name: r.givenName)
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
    /// Whether a place of the service has what the person needs, from what the directory lists
    /// (`AccessibilityFeature.match`): a place with all of it, or what none of its places is listed as having.
    static func accessLine(needed: [AccessibilityFeature], at places: [ListingLocation], name: String) -> Node {
        group {
            if let match = AccessibilityFeature.match(needed, at: places.map(\.accessibility)) {
                if match.atOnePlace {
                    el("p") { "Listed as having what \(name) needs: \(needed.map { $0.title.lowercased() }.joined(separator: ", "))." }
                } else {
                    let nowhere = match.nowhere
                    el("p", .class("warning-text")) {
                        nowhere.isEmpty
                            ? "No one place of this service is listed as having everything \(name) needs."
                            : "No place of this service is listed as having: \(nowhere.map { $0.title.lowercased() }.joined(separator: ", "))."
                    }
                }
            }
        }
    }

    static func field(_ name: String, _ s: ServiceListing, label: String, value: String, errors: [FieldError]) -> Node {
        let id = "\(name)-\(s.id.uuidString.lowercased())"
        let error = errors.first { $0.field == name || ($0.field == "confirm_full" && name == "hopes") }?.message
        return el("div", .class(error == nil ? "field" : "field field-error")) {
            el("label", .init("for", id)) { label }
            if let error { el("p", .class("error-message"), .id(name)) { el("span", .class("visually-hidden")) { "Error: " }; error } }
            el("input", .id(id), .name(name), .type("text"), .value(value), .class("input"))
        }
    }

    static func organisationInbox(_ views: [CommunityReferralView], errors: [UUID: FieldError], sharedPlans: Set<UUID> = [], now: Date,
                                  _ context: PageContext) -> Node {
        let today = UKDates.isoDay(now)
        let overdue = views.filter { CommunityReferralRules.isOverdue(sentAt: $0.referral.sentAt, status: $0.referral.currentStatus, now: now) }.count
        return Layout.render(context) {
            if let first = errors.first {
                Form.errorSummary([FieldError("r-\(first.key.uuidString.lowercased())", first.value.message)])
            }
            el("h1") { "People referred to you" }
            el("p") { "Link workers have referred these people to your services. Please answer within 14 days, and mark each session they were due at." }
            if overdue > 0 {
                el("p", .class("warning")) { overdue == 1 ? "1 referral has waited more than 14 days for your answer. It is first below." : "\(overdue) referrals have waited more than 14 days for your answer. They are first below." }
            }
            if views.isEmpty { el("p") { "Nobody has been referred to you yet." } }
            for view in views {
                let c = view.referral
                let anchor = "r-\(c.id!.uuidString.lowercased())"
                let late = CommunityReferralRules.isOverdue(sentAt: c.sentAt, status: c.currentStatus, now: now)
                el("section", .class("panel"), .id(anchor), .init("aria-labelledby", anchor + "-h")) {
                    el("h2", .id(anchor + "-h")) { "\(view.name) — \(c.serviceName)" }
                    el("p", .class("lead")) {
                        if late { el("strong", .class("tag tag-warning")) { "Past 14 days" }; " " }
                        c.currentStatus.title + (c.declineReason.flatMap(DeclineReason.init(rawValue:)).map { ": \($0.title.lowercased())" } ?? "")
                        if c.currentStatus.awaitsAnswer {
                            let days = CommunityReferralRules.daysWaiting(sentAt: c.sentAt, now: now)
                            days == 1 ? " · waiting 1 day" : " · waiting \(days) days"
                        }
                    }
                    if sharedPlans.contains(view.personID) {
                        el("p") { el("a", .href(SiteURL.plan(view.personID).path)) { "\(view.name)'s plan (they shared it with you)" } }
                    }
                    if let error = errors[c.id!] { el("p", .class("error-message")) { el("span", .class("visually-hidden")) { "Error: " }; error.message } }
                    el("dl", .class("facts")) {
                        el("dt") { "Referred" }; el("dd") { UKDates.day(c.sentAt) }
                        if let name = view.sentByName {
                            el("dt") { "Referred by" }
                            el("dd") {
                                "\(name), link worker"
                                if let email = view.sentByEmail { " · "; el("a", .href("mailto:" + email)) { email } }
                            }
                        }
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
                        register(view, today: today, context)
                    }
                }
            }
        }
    }

    /// The sessions marked so far, a form to mark one more, and "they have stopped going".
    static func register(_ view: CommunityReferralView, today: String, _ context: PageContext) -> Node {
        let c = view.referral
        let key = c.id!.uuidString.lowercased()
        return el("div") {
            el("h3") { "Sessions" }
            if view.register.isEmpty {
                el("p") { "No sessions marked yet." }
            } else {
                scrollingTable("Sessions: \(view.name) at \(c.serviceName)") {
                    el("caption") { "Sessions: \(view.name) at \(c.serviceName)" }
                    el("thead") { el("tr") { el("th", .init("scope", "col")) { "Day" }; el("th", .init("scope", "col")) { "Came" } } }
                    el("tbody") {
                        for mark in view.register.reversed() {
                            el("tr") {
                                el("td") { UKDates.parseISODay(mark.day).map(UKDates.day) ?? mark.day }
                                el("td") { mark.attended ? "Came" : "Did not come" }
                            }
                        }
                    }
                }
            }
            el("form", .init("method", "post"), .init("action", SiteURL.communityResponse(c.id!).path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                el("input", .type("hidden"), .name("response"), .value("session"))
                el("div", .class("field")) {
                    el("label", .init("for", "session_on-\(key)")) { "Day of the session"; el("span", .class("visually-hidden")) { " for \(view.name)" } }
                    el("input", .id("session_on-\(key)"), .name("session_on"), .type("date"), .init("max", today), .class("input medium"))
                }
                el("fieldset", .class("field")) {
                    el("legend") { "Did \(view.name) come?" }
                    for (value, title) in [("yes", "Came"), ("no", "Did not come")] {
                        el("div", .class("checkbox")) {
                            el("input", .id("came-\(key)-\(value)"), .name("came"), .type("radio"), .value(value))
                            el("label", .init("for", "came-\(key)-\(value)")) { title }
                        }
                    }
                }
                el("button", .type("submit"), .class("button secondary")) { "Mark the session"; el("span", .class("visually-hidden")) { " for \(view.name)" } }
            }
            if c.currentStatus != .stopped {
                el("form", .init("method", "post"), .init("action", SiteURL.communityResponse(c.id!).path)) {
                    Form.csrf(context.csrfToken)
                    el("input", .type("hidden"), .name("response"), .value("attendance"))
                    el("input", .type("hidden"), .name("attendance"), .value(CommunityReferralStatus.stopped.rawValue))
                    el("button", .type("submit"), .class("link-button on-light")) { "\(view.name) has stopped coming" }
                }
            }
        }
    }

    static func labelled(_ name: String, _ c: CommunityReferralRecord, _ label: String, @HTMLContent _ control: () -> [Node]) -> Node {
        element("div", [.class("field")], [el("label", .init("for", "\(name)-\(c.id!.uuidString.lowercased())")) { label }] + control())
    }
}
