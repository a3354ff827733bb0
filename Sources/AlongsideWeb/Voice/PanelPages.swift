import AlongsideCore
import AlongsideStore
import Foundation

/// Panels' pages: the list, a panel with its representatives and their report-backs, an election (standing and
/// the ranked ballot), the results with every stage of the count, and the form that sets a panel up.
enum PanelPages {
    struct Listed {
        let id: UUID
        let name: String
        let area: String
        let seats: Int
    }

    struct Model {
        let id: UUID
        let rules: PanelDraft
        let area: String
        let representatives: [RepresentativeView]
        let elections: [(UUID, ElectionDays, ElectionPhase)]
        let questions: [(id: UUID, question: String, askedAt: Date, answer: String?, answeredBy: String?)]
        var mayCall = false
        var isRepresentative = false
        var mayAsk = false
    }

    struct ElectionModel {
        let election: ElectionView
        let phase: ElectionPhase
        var signedIn = false
        var whyNot: String?
        var standing = false
        var voted = false
        var participation: Participation?
    }

    static func day(_ iso: String) -> String { UKDates.parseISODay(iso).map(UKDates.day) ?? iso }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    static func paragraphs(_ text: String) -> [Node] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { line in el("p") { String(line) } }
    }

    static func list(_ panels: [Listed], mayMake: Bool, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { "People who live here, chosen by their neighbours to speak for them to the health system, and who report back." }
            if mayMake { el("p") { el("a", .class("button"), .href(PanelURL.newPanel.path)) { "Set up a panel" } } }
            if panels.isEmpty { el("p") { "No panel has been set up yet." } }
            el("ul", .class("result-list")) {
                for p in panels {
                    el("li") {
                        el("h2") { el("a", .href(PanelURL.panel(p.id).path)) { p.name } }
                        el("p", .class("small")) { "\(p.area) · \(p.seats == 1 ? "1 seat" : "\(p.seats) seats")" }
                    }
                }
            }
        }
    }

    static func panel(_ m: Model, form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        let late = m.representatives.filter(\.overdue)
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { m.rules.name }
            paragraphs(m.rules.description)
            el("dl", .class("facts")) {
                el("dt") { "For" }; el("dd") { m.area }
                el("dt") { "Seats" }; el("dd") { "\(m.rules.seats), each for \(m.rules.termMonths) months" }
                el("dt") { "Report-backs" }; el("dd") { "Each representative reports back every \(m.rules.reportEveryWeeks) weeks: what they heard, what they raised, what answer came." }
            }
            el("h2") { "Representatives" }
            if m.representatives.isEmpty { el("p") { "No one has been elected yet." } }
            if !late.isEmpty {
                el("div", .class("panel")) {
                    el("h3") { "Report-backs overdue" }
                    el("ul") { for r in late { el("li") { "\(r.candidate.name): due by \(day(r.nextDue))" } } }
                }
            }
            for r in m.representatives {
                el("section", .class("panel")) {
                    el("h3") { r.candidate.name }
                    el("p") {
                        el("strong", .class(r.overdue ? "tag tag-warning" : "tag")) { r.overdue ? "Report-back overdue: due by \(day(r.nextDue))" : "Next report-back due by \(day(r.nextDue))" }
                    }
                    el("p", .class("small")) { "Term \(day(r.termFrom)) to \(day(r.termUntil)). Interests: \(r.candidate.interests)" }
                    for report in r.reports {
                        el("h4") { "Report-back, \(UKDates.day(report.writtenAt))" }
                        el("dl", .class("facts")) {
                            el("dt") { "What I heard" }; el("dd") { report.heard }
                            el("dt") { "What I raised" }; el("dd") { report.raised }
                            el("dt") { "What answer came" }; el("dd") { report.answer }
                        }
                    }
                }
            }
            if m.isRepresentative {
                el("h2", .id("report")) { "Report back" }
                el("form", .init("method", "post"), .init("action", PanelURL.reportBacks(m.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.textarea("heard", label: "What I heard from people", value: form["heard"] ?? "", rows: 4, errors: e)
                    Form.textarea("raised", label: "What I raised, and with whom", value: form["raised"] ?? "", rows: 4, errors: e)
                    Form.textarea("answer", label: "What answer came", value: form["answer"] ?? "", hint: "Or that none has come yet", rows: 3, errors: e)
                    Form.button("Publish the report-back")
                }
            }
            el("h2", .id("questions")) { "Questions to the representatives" }
            if m.questions.isEmpty { el("p") { "No questions yet." } }
            for q in m.questions {
                el("div", .class("panel")) {
                    el("p", .class("small")) { "A resident asked, \(UKDates.day(q.askedAt))" }
                    el("p") { q.question }
                    if let answer = q.answer {
                        el("p", .class("small")) { "\(q.answeredBy ?? "A representative") answered:" }
                        el("p") { answer }
                    } else if m.isRepresentative {
                        el("form", .init("method", "post"), .init("action", PanelURL.answer(q.id).path), .init("novalidate", "")) {
                            Form.csrf(context.csrfToken)
                            Form.textarea("answer-\(q.id.uuidString.lowercased())", label: "Your answer", value: "", rows: 3, errors: [])
                            Form.button("Answer in public", secondary: true)
                        }
                    } else {
                        el("p", .class("small")) { "Not answered yet." }
                    }
                }
            }
            if m.mayAsk {
                el("form", .init("method", "post"), .init("action", PanelURL.questions(m.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.textarea("question", label: "Ask the representatives a question", value: form["question"] ?? "",
                                  hint: "Shown without your name; a representative answers in public.", rows: 3, errors: e)
                    Form.button("Ask")
                }
            }
            el("h2") { "Elections" }
            if m.elections.isEmpty { el("p") { "No election has been called yet." } }
            el("ul") {
                for (id, days, phase) in m.elections {
                    el("li") { el("a", .href(PanelURL.election(id).path)) { "Voting \(day(days.votingFrom)) to \(day(days.votingUntil))" }; " · \(phase.title)" }
                }
            }
            if m.mayCall {
                el("h2", .id("call")) { "Call an election" }
                el("form", .init("method", "post"), .init("action", PanelURL.elections(m.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    for (name, legend) in [("nominations_from", "People may stand from"), ("voting_from", "Voting opens on"), ("voting_until", "The last day of voting")] {
                        Form.dateParts(name, legend: legend, hint: "For example, 14 3 2027",
                                       parts: DateParts(day: form[name + "-day"] ?? "", month: form[name + "-month"] ?? "", year: form[name + "-year"] ?? ""), errors: e)
                    }
                    Form.button("Call the election")
                }
            }
        }
    }

    static func election(_ m: ElectionModel, form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        let x = m.election
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") { el("strong", .class("tag")) { m.phase.title } }
            el("dl", .class("facts")) {
                el("dt") { "Seats" }; el("dd") { "\(x.seats)" }
                el("dt") { "Standing" }; el("dd") { "From \(day(x.days.nominationsFrom)) until voting opens" }
                el("dt") { "Voting" }; el("dd") { "\(day(x.days.votingFrom)) to \(day(x.days.votingUntil))" }
                el("dt") { "Who has voted" }; el("dd") { x.voters == 1 ? "1 person" : "\(x.voters) people" }
            }
            el("p") {
                "Voters rank the candidates: 1 for their first choice, 2 for their next, and so on, as many as they like. The count is the Single Transferable Vote as Scottish local elections count it (The Scottish Local Government Elections Order 2007): a quota of votes elects, surpluses and the votes of those excluded pass on to next choices at their fractional value, to five decimal places. Every stage is published. Ballots are secret: who voted is kept apart from what was voted."
            }
            if m.phase == .results { el("p") { el("a", .class("button"), .href(PanelURL.results(x.id).path)) { "See the results" } } }
            if let p = m.participation { ParticipationTable.render(p, who: "voters") }
            el("h2") { "Candidates" }
            if x.candidates.isEmpty { el("p") { "No one is standing yet." } }
            for c in x.candidates {
                el("section", .class("panel")) {
                    el("h3") { c.name }
                    paragraphs(c.statement)
                    el("p", .class("small")) { "Declared interests: \(c.interests)" }
                }
            }
            el("div", .id("take-part")) {
                if !m.signedIn {
                    if m.phase == .nominations || m.phase == .voting { el("p") { el("a", .href(SiteURL.signIn.path)) { "Sign in" }; m.phase == .voting ? " to vote." : " to stand." } }
                } else if let why = m.whyNot, m.phase == .nominations || m.phase == .voting {
                    el("p") { why }
                } else if m.phase == .nominations {
                    if m.standing {
                        el("p") { "You are standing in this election." }
                    } else {
                        el("h2") { "Stand for election" }
                        el("form", .init("method", "post"), .init("action", PanelURL.stand(x.id).path), .init("novalidate", "")) {
                            Form.csrf(context.csrfToken)
                            Form.textarea("statement", label: "Why you are standing", value: form["statement"] ?? "",
                                          hint: "What you would speak up for. Everyone can read it, with your name.", rows: 6, errors: e)
                            Form.textarea("interests", label: "Your interests", value: form["interests"] ?? "",
                                          hint: "Jobs, groups, or anything that could be seen to sway you; or \"None\"", rows: 3, errors: e)
                            Form.button("Stand for election")
                        }
                    }
                } else if m.phase == .voting {
                    if m.voted {
                        el("h2") { "You have voted" }
                        el("p") { "Your ballot is in the ballot box and will be counted when voting closes. It is secret, so it cannot be changed." }
                    } else if !x.candidates.isEmpty {
                        el("h2") { "Vote" }
                        el("form", .init("method", "post"), .init("action", PanelURL.ballot(x.id).path), .init("novalidate", "")) {
                            Form.csrf(context.csrfToken)
                            el("p") { "Choose your 1st choice, then your 2nd, and so on. Leave the rest empty when you have no further choice." }
                            let options = x.candidates.map { ($0.id.uuidString.lowercased(), $0.name) }
                            for n in 1...x.candidates.count {
                                Form.select("rank-\(n)", label: "\(ordinal(n)) choice", [("", "No choice")] + options, chosen: form["rank-\(n)"] ?? "",
                                            errors: n == 1 ? e : [])
                            }
                            Form.button("Cast my secret ballot")
                        }
                    }
                }
            }
        }
    }

    static func results(_ counted: ElectionResults, _ context: PageContext) -> Node {
        let names = counted.ranked.candidates
        let result = counted.result
        return Layout.render(context) {
            el("h1") { context.title }
            el("h2") { "Elected" }
            el("ol") { for c in counted.elected { el("li") { c.name } } }
            if result.unopposed {
                el("p") { "There were no more candidates than seats, so each was elected unopposed: no count was needed." }
            } else {
                el("p") { "\(result.validVotes) valid ballots. The quota to be elected was \(result.quota) votes (the valid ballots divided by one more than the seats, plus one, ignoring any fraction)." }
                el("h2") { "Every stage of the count" }
                scrollingTable("Votes at each stage") {
                    el("thead") {
                        el("tr") {
                            el("th", .init("scope", "col")) { "Candidate" }
                            for stage in result.stages {
                                el("th", .init("scope", "col")) {
                                    switch stage.action {
                                    case .firstPreferences: "Stage \(stage.number): first choices"
                                    case .surplus(let c): "Stage \(stage.number): surplus of \(names[c])"
                                    case .exclusion(let c): "Stage \(stage.number): \(names[c]) excluded"
                                    }
                                }
                            }
                        }
                    }
                    el("tbody") {
                        for (c, name) in names.enumerated() {
                            el("tr") {
                                el("th", .init("scope", "row")) { name }
                                for stage in result.stages {
                                    el("td") { ScottishSTV.decimal(stage.votes[c]); if stage.elected.contains(c) { " (elected)" } }
                                }
                            }
                        }
                        el("tr") {
                            el("th", .init("scope", "row")) { "Non-transferable" }
                            for stage in result.stages { el("td") { ScottishSTV.decimal(stage.nonTransferable) } }
                        }
                        el("tr") {
                            el("th", .init("scope", "row")) { "Lost to fractions" }
                            for stage in result.stages { el("td") { ScottishSTV.decimal(stage.lostToFractions) } }
                        }
                    }
                }
            }
        }
    }

    static func form(wards: [(String, String)], form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        let area = (form["area"] ?? "").split(separator: ",").map(String.init)
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("form", .init("method", "post"), .init("action", PanelURL.newPanel.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.field("name", label: "Name", value: form["name"] ?? "", hint: "For example, Morecambe health panel", errors: e)
                Form.textarea("description", label: "What the panel is for", value: form["description"] ?? "", rows: 4, errors: e)
                Form.checkboxes("area", "Who it speaks for: people who live in", [(ProposalDraft.wholePlace, "The whole place")] + wards, chosen: area, errors: e)
                Form.field("seats", label: "Seats", value: form["seats"] ?? "", hint: "From 1 to 15", errors: e)
                Form.field("term_months", label: "Term, in months", value: form["term_months"] ?? "", hint: "From 3 to 60", errors: e)
                Form.field("report_weeks", label: "Report back every how many weeks", value: form["report_weeks"] ?? "", hint: "Leave empty for 8", errors: e)
                Form.button("Set up the panel")
            }
        }
    }
}
