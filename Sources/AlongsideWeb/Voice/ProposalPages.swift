import AlongsideCore
import AlongsideStore
import Foundation

/// Proposals' pages: the list, one proposal with its supporters by ward and its answers, the form to write
/// one, and the answers that are late.
enum ProposalPages {
    struct Summary {
        let id: UUID
        let title: String
        /// The ward's name, or "The whole place".
        let place: String
        let category: String
        let supports: Int
        let standing: ProposalStanding
        let proposedOn: String
    }

    struct AnswerShown {
        let kind: ProposalAnswer.Kind
        let reasons: String
        let newDue: String?
        let at: Date
        /// The directory service named as already doing it: its name and address.
        var service: (name: String, path: String)?

        init(_ answer: ProposalAnswer, at: Date, service: (String, String)?) {
            kind = answer.kind
            reasons = answer.reasons
            if case .underConsideration(_, let due) = answer { newDue = due } else { newDue = nil }
            self.at = at
            self.service = service
        }
    }

    struct ListModel {
        let proposals: [Summary]
        let thresholds: ProposalThresholds
        let mayPropose: Bool
        let signedIn: Bool
        var mayConfigure = false
        /// Calls for proposals still taking them, closing soonest first.
        var calls: [ProposalCallPages.Summary] = []
    }

    struct Model {
        let summary: Summary
        let body: String
        let thresholds: ProposalThresholds
        /// Supporters by ward, most first: counts only, never names.
        let byWard: [(String, Int)]
        var answers: [AnswerShown]
        let hiddenReason: String?
        var participation: Participation?
        var moderation = Moderation.Standing.visible
        /// The organisation that answers proposals about its category, if the administrators named one.
        var owner: String?
        var mayReport = false
        var comments: [CommentView] = []
        var mayComment = false
        var isAuthor = false
        var supporting = false
        var maySupport = false
        var mayAnswer = false
        /// The call for proposals it answers: its title and address.
        var call: (title: String, path: String)?
    }

    /// "Owed an answer by 29 November 2026", "Answer overdue since 29 November 2026", "Answered".
    static func standingWords(_ s: ProposalStanding) -> String {
        switch s.state {
        case .gathering: "Gathering supporters"
        case .published: "Published"
        case .owedAnswer:
            s.overdue ? "Answer overdue: it was due by \(day(s.answerDue))" : "Owed an answer by \(day(s.answerDue))"
        case .answered: "Answered"
        case .hidden: "Hidden by a moderator"
        }
    }

    static func day(_ iso: String?) -> String { iso.flatMap(UKDates.parseISODay).map(UKDates.day) ?? "a date not set" }

    static func supporters(_ n: Int) -> String { n == 1 ? "1 supporter" : "\(n) supporters" }

    static func thresholdsText(_ t: ProposalThresholds) -> String {
        "A proposal is published for everyone when \(t.publish) people support it. At \(t.answer) supporters the health system owes it an answer within \(t.answerDays) days, by a date shown on the proposal; at \(t.board) it goes on the agenda of the next public board meeting."
    }

    static func list(_ m: ListModel, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { "Ideas from people who live here for local health and wellbeing, and the answers they are owed." }
            el("p") { thresholdsText(m.thresholds) }
            if m.mayPropose {
                el("p") { el("a", .class("button"), .href(VoiceURL.newProposal.path)) { "Write a proposal" } }
            } else if !m.signedIn {
                el("p") { el("a", .href(SiteURL.signIn.path)) { "Sign in" }; " to write or support a proposal." }
            }
            el("p") { el("a", .href(VoiceURL.overdueAnswers.path)) { "Answers overdue" }; " · "; el("a", .href(VoiceURL.results.path)) { "Results: what accepted proposals became" }
                " · "; el("a", .href(VoiceURL.pairs.path)) { "Collaborative pairs" } }
            if m.mayConfigure { el("p") { el("a", .href(VoiceURL.settings.path)) { "Thresholds, and who answers each category" } } }
            if !m.calls.isEmpty {
                el("h2") { "The health system is asking" }
                ProposalCallPages.list(m.calls)
            }
            el("h2") { m.proposals.count == 1 ? "1 proposal" : "\(m.proposals.count) proposals" }
            if m.proposals.isEmpty { el("p") { "No proposal has been published yet." } }
            el("ul", .class("result-list")) {
                for p in m.proposals {
                    el("li") {
                        el("h3") { el("a", .href(VoiceURL.proposal(p.id).path)) { p.title } }
                        el("p") { el("strong", .class(p.standing.overdue ? "tag tag-warning" : "tag")) { standingWords(p.standing) } }
                        el("p", .class("small")) { "\(supporters(p.supports)) · \(p.place) · \(p.category) · proposed \(p.proposedOn)" }
                    }
                }
            }
        }
    }

    static func overdue(_ rows: [(Summary, Int, String)], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p") { "Proposals that had enough supporters to be owed an answer, whose answer has not come by the date it was due." }
            if rows.isEmpty {
                el("p") { "No answer is overdue." }
            } else {
                scrollingTable("Answers overdue") {
                    el("thead") { el("tr") { el("th", .init("scope", "col")) { "Proposal" }; el("th", .init("scope", "col")) { "Was due by" }; el("th", .init("scope", "col")) { "Days late" }; el("th", .init("scope", "col")) { "Supporters" }; el("th", .init("scope", "col")) { "Who owes the answer" } } }
                    el("tbody") {
                        for (p, late, owner) in rows {
                            el("tr") {
                                el("td") { el("a", .href(VoiceURL.proposal(p.id).path)) { p.title } }
                                el("td") { day(p.standing.answerDue) }
                                el("td") { "\(late)" }
                                el("td") { "\(p.supports)" }
                                el("td") { owner }
                            }
                        }
                    }
                }
            }
        }
    }

    static func page(_ m: Model, form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        let s = m.summary
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { s.title }
            el("div", .class("panel"), .id("support")) {
                el("p") { el("strong") { standingWords(s.standing) } }
                el("p") { supporters(s.supports) }
                if s.standing.state == .gathering {
                    el("p") { "It is published for everyone at \(m.thresholds.publish) supporters. Until then, share this page's address with people who live here." }
                }
                if s.standing.onBoardAgenda { el("p") { "It has enough supporters to go on the agenda of the next public board meeting." } }
                if s.standing.state == .owedAnswer {
                    el("p") { "Who must answer: \(m.owner ?? "the health system's commissioners (no organisation is named for this category yet)")" }
                }
                if m.maySupport {
                    if m.supporting {
                        el("p") { "You support this proposal." }
                        el("form", .init("method", "post"), .init("action", VoiceURL.proposalWithdraw(s.id).path)) {
                            Form.csrf(context.csrfToken)
                            Form.button("Take my support back", secondary: true)
                        }
                    } else {
                        el("form", .init("method", "post"), .init("action", VoiceURL.proposalSupport(s.id).path)) {
                            Form.csrf(context.csrfToken)
                            Form.checkboxes("notify", "Hearing of the answer", [("yes", "Email me when it is answered")], chosen: [], errors: [], single: true)
                            Form.button("Support this proposal")
                        }
                    }
                } else if m.isAuthor {
                    el("p") { "You wrote this proposal." }
                }
            }
            if let reason = m.hiddenReason, s.standing.state == .hidden {
                el("div", .class("panel"), .id("moderation")) {
                    el("p") { reason }
                    if m.isAuthor {
                        switch m.moderation {
                        case .hidden(_, let mayAskAgain) where mayAskAgain:
                            el("form", .init("method", "post"), .init("action", VoiceURL.proposalSecondLook(s.id).path)) {
                                Form.csrf(context.csrfToken)
                                el("p") { "If you think this is wrong, you can ask once for another moderator to look. Their decision is final." }
                                Form.button("Ask another moderator to look", secondary: true)
                            }
                        case .secondLookAsked: el("p") { "You asked for another moderator to look. You will be emailed their decision." }
                        default: Node(text: "")
                        }
                    }
                }
            } else {
                el("h2") { "What and why" }
                for paragraph in m.body.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } }
            }
            el("dl", .class("facts")) {
                el("dt") { "Where" }; el("dd") { s.place }
                el("dt") { "About" }; el("dd") { s.category }
                el("dt") { "Proposed" }; el("dd") { s.proposedOn }
                if let call = m.call { el("dt") { "In answer to" }; el("dd") { el("a", .href(call.path)) { call.title } } }
            }
            if !m.byWard.isEmpty {
                el("h2") { "Supporters by where they live" }
                scrollingTable("Supporters by ward") {
                    el("thead") { el("tr") { el("th", .init("scope", "col")) { "Ward" }; el("th", .init("scope", "col")) { "Supporters" } } }
                    el("tbody") { for (ward, n) in m.byWard { el("tr") { el("td") { ward }; el("td") { "\(n)" } } } }
                }
            }
            if let p = m.participation { ParticipationTable.render(p, who: "the author and supporters") }
            if !m.answers.isEmpty {
                el("h2") { m.answers.count == 1 ? "The answer" : "Answers" }
                for a in m.answers {
                    el("div", .class("panel")) {
                        el("h3") { "\(a.kind.title), \(UKDates.day(a.at))" }
                        if !a.reasons.isEmpty { for paragraph in a.reasons.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } } }
                        if let due = a.newDue { el("p") { "A full answer is due by \(day(due))." } }
                        if let service = a.service { el("p") { "It is already happening: "; el("a", .href(service.path)) { service.name } } }
                    }
                }
            }
            commentsSection(m, s, form: form, errors: e, context)
            if m.mayReport && s.standing.state != .hidden {
                el("details", e.contains { $0.field == "reason" } ? .init("open", "") : .class("report")) {
                    el("summary") { "Report this proposal to the moderators" }
                    el("form", .init("method", "post"), .init("action", VoiceURL.proposalReport(s.id).path), .init("novalidate", "")) {
                        Form.csrf(context.csrfToken)
                        Form.textarea("reason", label: "Why it should not be here", value: form["reason"] ?? "",
                                      hint: "For example, it names or attacks someone. Moderators see your reason, not your name.", rows: 3, errors: e)
                        Form.button("Report it", secondary: true)
                    }
                }
            }
            if m.mayAnswer {
                el("h2", .id("answer")) { "Answer this proposal" }
                el("form", .init("method", "post"), .init("action", VoiceURL.proposalAnswer(s.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.radios("kind", "The answer", ProposalAnswer.Kind.allCases.map { ($0.rawValue, $0.title) }, chosen: form["kind"], errors: e)
                    Form.textarea("reasons", label: "Reasons", value: form["reasons"] ?? "",
                                  hint: "Required when it is under consideration or not taken forward. People read this as it is written.", rows: 6, errors: e)
                    Form.dateParts("new_due", legend: "When a full answer will be given (only if it is under consideration)",
                                   hint: "No more than three months from today. For example, 14 3 2027",
                                   parts: DateParts(day: form["new_due-day"] ?? "", month: form["new_due-month"] ?? "", year: form["new_due-year"] ?? ""), errors: e)
                    Form.field("service", label: "The service that already does this (only if it is already happening)", value: form["service"] ?? "",
                               hint: "Paste the address of its page in Find support", errors: e)
                    Form.button("Send the answer")
                }
            }
        }
    }

    /// `call`: the call for proposals it answers, whose ward and category it takes.
    static func form(wards: [(String, String)], categories: [(String, String)], thresholds: ProposalThresholds, form: [String: String],
                     errors e: [FieldError], call: ProposalCallPages.Summary? = nil, _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") { thresholdsText(thresholds) }
            el("p") { "Everyone can read a published proposal. Your name is not shown on it." }
            if let call {
                el("div", .class("panel")) {
                    el("p") { "In answer to the call "; el("a", .href(VoiceURL.call(call.id).path)) { call.title }; "." }
                    el("p") { "Where: \(call.place). About: \(call.category). \(call.when)." }
                }
            }
            el("form", .init("method", "post"), .init("action", VoiceURL.newProposal.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                if let call { el("input", .type("hidden"), .name("call"), .value(call.id.uuidString.lowercased())) }
                Form.field("title", label: "Title", value: form["title"] ?? "", hint: "In a few words, what should happen", errors: e)
                Form.textarea("body", label: "What you propose and why", value: form["body"] ?? "",
                              hint: "Up to \(ProposalDraft.bodyLimit) characters", rows: 8, errors: e)
                if call == nil {
                    Form.select("ward", label: "Where", [(ProposalDraft.wholePlace, "The whole place")] + wards, chosen: form["ward"], errors: e)
                    Form.select("category", label: "What it is about", categories, chosen: form["category"], errors: e)
                }
                Form.checkboxes("notify", "Hearing of the answer", [("yes", "Email me when it is answered")], chosen: form["notify"].map { [$0] } ?? [],
                                errors: e, single: true)
                Form.button("Send the proposal")
            }
        }
    }

    static func settings(categories: [(String, String)], organisations: [(String, String)], form: [String: String], errors e: [FieldError],
                         _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("form", .init("method", "post"), .init("action", VoiceURL.settings.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                el("h2") { "Proposal thresholds" }
                Form.field("publish", label: "Supporters to publish a proposal", value: form["publish"] ?? "", errors: e)
                Form.field("answer", label: "Supporters to be owed an answer", value: form["answer"] ?? "", errors: e)
                Form.field("board", label: "Supporters to go on the board's agenda", value: form["board"] ?? "", errors: e)
                Form.field("answer_days", label: "Days to answer", value: form["answer_days"] ?? "", hint: "From 7 to 90", errors: e)
                el("h2") { "Who answers proposals about each category" }
                for (code, name) in categories {
                    Form.select("owner-" + code, label: name, [("", "No one named yet")] + organisations, chosen: form["owner-" + code] ?? "", errors: e)
                }
                Form.button("Save")
            }
        }
    }
}
