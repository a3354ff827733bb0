import AlongsideCore
import AlongsideStore
import Foundation

/// The referral form, the team's inbox, the episode page, "My support" and "Referrals you made".
enum ReferralPages {
    struct Row {
        let id: UUID
        let name: String
        let stage: String
        let needs: String
        let waitingDays: Int
        let since: String
        let referrer: String
        let next: String?
        /// Looks after someone (carer status, shown on caseloads and counted for commissioners).
        var carer = false
        /// A carer under 18.
        var youngCarer = false
        /// The person's own plan and measures, for a link worker's caseload.
        var personID: UUID?
    }

    static func form(_ f: ReferralForm, forSomeoneElse: Bool, action: String = SiteURL.newReferral.path, errors e: [FieldError],
                     _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") {
                forSomeoneElse
                    ? "A link worker will get in touch with the person, give them time, and help them find what helps. It takes about a minute."
                    : "A link worker will get in touch, give you time to talk about what matters to you, and help you find groups and support nearby."
            }
            el("form", .init("method", "post"), .init("action", action), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                el("input", .type("hidden"), .name("submission_key"), .value(f.submission_key ?? ""))
                el("h2") { forSomeoneElse ? "The person" : "You" }
                Form.field("given_name", label: "First name", value: f.given_name ?? "", autocomplete: forSomeoneElse ? nil : "given-name", errors: e)
                Form.field("family_name", label: "Last name", value: f.family_name ?? "", autocomplete: forSomeoneElse ? nil : "family-name", errors: e)
                Form.field("birth_date", label: "Date of birth", type: "date", value: f.birth_date ?? "", hint: "For example, 14/03/1956", errors: e, width: "medium")
                Form.field("postcode", label: "Postcode", value: f.postcode ?? "", errors: e, width: "short")
                Form.field("nhs_number", label: "NHS number (optional)", value: f.nhs_number ?? "", hint: "10 digits, like 943 476 5919", errors: e, width: "medium")
                el("h2") { "How to get in touch" }
                Form.field("phone", label: "Phone number", type: "tel", value: f.phone ?? "", errors: e, width: "medium")
                Form.field("email", label: "Email address", type: "email", value: f.email ?? "", errors: e)
                Form.radios("preferred_contact", "Best way to get in touch", ContactMethod.allCases.map { ($0.rawValue, $0.title) }, chosen: f.preferred_contact)
                Form.field("interpreter", label: "Interpreter needed for (optional)", value: f.interpreter ?? "", hint: "The language, like Polish or British Sign Language", errors: e, width: "medium")
                el("h2") { "What is going on" }
                Form.checkboxes("needs", "What applies (choose all that do)", Need.allCases.map { ($0.rawValue, $0.title) }, chosen: f.needs ?? [], errors: e)
                Form.textarea("story", label: "In a few words", value: f.story ?? "", hint: forSomeoneElse ? "What the person said matters, and what is getting in the way." : "Anything you would like your link worker to know.", errors: e)
                if forSomeoneElse {
                    Form.textarea("must_know", label: "Anything the link worker must know first (optional)", value: f.must_know ?? "",
                                  hint: "Risks, safeguarding, \"do not visit alone\".", rows: 3, errors: e)
                    Form.radios("gp_sharing", "What goes back to the GP record, as the person chose",
                                [("all", "A short summary and the codes"), ("codes", "Only the codes")], chosen: f.gp_sharing)
                }
                Form.checkboxes("consented", forSomeoneElse ? "Agreement" : "Your agreement",
                                [("yes", forSomeoneElse ? "The person has agreed to be referred to a link worker" : "I would like a link worker to contact me")],
                                chosen: f.consented ?? [], errors: e)
                Form.button(forSomeoneElse ? "Send referral" : "Ask for a link worker")
            }
        }
    }

    /// After the public form: what happens next, and nothing about the person repeated back.
    static func asked(_ context: PageContext) -> Node {
        Layout.render(context) {
            el("div", .class("panel confirmation")) {
                el("h1") { context.title }
                el("p", .class("lead")) { "A link worker will get in touch the way you asked, usually within 5 working days." }
            }
            el("h2") { "What happens next" }
            el("ol") {
                el("li") { "A link worker reads what you wrote and calls, texts or emails you." }
                el("li") { "You talk about what matters to you, for as long as you need." }
                el("li") { "They help you find groups, activities and support nearby, and keep in touch." }
            }
            el("p") { "If you gave an email address, your link worker can invite you to follow your support online." }
            el("p") { "If you need help urgently, call 111, or 999 in an emergency." }
            el("p") { el("a", .href(SiteURL.services.path)) { "Find things to do and support nearby" } }
        }
    }

    enum Column { case waiting, since, next }

    static func table(_ caption: String, _ rows: [Row], _ column: Column) -> Node {
        scrollingTable(caption) {
            el("caption") { caption }
            el("thead") {
                el("tr") {
                    let last = switch column { case .waiting: "Waiting"; case .since: "Since"; case .next: "Next contact" }
                    for h in ["Name", "Stage", "What is going on", last, "Referred by"] { el("th", .init("scope", "col")) { h } }
                }
            }
            el("tbody") {
                for r in rows {
                    el("tr") {
                        el("td") {
                            el("a", .href(SiteURL.referral(r.id).path)) { r.name }
                            if r.carer { " "; el("span", .class("tag")) { r.youngCarer ? "Young carer" : "Carer" } }
                        }
                        el("td") { r.stage }
                        el("td") { r.needs }
                        el("td") {
                            switch column {
                            case .waiting: r.waitingDays == 1 ? "1 day" : "\(r.waitingDays) days"
                            case .since: r.since
                            case .next: r.next ?? "Not set"
                            }
                        }
                        el("td") { r.referrer }
                    }
                }
            }
        }
    }

    struct InboxModel {
        let waiting: [Row]
        let waitingCount: Int
        let dueToday: [Row]
        let overdue: [Row]
        let firstContact: [Row]
        let byStage: [(String, Int)]
        let mine: [Row]
        let takenOnThisYear: Int
        /// The caseload's wellbeing measures at a glance: who has no baseline, who is due a follow-up, who got worse.
        var measures: [(MeasureWatch, [Row])] = []
    }

    static func inbox(_ m: InboxModel, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "Referrals" }
            el("p") { el("a", .class("button secondary"), .href(SiteURL.newReferral.path)) { "Refer someone" } }
            el("p", .class("lead")) {
                "You are looking after \(m.mine.count) \(m.mine.count == 1 ? "person" : "people"). This year you have taken on \(m.takenOnThisYear); a link worker usually takes on 200 to 250 people a year."
            }
            el("h2") { "Waiting for a link worker (\(m.waitingCount))" }
            if m.waiting.isEmpty { el("p") { "No referrals are waiting." } } else {
                if m.waitingCount > m.waiting.count { el("p") { "The \(m.waiting.count) who have waited longest:" } }
                table("Waiting for a link worker", m.waiting, .waiting)
            }
            el("h2") { "Due today (\(m.dueToday.count))" }
            if m.dueToday.isEmpty { el("p") { "Nobody is due a contact today." } } else { table("Due today", m.dueToday, .next) }
            el("h2") { "Overdue (\(m.overdue.count))" }
            if m.overdue.isEmpty { el("p") { "Nothing is overdue." } } else { table("Overdue", m.overdue, .next) }
            el("h2") { "Waiting for a first contact (\(m.firstContact.count))" }
            if m.firstContact.isEmpty { el("p") { "Everyone accepted has been contacted." } } else { table("Waiting for a first contact", m.firstContact, .waiting) }
            el("h2") { "Your caseload (\(m.mine.count))" }
            el("ul", .class("stage-counts")) { for (stage, count) in m.byStage { el("li") { "\(stage): \(count)" } } }
            if m.mine.isEmpty { el("p") { "Nobody is in your caseload yet." } } else { table("Your caseload", m.mine, .next) }
            if !m.mine.isEmpty {
                el("h2") { "Wellbeing measures at a glance" }
                el("p") { "From each person's SWEMWBS in their current episode: a follow-up is due \(MeasureWatch.followUpAfterDays / 7) weeks after the last one; \"got worse\" means down 3 points or more since the baseline." }
                for (watch, rows) in m.measures where watch != .onTrack {
                    el("h3") { "\(watch.title) (\(rows.count))" }
                    if rows.isEmpty { el("p") { "Nobody." } } else {
                        el("ul") {
                            for r in rows {
                                el("li") {
                                    el("a", .href(r.personID.map { SiteURL.measures($0).path } ?? SiteURL.referral(r.id).path)) { r.name }
                                    " · \(r.stage)"
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func team(workers: [(UUID, String, Int)], chosen: (UUID, String)?, rows: [Row], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "The team's caseloads" }
            scrollingTable("Link workers") {
                el("caption") { "Open episodes by link worker" }
                el("thead") { el("tr") { el("th", .init("scope", "col")) { "Link worker" }; el("th", .init("scope", "col")) { "Open episodes" } } }
                el("tbody") {
                    for (id, name, count) in workers {
                        el("tr") {
                            el("td") { el("a", .href(SiteURL.team.with([("worker", id.uuidString.lowercased())]))) { name } }
                            el("td") { String(count) }
                        }
                    }
                }
            }
            if let (worker, name) = chosen {
                el("h2") { "\(name)'s caseload (\(rows.count))" }
                if rows.isEmpty { el("p") { "\(name) has no open episodes." } }
                for r in rows {
                    el("form", .init("method", "post"), .init("action", SiteURL.referralAssign(r.id).path), .class("panel")) {
                        Form.csrf(context.csrfToken)
                        el("p") { el("a", .href(SiteURL.referral(r.id).path)) { r.name }; " · \(r.stage) · next contact \(r.next ?? "not set")" }
                        let field = "assign_to-\(r.id.uuidString.lowercased())"
                        el("label", .init("for", field)) { "Give \(r.name) to" }
                        el("select", .id(field), .name("assign_to")) {
                            for (id, other, _) in workers where id != worker { el("option", .value(id.uuidString.lowercased())) { other } }
                        }
                        el("button", .type("submit"), .class("button secondary")) { "Reassign"; el("span", .class("visually-hidden")) { " \(r.name)" } }
                    }
                }
            }
        }
    }

    static func made(_ rows: [Row], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "Referrals you made" }
            el("p") { el("a", .class("button secondary"), .href(SiteURL.newReferral.path)) { "Refer someone" } }
            if rows.isEmpty { el("p") { "You have not referred anyone yet." } } else { table("Referrals you made", rows, .since) }
        }
    }

    struct EpisodeModel {
        let episode: Episode
        let works: Bool
        let allowed: [EpisodeStage]
        let canWithdraw: Bool
        let duplicates: [(UUID, String, String, String)]
        let names: [UUID: String]
        let errors: [FieldError]
        let community: [CommunityReferralRecord]
        let gpMessages: [GPMessageRecord]
        let whatMatters: WhatMatters?
        /// The person has an email address on the referral and no account yet.
        var canInvite = false
        /// Carer status, in words, when the person looks after someone.
        var carer: String?
        /// The person's plan, measures and caring details are open to the viewer.
        var planLinks = false
    }

    static func episode(_ m: EpisodeModel, _ context: PageContext) -> Node {
        let r = m.episode.referral
        return Layout.render(context) {
            Form.errorSummary(m.errors)
            el("h1") { r.fullName }
            el("p", .class("lead")) { "\(r.currentStage.title) since \(UKDates.day(r.stageChangedAt))" + (r.assignedTo.flatMap { m.names[$0] }.map { " · link worker \($0)" } ?? "") }
            if !m.duplicates.isEmpty {
                el("div", .class("warning-panel"), .init("role", "note")) {
                    el("h2") { "This may be someone already being helped" }
                    el("ul") {
                        for (id, name, made, stage) in m.duplicates {
                            el("li") { el("a", .href(SiteURL.referral(id).path)) { "\(name), referred \(made)" }; " (\(stage.lowercased()))" }
                        }
                    }
                }
            }
            if m.works, let mustKnow = r.mustKnow {
                el("div", .class("warning-panel"), .init("role", "note")) { el("h2") { "Know this first" }; el("p") { mustKnow } }
            }
            el("h2") { "About the referral" }
            el("dl", .class("facts")) {
                el("dt") { "Referred by" }; el("dd") { "\(r.referrerName), \(UKDates.day(r.createdAt))" }
                el("dt") { "What is going on" }; el("dd") { r.needList.map(\.title).joined(separator: ", ") }
                if !r.story.isEmpty { el("dt") { "In their words" }; el("dd") { r.story } }
                if m.works {
                    el("dt") { "Date of birth" }; el("dd") { r.birthDate }
                    el("dt") { "Postcode" }; el("dd") { r.postcode }
                    if let nhs = r.nhsNumber, let number = try? NHSNumber(nhs) { el("dt") { "NHS number" }; el("dd") { number.formatted } }
                    el("dt") { "Get in touch by" }
                    el("dd") {
                        ContactMethod(rawValue: r.preferredContact)?.title ?? r.preferredContact
                        [r.phone, r.email].compactMap { $0 }.isEmpty ? "" : ": " + [r.phone, r.email].compactMap { $0 }.joined(separator: " or ")
                    }
                    if let language = r.interpreter { el("dt") { "Interpreter" }; el("dd") { language } }
                    if let carer = m.carer { el("dt") { "Carer" }; el("dd") { carer } }
                }
            }
            if m.planLinks {
                el("p") {
                    el("a", .href(SiteURL.plan(r.personID).path)) { "\(r.givenName)'s plan" }
                    " · "
                    el("a", .href(SiteURL.measures(r.personID).path)) { "How \(r.givenName) is doing" }
                    " · "
                    el("a", .href(SiteURL.caring(r.personID).path)) { "Caring" }
                }
            }
            if m.works && !m.allowed.isEmpty {
                el("h2") { "Move this episode on" }
                el("form", .init("method", "post"), .init("action", SiteURL.referralMoves(r.id!).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.select("to", label: "Move to", m.allowed.map { ($0.rawValue, $0.title) }, chosen: nil, errors: m.errors)
                    if m.allowed.contains(.closed) {
                        Form.select("outcome", label: "If closing: how it ended", [("", "Not closing")] + ClosureOutcome.allCases.map { ($0.rawValue, $0.title) },
                                    chosen: nil, errors: m.errors)
                    }
                    Form.textarea("reason", label: "Why (needed to decline, redirect or withdraw)", rows: 2, errors: m.errors)
                    Form.button("Move on")
                }
                el("h2") { "Log a contact" }
                el("form", .init("method", "post"), .init("action", SiteURL.referralContacts(r.id!).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.radios("way", "How", ContactWay.allCases.map { ($0.rawValue, $0.title) }, chosen: nil)
                    Form.radios("reached", "Did you reach them?", [("yes", "Yes, we spoke"), ("no", "No, an attempt that did not reach them")], chosen: nil)
                    Form.field("minutes", label: "How long, in minutes (optional)", errors: m.errors, width: "short")
                    Form.field("next_contact_on", label: "Next contact (optional)", type: "date", hint: "For example, 02/12/2026",
                               errors: m.errors, width: "medium")
                    Form.textarea("notes", label: "Notes", rows: 3, errors: m.errors)
                    Form.button("Log contact", secondary: true)
                }
            } else if m.canWithdraw {
                el("form", .init("method", "post"), .init("action", SiteURL.referralMoves(r.id!).path)) {
                    Form.csrf(context.csrfToken)
                    el("input", .type("hidden"), .name("to"), .value(EpisodeStage.withdrawnByReferrer.rawValue))
                    Form.textarea("reason", label: "Why you are withdrawing the referral", rows: 2, errors: m.errors)
                    Form.button("Withdraw referral", secondary: true)
                }
            }
            if m.works && r.currentStage.isOpen && ![.received, .accepted].contains(r.currentStage) {
                el("h2") { "What matters to me" }
                el("p") { "In the person's own words. It opens their plan." }
                el("form", .init("method", "post"), .init("action", SiteURL.referralWhatMatters(r.id!).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    let answers = m.whatMatters?.answers ?? Array(repeating: "", count: WhatMatters.prompts.count)
                    for (prompt, answer) in zip(WhatMatters.prompts, answers) {
                        Form.textarea(prompt.field, label: prompt.question, value: answer, rows: 3, errors: m.errors)
                    }
                    Form.button("Save what matters", secondary: true)
                }
            } else if m.works, let conversation = m.whatMatters {
                el("h2") { "What matters to me" }
                el("dl", .class("facts")) {
                    for (prompt, answer) in zip(WhatMatters.prompts, conversation.answers) where !answer.isEmpty {
                        el("dt") { prompt.question }; el("dd") { answer }
                    }
                }
            }
            if !m.community.isEmpty || (m.works && r.currentStage.isOpen && r.currentStage != .received) {
                el("h2") { "Community services" }
                if !m.community.isEmpty {
                    el("ul") {
                        for c in m.community {
                            el("li") {
                                el("a", .href(SiteURL.service(c.serviceID).path)) { c.serviceName }
                                ": \(c.currentStatus.title.lowercased()) (referred \(UKDates.day(c.sentAt)))"
                                c.escalatedAt != nil && c.currentStatus.awaitsAnswer ? " — no answer after 14 days; the organisation has been reminded" : ""
                            }
                        }
                    }
                }
                if m.works && r.currentStage.isOpen && r.currentStage != .received {
                    el("p") { el("a", .class("button secondary"), .href(SiteURL.referralConnect(r.id!).path)) { "Refer to a community service" } }
                }
            }
            if m.works && m.canInvite && r.currentStage.isOpen {
                el("h2") { "Follow their support online" }
                el("p") { "Send \(r.givenName) a link to make an account at \(r.email ?? ""). They will see where their referral is, when you next speak and what they said matters — nothing else." }
                el("form", .init("method", "post"), .init("action", SiteURL.referralInvite(r.id!).path)) {
                    Form.csrf(context.csrfToken)
                    el("button", .type("submit"), .class("button secondary"), .id("invite")) { "Invite \(r.givenName) to follow online" }
                }
            }
            el("h2") { "What has happened" }
            el("ol", .class("timeline")) {
                for move in m.episode.moves {
                    el("li") {
                        "\(UKDates.dayAndTime(move.movedAt)): \(EpisodeStage(rawValue: move.toStage)?.title ?? move.toStage)"
                        move.outcome.flatMap(ClosureOutcome.init(rawValue:)).map { " — \($0.title)" } ?? ""
                        move.reason.map { " — \($0)" } ?? ""
                        move.movedBy.flatMap { m.names[$0] }.map { " (\($0))" } ?? ""
                    }
                }
                if m.works {
                    for contact in m.episode.contacts {
                        el("li") {
                            "\(UKDates.dayAndTime(contact.happenedAt)): \(ContactWay(rawValue: contact.method)?.title ?? contact.method)"
                            contact.reached ? "" : ", did not reach them"
                            contact.minutes.map { ", \($0) minutes" } ?? ""
                            contact.notes.isEmpty ? "" : " — \(contact.notes)"
                        }
                    }
                }
            }
            if m.works && !m.episode.codes.isEmpty {
                el("h2") { "Coded for the GP record" }
                el("ul") { for code in m.episode.codes { el("li") { "\(code.display) (SNOMED CT \(code.code))" } } }
            }
            if !m.gpMessages.isEmpty {
                el("h2") { "Messages for the GP record" }
                for message in m.gpMessages {
                    el("div", .class("panel")) {
                        el("p", .class("small")) { "\(UKDates.dayAndTime(message.createdAt)) · \(EpisodeStage(rawValue: message.stage)?.title ?? message.stage)" }
                        el("p") { message.summary ?? "Codes only, as the person chose." }
                        if !message.concepts.isEmpty {
                            el("p") { message.concepts.map { "SNOMED CT \($0.code) \($0.display)" }.joined(separator: "; ") }
                        }
                    }
                }
            }
        }
    }

    struct SupportItem {
        let id: UUID
        let made: String
        let stage: EpisodeStage
        let linkWorker: String?
        let steps: [(String, String)]
        let canDecline: Bool
        let nextContact: String?
        let whatMatters: WhatMatters?
        let services: [(String, String)]
    }

    static func mySupport(_ items: [SupportItem], personID: UUID, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "My support" }
            el("p") {
                el("a", .href(SiteURL.plan(personID).path)) { "My plan" }
                " · "
                el("a", .href(SiteURL.measures(personID).path)) { "How am I doing?" }
                " · "
                el("a", .href(SiteURL.caring(personID).path)) { "Caring" }
            }
            if items.isEmpty {
                el("p") { "You have not been referred to a link worker." }
                el("p") { el("a", .class("button"), .href(SiteURL.newReferral.path)) { "Ask for a link worker" } }
            }
            for item in items {
                el("section", .class("panel"), .init("aria-labelledby", "s-\(item.id.uuidString.lowercased())")) {
                    el("h2", .id("s-\(item.id.uuidString.lowercased())")) { "Referral of \(item.made)" }
                    el("p", .class("lead")) { item.stage.plainWords }
                    if let worker = item.linkWorker { el("p") { "Your link worker is \(worker)." } }
                    if let next = item.nextContact { el("p") { "You will next hear from them on \(next)." } }
                    if let conversation = item.whatMatters {
                        el("h3") { "What you said matters to you" }
                        el("dl", .class("facts")) {
                            for (prompt, answer) in zip(WhatMatters.prompts, conversation.answers) where !answer.isEmpty {
                                el("dt") { prompt.question }; el("dd") { answer }
                            }
                        }
                    }
                    el("ol", .class("timeline")) { for (when, what) in item.steps { el("li") { "\(when): \(what)" } } }
                    if !item.services.isEmpty {
                        el("h3") { "Groups and services you were referred to" }
                        el("ul") { for (name, status) in item.services { el("li") { "\(name): \(status.lowercased())" } } }
                    }
                    if item.canDecline {
                        el("form", .init("method", "post"), .init("action", SiteURL.referralMoves(item.id).path)) {
                            Form.csrf(context.csrfToken)
                            el("input", .type("hidden"), .name("to"), .value(EpisodeStage.declinedByPerson.rawValue))
                            el("button", .type("submit"), .class("button secondary")) {
                                "I do not want this support"
                                el("span", .class("visually-hidden")) { " (referral of \(item.made))" }
                            }
                        }
                    }
                }
            }
        }
    }
}
