import AlongsideCore
import AlongsideStore
import Foundation

/// The coordinators' page.
enum CoordinatePages {
    struct Model {
        let totals: TimeBankTotals
        let waiting: [(id: UUID, name: String, askedAt: Date, organisation: Bool)]
        /// The bank's usual lowest balance, in minutes (zero or below).
        var usualLowest = TimeBankLedger.defaultLowestBalance
        let members: [(id: UUID, name: String)]
        let reports: [TimeBankReportView]
        let transfers: [(id: UUID, from: String, to: String, minutes: Int, kind: TimeBankLedger.Kind, note: String, at: Date, reversed: Bool)]
    }

    static func page(_ m: Model, form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        let members = m.members.map { ($0.id.uuidString.lowercased(), $0.name) }
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("h2") { "The bank today" }
            el("dl", .class("facts")) {
                el("dt") { "Members" }; el("dd") { "\(m.totals.members[.active] ?? 0)" }
                el("dt") { "Waiting to be met" }; el("dd") { "\(m.totals.members[.waiting] ?? 0)" }
                el("dt") { "Suspended" }; el("dd") { "\(m.totals.members[.suspended] ?? 0)" }
                el("dt") { "Time exchanged" }; el("dd") { TimeBankLedger.duration(m.totals.minutesExchanged) }
                el("dt") { "Transfers on the ledger" }; el("dd") { "\(m.totals.transfers)" }
                el("dt") { "Community fund" }; el("dd") { TimeBankLedger.duration(m.totals.fundBalance) }
                el("dt") { "All balances added up" }; el("dd") { "\(m.totals.sumOfBalances) minutes (always 0: every minute given is a minute received)" }
                el("dt") { "Exchanges waiting for a member to confirm" }; el("dd") { "\(m.totals.waitingExchanges)" }
            }

            el("h2", .id("waiting")) { "Waiting to join" }
            if m.waiting.isEmpty { el("p") { "Nobody is waiting." } }
            for w in m.waiting {
                el("div", .class("panel")) {
                    el("p") { w.organisation ? "\(w.name) (an organisation): its members asked on \(UKDates.day(w.askedAt)). Meet them first."
                        : "\(w.name), asked on \(UKDates.day(w.askedAt)). Meet them first." }
                    decision(w.id, "approve-\(w.id.uuidString.lowercased())", [("active", "Approve: we have met"), ("refused", "Do not approve")], context)
                }
            }

            el("h2", .id("reports")) { "Reports" }
            if m.reports.isEmpty { el("p") { "No reports to deal with." } }
            for r in m.reports {
                el("div", .class("panel")) {
                    el("p") { "\(r.reporter) reported \(r.about) on \(UKDates.day(r.reportedAt)):" }
                    el("blockquote") { r.reason }
                    decision(r.aboutID, "suspend-\(r.id.uuidString.lowercased())", [("suspended", "Suspend \(r.about)")], context)
                    el("form", .init("method", "post"), .init("action", TimeBankURL.reportDealt(r.id).path)) {
                        Form.csrf(context.csrfToken); Form.button("Mark as dealt with", secondary: true)
                    }
                }
            }

            el("h2", .id("record")) { "Record an exchange for two members" }
            el("p") { "For members who do not use computers: it counts at once, as you have checked it with both." }
            el("form", .init("method", "post"), .init("action", TimeBankURL.recordForMembers.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.select("to", label: "Who gave the help", members, chosen: form["to"], errors: e)
                Form.select("from", label: "Who had the help", members, chosen: form["from"], errors: e)
                Form.field("minutes", label: "How long, in minutes", value: form["minutes"] ?? "", errors: e, width: "width-5")
                Form.field("note", label: "What it was", value: form["note"] ?? "", errors: e)
                Form.button("Record the exchange")
            }

            el("details", .id("group-exchange"), .class("more-filters"), .flag("open", e.contains { $0.field.hasPrefix("group") })) {
                el("summary") { "Record a group exchange for members" }
                el("p") { "One member and a group, the same time with each: it counts at once for all of them, or, if anyone would go below their lowest balance, for none." }
                el("form", .init("method", "post"), .init("action", TimeBankURL.groupForMembers.path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.select("group_one", label: "The member on their own side", members, chosen: form["group_one"], errors: e)
                    Form.radios("group_direction", "Which way did the group's time go?",
                                [("gave", "They gave their time to each of the group"), ("received", "Each of the group gave them their time")],
                                chosen: form["group_direction"], errors: e)
                    TimeBankPages.groupBoxes(m.members, form: form, errors: e)
                    Form.field("group_minutes", label: "How long with each, in minutes", value: form["group_minutes"] ?? "", errors: e, width: "width-5")
                    Form.field("group_note", label: "What the group did", value: form["group_note"] ?? "", errors: e)
                    Form.button("Record the group exchange", secondary: true)
                }
            }

            el("h2", .id("usual-lowest")) { "The bank's lowest balance" }
            el("p") { "Members may go down to \(m.usualLowest == 0 ? "zero, and no lower" : TimeBankLedger.duration(-m.usualLowest) + " in debt"), unless you set their own on their statement. A transfer that would take them lower is refused; transfers already made stand." }
            el("form", .init("method", "post"), .init("action", TimeBankURL.usualLowestBalance.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.field("usual_hours", label: "The bank's lowest balance, in whole hours below zero", value: form["usual_hours"] ?? "",
                           hint: "Members on the bank's lowest balance move to the new one; those given their own keep it", errors: e, width: "width-5")
                Form.button("Change the bank's lowest balance", secondary: true)
            }

            el("h2", .id("fund")) { "Give from the community fund" }
            el("form", .init("method", "post"), .init("action", TimeBankURL.giveFromFund.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.select("member", label: "To", members, chosen: form["member"], errors: e)
                Form.field("fund_minutes", label: "Minutes", value: form["fund_minutes"] ?? "", errors: e, width: "width-5")
                Form.button("Give from the fund", secondary: true)
            }

            el("h2", .id("members")) { "Members" }
            el("ul") {
                for (id, name) in m.members {
                    el("li") { el("a", .href(TimeBankURL.memberStatement(id).path)) { name } }
                }
            }

            el("h2", .id("transfers")) { "Recent transfers" }
            el("p") { "A transfer is never changed or deleted. To put a mistake right, reverse it: a new transfer the other way that names it." }
            if m.transfers.isEmpty { el("p") { "No transfers yet." } } else {
                scrollingTable("Recent transfers") {
                    el("thead") { el("tr") { el("th", .init("scope", "col")) { "Date" }; el("th", .init("scope", "col")) { "From" }; el("th", .init("scope", "col")) { "To" }
                        el("th", .init("scope", "col"), .class("numeric")) { "Minutes" }; el("th", .init("scope", "col")) { "What" }; el("th", .init("scope", "col")) { "Put right" } } }
                    el("tbody") {
                        for t in m.transfers {
                            el("tr") {
                                el("td") { UKDates.short(t.at) }; el("td") { t.from }; el("td") { t.to }
                                el("td", .class("numeric")) { "\(t.minutes)" }
                                el("td") { t.kind == .exchange ? t.note : "\(t.kind.label): \(t.note)" }
                                el("td") {
                                    if t.reversed { "Reversed" } else if t.kind == .reversal { "" } else {
                                        el("form", .init("method", "post"), .init("action", TimeBankURL.reverse(t.id).path)) {
                                            Form.csrf(context.csrfToken)
                                            el("label", .init("for", "reason-\(t.id.uuidString.lowercased())"), .class("visually-hidden")) { "Why it is being put right" }
                                            el("input", .id("reason-\(t.id.uuidString.lowercased())"), .name("reason"), .type("text"), .class("input"),
                                               .init("placeholder", "Why"))
                                            Form.button("Reverse", secondary: true)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A small form to change someone's place in the bank, with a reason the member is shown.
    static func decision(_ person: UUID, _ id: String, _ choices: [(String, String)], _ context: PageContext) -> Node {
        el("form", .init("method", "post"), .init("action", TimeBankURL.decide(person).path)) {
            Form.csrf(context.csrfToken)
            el("label", .init("for", "reason-\(id)")) { "Reason, if not approving or suspending (the member is shown it)" }
            el("input", .id("reason-\(id)"), .name("reason"), .type("text"), .class("input"))
            for (value, title) in choices {
                el("button", .type("submit"), .name("status"), .value(value), .class(value == "active" ? "button" : "button secondary")) { title }
            }
        }
    }
}
