import AlongsideCore
import Foundation

/// Carers seen and supported: whom I look after and who looks after me, and my contingency plan.
enum CaringPages {
    struct Link {
        let id: UUID
        let name: String
        let relationship: CaringRelationship
        let detail: String
        let agreed: Bool
        /// The person viewing is the one who still has to agree.
        let waitingForMe: Bool
        /// The cared-for person's plan, when they shared it with the carer.
        var sharedPlan: UUID? = nil
    }

    struct Model {
        let subjectID: UUID
        let isMe: Bool
        let name: String
        let youngCarer: Bool
        var caresFor: [Link]
        let caredForBy: [Link]
        let canChange: Bool
        let hasContingency: Bool
    }

    static func page(_ m: Model, form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            if m.youngCarer {
                el("div", .class("warning-panel"), .init("role", "note")) {
                    el("h2") { "Young carer" }
                    el("p") { m.isMe ? "You are under 18 and look after someone. There is support just for young carers: ask your link worker, school or college." : "\(m.name) is under 18 and looks after someone: offer young carers' support." }
                }
            }
            el("h2") { m.isMe ? "People I look after" : "People \(m.name) looks after" }
            if m.caresFor.isEmpty { el("p") { "Nobody recorded." } }
            links(m.caresFor, m, context)
            el("h2") { m.isMe ? "People who look after me" : "People who look after \(m.name)" }
            if m.caredForBy.isEmpty { el("p") { "Nobody recorded." } }
            links(m.caredForBy, m, context)
            if !m.caresFor.isEmpty {
                el("h2") { "If I cannot care" }
                el("p") {
                    m.hasContingency ? "A contingency plan says who steps in and what they need to know." : "There is no contingency plan yet: who steps in if you cannot care, and what they need to know."
                }
                el("p") { el("a", .class("button secondary"), .href(SiteURL.contingency(m.subjectID).path)) { m.hasContingency ? "See the contingency plan" : "Write a contingency plan" } }
            }
            if m.canChange {
                el("h2", .id("add")) { m.isMe ? "I look after someone" : "\(m.name) looks after someone" }
                el("p") { "A carer is anyone who looks after a family member, partner or friend who could not manage without them, unpaid." }
                el("form", .init("method", "post"), .init("action", SiteURL.caringLinks(m.subjectID).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.field("cared_for_name", label: "Their name", value: form["cared_for_name"] ?? "", errors: e)
                    Form.select("relationship", label: m.isMe ? "They are my" : "They are \(m.name)'s", CaringRelationship.allCases.map { ($0.rawValue, $0.title) },
                                chosen: form["relationship"], errors: e)
                    Form.textarea("what_i_care_with", label: "What caring involves (optional)", value: form["what_i_care_with"] ?? "",
                                  hint: "For example, shopping, medicines, getting up and dressed, being there at night.", rows: 3, errors: e)
                    Form.field("hours_per_week", label: "Roughly how many hours a week (optional)", value: form["hours_per_week"] ?? "", errors: e, width: "short")
                    Form.field("cares_for_email", label: "Their email, if they use Alongside (optional)", type: "email", value: form["cares_for_email"] ?? "",
                               hint: "They will be asked to agree. Nothing is shared with them unless you choose to.", errors: e)
                    Form.button("Save")
                }
            }
        }
    }

    static func links(_ links: [Link], _ m: Model, _ context: PageContext) -> Node {
        group {
            if !links.isEmpty {
                el("ul", .class("links")) {
                    for link in links {
                        el("li") {
                            el("p") {
                                el("strong") { link.name }
                                " (\(link.relationship.title))"
                                link.detail.isEmpty ? "" : " — \(link.detail)"
                                link.agreed ? "" : link.waitingForMe ? " — waiting for you to agree" : " — waiting for them to agree"
                            }
                            if let shared = link.sharedPlan {
                                el("p") { el("a", .href(SiteURL.plan(shared).path)) { "\(link.name)'s plan (shared with you)" } }
                            }
                            if m.isMe {
                                if link.waitingForMe {
                                    el("form", .init("method", "post"), .init("action", SiteURL.caringAgree(link.id).path), .class("inline-form")) {
                                        Form.csrf(context.csrfToken)
                                        el("button", .type("submit"), .class("button")) { "Agree"; el("span", .class("visually-hidden")) { " to the link with \(link.name)" } }
                                    }
                                }
                                el("form", .init("method", "post"), .init("action", SiteURL.caringEnd(link.id).path), .class("inline-form")) {
                                    Form.csrf(context.csrfToken)
                                    el("button", .type("submit"), .class("button secondary")) {
                                        link.waitingForMe ? "Refuse" : "End"; el("span", .class("visually-hidden")) { " the link with \(link.name)" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static let contingencyFields: [(String, String, String, KeyPath<ContingencyPlan, String>)] = [
        ("who_steps_in", "Who steps in if I cannot care", "A name, or \"nobody yet\" — your link worker can help find someone.", \.whoStepsIn),
        ("how_to_reach_them", "How to reach them", "Phone numbers, and where they live.", \.howToReachThem),
        ("what_they_need_to_know", "What they need to know", "The person's needs, what helps, what upsets them, keys and access.", \.whatTheyNeedToKnow),
        ("medicines", "Medicines", "What, when, and where they are kept.", \.medicines),
        ("routines", "Daily routine", "Meals, getting up, appointments, pets.", \.routines),
    ]

    static func contingency(subjectID: UUID, plan: ContingencyPlan?, updated: String?, caresFor: [String], canChange: Bool, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            if !caresFor.isEmpty { el("p", .class("lead")) { "For the care of " + Text.list(caresFor) + "." } }
            if let plan {
                if let updated { el("p", .class("hint")) { "Last changed \(updated)." } }
                el("dl", .class("facts contingency")) {
                    for (_, label, _, path) in contingencyFields {
                        el("dt") { label }
                        el("dd") { plan[keyPath: path].isEmpty ? "—" : plan[keyPath: path] }
                    }
                }
                el("p", .class("hint no-print")) { "Print it with your browser's Print and keep a copy where it can be found: the page prints without menus or buttons." }
            } else {
                el("p") { "There is no contingency plan yet." }
            }
            if canChange {
                el("p", .class("no-print")) { el("a", .class("button"), .href(SiteURL.contingencyEdit(subjectID).path)) { plan == nil ? "Write it" : "Change it" } }
            }
        }
    }

    static func contingencyForm(subjectID: UUID, plan: ContingencyPlan, errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") { "If you were ill or away suddenly, this tells whoever steps in what they need to know." }
            el("form", .init("method", "post"), .init("action", SiteURL.contingencyEdit(subjectID).path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                for (name, label, hint, path) in contingencyFields {
                    Form.textarea(name, label: label, value: plan[keyPath: path], hint: hint, rows: name == "who_steps_in" ? 2 : 3, errors: e)
                }
                Form.button("Save the contingency plan")
            }
        }
    }
}

