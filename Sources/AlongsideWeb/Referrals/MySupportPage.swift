import AlongsideCore
import AlongsideStore
import Foundation

/// "My support": the person's own referrals in plain words.
extension ReferralPages {
    struct SupportItem {
        let id: UUID
        let made: String
        let stage: EpisodeStage
        let linkWorker: String?
        let steps: [(String, String)]
        let canDecline: Bool
        /// The last day they may change their mind, having said no.
        let changeOfMindUntil: String?
        let nextContact: String?
        let whatMatters: WhatMatters?
        /// What a place must have for them, as saved.
        let accessNeeds: [AccessibilityFeature]
        let services: [(String, String)]
        /// The latest open request: the person can add to it, and say what a place must have for them.
        var canAdd = false
    }

    static func mySupport(_ items: [SupportItem], personID: UUID, errors: [FieldError] = [], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "My support" }
            Form.errorSummary(errors)
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
                            WhatMattersPages.pointsTo(conversation)
                        }
                    }
                    el("ol", .class("timeline")) { for (when, what) in item.steps { el("li") { "\(when): \(what)" } } }
                    if !item.services.isEmpty {
                        el("h3") { "Groups and services you were referred to" }
                        el("ul") { for (name, status) in item.services { el("li") { "\(name): \(status.lowercased())" } } }
                    }
                    if !item.accessNeeds.isEmpty && !item.canAdd {
                        el("p") { "A place must have: " + item.accessNeeds.map { $0.title.lowercased() }.joined(separator: ", ") + "." }
                    }
                    if item.canAdd {
                        el("h3") { "What a place must have for you" }
                        el("p") { "Your link worker looks for groups and services at places that have these. You can change this at any time." }
                        el("form", .init("method", "post"), .init("action", SiteURL.referralOwnAccessNeeds(item.id).path), .init("novalidate", "")) {
                            Form.csrf(context.csrfToken)
                            Form.checkboxes("access_needs", "Tick what you need, or none if you need nothing",
                                            AccessibilityFeature.allCases.map { ($0.rawValue, $0.title) },
                                            chosen: item.accessNeeds.map(\.rawValue), errors: errors)
                            Form.button("Save what a place must have", secondary: true)
                        }
                        el("p") {
                            el("a", .href(SiteURL.newReferral.path + "#text")) {
                                "Add something to this request"
                                el("span", .class("visually-hidden")) { " (referral of \(item.made))" }
                            }
                        }
                    }
                    if item.canDecline {
                        el("p") {
                            el("a", .class("button secondary"), .href(SiteURL.referralDecline(item.id).path)) {
                                "I do not want this support"
                                el("span", .class("visually-hidden")) { " (referral of \(item.made))" }
                            }
                        }
                    }
                    if let until = item.changeOfMindUntil {
                        el("p") { "If you have changed your mind, you can pick up where you left off until \(until)." }
                        el("form", .init("method", "post"), .init("action", SiteURL.referralChangeMind(item.id).path)) {
                            Form.csrf(context.csrfToken)
                            el("button", .type("submit"), .class("button")) {
                                "I have changed my mind"
                                el("span", .class("visually-hidden")) { " (referral of \(item.made))" }
                            }
                        }
                    }
                }
            }
        }
    }
}
