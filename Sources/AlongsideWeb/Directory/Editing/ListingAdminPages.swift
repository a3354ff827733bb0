import AlongsideCore
import AlongsideStore
import Foundation

/// "Your listings", a listing's history, and the administrator's review queue.
enum ListingAdminPages {
    struct OurListing {
        let id: UUID
        let name: String
        let when: String
        let capacity: String
        let lastChecked: String
        let stale: Bool
    }

    static func ours(_ listings: [OurListing], organisations: [String], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "Your listings" }
            el("p") { "Listings for \(Schedule.list(organisations)). Keep them current: a listing not checked for 6 months is shown to the public as possibly out of date." }
            el("p") { el("a", .class("button"), .href(SiteURL.newListing.path)) { "List a new service" } }
            if listings.isEmpty { el("p") { "You have no listings yet." } }
            for listing in listings {
                el("section", .class("panel"), .init("aria-labelledby", "l-\(listing.id.uuidString.lowercased())")) {
                    el("h2", .id("l-\(listing.id.uuidString.lowercased())")) { el("a", .href(SiteURL.service(listing.id).path)) { listing.name } }
                    if listing.stale { el("p", .class("warning-text")) { "May be out of date: last checked \(listing.lastChecked). Check it and save, or update its spaces." } }
                    el("p") { "\(listing.when) · \(listing.capacity) · last checked \(listing.lastChecked)" }
                    el("form", .init("method", "post"), .init("action", SiteURL.listingCapacity(listing.id).path), .class("inline-form")) {
                        Form.csrf(context.csrfToken)
                        el("label", .init("for", "spaces-\(listing.id.uuidString.lowercased())")) { "Spaces available" }
                        el("input", .id("spaces-\(listing.id.uuidString.lowercased())"), .name("spaces"), .type("text"), .class("input short"), .init("inputmode", "numeric"))
                        el("button", .type("submit"), .name("capacity"), .value("spaces"), .class("button secondary")) { "Save spaces" }
                        el("button", .type("submit"), .name("capacity"), .value("full"), .class("button secondary")) { "Mark as full" }
                    }
                    el("p") {
                        el("a", .href(SiteURL.editListing(listing.id).path)) { "Change \(listing.name)" }
                        " · "
                        el("a", .href(SiteURL.listingHistory(listing.id).path)) { "History" }
                    }
                }
            }
        }
    }

    static func history(_ name: String, serviceID: UUID, versions: [ListingVersion], diffs: [[FieldChange]], canRestore: Bool, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "History of \(name)" }
            for (index, version) in versions.enumerated() {
                el("section", .class("panel")) {
                    el("h2") { "Version \(version.version): \(version.summary)" }
                    el("p", .class("small")) { "\(AccountPages.when(version.changedAt)) by \(version.changedBy)" }
                    if !diffs[index].isEmpty {
                        scrollingTable("Changes in version \(version.version)") {
                            el("caption", .class("visually-hidden")) { "Changes in version \(version.version)" }
                            el("thead") { el("tr") { for h in ["Field", "Before", "After"] { el("th", .init("scope", "col")) { h } } } }
                            el("tbody") {
                                for change in diffs[index] {
                                    el("tr") { el("td") { change.field }; el("td") { change.before }; el("td") { change.after } }
                                }
                            }
                        }
                    }
                    if canRestore && index > 0 {
                        el("form", .init("method", "post"), .init("action", SiteURL.listingRestore(serviceID).path)) {
                            Form.csrf(context.csrfToken)
                            el("input", .type("hidden"), .name("version"), .value("\(version.version)"))
                            el("button", .type("submit"), .class("button secondary")) { "Restore version \(version.version)" }
                        }
                    }
                }
            }
        }
    }

    static func reviews(_ pending: [PendingChange], stale: [ServiceListing] = [], errors: [FieldError], _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Listing reviews" }
            Form.errorSummary(errors)
            if pending.isEmpty { el("p") { "Nothing is waiting for review." } }
            if !stale.isEmpty {
                el("h2") { "\(stale.count) listings may be out of date" }
                el("p") { "Not checked for six months. Their organisations are reminded by email each week." }
                scrollingTable("Listings that may be out of date") {
                    el("caption", .class("visually-hidden")) { "Listings that may be out of date, oldest first" }
                    el("thead") { el("tr") { for h in ["Service", "Organisation", "Last checked"] { el("th", .init("scope", "col")) { h } } } }
                    el("tbody") {
                        for listing in stale.prefix(100) {
                            el("tr") {
                                el("td") { el("a", .href(SiteURL.service(listing.id).path)) { listing.name } }
                                el("td") { listing.organisationName }
                                el("td") { ServicePage.date(listing.lastChecked) }
                            }
                        }
                    }
                }
            }
            for change in pending {
                let key = change.id.uuidString.lowercased()
                el("section", .class("panel"), .init("aria-labelledby", "r-\(key)")) {
                    el("h2", .id("r-\(key)")) { change.proposed.name }
                    el("p", .class("small")) { "From \(change.organisationName), \(AccountPages.when(change.proposedAt))" }
                    scrollingTable("What would change in \(change.proposed.name)") {
                        el("caption", .class("visually-hidden")) { "What would change" }
                        el("thead") { el("tr") { for h in ["Field", "Now", "Proposed"] { el("th", .init("scope", "col")) { h } } } }
                        el("tbody") {
                            for item in change.changes {
                                el("tr") { el("td") { item.field }; el("td") { item.before }; el("td") { item.after } }
                            }
                        }
                    }
                    el("form", .init("method", "post"), .init("action", SiteURL.review(change.id).path)) {
                        Form.csrf(context.csrfToken)
                        el("button", .type("submit"), .name("decision"), .value("approve"), .class("button")) { "Approve \(change.proposed.name)" }
                        Form.field("note-\(key)", label: "Or say why not", value: "", errors: errors)
                        el("button", .type("submit"), .name("decision"), .value("reject"), .class("button secondary")) { "Send back" }
                    }
                }
            }
        }
    }
}
