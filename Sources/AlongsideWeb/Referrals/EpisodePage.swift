import AlongsideCore
import AlongsideStore
import Foundation

/// One episode: the referral, moving it on, contacts, what matters, community services, the timeline and GP messages.
extension ReferralPages {
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
        /// The last day the person may change their mind, when they have declined and it is not too late.
        var changeOfMindUntil: Date?
    }

    /// What the person added to their request: their words, and what else applies.
    static func additionWords(_ a: EpisodeAdditionRecord) -> String {
        [a.text.isEmpty ? nil : a.text, a.needList.isEmpty ? nil : "Also: " + a.needList.map(\.title).joined(separator: ", ")]
            .compactMap { $0 }.joined(separator: " ")
    }

    /// The moves and (for those who work on it) the contacts, in the order they happened.
    static func timeline(_ m: EpisodeModel) -> [(Date, String)] {
        var entries: [(Date, String)] = m.episode.moves.map { move in
            var line = "\(UKDates.dayAndTime(move.movedAt)): \(EpisodeStage(rawValue: move.toStage)?.title ?? move.toStage)"
            if let outcome = move.outcome.flatMap(ClosureOutcome.init(rawValue:)) { line += " — \(outcome.title)" }
            if let reason = move.reason?.trimmed, !reason.isEmpty { line += " — \(reason)" }
            if let who = move.movedBy.flatMap({ m.names[$0] }) { line += " (\(who))" }
            return (move.movedAt, line)
        }
        if m.works {
            entries += m.episode.contacts.map { contact in
                var line = "\(UKDates.dayAndTime(contact.happenedAt)): \(ContactWay(rawValue: contact.method)?.title ?? contact.method)"
                line += contact.reached ? ", spoke with them" : ", did not reach them"
                if let minutes = contact.minutes { line += ", \(minutes) minutes" }
                if !contact.notes.trimmed.isEmpty { line += " — \(contact.notes.trimmed)" }
                return (contact.happenedAt, line)
            }
        }
        entries += m.episode.additions.map { a in (a.addedAt, "\(UKDates.dayAndTime(a.addedAt)): \(m.episode.referral.givenName) added to the request") }
        // Stable: a contact and the move it caused, at the same moment, keep contact first.
        let moves = m.episode.moves.count
        func key(_ entry: (offset: Int, element: (Date, String))) -> (Date, Int, Int) {
            (entry.element.0, entry.offset >= moves ? 0 : 1, entry.offset)
        }
        return entries.enumerated().sorted { key($0) < key($1) }.map(\.element)
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
                for a in m.episode.additions {
                    el("dt") { "Added by them on \(UKDates.day(a.addedAt))" }
                    el("dd") { additionWords(a) }
                }
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
                    el("dt") { "A place must have" }
                    el("dd") { r.accessNeedList.isEmpty ? "Nothing recorded" : r.accessNeedList.map(\.title).joined(separator: "; ") }
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
            if m.works, let until = m.changeOfMindUntil {
                el("h2") { "If they change their mind" }
                el("p") { "\(r.givenName) can pick up where they left off until \(UKDates.day(until)). Do this only on their word." }
                el("form", .init("method", "post"), .init("action", SiteURL.referralChangeMind(r.id!).path), .id("change-mind")) {
                    Form.csrf(context.csrfToken)
                    Form.button("They have changed their mind", secondary: true)
                }
            }
            if m.works && !m.allowed.isEmpty {
                el("h2") { "Move this episode on" }
                // "Contacted" is not chosen here: logging a contact where they spoke is what records it.
                let choices = m.allowed.filter { $0 != .contacted }
                el("form", .init("method", "post"), .init("action", SiteURL.referralMoves(r.id!).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    if m.allowed.contains(.contacted) {
                        el("p", .class("hint")) { "Once you have spoken with \(r.givenName), log the contact below: that moves the episode to contacted." }
                    }
                    Form.select("to", label: "Move to", choices.map { ($0.rawValue, $0.title) }, chosen: nil, errors: m.errors)
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
                    Form.radios("way", "How", ContactWay.allCases.map { ($0.rawValue, $0.title) }, chosen: nil, errors: m.errors)
                    Form.radios("reached", "Did you reach them?", [("yes", "Yes, we spoke"), ("no", "No, an attempt that did not reach them")], chosen: nil, errors: m.errors)
                    Form.field("minutes", label: "How long, in minutes (optional)", errors: m.errors, width: "short")
                    Form.field("next_contact_on", label: "Next contact (optional)", type: "date",
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
                    Form.checkboxes("needs", "What this points to, agreed with them (optional)", Need.allCases.map { ($0.rawValue, $0.title) },
                                    chosen: (m.whatMatters?.needs ?? []).map(\.rawValue), errors: m.errors)
                    Form.button("Save what matters", secondary: true)
                }
            } else if m.works, let conversation = m.whatMatters {
                el("h2") { "What matters to me" }
                el("dl", .class("facts")) {
                    for (prompt, answer) in zip(WhatMatters.prompts, conversation.answers) where !answer.isEmpty {
                        el("dt") { prompt.question }; el("dd") { answer }
                    }
                    WhatMattersPages.pointsTo(conversation)
                }
            }
            if m.works && r.currentStage.isOpen && r.currentStage != .received {
                el("h2") { "What a place must have for them" }
                el("p") { "Services within reach are matched against it, here and in the figures of unmet need." }
                el("form", .init("method", "post"), .init("action", SiteURL.referralAccessNeeds(r.id!).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.checkboxes("access_needs", "Access needs (tick none if they need nothing)", AccessibilityFeature.allCases.map { ($0.rawValue, $0.title) },
                                    chosen: r.accessNeedList.map(\.rawValue), errors: m.errors)
                    Form.button("Save access needs", secondary: true)
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
                for (_, line) in timeline(m) { el("li") { line } }
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
}

enum WhatMattersPages {
    /// The needs a conversation points to, as a fact beside the answers; nothing when none were coded.
    static func pointsTo(_ conversation: WhatMatters) -> Node {
        group {
            if !conversation.needs.isEmpty {
                el("dt") { "What this points to" }; el("dd") { conversation.needs.map(\.title).joined(separator: "; ") }
            }
        }
    }
}
