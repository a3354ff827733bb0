import AlongsideCore
import AlongsideStore
import Foundation

/// Training places' pages.
enum TrainingPages {
    static func when(_ d: TrainingSessionDraft) -> String {
        "\(UKDates.weekdayAndDay(d.starts)), \(UKDates.time(d.starts)) to \(UKDates.time(d.ends))"
    }

    static func placesLine(_ s: TrainingSessionView) -> String {
        let left = s.placesLeft == 0 ? "Full" : "\(s.placesLeft) of \(s.draft.places) places left"
        return s.waiting == 0 ? left : "\(left) · \(s.waiting) on the waiting list"
    }

    static func list(_ sessions: [TrainingSessionView], canBook: Bool, runs: Bool, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { "Training the NHS and the council give their own staff, with places kept for leaders of local community groups. Free." }
            if canBook {
                el("p") { el("a", .href(TrainingURL.mine.path)) { "Your training" } }
            } else if context.signedInName == nil {
                el("p") { el("a", .href(SiteURL.signIn.path)) { "Sign in" }; " as a member of your group's organisation to book a place." }
            } else {
                el("p") { "Places are booked by leaders of community groups: members of an organisation in the directory." }
            }
            if runs { el("p") { el("a", .href(TrainingURL.organisation.path)) { "Training you offer" } } }
            if sessions.isEmpty { el("p") { "No sessions are open just now." } }
            el("ul", .class("result-list")) {
                for s in sessions {
                    el("li") {
                        el("h2") { el("a", .href(TrainingURL.session(s.id).path)) { s.draft.title } }
                        el("p") { "\(s.organisation) · \(when(s.draft)) · \(s.draft.online ? "Online" : s.draft.place)" }
                        el("p", .class("small")) { placesLine(s) }
                    }
                }
            }
        }
    }

    static func session(_ s: TrainingSessionView, mine: TrainingPlaceView?, now: Date, signedIn: Bool, canBook: Bool, runs: Bool, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { s.draft.title }
            el("p", .class("lead")) { s.organisation }
            for paragraph in s.draft.covers.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } }
            el("dl", .class("facts")) {
                el("dt") { "When" }; el("dd") { when(s.draft) }
                el("dt") { s.draft.online ? "Online" : "Where" }; el("dd") { s.draft.place }
                el("dt") { "Places for community members" }; el("dd") { placesLine(s) }
            }
            if let reason = s.calledOff {
                el("p") { el("strong") { "This session has been called off." }; " The trainer\u{2019}s reason: \(reason)" }
            } else if let mine, mine.status != .cancelled {
                el("p") {
                    el("strong") { mine.position.map { "On the waiting list: number \($0)" } ?? mine.status.label }
                    " · "; el("a", .href(TrainingURL.mine.path)) { "Your training" }
                }
            } else if now >= s.draft.starts {
                el("p") { "This session has started, so places can no longer be booked." }
            } else if canBook {
                el("form", .init("method", "post"), .init("action", TrainingURL.ask(s.id).path)) {
                    Form.csrf(context.csrfToken)
                    if s.placesLeft == 0 {
                        el("p") { "The session is full. Join the waiting list: if someone gives up their place it is yours at once, and you are told by email." }
                        Form.button("Join the waiting list")
                    } else {
                        el("p") { "The trainer sees your name on the list of who is coming." }
                        Form.button("Book a place")
                    }
                }
            } else if signedIn {
                el("p") { "Places are booked by leaders of community groups: members of an organisation in the directory." }
            } else {
                el("p") { el("a", .href(SiteURL.signIn.path)) { "Sign in" }; " to book a place." }
            }
            if runs { el("p") { el("a", .href(TrainingURL.people(s.id).path)) { "Who is coming, and attendance" } } }
        }
    }

    static func mine(_ places: [TrainingPlaceView], now: Date, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            let current = places.filter { $0.status != .cancelled }
            if current.isEmpty { el("p") { "You have no places yet. "; el("a", .href(TrainingURL.sessions.path)) { "See the sessions" } } }
            for p in current {
                el("div", .class("panel")) {
                    el("h2") { el("a", .href(TrainingURL.session(p.session.id).path)) { p.session.draft.title } }
                    el("p") { "\(when(p.session.draft)) · \(p.session.draft.online ? "Online" : p.session.draft.place)" }
                    el("p") { el("strong") { p.position.map { "On the waiting list: number \($0)" } ?? p.status.label } }
                    if p.status == .attended {
                        el("p") { el("a", .href(TrainingURL.certificate(p.id).path)) { "Your certificate of attendance" } }
                    }
                    if TrainingPlaces.whyNotCancel(p.status, starts: p.session.draft.starts, now: now) == nil {
                        el("form", .init("method", "post"), .init("action", TrainingURL.giveUp(p.id).path)) {
                            Form.csrf(context.csrfToken)
                            Form.button(p.status == .waiting ? "Leave the waiting list" : "I can no longer come", secondary: true)
                        }
                    }
                }
            }
        }
    }

    static func certificate(_ p: TrainingPlaceView, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("div", .class("panel certificate")) {
                el("h1") { context.title }
                el("p", .class("lead")) { "This is to certify that" }
                el("p", .class("certificate-name")) { el("strong") { p.name } }
                el("p") { "attended \u{201C}\(p.session.draft.title)\u{201D}, given by \(p.session.organisation), on \(UKDates.weekdayAndDay(p.session.draft.starts))." }
                el("h2") { "What it covered" }
                for paragraph in p.session.draft.covers.split(separator: "\n", omittingEmptySubsequences: true) { el("p") { String(paragraph) } }
                el("p", .class("small")) { "Attendance recorded by \(p.session.organisation) on Alongside. Reference \(p.id.uuidString.lowercased().prefix(8))." }
            }
        }
    }

    static func organisation(_ sessions: [TrainingSessionView], organisations: [(UUID, String)], now: Date, form: [String: String], errors e: [FieldError],
                             _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("h2", .id("sessions")) { "Your sessions" }
            if sessions.isEmpty { el("p") { "None yet." } }
            el("ul") {
                for s in sessions {
                    el("li") {
                        el("a", .href(TrainingURL.people(s.id).path)) { s.draft.title }
                        " — \(when(s.draft)) · \(placesLine(s))\(s.draft.ends <= now ? " · finished" : "")"
                    }
                }
            }
            el("h2", .id("new")) { "Offer a session" }
            el("form", .init("method", "post"), .init("action", TrainingURL.offer.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                if organisations.count == 1, let only = organisations.first {
                    el("input", .type("hidden"), .name("organisation"), .value(only.0.uuidString.lowercased()))
                    el("p") { "Run by \(only.1)" }
                } else {
                    Form.select("organisation", label: "Run by", [("", "Choose the organisation")] + organisations.map { ($0.0.uuidString.lowercased(), $0.1) },
                                chosen: form["organisation"], errors: e)
                }
                Form.field("title", label: "Title", value: form["title"] ?? "", errors: e)
                Form.textarea("covers", label: "What it covers", value: form["covers"] ?? "", errors: e)
                Form.field("starts_at", label: "Starts", type: "datetime-local", value: form["starts_at"] ?? "", hint: "UK time, like 2027-02-03T09:30", errors: e)
                Form.field("ends_at", label: "Ends", type: "datetime-local", value: form["ends_at"] ?? "", hint: "The same day", errors: e)
                Form.radios("how", "In person or online?", [("in_person", "In person"), ("online", "Online")], chosen: form["how"], errors: e)
                Form.field("place", label: "Where, or how to join online", value: form["place"] ?? "", errors: e)
                Form.field("places", label: "Places kept for community members", value: form["places"] ?? "", errors: e, width: "width-5")
                Form.button("Open the session for booking")
            }
        }
    }

    static func people(_ s: TrainingSessionView, _ places: [TrainingPlaceView], now: Date, form: [String: String] = [:], errors e: [FieldError] = [],
                       _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            if let reason = s.calledOff { el("p", .class("lead")) { "Called off: \(reason)" } }
            el("p", .class("lead")) { "\(when(s.draft)) · \(placesLine(s))" }
            let held = places.filter { $0.status.holdsPlace }, waiting = places.filter { $0.status == .waiting }
            el("h2") { "With a place" }
            if held.isEmpty { el("p") { "Nobody yet." } }
            if now < s.draft.starts, !held.isEmpty { el("p") { "Record who came once the session has begun." } }
            for p in held {
                el("div", .class("panel")) {
                    el("h3") { p.name }
                    el("p") { p.status.label == TrainingPlaceStatus.booked.label ? "Booked" : p.status.label }
                    if TrainingPlaces.whyNotRecordAttendance(p.status, starts: s.draft.starts, now: now) == nil {
                        for choice in TrainingPlaces.attendanceChoices(p.status) {
                            el("form", .init("method", "post"), .init("action", TrainingURL.attendance(p.id).path), .class("inline")) {
                                Form.csrf(context.csrfToken)
                                el("input", .type("hidden"), .name("attended"), .value(choice.rawValue))
                                Form.button("\(choice.title): \(p.name)", secondary: choice == .didNotCome)
                            }
                        }
                    }
                }
            }
            el("h2") { "Waiting list" }
            if waiting.isEmpty { el("p") { "Nobody is waiting." } }
            el("ol") { for p in waiting { el("li") { p.name } } }
            if s.calledOff == nil && now < s.draft.starts {
                el("h2", .id("call-off")) { "Call the session off" }
                el("form", .init("method", "post"), .init("action", TrainingURL.callOff(s.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.textarea("reason", label: "Why you are calling it off", value: form["reason"] ?? "", hint: "Everyone booked or waiting is emailed this",
                                  rows: 3, errors: e)
                    Form.button("Call the session off", secondary: true)
                }
            }
        }
    }
}
