import AlongsideCore
import AlongsideStore
import Foundation

/// The link worker team's inbox and caseload, the team lead's view, and the referrals a clinician made.
extension ReferralPages {
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
}
