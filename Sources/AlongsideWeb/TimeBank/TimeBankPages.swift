import AlongsideCore
import AlongsideStore
import Foundation

/// The time bank's pages for members.
enum TimeBankPages {
    struct Home {
        let me: UUID
        let membership: TimeMembership
        let exchanges: [ExchangeView]
        let members: [(id: UUID, name: String)]
    }

    static let explanation = "Members help each other and count the time, not the task: an hour given is an hour earned, "
        + "whatever the help. Everyone's hour is worth the same."

    /// For someone not (yet) a member: what it is, and how to join.
    static func about(signedIn: Bool, organisations: Bool = false, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { explanation }
            if organisations { organisationsLink() }
            el("p") { "A coordinator meets each new member before they start, so that members who visit each other know who they are meeting." }
            el("p") { "You can also give time to a local organisation: "; el("a", .href(VolunteeringURL.roles.path)) { "volunteering roles" }; "." }
            if signedIn {
                el("form", .init("method", "post"), .init("action", TimeBankURL.join.path)) {
                    Form.csrf(context.csrfToken)
                    Form.button("Ask to join the time bank")
                }
            } else {
                el("p") { el("a", .href(SiteURL.signIn.path)) { "Sign in" }; " or "; el("a", .href(SiteURL.register.path)) { "register" }; " to ask to join." }
            }
        }
    }

    static func notActive(_ m: TimeMembership, organisations: Bool = false, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { m.status.label + "." }
            if organisations { organisationsLink() }
            switch m.status {
            case .waiting: el("p") { "A coordinator will get in touch to meet you. Until then you cannot record exchanges." }
            case .suspended, .refused:
                if let reason = m.reason { el("p") { "The coordinator's reason: \(reason)" } }
                el("p") { "Your statement is still yours to see." }
                el("p") { el("a", .href(TimeBankURL.statement.path)) { "Your statement" } }
            case .active: el("p") { "" }
            }
        }
    }

    static func organisationsLink() -> Node {
        el("p") { el("a", .href(TimeBankURL.organisations.path)) { "Your organisation in the time bank" } }
    }

    static func home(_ model: Home, form: [String: String], errors e: [FieldError], organisations: Bool = false, _ context: PageContext) -> Node {
        let waitingForMe = model.exchanges.filter { $0.status == .waiting && $0.recordedBy != model.me }
        let waitingForThem = model.exchanges.filter { $0.status == .waiting && $0.recordedBy == model.me }
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            if organisations { organisationsLink() }
            el("dl", .class("facts")) {
                el("dt") { "Your balance" }; el("dd", .id("balance")) { TimeBankLedger.signedDuration(model.membership.balance) }
                el("dt") { "The lowest it can go" }; el("dd") { TimeBankLedger.signedDuration(model.membership.lowestBalance) }
            }
            el("p") {
                el("a", .href(TimeBankURL.statement.path)) { "Your statement" }; " · "
                el("a", .href(TimeBankURL.offers.path)) { "Offers and requests" }; " · "
                el("a", .href(TimeBankURL.newOffer.path)) { "Post an offer or a request" }; " · "
                el("a", .href(VolunteeringURL.roles.path)) { "Volunteering roles" }
            }
            el("h2", .id("exchanges")) { "Waiting for you to confirm" }
            if waitingForMe.isEmpty { el("p") { "Nothing is waiting for you." } }
            for x in waitingForMe {
                el("div", .class("panel")) {
                    el("p") { describe(x, me: model.me) }
                    el("form", .init("method", "post"), .init("action", TimeBankURL.confirm(x.id).path), .class("inline")) {
                        Form.csrf(context.csrfToken); Form.button("Confirm it happened")
                    }
                    el("form", .init("method", "post"), .init("action", TimeBankURL.decline(x.id).path), .class("inline")) {
                        Form.csrf(context.csrfToken); Form.button("It did not happen like this", secondary: true)
                    }
                }
            }
            if !waitingForThem.isEmpty {
                el("h2") { "Waiting for the other member" }
                el("ul") { for x in waitingForThem { el("li") { describe(x, me: model.me) } } }
            }
            el("h2", .id("record")) { "Record an exchange" }
            el("p") { "It counts once the other member confirms it." }
            el("form", .init("method", "post"), .init("action", TimeBankURL.exchanges.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.select("with", label: "Who with", model.members.map { ($0.id.uuidString.lowercased(), $0.name) }, chosen: form["with"], errors: e)
                Form.radios("direction", "Which way did the time go?", [("gave", "I gave my time (I helped them)"), ("received", "I received time (they helped me)")],
                            chosen: form["direction"], errors: e)
                Form.field("minutes", label: "How long, in minutes", value: form["minutes"] ?? "", hint: "For example, 90 for an hour and a half", errors: e, width: "width-5")
                Form.field("note", label: "What it was", value: form["note"] ?? "", errors: e)
                Form.button("Record the exchange")
            }
            el("details", .id("group-exchange"), .class("more-filters"), .flag("open", e.contains { $0.field.hasPrefix("group") })) {
                el("summary") { "Record a group exchange" }
                el("p") { "A class you gave, a walk you led, or neighbours who all helped you: the same time with each. Each member confirms their own part." }
                el("form", .init("method", "post"), .init("action", TimeBankURL.groupExchanges.path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.radios("group_direction", "Which way did the group's time go?",
                                [("gave", "I gave my time to each of them"), ("received", "Each of them gave me their time")], chosen: form["group_direction"], errors: e)
                    groupBoxes(model.members, form: form, errors: e)
                    Form.field("group_minutes", label: "How long with each, in minutes", value: form["group_minutes"] ?? "", errors: e, width: "width-5")
                    Form.field("group_note", label: "What the group did", value: form["group_note"] ?? "", errors: e)
                    Form.button("Record the group exchange", secondary: true)
                }
            }
            el("h2", .id("fund")) { "Give time to the community fund" }
            el("p") { "Coordinators give from the fund to members who need help before they can give it, such as new members." }
            el("form", .init("method", "post"), .init("action", TimeBankURL.donate.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.field("gift", label: "Minutes to give", value: form["gift"] ?? "", errors: e, width: "width-5")
                Form.button("Give to the fund", secondary: true)
            }
            if !model.exchanges.filter({ $0.status != .waiting }).isEmpty {
                el("h2") { "Recent exchanges" }
                el("ul") { for x in model.exchanges where x.status != .waiting { el("li") { describe(x, me: model.me) + " — " + (x.status == .confirmed ? "confirmed" : "declined") } } }
            }
        }
    }

    /// A box for each member, for a group exchange.
    static func groupBoxes(_ members: [(id: UUID, name: String)], form: [String: String], errors e: [FieldError]) -> Node {
        Form.fieldset("group", "Who was in the group (from 2 to \(GroupExchangeDraft.largest))", e) {
            for m in members { Form.tick("member-\(m.id.uuidString.lowercased())", m.name, form) }
        }
    }

    /// The organisations a person acts for: each one's place in the bank and balance, or a button to ask for it to join.
    static func organisations(_ mine: [(UUID, String)], accounts: [UUID: TimeMembership], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { "An organisation can join the time bank too: a care home giving residents an hour of a carer's time, say. "
                + "A coordinator meets you first, and records its exchanges with members." }
            for (id, name) in mine {
                el("div", .class("panel")) {
                    el("h2") { name }
                    if let account = accounts[id] {
                        el("p") { el("strong") { account.status.label } }
                        if let reason = account.reason, account.status != .active { el("p") { reason } }
                        if account.status == .active {
                            el("p") { "Balance: \(TimeBankLedger.signedDuration(account.balance))." }
                            el("p") { el("a", .href(TimeBankURL.organisationStatement(id).path)) { "\(name): statement" } }
                        }
                    } else {
                        el("form", .init("method", "post"), .init("action", TimeBankURL.organisationJoin(id).path)) {
                            Form.csrf(context.csrfToken)
                            Form.button("Ask for \(name) to join", secondary: true)
                        }
                    }
                }
            }
        }
    }

    static func describe(_ x: ExchangeView, me: UUID) -> String {
        let time = TimeBankLedger.duration(x.minutes)
        let what = x.receiverID == me ? "You gave \(x.payer) \(time)" : "\(x.receiver) gave you \(time)"
        return "\(what): \(x.note) (recorded \(UKDates.day(x.recordedAt)))"
    }

    /// Entries shown on one page of a statement.
    static let statementPageSize = 50

    /// A coordinator's form to change the member's lowest balance, on their statement.
    struct Lowest {
        let minutes: Int
        let action: String
        let form: [String: String]
        let errors: [FieldError]
    }

    static func statement(_ s: StatementPage, name: String, path: String, csv: String?, lowest: Lowest? = nil, _ context: PageContext) -> Node {
        Layout.render(context) {
            if let lowest { Form.errorSummary(lowest.errors) }
            el("h1") { context.title }
            el("p", .class("lead")) { "\(name): \(TimeBankLedger.signedDuration(s.balance))." }
            el("p") { "Given \(TimeBankLedger.duration(s.given)); received \(TimeBankLedger.duration(s.received)). Every entry stays: a mistake is put right by a new entry." }
            if let csv { el("p") { el("a", .href(csv)) { "Download the statement (CSV)" } } }
            if s.lines.isEmpty { el("p") { "No exchanges yet." } } else {
                el("p") { "Entries \(s.offset + 1) to \(s.offset + s.lines.count) of \(s.entries), newest first." }
                scrollingTable("Entries, newest first, with the balance after each") {
                    el("thead") { el("tr") { el("th", .init("scope", "col")) { "Date" }; el("th", .init("scope", "col")) { "What" }; el("th", .init("scope", "col")) { "With" }
                        el("th", .init("scope", "col"), .class("numeric")) { "Minutes" }; el("th", .init("scope", "col"), .class("numeric")) { "Balance after" } } }
                    el("tbody") {
                        for line in s.lines {
                            el("tr") {
                                el("td") { UKDates.short(line.at) }
                                el("td") { line.kind == .exchange ? line.note : "\(line.kind.label)\(line.note.isEmpty ? "" : ": " + line.note)" }
                                el("td") { line.other }
                                el("td", .class("numeric")) { line.minutes > 0 ? "+\(line.minutes)" : "\u{2212}\(-line.minutes)" }
                                el("td", .class("numeric")) { "\(line.balanceAfter)" }
                            }
                        }
                    }
                }
                if s.hasNewer || s.hasOlder {
                    el("nav", .class("pagination"), .init("aria-label", "Statement pages")) {
                        if s.hasNewer { el("a", .href("\(path)?from=\(max(0, s.offset - s.size))")) { "Newer entries" } }
                        if s.hasNewer && s.hasOlder { " · " }
                        if s.hasOlder { el("a", .href("\(path)?from=\(s.offset + s.size)")) { "Older entries" } }
                    }
                }
            }
            if let lowest {
                el("h2", .id("lowest")) { "Lowest balance" }
                el("p") { "\(name) may go down to \(lowest.minutes == 0 ? "zero, and no lower" : TimeBankLedger.duration(-lowest.minutes) + " in debt"). A transfer that would take them lower is refused; transfers already made stand." }
                el("form", .init("method", "post"), .init("action", lowest.action), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.field("lowest_hours", label: "Lowest balance, in whole hours below zero", value: lowest.form["lowest_hours"] ?? "", hint: "10 is the bank's usual; 0 means never in debt",
                               errors: lowest.errors, width: "width-5")
                    Form.button("Change the lowest balance", secondary: true)
                }
            }
        }
    }

    /// The statement as CSV: one row for each entry, with the running balance.
    static func csv(_ s: Statement) -> String {
        var out = "transfer_id,date,kind,with,note,minutes,balance_after\r\n"
        for line in s.lines {
            out += [line.transferID.uuidString.lowercased(), ISO8601DateFormatter().string(from: line.at), line.kind.rawValue, line.other, line.note,
                    String(line.minutes), String(line.balanceAfter)].map(InsightPages.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func offers(_ posts: [TimeBankPostView], me: UUID, kind: TimeBankPostDraft.Kind?, category: String, categories: [(String, String)], _ context: PageContext) -> Node {
        let names = Dictionary(categories, uniquingKeysWith: { a, _ in a })
        return Layout.render(context) {
            el("h1") { context.title }
            el("p") { el("a", .class("button"), .href(TimeBankURL.newOffer.path)) { "Post an offer or a request" } }
            el("form", .init("method", "get"), .init("action", TimeBankURL.offers.path)) {
                Form.select("kind", label: "Show", [("", "Offers and requests"), ("offer", "Offers"), ("request", "Requests")], chosen: kind?.rawValue ?? "", errors: [])
                Form.select("category", label: "Kind of help", [("", "Any")] + categories, chosen: category, errors: [])
                Form.button("Show", secondary: true)
            }
            el("p") { "\(posts.count) \(posts.count == 1 ? "post" : "posts"), nearest to your postcode first." }
            el("ul", .class("result-list")) {
                for p in posts {
                    el("li") {
                        el("h2") { "\(p.draft.kind.label): \(p.draft.title)" }
                        el("p") { p.draft.details }
                        el("p", .class("small")) {
                            [p.member, names[p.draft.category] ?? p.draft.category, p.draft.place.label, p.draft.when,
                             p.kilometres.map { "\($0.formatted(.number.precision(.fractionLength(1)))) km away" }].compactMap { $0 }.joined(separator: " · ")
                        }
                        if p.memberID == me {
                            el("form", .init("method", "post"), .init("action", TimeBankURL.closeOffer(p.id).path)) {
                                Form.csrf(context.csrfToken); Form.button("Take it down", secondary: true)
                            }
                        } else {
                            el("details") {
                                el("summary") { "Report \(p.member) to a coordinator" }
                                el("form", .init("method", "post"), .init("action", TimeBankURL.report(p.memberID).path)) {
                                    Form.csrf(context.csrfToken)
                                    el("label", .init("for", "reason-\(p.id.uuidString.lowercased())")) { "What happened" }
                                    el("textarea", .id("reason-\(p.id.uuidString.lowercased())"), .name("reason"), .init("rows", "3")) { "" }
                                    Form.button("Send the report", secondary: true)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func offerForm(form: [String: String], errors e: [FieldError], categories: [(String, String)], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("form", .init("method", "post"), .init("action", TimeBankURL.newOffer.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.radios("kind", "Are you offering help or asking for it?", [("offer", "Offering help"), ("request", "Asking for help")], chosen: form["kind"], errors: e)
                Form.field("title", label: "A short title", value: form["title"] ?? "", hint: "For example, \u{201C}Help with the garden\u{201D}", errors: e)
                Form.textarea("details", label: "What it involves", value: form["details"] ?? "", rows: 4, errors: e)
                Form.select("category", label: "Kind of help", categories, chosen: form["category"], errors: e)
                Form.radios("place", "Where", TimeBankPostDraft.Place.allCases.map { ($0.rawValue, $0.label) }, chosen: form["place"], errors: e)
                Form.field("when", label: "When you are free", value: form["when"] ?? "", hint: "For example, \u{201C}weekday mornings\u{201D}", errors: e)
                Form.button("Post it")
            }
        }
    }
}
