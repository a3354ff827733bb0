import AlongsideCore
import Foundation

/// One service: what it is, who it is for, how to join, when, where, cost, contact, and when it was checked.
enum ServicePage {
    struct Model {
        let listing: ServiceListing
        let now: Date
        /// The signed-in resident's own plan, to add the service to; nil for anyone else.
        var addToPlanOf: UUID? = nil
        var inPlan = false
        /// The results it came from: an accepted proposal or a project the community budget funded.
        var cameFrom: [(id: UUID, title: String, fromRound: Bool)] = []
        /// For each location, the postcodes and wards around it, for its map.
        var wards: [UUID: [ResultsMap.WardPoint]] = [:]
    }

    static func date(_ date: Date) -> String { UKDates.weekdayAndDay(date) }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        let s = model.listing
        return Layout.render(context) {
            el("h1") { s.name }
            el("p", .class("small")) { "Run by \(s.organisationName)" }
            for origin in model.cameFrom {
                el("p") {
                    origin.fromRound ? "Funded by the community budget: " : "Started from a resident's proposal: "
                    el("a", .href(VoiceURL.result(origin.id).path)) { origin.title }
                }
            }
            if s.isStale(now: model.now) {
                el("div", .class("warning"), .init("role", "note")) {
                    el("p") { "This listing may be out of date: it was last checked on \(date(s.lastChecked)). Contact them before you go." }
                }
            }
            el("p", .class("lead")) { s.description }
            if let person = model.addToPlanOf {
                if model.inPlan {
                    el("p") { "This is in "; el("a", .href(SiteURL.plan(person).path)) { "your plan" }; "." }
                } else {
                    el("form", .init("method", "post"), .init("action", SiteURL.planServices(person).path), .class("no-print")) {
                        Form.csrf(context.csrfToken)
                        el("input", .type("hidden"), .name("service_id"), .value(s.id.uuidString.lowercased()))
                        el("input", .type("hidden"), .name("back"), .value("service"))
                        Form.button("Add to my plan", secondary: true)
                    }
                }
            }
            el("dl", .class("summary")) {
                el("dt") { "Who it is for" }
                el("dd") { s.agePhrase + (s.eligibility.map { ". \($0)" } ?? "") }
                el("dt") { "How to join" }
                el("dd") { s.howToJoin.phrase }
                el("dt") { "Cost" }
                el("dd") { s.costPhrase }
                el("dt") { "When" }
                el("dd") {
                    for schedule in s.schedules {
                        el("p") { schedule.phrase + (schedule.notes.isEmpty ? "" : ". \(schedule.notes)") }
                        if let next = schedule.nextOpening(after: model.now) { el("p", .class("small")) { "Next: \(date(next))" } }
                    }
                }
                el("dt") { "How" }
                el("dd") { s.attending.map(\.title).joined(separator: ", ") }
                if let capacity = s.capacity.phrase {
                    el("dt") { "Spaces" }
                    el("dd") { capacity }
                }
                el("dt") { "Languages" }
                el("dd") { s.languages.joined(separator: ", ") }
            }
            for location in s.locations {
                el("h2") { "Where" }
                el("p") { "\(location.name), \(location.address), \(location.town) \(location.postcode)" }
                el("div", .class("service-map")) {
                    ResultsMap.render(centre: location.coordinate, centreLabel: location.postcode, radius: .infinity,
                                      markers: [.init(number: 1, label: location.name, coordinate: location.coordinate)],
                                      titleID: "map-\(location.id.uuidString.lowercased())", wards: model.wards[location.id] ?? [])
                }
                let lat = String(format: "%.5f", location.coordinate.latitude), lon = String(format: "%.5f", location.coordinate.longitude)
                el("p") {
                    "Directions: "
                    el("a", .href("geo:\(lat),\(lon)")) { "open in your map app"; el("span", .class("visually-hidden")) { " (\(location.name))" } }
                    " or "
                    el("a", .href("https://www.openstreetmap.org/directions?to=\(lat)%2C\(lon)#map=17/\(lat)/\(lon)")) {
                        "OpenStreetMap"; el("span", .class("visually-hidden")) { " directions to \(location.name)" }
                    }
                }
                if !location.accessibility.isEmpty {
                    el("h3") { "Access" }
                    el("ul") { for feature in location.accessibility { el("li") { feature.title } } }
                }
            }
            el("h2") { "Contact" }
            el("ul", .class("plain")) {
                if let phone = s.phone, !phone.isEmpty { el("li") { "Phone: "; el("a", .href("tel:" + phone.filter { $0.isNumber || $0 == "+" })) { phone } } }
                if let email = s.email, !email.isEmpty { el("li") { "Email: "; el("a", .href("mailto:" + email)) { email } } }
                // The address as people read it; the link as RFC 3986 writes it.
                if let url = s.url, !url.isEmpty { el("li") { "Website: "; el("a", .href(url)) { url.removingPercentEncoding ?? url } } }
                for contact in s.contacts ?? [] {
                    el("li") {
                        "Ask for: \(contact.phrase)"
                        if let email = contact.email, !email.isEmpty { " — "; el("a", .href("mailto:" + email)) { email } }
                    }
                }
            }
            el("p", .class("small")) { "Last checked on \(date(s.lastChecked))." }
        }
    }
}
