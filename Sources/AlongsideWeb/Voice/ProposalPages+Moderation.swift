import AlongsideCore
import AlongsideStore
import Foundation

/// A proposal's comments, and the moderators' queue.
extension ProposalPages {
    @HTMLContent
    static func commentsSection(_ m: Model, _ s: Summary, form: [String: String], errors e: [FieldError], _ context: PageContext) -> [Node] {
        el("h2", .id("comments")) { m.comments.isEmpty ? "Comments" : "Comments (\(m.comments.count))" }
        if m.comments.isEmpty { el("p") { "No comments yet." } }
        for c in m.comments {
            el("div", .class("panel")) {
                comment(c, signedIn: context.signedInName != nil, context)
                for r in c.replies { el("div", .class("reply")) { comment(r, signedIn: context.signedInName != nil, context) } }
                if m.mayComment {
                    let field = "reply-\(c.id.uuidString.lowercased())"
                    el("details", e.contains { $0.field == field } ? .init("open", "") : .class("reply-form")) {
                        el("summary") { "Reply" }
                        el("form", .init("method", "post"), .init("action", VoiceURL.proposalComments(s.id).path), .init("novalidate", "")) {
                            Form.csrf(context.csrfToken)
                            el("input", .type("hidden"), .name("parent"), .value(c.id.uuidString.lowercased()))
                            Form.textarea(field, label: "Your reply", value: form[field] ?? "", rows: 3, errors: e)
                            Form.button("Reply", secondary: true)
                        }
                    }
                }
            }
        }
        if m.mayComment {
            el("form", .init("method", "post"), .init("action", VoiceURL.proposalComments(s.id).path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.textarea("comment", label: "Add a comment", value: form["parent"] == nil ? form["comment"] ?? "" : "",
                              hint: "Shown without your name. Up to \(ProposalComments.limit) characters.", rows: 3, errors: e)
                Form.button("Publish the comment")
            }
        }
    }

    static func comment(_ c: CommentView, signedIn: Bool, _ context: PageContext) -> Node {
        el("div", .class("comment")) {
            el("p", .class("small")) { "A resident, \(UKDates.day(c.at))" }
            if let reason = c.hiddenReason {
                el("p") { reason }
                if c.mayAskAgain {
                    el("form", .init("method", "post"), .init("action", VoiceURL.commentSecondLook(c.id).path)) {
                        Form.csrf(context.csrfToken)
                        el("p") { "You wrote this comment. If you think hiding it was wrong, you can ask once for another moderator to look; their decision is final." }
                        Form.button("Ask another moderator to look", secondary: true)
                    }
                } else if c.secondLookAsked {
                    el("p") { "You asked for another moderator to look. You will be emailed their decision." }
                }
            } else {
                for paragraph in c.body.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } }
                if signedIn && !c.mine {
                    el("details", .class("report")) {
                        el("summary") { "Report this comment" }
                        el("form", .init("method", "post"), .init("action", VoiceURL.commentReport(c.id).path), .init("novalidate", "")) {
                            Form.csrf(context.csrfToken)
                            Form.field("reason-\(c.id.uuidString.lowercased())", label: "Why it should not be here", value: "", errors: [])
                            Form.button("Report it", secondary: true)
                        }
                    }
                }
            }
        }
    }

    static func moderation(_ cases: [ModerationCase], comments: [CommentCase], me: UUID?, form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") { "Proposals people have reported, with their reasons (never their names). Three reports hide a proposal until a moderator decides. Your reason is shown in its place and emailed to the author, who may ask once for another moderator to look." }
            if cases.isEmpty && comments.isEmpty { el("p") { "Nothing is waiting." } }
            for c in cases {
                let prefix = "moderate-\(c.proposalID.uuidString.lowercased())-"
                el("section", .class("panel")) {
                    el("h2") { el("a", .href(VoiceURL.proposal(c.proposalID).path)) { c.title } }
                    el("p") {
                        el("strong", .class("tag")) { standingTag(c.standing) }
                    }
                    el("h3") { c.reasons.count == 1 ? "1 report" : "\(c.reasons.count) reports" }
                    el("ul") { for reason in c.reasons { el("li") { reason } } }
                    if case .secondLookAsked = c.standing, c.firstModerator == me {
                        el("p") { "You made the first decision, so another moderator must look again." }
                    } else {
                        el("form", .init("method", "post"), .init("action", VoiceURL.proposalModerate(c.proposalID).path), .init("novalidate", "")) {
                            Form.csrf(context.csrfToken)
                            Form.radios(prefix + "decision", "Your decision", Moderation.Decision.allCases.map { ($0.rawValue, $0.title) },
                                        chosen: form[prefix + "decision"], errors: e)
                            Form.textarea(prefix + "reason", label: "Your reason", value: form[prefix + "reason"] ?? "",
                                          hint: "Shown in the proposal's place if you hide it, and emailed to the author", rows: 3, errors: e)
                            Form.button("Decide")
                        }
                    }
                }
            }
            if !comments.isEmpty { el("h2") { "Comments reported" } }
            for c in comments {
                let prefix = "comment-\(c.id.uuidString.lowercased())-"
                el("section", .class("panel")) {
                    el("p") { el("strong", .class("tag")) { standingTag(c.standing) }; " on "; el("a", .href(VoiceURL.proposal(c.proposal).path)) { "this proposal" } }
                    el("blockquote") { c.body }
                    if !c.reasons.isEmpty { el("ul") { for reason in c.reasons { el("li") { reason } } } }
                    if case .secondLookAsked = c.standing, c.firstModerator == me {
                        el("p") { "You made the first decision, so another moderator must look again." }
                    } else {
                        el("form", .init("method", "post"), .init("action", VoiceURL.commentModerate(c.id).path), .init("novalidate", "")) {
                            Form.csrf(context.csrfToken)
                            Form.radios(prefix + "decision", "Your decision", Moderation.Decision.allCases.map { ($0.rawValue, $0.title) }, chosen: form[prefix + "decision"], errors: e)
                            Form.textarea(prefix + "reason", label: "Your reason", value: form[prefix + "reason"] ?? "",
                                          hint: "Shown in the comment's place if you hide it, and emailed to its author", rows: 2, errors: e)
                            Form.button("Decide")
                        }
                    }
                }
            }
        }
    }

    static func standingTag(_ standing: Moderation.Standing) -> String {
        switch standing {
        case .waitingForModerator: "Hidden until a moderator decides"
        case .secondLookAsked: "The author asks for another moderator to look"
        default: "Reported"
        }
    }
}
