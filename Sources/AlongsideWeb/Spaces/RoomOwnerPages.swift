import AlongsideCore
import AlongsideStore
import Foundation

/// The pages an organisation that owns rooms uses: its rooms, with bookings waiting, and the form that lists or changes one.
enum RoomOwnerPages {
    static func manage(_ rooms: [RoomView], waiting: [UUID: Int], owners: [(UUID, String)], groups: [(UUID, String)], form: [String: String],
                       errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            if rooms.isEmpty { el("p") { "You do not list any rooms yet." } }
            el("ul", .class("result-list")) {
                for r in rooms {
                    el("li") {
                        el("h2") { el("a", .href(RoomsURL.room(r.id).path)) { r.name } }
                        el("p") { "\(r.place) · \(r.owner)" }
                        el("p") {
                            if let n = waiting[r.id], n > 0 {
                                el("a", .href(RoomsURL.room(r.id).path + "#bookings")) { n == 1 ? "1 booking waits for your approval" : "\(n) bookings wait for your approval" }
                                " · "
                            }
                            el("a", .href(RoomsURL.edit(r.id).path)) { "Change the room and its rules" }
                        }
                    }
                }
            }
            el("h2", .id("new")) { "List a room" }
            el("form", .init("method", "post"), .init("action", RoomsURL.manage.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                if owners.count == 1, let only = owners.first {
                    el("input", .type("hidden"), .name("owner"), .value(only.0.uuidString.lowercased()))
                    el("p") { "Owned by \(only.1)" }
                } else {
                    Form.select("owner", label: "Owned by", [("", "Choose the organisation")] + owners.map { ($0.0.uuidString.lowercased(), $0.1) },
                                chosen: form["owner"], errors: e)
                }
                fields(groups: groups, form: form, errors: e)
                Form.button("List the room")
            }
        }
    }

    static func edit(_ room: RoomView, groups: [(UUID, String)], form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") { "Changes apply to bookings made from now on: bookings already made stay as they are." }
            el("form", .init("method", "post"), .init("action", RoomsURL.edit(room.id).path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                fields(groups: groups, form: form, errors: e)
                Form.button("Save the room")
            }
        }
    }

    static func fields(groups: [(UUID, String)], form: [String: String], errors e: [FieldError]) -> Node {
        el("div") {
            Form.field("name", label: "The room's name", value: form["name"] ?? "", hint: "For example, \u{201C}Church hall\u{201D}", errors: e)
            Form.field("place", label: "Where it is", value: form["place"] ?? "", hint: "The building and its address", errors: e)
            Form.textarea("description", label: "What the room is like", value: form["description"] ?? "", errors: e)
            Form.field("capacity", label: "How many people it holds", value: form["capacity"] ?? "", errors: e, width: "width-5")
            Form.field("access", label: "Access", value: form["access"] ?? "", hint: "Steps, lift, accessible toilet, hearing loop", errors: e)
            Form.field("equipment", label: "Equipment", value: form["equipment"] ?? "", hint: "Tables, chairs, kitchen, projector; or \u{201C}None\u{201D}", errors: e)
            Form.field("price", label: "Price an hour, in pounds", value: form["price"] ?? "", hint: "0 when it is free for community groups", errors: e, width: "width-5")
            Form.fieldset("days", "Days it is open", e) { for day in Weekday.allCases { Form.tick("day-\(day.name.lowercased())", day.name, form) } }
            Form.field("opens", label: "Opens at", value: form["opens"] ?? "", hint: "24-hour clock, like 09:00", errors: e, width: "width-5")
            Form.field("closes", label: "Closes at", value: form["closes"] ?? "", hint: "Like 21:30", errors: e, width: "width-5")
            Form.field("buffer", label: "Minutes kept free between bookings", value: form["buffer"] ?? "", hint: "For setting up and clearing away", errors: e, width: "width-5")
            Form.field("longest", label: "Longest booking, in minutes", value: form["longest"] ?? "", errors: e, width: "width-5")
            Form.textarea("blackouts", label: "Days it is closed", value: form["blackouts"] ?? "", hint: "One date a line, like 2027-12-25", rows: 3, errors: e)
            Form.radios("approval", "Do you approve each booking?", [("yes", "Yes: bookings wait for us to approve them"), ("no", "No: bookings are confirmed at once")],
                        chosen: form["approval"], errors: e)
            Form.radios("who", "Which groups may book it?", [("any", "Any community group in the directory"), ("chosen", "Only the groups ticked below")],
                        chosen: form["who"], errors: e)
            Form.fieldset("groups", "Groups it is kept for (when only some may book)", e) {
                for (id, name) in groups { Form.tick("group-\(id.uuidString.lowercased())", name, form) }
            }
        }
    }
}
