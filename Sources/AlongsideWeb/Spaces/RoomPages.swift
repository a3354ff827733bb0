import AlongsideCore
import AlongsideStore
import Foundation

/// Shared rooms' pages.
enum RoomPages {
    struct Room {
        let room: RoomView
        let bookings: [RoomBookingView]
        /// The organisations the person may book for.
        let bookers: [(UUID, String)]
        let owner: Bool
        let mine: Set<UUID>
        /// The names of the groups the room is kept for, when the owner keeps it for some.
        let keptFor: [String]
        /// The listings of each group the person edits, to put a regular meeting on as its schedule.
        var listings: [UUID: [(UUID, String)]] = [:]
        /// The groups that meet here regularly, with their names.
        var regulars: [(series: Rooms.Series, group: String)] = []
    }

    static func price(_ pence: Int) -> String {
        pence == 0 ? "Free for community groups" : String(format: "£%d.%02d an hour", pence / 100, pence % 100)
    }

    static func opening(_ rules: RoomRules) -> String {
        let days = Weekday.allCases.filter { rules.openDays.contains($0) }.map(\.plural)
        return "\(Text.list(days)), \(rules.opens) to \(rules.closes)"
    }

    static func list(_ rooms: [RoomView], shares: Bool, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p", .class("lead")) { "Rooms that NHS and community organisations share with local groups." }
            if shares { el("p") { el("a", .href(RoomsURL.manage.path)) { "Rooms you share: list a room, change one, approve bookings" } } }
            if rooms.isEmpty { el("p") { "No rooms are listed yet." } }
            el("ul", .class("result-list")) {
                for r in rooms {
                    el("li") {
                        el("h2") { el("a", .href(RoomsURL.room(r.id).path)) { r.name } }
                        el("p") { "\(r.place) · \(r.owner)" }
                        el("p", .class("small")) { "Up to \(r.capacity) people · \(price(r.pricePence)) · \(opening(r.rules))" }
                    }
                }
            }
        }
    }

    static func room(_ m: Room, form: [String: String], errors e: [FieldError], clashes: [Occurrence], _ context: PageContext) -> Node {
        let r = m.room
        let regular = m.regulars
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { r.name }
            el("p", .class("lead")) { r.description }
            el("dl", .class("facts")) {
                el("dt") { "Where" }; el("dd") { r.place }
                el("dt") { "Owned by" }; el("dd") { r.owner }
                el("dt") { "Up to" }; el("dd") { "\(r.capacity) people" }
                el("dt") { "Access" }; el("dd") { r.access }
                el("dt") { "Equipment" }; el("dd") { r.equipment }
                el("dt") { "Cost" }; el("dd") { price(r.pricePence) }
                el("dt") { "Open" }; el("dd") { opening(r.rules) }
                el("dt") { "Between bookings" }; el("dd") { "\(r.rules.bufferMinutes) minutes kept free" }
                el("dt") { "Longest booking" }; el("dd") { TimeBankLedger.duration(r.rules.longestMinutes) }
                el("dt") { "Approval" }; el("dd") { r.rules.needsApproval ? "The owner approves each booking" : "Bookings are confirmed at once" }
                el("dt") { "Who may book" }; el("dd") { m.keptFor.isEmpty ? "Any community group in the directory" : "Kept for \(Text.list(m.keptFor))" }
                if !r.rules.blackouts.isEmpty {
                    el("dt") { "Closed on" }
                    el("dd") { Text.list(r.rules.blackouts.sorted().compactMap { UKDates.parseISODay($0).map(UKDates.day) }) }
                }
            }
            if m.owner { el("p") { el("a", .href(RoomsURL.edit(r.id).path)) { "Change the room and its rules" } } }
            el("p") { el("a", .href(RoomsURL.calendar(r.id).path)) { "Add this room's bookings to your calendar (iCalendar)" } }
            if !regular.isEmpty {
                el("h2") { "Who meets here" }
                el("ul") {
                    for (b, group) in regular {
                        el("li") {
                            "\(b.title), \(group)" + (b.request.schedule(notes: "").map { ": \($0.phrase)" } ?? "")
                            if let listings = m.listings[b.organisationID], !listings.isEmpty {
                                let series = b.id
                                el("form", .init("method", "post"), .init("action", RoomsURL.listingSchedule(series).path)) {
                                    Form.csrf(context.csrfToken)
                                    Form.select("service_id", label: "Show \u{201C}\(b.title)\u{201D} as the schedule of", listings.map { ($0.0.uuidString.lowercased(), $0.1) },
                                                chosen: nil, errors: [], id: "listing-\(series.uuidString.lowercased())")
                                    Form.button("Use as the listing\u{2019}s schedule", secondary: true)
                                }
                            }
                        }
                    }
                }
            }
            el("h2", .id("bookings")) { "The next ten weeks" }
            if m.bookings.isEmpty { el("p") { "Nothing is booked." } } else {
                scrollingTable("Bookings in the next ten weeks") {
                    el("thead") { el("tr") { el("th", .init("scope", "col")) { "When" }; el("th", .init("scope", "col")) { "What" }
                        el("th", .init("scope", "col")) { "Group" }; el("th", .init("scope", "col")) { "" } } }
                    el("tbody") {
                        for b in m.bookings {
                            el("tr") {
                                el("td") { "\(UKDates.short(b.occurrence.starts)), \(UKDates.time(b.occurrence.starts))–\(UKDates.time(b.occurrence.ends))" }
                                el("td") { b.title + (b.status == "requested" ? " (waiting for approval)" : "") }
                                el("td") { b.organisation }
                                el("td") { actions(b, m, context) }
                            }
                        }
                    }
                }
            }
            if !m.bookers.isEmpty { bookingForm(m, form: form, errors: e, clashes: clashes, context) }
        }
    }

    static func actions(_ b: RoomBookingView, _ m: Room, _ context: PageContext) -> Node {
        el("div") {
            if m.owner && b.status == "requested" {
                el("form", .init("method", "post"), .init("action", RoomsURL.approve(b.id).path), .class("inline")) {
                    Form.csrf(context.csrfToken); Form.button("Approve", secondary: true)
                }
            }
            if m.owner || m.mine.contains(b.organisationID) {
                el("form", .init("method", "post"), .init("action", RoomsURL.cancel(b.id).path), .class("inline")) {
                    Form.csrf(context.csrfToken)
                    el("input", .type("hidden"), .name("room"), .value(m.room.id.uuidString.lowercased()))
                    Form.button("Cancel this one", secondary: true)
                }
                if b.seriesID != nil {
                    el("form", .init("method", "post"), .init("action", RoomsURL.cancel(b.id).path), .class("inline")) {
                        Form.csrf(context.csrfToken)
                        el("input", .type("hidden"), .name("room"), .value(m.room.id.uuidString.lowercased()))
                        el("input", .type("hidden"), .name("rest"), .value("yes"))
                        Form.button("Cancel this and the rest", secondary: true)
                    }
                }
            }
        }
    }

    static func bookingForm(_ m: Room, form: [String: String], errors e: [FieldError], clashes: [Occurrence], _ context: PageContext) -> Node {
        el("div") {
            el("h2", .id("book")) { "Book this room" }
            if !clashes.isEmpty {
                el("div", .class("panel")) {
                    el("p") { "These dates clash with other bookings:" }
                    el("ul") { for c in clashes { el("li") { "\(UKDates.weekdayAndDay(c.starts)), \(UKDates.time(c.starts))" } } }
                    el("form", .init("method", "post"), .init("action", RoomsURL.bookings(m.room.id).path)) {
                        Form.csrf(context.csrfToken)
                        for key in ["organisation_id", "title", "starts_at", "ends_at", "repeat", "until"] {
                            el("input", .type("hidden"), .name(key), .value(form[key] ?? ""))
                        }
                        el("input", .type("hidden"), .name("skip_clashes"), .value("yes"))
                        Form.button("Book only the dates that are free")
                    }
                }
            }
            el("form", .init("method", "post"), .init("action", RoomsURL.bookings(m.room.id).path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                if m.bookers.count > 1 {
                    Form.select("organisation_id", label: "Booking for", m.bookers.map { ($0.0.uuidString.lowercased(), $0.1) }, chosen: form["organisation_id"], errors: e)
                } else if let only = m.bookers.first {
                    el("p") { "Booking for \(only.1)." }
                    el("input", .type("hidden"), .name("organisation_id"), .value(only.0.uuidString.lowercased()))
                }
                Form.field("title", label: "What it is for", value: form["title"] ?? "", hint: "Shown on the room's page, for example \u{201C}Knit and natter\u{201D}", errors: e)
                Form.field("starts_at", label: "Starts", type: "datetime-local", value: form["starts_at"] ?? "", errors: e)
                Form.field("ends_at", label: "Ends", type: "datetime-local", value: form["ends_at"] ?? "", errors: e)
                Form.radios("repeat", "How often", [("once", "Just once")] + BookingRepeat.allCases.map { ($0.rawValue, $0.label) }, chosen: form["repeat"], errors: e)
                Form.field("until", label: "Until (for a meeting that repeats)", type: "date", value: form["until"] ?? "", hint: "The last day it may meet", errors: e)
                Form.button("Book")
            }
        }
    }
}
