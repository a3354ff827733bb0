import AlongsideCore
import Foundation

/// The personalised care and support plan: read (and print), change, its versions, and who it is shared with.
enum PlanPages {
    struct ViewModel {
        let subjectID: UUID
        let isMe: Bool
        let name: String
        let plan: CarePlan
        let version: Int
        let updated: String?
        let services: [(UUID, String, String)]
        /// Services the person chose from the directory.
        let chosen: [(UUID, String)]
        let canChange: Bool
        /// Sharing choices, shown to the person only: (value, label, chosen).
        let gp: (offered: Bool, chosen: Bool)
        let organisations: [(UUID, String, Bool)]
        let carers: [(UUID, String, Bool)]
        let sharedWith: [String]
    }

    static func view(_ m: ViewModel, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            if m.version == 0 && m.plan == CarePlan() {
                el("p", .class("lead")) { m.isMe ? "You have not made a plan yet. Your link worker can make one with you, or you can start it yourself." : "There is no plan yet." }
            } else {
                el("p", .class("lead")) { m.updated.map { "Version \(m.version), last changed \($0)." } ?? "Not saved yet: this is what \(m.isMe ? "you" : m.name) said matters." }
            }
            if m.canChange {
                el("p", .class("no-print")) {
                    el("a", .class("button"), .href(SiteURL.planEdit(m.subjectID).path)) { m.plan == CarePlan() ? "Start the plan" : "Change the plan" }
                    " "
                    if m.version > 0 { el("a", .href(SiteURL.planHistory(m.subjectID).path)) { "Every version" } }
                }
            }
            el("p", .class("hint no-print")) { "To print it, use your browser's Print: the page prints without menus or buttons." }
            el("h2") { "What matters to me" }
            paragraphs(m.plan.whatMatters, empty: "Not written yet.")
            el("h2") { "My strengths and what I already have going for me" }
            paragraphs(m.plan.strengths, empty: "Not written yet.")
            el("h2") { "My goals" }
            if m.plan.goals.isEmpty { el("p") { "No goals yet." } }
            for (index, goal) in m.plan.goals.enumerated() {
                el("section", .class("panel goal"), .init("aria-labelledby", "goal-\(index)-title")) {
                    el("h3", .id("goal-\(index)-title")) { "Goal \(index + 1): \(goal.words)" }
                    el("p", .class("hint")) { goal.category.title }
                    if let progress = goal.progress {
                        el("p") {
                            el("label", .init("for", "goal-\(index)-meter")) { "How far along: \(progress) out of 10 " }
                            el("meter", .id("goal-\(index)-meter"), .init("min", "0"), .init("max", "10"), .value(String(progress))) { "\(progress) out of 10" }
                        }
                    }
                    if !goal.steps.isEmpty {
                        scrollingTable("Steps for goal \(index + 1)") {
                            el("thead") { el("tr") { el("th", .init("scope", "col")) { "Step" }; el("th", .init("scope", "col")) { "Who helps" }; el("th", .init("scope", "col")) { "By when" } } }
                            el("tbody") {
                                for step in goal.steps {
                                    el("tr") {
                                        el("td") { step.what }
                                        el("td") { step.who }
                                        el("td") { step.byWhen.flatMap(UKDates.parseISODay).map(UKDates.day) ?? "—" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            el("h2") { "People and groups who support me" }
            paragraphs(m.plan.supporters, empty: "Not written yet.")
            el("h2") { "Services I am connected to" }
            if m.services.isEmpty && m.chosen.isEmpty { el("p") { "None yet." } }
            if !m.services.isEmpty {
                el("ul") { for (id, name, status) in m.services { el("li") { el("a", .href(SiteURL.service(id).path)) { name }; ": \(status.lowercased())" } } }
            }
            if !m.chosen.isEmpty {
                el("ul", .class("links")) {
                    for (id, name) in m.chosen {
                        el("li") {
                            el("a", .href(SiteURL.service(id).path)) { name }
                            " (chosen from the directory)"
                            if m.canChange {
                                el("form", .init("method", "post"), .init("action", SiteURL.planServices(m.subjectID).path), .class("inline-form no-print")) {
                                    Form.csrf(context.csrfToken)
                                    el("input", .type("hidden"), .name("service_id"), .value(id.uuidString.lowercased()))
                                    el("input", .type("hidden"), .name("remove"), .value("yes"))
                                    el("button", .type("submit"), .class("button secondary")) { "Take off the plan"; el("span", .class("visually-hidden")) { ": \(name)" } }
                                }
                            }
                        }
                    }
                }
            }
            if m.isMe { el("p", .class("hint no-print")) { "Found something in the directory you would like to try? Choose \"Add to my plan\" on its page." } }
            el("h2") { "Review" }
            el("p") { m.plan.reviewOn.flatMap(UKDates.parseISODay).map { "We will look at this plan again on \(UKDates.weekdayAndDay($0))." } ?? "No review date set." }
            el("h2") { "Who else can see it" }
            el("p") { m.sharedWith.isEmpty ? "Only \(m.isMe ? "you" : m.name) and \(m.isMe ? "your" : "their") link worker." : "Besides \(m.isMe ? "you" : m.name) and \(m.isMe ? "your" : "their") link worker: " + m.sharedWith.joined(separator: ", ") + "." }
            if m.isMe {
                el("form", .init("method", "post"), .init("action", SiteURL.planSharing(m.subjectID).path)) {
                    Form.csrf(context.csrfToken)
                    el("fieldset", .id("sharing"), .class("field")) {
                        el("legend") { "Choose who else may see your plan and how you are doing" }
                        if m.gp.offered {
                            checkbox("share_gp", "yes", "My GP (the doctor or nurse who referred me)", m.gp.chosen)
                        }
                        for (id, name, chosen) in m.organisations { checkbox("organisations[]", id.uuidString.lowercased(), name, chosen) }
                        for (id, name, chosen) in m.carers { checkbox("carers[]", id.uuidString.lowercased(), "\(name), who cares for me", chosen) }
                        if !m.gp.offered && m.organisations.isEmpty && m.carers.isEmpty {
                            el("p") { "Nobody else to choose yet: your GP, the groups you are referred to or add to your plan, and carers you have linked will appear here." }
                        }
                    }
                    Form.button("Save who can see it", secondary: true)
                }
            }
        }
    }

    static func checkbox(_ name: String, _ value: String, _ label: String, _ chosen: Bool) -> Node {
        let id = name.replacingOccurrences(of: "[]", with: "") + "-" + value
        return el("div", .class("checkbox")) {
            el("input", .id(id), .name(name), .type("checkbox"), .value(value), .flag("checked", chosen))
            el("label", .init("for", id)) { label }
        }
    }

    static func paragraphs(_ text: String, empty: String) -> Node {
        group {
            if text.trimmed.isEmpty { el("p", .class("hint")) { empty } }
            for paragraph in text.components(separatedBy: "\n\n") where !paragraph.trimmed.isEmpty { el("p") { paragraph.trimmed } }
        }
    }

    static func edit(subjectID: UUID, isMe: Bool, plan: CarePlan, version: Int, errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") { isMe ? "Write it in your own words. Your link worker sees what you change, and every version is kept." : "Write it in the person's own words, with them. They see every change, and every version is kept." }
            el("form", .init("method", "post"), .init("action", SiteURL.planEdit(subjectID).path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                el("input", .type("hidden"), .name("version"), .value(String(version)))
                Form.textarea("what_matters", label: "What matters to me", value: plan.whatMatters, rows: 4, errors: e)
                Form.textarea("strengths", label: "My strengths and what I already have going for me", value: plan.strengths, rows: 3, errors: e)
                let goals = plan.goals + Array(repeating: Goal(id: UUID(), words: "", category: .other), count: PlanForm.spareGoals)
                for (g, goal) in goals.enumerated() {
                    let isSpare = g >= plan.goals.count
                    el("fieldset", .class("panel goal"), .id("goal-\(g)")) {
                        el("legend") { isSpare ? "Add a goal" : "Goal \(g + 1)" }
                        if !isSpare { el("input", .type("hidden"), .name("goal-\(g)-id"), .value(goal.id.uuidString.lowercased())) }
                        Form.textarea("goal-\(g)-words", label: "Goal \(g + 1) in your own words", value: goal.words, rows: 2, errors: e)
                        Form.select("goal-\(g)-category", label: "What it is about (for counting)", GoalCategory.allCases.map { ($0.rawValue, $0.title) },
                                    chosen: goal.words.isEmpty && goal.steps.isEmpty ? nil : goal.category.rawValue, errors: e)
                        Form.select("goal-\(g)-progress", label: "How far along, from 0 (not started) to 10 (done)",
                                    [("", "Not rated yet")] + (0...10).map { (String($0), String($0)) }, chosen: goal.progress.map(String.init) ?? "", errors: e)
                        let steps = goal.steps + Array(repeating: GoalStep(what: "", who: ""), count: PlanForm.spareSteps)
                        for (s, step) in steps.enumerated() {
                            el("div", .class("step")) {
                                Form.field("goal-\(g)-step-\(s)-what", label: "Goal \(g + 1), step \(s + 1): what will happen", value: step.what, errors: e)
                                Form.field("goal-\(g)-step-\(s)-who", label: "Goal \(g + 1), step \(s + 1): who does it (it can be you)", value: step.who, errors: e, width: "medium")
                                Form.field("goal-\(g)-step-\(s)-by_when", label: "Goal \(g + 1), step \(s + 1): by when (optional)", type: "date",
                                           value: step.byWhen ?? "", hint: "For example, 14/03/2027", errors: e, width: "medium")
                            }
                        }
                        if !isSpare { checkbox("goal-\(g)-remove", "yes", "Remove goal \(g + 1)", false) }
                    }
                }
                Form.textarea("supporters", label: "People and groups who support me", value: plan.supporters, rows: 3, errors: e)
                Form.field("review_on", label: "When we look at the plan again", type: "date", value: plan.reviewOn ?? "",
                           hint: "For example, 14/03/2027", errors: e, width: "medium")
                Form.button("Save the plan")
            }
            el("p", .class("hint")) { "To add more goals or steps, save: a new empty one appears each time." }
        }
    }

    static func history(subjectID: UUID, versions: [(Int, String, String, String)], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p") { el("a", .href(SiteURL.plan(subjectID).path)) { "Back to the plan" } }
            scrollingTable("Every version of the plan") {
                el("thead") { el("tr") { for h in ["Version", "When", "Who", "What changed"] { el("th", .init("scope", "col")) { h } } } }
                el("tbody") {
                    for (version, when, who, changes) in versions {
                        el("tr") { el("td") { String(version) }; el("td") { when }; el("td") { who }; el("td") { changes } }
                    }
                }
            }
        }
    }
}
