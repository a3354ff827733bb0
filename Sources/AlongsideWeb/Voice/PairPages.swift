import AlongsideCore
import AlongsideStore
import Foundation

/// Collaborative pairs' pages.
enum PairPages {
    static func list(_ pairs: [PairView], signedIn: Bool, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { "A resident and a professional working together on one change, in the open." }
            if signedIn { el("p") { el("a", .class("button"), .href(VoiceURL.newPair.path)) { "Register a pair" } } }
            if pairs.isEmpty { el("p") { "No pair has been registered yet." } }
            el("ul", .class("result-list")) {
                for p in pairs {
                    el("li") {
                        el("h2") { el("a", .href(VoiceURL.pair(p.id).path)) { p.rules.title } }
                        el("p", .class("small")) {
                            "\(p.residentName) and \(p.professionalName) · \(p.rules.sessionsPlanned) sessions planned"
                            if !p.confirmed { " · waiting for both to confirm" }
                        }
                    }
                }
            }
        }
    }

    static func page(_ p: PairView, isMember: Bool, mustConfirm: Bool, form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { p.rules.title }
            if !p.confirmed { el("p") { el("strong", .class("tag tag-warning")) { "Waiting for both to confirm: only the two of you can see it until then" } } }
            if mustConfirm {
                el("form", .init("method", "post"), .init("action", VoiceURL.pairConfirm(p.id).path)) {
                    Form.csrf(context.csrfToken)
                    el("p") { "Confirm that you are in this pair. Once both of you have, it is shown to everyone, with both your names." }
                    Form.button("Confirm the pair")
                }
            }
            el("dl", .class("facts")) {
                el("dt") { "Resident" }; el("dd") { p.residentName }
                el("dt") { "Professional" }; el("dd") { p.professionalName }
                el("dt") { "What they want to change" }; el("dd") { p.rules.change }
                el("dt") { "Goals" }; el("dd") { p.rules.goals }
                el("dt") { "Sessions planned" }; el("dd") { "\(p.rules.sessionsPlanned)" }
                el("dt") { "The resident's time so far" }; el("dd") { PairDraft.duration(p.residentMinutes) }
            }
            if !p.proposals.isEmpty || !p.results.isEmpty {
                el("h2") { "What it led to" }
                el("ul") {
                    for (id, title) in p.proposals { el("li") { "Proposal: "; el("a", .href(VoiceURL.proposal(id).path)) { title } } }
                    for (id, title) in p.results { el("li") { "Result: "; el("a", .href(VoiceURL.result(id).path)) { title } } }
                }
            }
            el("h2") { "Updates" }
            if p.updates.isEmpty { el("p") { "No updates yet." } }
            for u in p.updates {
                el("div", .class("panel")) {
                    el("h3") { "\(u.author), \(UKDates.day(u.at))" }
                    for paragraph in u.text.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } }
                    if let minutes = u.minutes { el("p", .class("small")) { "The resident's time: \(PairDraft.duration(minutes))" } }
                }
            }
            if isMember && p.confirmed {
                el("h2", .id("update")) { "Post an update" }
                el("form", .init("method", "post"), .init("action", VoiceURL.pairUpdates(p.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.textarea("text", label: "What happened", value: form["text"] ?? "", rows: 4, errors: e)
                    Form.field("minutes", label: "The resident's time, in minutes", value: form["minutes"] ?? "", hint: "Leave empty if none to record", errors: e)
                    Form.button("Post the update")
                }
                el("h2", .id("link")) { "Link what it led to" }
                el("form", .init("method", "post"), .init("action", VoiceURL.pairLinks(p.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.field("link", label: "The address of a proposal's or a result's page", value: form["link"] ?? "", errors: e)
                    Form.button("Link it", secondary: true)
                }
            }
        }
    }

    static func form(asResident: Bool, form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") { asResident ? "You are the resident in this pair. Name the professional you are working with." : "You are the professional in this pair. Name the resident you are working with." }
            el("p") { "They confirm it on the pair's page. Once both of you have, it is shown to everyone, with both your names." }
            el("form", .init("method", "post"), .init("action", VoiceURL.newPair.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.field("title", label: "Title", value: form["title"] ?? "", errors: e)
                Form.textarea("change", label: "What you want to change", value: form["change"] ?? "", rows: 4, errors: e)
                Form.textarea("goals", label: "Your goals", value: form["goals"] ?? "", rows: 3, errors: e)
                Form.field("sessions", label: "Sessions you plan", value: form["sessions"] ?? "", hint: "From 1 to 100", errors: e)
                Form.field("partner", label: asResident ? "The professional's email address" : "The resident's email address", type: "email",
                           value: form["partner"] ?? "", hint: "The address they sign in to Alongside with", errors: e)
                Form.button("Register the pair")
            }
        }
    }
}
