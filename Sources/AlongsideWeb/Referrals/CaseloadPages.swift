import AlongsideCore
import AlongsideStore
import Foundation

/// The link worker team's inbox and caseload, the team lead's view, and the referrals a clinician made.
extension ReferralPages {
    enum Column { case waiting, since, next }

    /// `back`: the caseload view the table is part of, carried to each episode so its way back returns there.
    static func table(_ caption: String, _ rows: [Row], _ column: Column, back: CaseloadQuery? = nil) -> Node {
        let suffix = back.map { q in
            let query = SiteURL.referrals.with(q.parameters()).dropFirst(SiteURL.referrals.path.count + 1)
            return query.isEmpty ? "" : "?back=" + (String(query).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        } ?? ""
        return scrollingTable(caption) {
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
                            el("a", .href(SiteURL.referral(r.id).path + suffix)) { r.name }
                            if r.carer { " "; el("span", .class("tag")) { r.youngCarer ? "Young carer" : "Carer" } }
                            if let d = r.duplicate { el("br"); duplicateNote(d) }
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
        let byStage: [(String, Int)]
        let takenOnThisYear: Int
        /// The caseload as asked for: one page, its counts, and the query that made it.
        let caseload: CaseloadPage
        let rows: [Row]
        let query: CaseloadQuery
        /// The caseload's wellbeing measures at a glance: how many have no baseline, are due a follow-up, got worse.
        var measures: [(MeasureWatch, Int)] = []
    }

    static func inbox(_ m: InboxModel, _ context: PageContext) -> Node {
        let total = m.caseload.total
        func view(_ query: CaseloadQuery) -> String {
            let parameters = query.parameters()
            return (parameters.isEmpty ? SiteURL.referrals.path : SiteURL.referrals.with(parameters)) + "#caseload"
        }
        return Layout.render(context) {
            el("h1") { "Referrals" }
            el("h2") { "Due today (\(m.dueToday.count))" }
            if m.dueToday.isEmpty { el("p") { "Nobody is due a contact today." } } else { table("Due today", m.dueToday, .next) }
            el("ul", .class("stage-counts")) {
                for show in [CaseloadQuery.Show.overdue, .firstContact, .notSet] {
                    el("li") { el("a", .href(view(CaseloadQuery(show: show)))) { "\(show.title) (\(m.caseload.counts[show] ?? 0))" } }
                }
            }
            el("p", .class("lead")) {
                "You are looking after \(total) \(total == 1 ? "person" : "people"). This year you have taken on \(m.takenOnThisYear); a link worker usually takes on 200 to 250 people a year."
            }
            el("p") { el("a", .class("button secondary"), .href(SiteURL.newReferral.path)) { "Refer someone" } }
            el("h2") { "Waiting for a link worker (\(m.waitingCount))" }
            if m.waiting.isEmpty { el("p") { "No referrals are waiting." } } else {
                if m.waitingCount > m.waiting.count { el("p") { "The \(m.waiting.count) who have waited longest:" } }
                table("Waiting for a link worker", m.waiting, .waiting)
            }
            el("h2", .id("caseload")) { "Your caseload (\(total))" }
            el("ul", .class("stage-counts")) { for (stage, count) in m.byStage { el("li") { "\(stage): \(count)" } } }
            if total == 0 { el("p") { "Nobody is in your caseload yet." } } else {
                caseloadForm(m.query)
                el("p", .init("role", "status")) {
                    "Showing \(m.caseload.range)" + (m.query.narrows ? " that match (of \(total) in all)" : "")
                    if m.query.narrows { " · "; el("a", .href(SiteURL.referrals.path + "#caseload")) { "Show everyone" } }
                }
                if m.rows.isEmpty { el("p") { "Nobody on your caseload matches. Try fewer filters." } } else { table("Your caseload", m.rows, .next, back: m.query) }
                if m.caseload.pages > 1 {
                    el("nav", .class("pagination"), .init("aria-label", "Caseload pages")) {
                        el("ul") {
                            if m.caseload.page > 1 {
                                el("li") { el("a", .href(view(m.query.onPage(m.caseload.page - 1))), .init("rel", "prev")) { "Previous page" } }
                            }
                            el("li") { "Page \(m.caseload.page) of \(m.caseload.pages)" }
                            if m.caseload.page < m.caseload.pages {
                                el("li") { el("a", .href(view(m.query.onPage(m.caseload.page + 1))), .init("rel", "next")) { "Next page" } }
                            }
                        }
                    }
                }
                el("h2") { "Wellbeing measures at a glance" }
                el("p") { "From each person's SWEMWBS in their current episode: a follow-up is due \(MeasureWatch.followUpAfterDays / 7) weeks after the last one; \"got worse\" means down 3 points or more since the baseline." }
                el("ul", .class("stage-counts")) {
                    for (watch, count) in m.measures where watch != .onTrack {
                        let show: CaseloadQuery.Show = switch watch { case .noBaseline: .noBaseline; case .followUpDue: .followUpDue; default: .gotWorse }
                        el("li") { el("a", .href(view(CaseloadQuery(show: show)))) { "\(watch.title) (\(count))" } }
                    }
                }
            }
        }
    }

    /// Search, filters and order, in the address (GET), so a view can be bookmarked and shared with oneself.
    static func caseloadForm(_ q: CaseloadQuery) -> Node {
        el("form", .init("method", "get"), .init("action", SiteURL.referrals.path + "#caseload"), .class("panel filters"), .init("role", "search"),
           .init("aria-label", "Find someone on your caseload")) {
            Form.field("q", label: "Name, NHS number or postcode", value: q.search, errors: [], width: "medium")
            Form.select("stage", label: "Stage", [("", "Any stage")] + EpisodeStage.allCases.filter(\.isOpen).map { ($0.rawValue, $0.title) },
                        chosen: q.stage?.rawValue ?? "", errors: [])
            Form.select("need", label: "What is going on", [("", "Anything")] + Need.allCases.map { ($0.rawValue, $0.title) },
                        chosen: q.need?.rawValue ?? "", errors: [])
            Form.select("show", label: "Only", [("", "Everyone")] + CaseloadQuery.Show.allCases.map { ($0.rawValue, $0.title) },
                        chosen: q.show?.rawValue ?? "", errors: [])
            Form.select("sort", label: "Order", CaseloadQuery.Order.allCases.map { ($0 == .nextContact ? "" : $0.rawValue, $0.title) },
                        chosen: q.order == .nextContact ? "" : q.order.rawValue, errors: [])
            Form.button("Show", secondary: true)
        }
    }

    struct TeamModel {
        /// Each link worker: id, name, open episodes, waiting for a first contact, overdue.
        let workers: [(id: UUID, name: String, open: Int, firstContact: Int, overdue: Int)]
        let waiting: [Row]
        let waitingCount: Int
        let chosen: (UUID, String)?
        let rows: [Row]
        let page: CaseloadPage?
    }

    /// The choice of link worker, none chosen, each with their caseload size so the team lead can balance them.
    static func giveTo(_ r: Row, _ workers: [(id: UUID, name: String, open: Int, firstContact: Int, overdue: Int)], except: UUID?, label: String,
                       button: String, _ context: PageContext) -> Node {
        el("form", .init("method", "post"), .init("action", SiteURL.referralAssign(r.id).path), .class("panel")) {
            Form.csrf(context.csrfToken)
            el("p") { el("a", .href(SiteURL.referral(r.id).path)) { r.name }; " · \(r.stage) · \(r.needs) · " + (r.waitingDays == 1 ? "waiting 1 day" : "waiting \(r.waitingDays) days") }
            if let d = r.duplicate { el("p") { duplicateNote(d) } }
            let field = "assign_to-\(r.id.uuidString.lowercased())"
            el("label", .init("for", field)) { "\(label) \(r.name) to" }
            el("select", .id(field), .name("assign_to")) {
                el("option", .value("")) { "Choose a link worker" }
                for w in workers where w.id != except { el("option", .value(w.id.uuidString.lowercased())) { "\(w.name) (\(w.open) open, \(w.overdue) overdue)" } }
            }
            el("button", .type("submit"), .class("button secondary")) { button; el("span", .class("visually-hidden")) { " \(r.name)" } }
        }
    }

    static func team(_ m: TeamModel, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "The team's caseloads" }
            el("h2") { "Waiting for a link worker (\(m.waitingCount))" }
            if m.waiting.isEmpty { el("p") { "No referrals are waiting." } } else {
                el("p") { m.waitingCount > m.waiting.count ? "The \(m.waiting.count) who have waited longest, oldest first:" : "Oldest first:" }
                for r in m.waiting { giveTo(r, m.workers, except: nil, label: "Give", button: "Give", context) }
            }
            el("h2") { "Link workers" }
            scrollingTable("Link workers") {
                el("caption") { "Open episodes by link worker" }
                el("thead") {
                    el("tr") { for h in ["Link worker", "Open episodes", "Waiting for a first contact", "Overdue a contact"] { el("th", .init("scope", "col")) { h } } }
                }
                el("tbody") {
                    for w in m.workers {
                        el("tr") {
                            el("td") { el("a", .href(SiteURL.team.with([("worker", w.id.uuidString.lowercased())]))) { w.name } }
                            el("td") { String(w.open) }
                            el("td") { String(w.firstContact) }
                            el("td") { String(w.overdue) }
                        }
                    }
                }
            }
            if let (worker, name) = m.chosen, let page = m.page {
                el("h2") { "\(name)'s caseload (\(page.total))" }
                if m.rows.isEmpty { el("p") { "\(name) has no open episodes." } } else {
                    el("p", .init("role", "status")) { "Showing \(page.range), next contact soonest first." }
                }
                for r in m.rows { giveTo(r, m.workers, except: worker, label: "Give", button: "Reassign", context) }
                if page.pages > 1 {
                    el("nav", .class("pagination"), .init("aria-label", "\(name)'s caseload pages")) {
                        el("ul") {
                            let base = [("worker", worker.uuidString.lowercased())]
                            if page.page > 1 { el("li") { el("a", .href(SiteURL.team.with(base + [("page", String(page.page - 1))])), .init("rel", "prev")) { "Previous page" } } }
                            el("li") { "Page \(page.page) of \(page.pages)" }
                            if page.page < page.pages { el("li") { el("a", .href(SiteURL.team.with(base + [("page", String(page.page + 1))])), .init("rel", "next")) { "Next page" } } }
                        }
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
}
