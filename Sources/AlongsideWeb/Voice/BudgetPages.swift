import AlongsideCore
import Foundation

/// Community budget rounds' pages: the list, a round with its rules, ideas and ballot, its results, and the form
/// that sets a round up.
enum BudgetPages {
    struct Summary {
        let id: UUID
        let title: String
        let amount: String
        let area: String
        let minimumAge: Int
        let phase: BudgetPhase
        let votingFrom: String
        let votingUntil: String
        let ballotText: String
        let ruleTitle: String
        let ruleText: String
        let ballots: Int
        let projects: Int
    }

    struct ProjectRow {
        let id: UUID
        let number: Int
        let title: String
        let description: String
        let status: String
        let cost: String?
        let onBallot: Bool
        let pending: Bool
        let proposal: UUID?
    }

    enum Voting {
        case none, signIn, notEligible(String)
        /// The ballot form, holding the person's own saved choices (or what they just sent).
        case ballot(chosen: [String])
    }

    struct ListModel {
        let rounds: [Summary]
        let mayOpen: Bool
    }

    struct Model {
        let summary: Summary
        let description: String
        let phases: [(BudgetPhase, String)]
        let projects: [ProjectRow]
        var mayChange = false
        var mayReview = false
        var mayAddIdea = false
        var voting = Voting.none
        /// The titles on the person's saved ballot, if they have voted.
        var myBallot: [String]?
        var participation: Participation?
    }

    struct ResultRow {
        let title: String
        let number: String
        let votes: Int
        let cost: String
        let funded: Bool
        let why: String
    }

    struct ResultsModel {
        let summary: Summary
        let lines: [ResultRow]
        let spent: String
        let left: String
        /// Each voter's equal share, for equal shares.
        let share: String?
        let myBallot: [String]?
        let participation: Participation
        /// The result following the funded projects, if followed; whether this person may start following them.
        var followed: UUID?
        var mayFollow = false
    }

    static func day(_ iso: String?) -> String { iso.flatMap(UKDates.parseISODay).map(UKDates.day) ?? "a date not set" }

    static func ballots(_ n: Int) -> String { n == 1 ? "1 person has voted" : "\(n) people have voted" }

    static func phaseLine(_ s: Summary) -> String {
        switch s.phase {
        case .upcoming: "Not open yet"
        case .ideas: "Ideas are open"
        case .feasibility: "Ideas are being reviewed"
        case .voting: "Voting is open until \(s.votingUntil)"
        case .results: "Voting has closed: the results are out"
        }
    }

    static func list(_ m: ListModel, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { "Money for local health and wellbeing that people who live here decide how to spend." }
            if m.mayOpen { el("p") { el("a", .class("button"), .href(BudgetURL.newRound.path)) { "Open a budget round" } } }
            el("p") { el("a", .href(VoiceURL.results.path)) { "Results: what funded projects and accepted proposals became" } }
            if m.rounds.isEmpty { el("p") { "No budget round has been opened yet." } }
            el("ul", .class("result-list")) {
                for r in m.rounds {
                    el("li") {
                        el("h2") { el("a", .href(BudgetURL.round(r.id).path)) { r.title } }
                        el("p") { el("strong", .class("tag")) { phaseLine(r) } }
                        el("p", .class("small")) { "\(r.amount) · \(r.area) · \(r.projects == 1 ? "1 project" : "\(r.projects) projects") · \(ballots(r.ballots))" }
                    }
                }
            }
        }
    }

    @HTMLContent
    static func rules(_ s: Summary, phases: [(BudgetPhase, String)]) -> [Node] {
            el("dl", .class("facts")) {
                el("dt") { "To spend" }; el("dd") { s.amount }
                el("dt") { "Where" }; el("dd") { s.area }
                el("dt") { "Who may vote" }; el("dd") { "People who live there, aged \(s.minimumAge) or over" }
                el("dt") { "The ballot" }; el("dd") { s.ballotText }
            }
            el("h2") { "When" }
            el("ol", .class("phases")) {
                for (phase, when) in phases {
                    el("li", phase == s.phase ? .init("aria-current", "step") : .class("phase")) {
                        el("strong") { phase.title }; ": \(when)"
                        if phase == s.phase { " (now)" }
                    }
                }
            }
            el("h2") { "How the votes are counted: \(s.ruleTitle)" }
            el("p") { s.ruleText }
            el("p") { "Ties are settled by the lower cost, then more votes, then the project's number. These rules are fixed once the first ballot is cast." }
    }

    static func page(_ m: Model, form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        let s = m.summary
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { s.title }
            el("p") { el("strong", .class("tag")) { phaseLine(s) } }
            for paragraph in m.description.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } }
            rules(s, phases: m.phases)
            if m.mayChange { el("p") { el("a", .href(BudgetURL.edit(s.id).path)) { "Change the round's rules" }; " (until the first ballot is cast)" } }
            if s.phase == .results { el("p") { el("a", .class("button"), .href(BudgetURL.results(s.id).path)) { "See the results" } } }
            ballotSection(m, e, context)
            if let p = m.participation { ParticipationTable.render(p, who: "voters") }
            el("h2", .id("ideas")) { s.phase == .ideas || s.phase == .feasibility || s.phase == .upcoming ? "Ideas" : "Projects" }
            if m.projects.isEmpty { el("p") { "No ideas yet." } }
            el("ul", .class("result-list")) {
                for p in m.projects {
                    el("li") {
                        el("h3") { "\(p.number). \(p.title)" }
                        for paragraph in p.description.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } }
                        el("p", .class("small")) { p.status; if let cost = p.cost { " · costs \(cost)" } }
                        if let proposal = p.proposal { el("p", .class("small")) { el("a", .href(VoiceURL.proposal(proposal).path)) { "The proposal it came from" } } }
                        if m.mayReview { reviewForm(p, form: form, errors: e, context) }
                    }
                }
            }
            if m.mayAddIdea {
                el("h2", .id("idea")) { "Put an idea forward" }
                el("form", .init("method", "post"), .init("action", BudgetURL.ideas(s.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.field("title", label: "Title", value: form["title"] ?? "", hint: "In a few words, what the money would do", errors: e)
                    Form.textarea("description", label: "What the idea is", value: form["description"] ?? "",
                                  hint: "Who it is for and what difference it makes. Organisations check whether it can be done and what it would cost.", rows: 6, errors: e)
                    Form.button("Put the idea forward")
                }
            }
        }
    }

    static func ballotSection(_ m: Model, _ e: [FieldError], _ context: PageContext) -> Node {
        let s = m.summary
        return el("div", .class("panel"), .id("ballot")) {
            if let mine = m.myBallot {
                el("h2") { s.phase == .results ? "Your ballot was counted" : "Your ballot" }
                el("p") { s.phase == .results ? "You chose:" : "You have voted. You chose:" }
                el("ul") { for title in mine { el("li") { title } } }
                if s.phase == .voting { el("p") { "It will be counted when voting closes. You can change it until \(s.votingUntil)." } }
            }
            switch m.voting {
            case .none:
                if m.myBallot == nil {
                    el("p") { s.phase == .results ? "Voting has closed." : s.phase == .voting ? "" : "Voting opens on \(s.votingFrom)." }
                }
            case .signIn:
                el("p") { el("a", .href(SiteURL.signIn.path)) { "Sign in" }; s.phase == .voting ? " to vote." : " to put an idea forward." }
            case .notEligible(let why):
                el("p") { why }
            case .ballot(let chosen):
                let options = m.projects.filter(\.onBallot).map { ($0.id.uuidString.lowercased(), "\($0.number). \($0.title): \($0.cost ?? "")") }
                el("h2") { m.myBallot == nil ? "Vote" : "Change your ballot" }
                el("form", .init("method", "post"), .init("action", BudgetURL.ballot(s.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.checkboxes("projects", s.ballotText, options, chosen: chosen, errors: e)
                    Form.button(m.myBallot == nil ? "Cast my ballot" : "Save my changed ballot")
                }
            }
        }
    }

    static func reviewForm(_ p: ProjectRow, form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        let prefix = "review-\(p.id.uuidString.lowercased())-"
        return el("details", e.contains { $0.field.hasPrefix(prefix) } ? .init("open", "") : .class("review")) {
            el("summary") { p.pending ? "Review whether it can be done" : "Change the review" }
            el("form", .init("method", "post"), .init("action", BudgetURL.review(project: p.id).path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.radios(prefix + "outcome", "Can it be done?", [("feasible", "Yes, for the cost below"), ("not_feasible", "No, for the reason below")],
                            chosen: form[prefix + "outcome"], errors: e)
                Form.field(prefix + "cost", label: "What it would cost, in pounds", value: form[prefix + "cost"] ?? "", hint: "For example, 1,250.00", errors: e)
                Form.textarea(prefix + "reason", label: "Reason or notes", value: form[prefix + "reason"] ?? "", rows: 3, errors: e)
                Form.button("Save the review")
            }
        }
    }

    static func results(_ m: ResultsModel, _ context: PageContext) -> Node {
        let s = m.summary
        return Layout.render(context) {
            el("h1") { context.title }
            el("p") { "\(ballots(s.ballots)). Of \(s.amount), \(m.spent) is spent and \(m.left) is left." }
            if let share = m.share { el("p") { "Each voter's equal share was \(share)." } }
            if let mine = m.myBallot {
                el("div", .class("panel")) {
                    el("h2") { "Your ballot was counted" }
                    el("ul") { for title in mine { el("li") { title } } }
                }
            }
            scrollingTable("Projects, funded first") {
                el("thead") {
                    el("tr") {
                        for heading in ["Project", "Votes", "Cost", "Funded", "Why"] { el("th", .init("scope", "col")) { heading } }
                    }
                }
                el("tbody") {
                    for line in m.lines {
                        el("tr") {
                            el("td") { "\(line.number). \(line.title)" }
                            el("td") { "\(line.votes)" }
                            el("td") { line.cost }
                            el("td") { line.funded ? "Funded" : "Not funded" }
                            el("td") { line.why }
                        }
                    }
                }
            }
            if let followed = m.followed {
                el("p") { el("a", .href(VoiceURL.result(followed).path)) { "Follow what the funded projects became" } }
            } else if m.mayFollow {
                el("form", .init("method", "post"), .init("action", VoiceURL.trackRound(s.id).path)) {
                    Form.csrf(context.csrfToken)
                    Form.button("Follow the funded projects as results", secondary: true)
                }
            }
            ParticipationTable.render(m.participation, who: "voters")
            el("h2") { "How the votes were counted: \(s.ruleTitle)" }
            el("p") { s.ruleText }
            el("p") {
                "Every ballot, with no names, is in "; el("a", .href(BudgetURL.resultsFile(s.id).path)) { "the round's Pabulib file" }
                ", so anyone can count it again (for example with "; el("code") { "alongside budget count" }; " or pabutools)."
            }
        }
    }

    static func form(action: String, wards: [(String, String)], form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        let area = (form["area"] ?? "").split(separator: ",").map(String.init)
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") { "Everyone can see the round, its rules and its dates. Once the first ballot is cast, the rules cannot change." }
            el("form", .init("method", "post"), .init("action", action), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                if let need = form["need"], !need.isEmpty {
                    // The gap the round is opened from, kept with the round (see the gap's page).
                    el("input", .type("hidden"), .name("need"), .value(need))
                }
                Form.field("title", label: "Title", value: form["title"] ?? "", errors: e)
                Form.textarea("description", label: "What the round is for", value: form["description"] ?? "", rows: 5, errors: e)
                Form.field("amount", label: "Amount to share, in pounds", value: form["amount"] ?? "", hint: "For example, 25,000.00", errors: e)
                Form.checkboxes("area", "Where: who lives there may vote", [(ProposalDraft.wholePlace, "The whole place")] + wards, chosen: area, errors: e)
                Form.field("minimum_age", label: "Youngest age that may vote", value: form["minimum_age"] ?? "",
                           hint: "Leave empty for 16. From 11 to 25.", errors: e)
                for (name, legend) in [("ideas_from", "Ideas open on"), ("feasibility_from", "Feasibility review starts on"),
                                       ("voting_from", "Voting opens on"), ("voting_until", "The last day of voting")] {
                    Form.dateParts(name, legend: legend, hint: "For example, 14 3 2027",
                                   parts: DateParts(day: form[name + "-day"] ?? "", month: form[name + "-month"] ?? "", year: form[name + "-year"] ?? ""), errors: e)
                }
                Form.radios("ballot", "The ballot", [("approval", "Choose projects (any number, or up to the number below)"),
                                                     ("knapsack", "Choose projects that together fit the budget")], chosen: form["ballot"], errors: e)
                Form.field("limit", label: "Most projects each voter may choose (choosing projects only)", value: form["limit"] ?? "",
                           hint: "Leave empty for any number", errors: e)
                Form.radios("rule", "How the votes are counted", BudgetRule.allCases.map { ($0.rawValue, "\($0.title): \($0.explanation)") },
                            chosen: form["rule"], errors: e)
                Form.button("Save the round")
            }
        }
    }
}
