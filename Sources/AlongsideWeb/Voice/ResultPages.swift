import AlongsideCore
import AlongsideStore
import Foundation

/// Results' pages: every promise followed in public, with progress (the number beside its bar), milestones (late
/// ones shown as late), updates, and the services they created.
enum ResultPages {
    struct Model {
        let result: ResultView
        let children: [ResultView]
        let responsible: String?
        let service: (name: String, path: String)?
        let mayUpdate: Bool
    }

    static func day(_ iso: String) -> String { UKDates.parseISODay(iso).map(UKDates.day) ?? iso }

    static func progress(_ value: Int) -> Node {
        el("p", .class("progress-line")) {
            el("progress", .init("max", "100"), .init("value", "\(value)"), .init("aria-label", "\(value)% done")) { "\(value)%" }
            " \(value)% done"
        }
    }

    static func list(_ results: [ResultView], today: Date, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { "What accepted proposals and funded community budget projects became: who is responsible, how far each has got, and its milestones." }
            if results.isEmpty { el("p") { "Nothing to follow yet: results appear when a proposal is accepted or a budget round's projects are funded." } }
            el("ul", .class("result-list")) {
                for r in results {
                    let late = r.milestones.filter { $0.milestone.isLate(today: today) }.count
                    el("li") {
                        el("h2") { el("a", .href(VoiceURL.result(r.id).path)) { r.title } }
                        el("p") { el("strong", .class(late > 0 ? "tag tag-warning" : "tag")) { late > 0 ? "\(r.status.title): \(late) milestone\(late == 1 ? "" : "s") late" : r.status.title } }
                        progress(r.progress)
                    }
                }
            }
        }
    }

    static func page(_ m: Model, today: Date, form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        let r = m.result
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { r.title }
            el("p") { el("strong", .class("tag")) { r.status.title } }
            progress(r.progress)
            if !m.children.isEmpty { el("p", .class("small")) { "Its progress is its projects' progress, each weighted by its cost." } }
            el("dl", .class("facts")) {
                el("dt") { "Responsible" }; el("dd") { m.responsible ?? "The health system's commissioners" }
                if let proposal = r.proposalID { el("dt") { "Came from" }; el("dd") { el("a", .href(VoiceURL.proposal(proposal).path)) { "an accepted proposal" } } }
                if let round = r.roundID { el("dt") { "Came from" }; el("dd") { el("a", .href(BudgetURL.round(round).path)) { "a community budget round" } } }
                if let service = m.service { el("dt") { "The service it created" }; el("dd") { el("a", .href(service.path)) { service.name } } }
            }
            for paragraph in r.description.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } }
            if !m.children.isEmpty {
                el("h2") { "Projects" }
                scrollingTable("Projects and their progress") {
                    el("thead") { el("tr") { for h in ["Project", "Status", "Done"] { el("th", .init("scope", "col")) { h } } } }
                    el("tbody") {
                        for c in m.children {
                            el("tr") { el("td") { el("a", .href(VoiceURL.result(c.id).path)) { c.title } }; el("td") { c.status.title }; el("td") { "\(c.progress)%" } }
                        }
                    }
                }
            }
            el("h2") { "Milestones" }
            if r.milestones.isEmpty { el("p") { "No milestones yet." } }
            el("ul") {
                for (id, milestone) in r.milestones {
                    el("li") {
                        "\(milestone.title): due by \(day(milestone.due))"
                        if let done = milestone.doneOn { " · done on \(day(done))" } else if milestone.isLate(today: today) { " "; el("strong", .class("tag tag-warning")) { "Late" } }
                        if m.mayUpdate && milestone.doneOn == nil {
                            el("form", .init("method", "post"), .init("action", VoiceURL.milestoneDone(id).path), .class("inline")) {
                                Form.csrf(context.csrfToken)
                                Form.button("Mark done today", secondary: true)
                            }
                        }
                    }
                }
            }
            el("h2") { "Updates" }
            if r.updates.isEmpty { el("p") { "No updates yet." } }
            for u in r.updates {
                el("div", .class("panel")) {
                    el("h3") { "\(UKDates.day(u.at)): \(u.status.title), \(u.progress)% done" }
                    for paragraph in u.text.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } }
                }
            }
            if m.mayUpdate {
                el("h2", .id("update")) { "Report progress" }
                el("form", .init("method", "post"), .init("action", VoiceURL.resultUpdate(r.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.radios("status", "Where it stands", ResultStatus.allCases.map { ($0.rawValue, $0.title) }, chosen: form["status"], errors: e)
                    Form.field("progress", label: "How far it has got, in percent", value: form["progress"] ?? "", hint: "From 0 to 100", errors: e)
                    Form.textarea("text", label: "What has happened", value: form["text"] ?? "", rows: 4, errors: e)
                    Form.button("Publish the update")
                }
                el("h2", .id("milestone")) { "Add a milestone" }
                el("form", .init("method", "post"), .init("action", VoiceURL.resultMilestones(r.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.field("title", label: "Milestone", value: form["title"] ?? "", errors: e)
                    Form.dateParts("due", legend: "Due by", hint: "For example, 14 3 2027",
                                   parts: DateParts(day: form["due-day"] ?? "", month: form["due-month"] ?? "", year: form["due-year"] ?? ""), errors: e)
                    Form.button("Add the milestone")
                }
                el("h2", .id("service")) { "The service it created" }
                el("form", .init("method", "post"), .init("action", VoiceURL.resultService(r.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.field("service", label: "The service's address in Find support", value: form["service"] ?? "", errors: e)
                    Form.button("Link the service", secondary: true)
                }
            }
        }
    }
}
