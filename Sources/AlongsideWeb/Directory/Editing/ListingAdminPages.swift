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
        /// When a change to it was sent and is still waiting for review.
        var waitingSince: String?
    }

    static func ours(_ listings: [OurListing], waitingNew: [(name: String, since: String)], organisations: [String], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "Your listings" }
            el("p") { "Listings for \(Schedule.list(organisations)). Keep them current: a listing not checked for 6 months is shown to the public as possibly out of date." }
            el("p") { el("a", .class("button"), .href(SiteURL.newListing.path)) { "List a new service" } }
            if !waitingNew.isEmpty {
                el("h2") { "New listings waiting for review" }
                el("p") { "An administrator checks a new listing before the public sees it." }
                el("ul") { for w in waitingNew { el("li") { "\(w.name), sent \(w.since)" } } }
            }
            if listings.isEmpty { el("p") { "You have no listings yet." } }
            for listing in listings {
                el("section", .class("panel"), .init("aria-labelledby", "l-\(listing.id.uuidString.lowercased())")) {
                    el("h2", .id("l-\(listing.id.uuidString.lowercased())")) { el("a", .href(SiteURL.service(listing.id).path)) { listing.name } }
                    if listing.stale { el("p", .class("warning-text")) { "May be out of date: last checked \(listing.lastChecked). Check it: if it is still correct, say so below." } }
                    if let since = listing.waitingSince {
                        el("p", .class("warning")) { "A change you sent on \(since) is waiting for review. The public sees the listing as it was until an administrator approves it." }
                    }
                    el("p") { "\(listing.when) · \(listing.capacity) · last checked \(listing.lastChecked)" }
                    el("form", .init("method", "post"), .init("action", SiteURL.listingStillCorrect(listing.id).path), .class("inline-form")) {
                        Form.csrf(context.csrfToken)
                        el("button", .type("submit"), .class("button secondary")) { "Still correct"; el("span", .class("visually-hidden")) { ": \(listing.name)" } }
                    }
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

    static func reviews(_ pending: [PendingChange], staleCount: Int, errors: [FieldError], _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Listing reviews" }
            Form.errorSummary(errors)
            el("p") {
                pending.isEmpty ? "Nothing is waiting for review." : pending.count == 1 ? "1 change is waiting for review, oldest first." : "\(pending.count) changes are waiting for review, oldest first."
                " "
                el("a", .href(SiteURL.staleListings.path)) { staleCount == 1 ? "1 listing may be out of date" : "\(staleCount) listings may be out of date" }
                " · "
                el("a", .href(SiteURL.adminOrganisations.path)) { "Organisations trusted with wording changes" }
            }
            for change in pending {
                let key = change.id.uuidString.lowercased()
                el("section", .class("panel"), .init("aria-labelledby", "r-\(key)")) {
                    el("h2", .id("r-\(key)")) { change.proposed.name }
                    el("p", .class("small")) { "From \(change.organisationName), \(AccountPages.when(change.proposedAt))" }
                    scrollingTable("What would change in \(change.proposed.name), from \(change.organisationName) \(AccountPages.when(change.proposedAt))") {
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
                        el("button", .type("submit"), .name("decision"), .value("reject"), .class("button secondary")) {
                            "Send back"; el("span", .class("visually-hidden")) { " \(change.proposed.name)" }
                        }
                    }
                }
            }
        }
    }

    /// Listings not checked for six months, oldest first, on their own page.
    static func stale(_ stale: [ServiceListing], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p") { stale.isEmpty ? "Every listing has been checked in the last six months." : "\(stale.count) listings have not been checked for six months. Their organisations are reminded by email each week." }
            if !stale.isEmpty {
                if stale.count > 200 { el("p") { "The 200 checked longest ago:" } }
                scrollingTable("Listings that may be out of date") {
                    el("caption", .class("visually-hidden")) { "Listings that may be out of date, oldest first" }
                    el("thead") { el("tr") { for h in ["Service", "Organisation", "Last checked"] { el("th", .init("scope", "col")) { h } } } }
                    el("tbody") {
                        for listing in stale.prefix(200) {
                            el("tr") {
                                el("td") { el("a", .href(SiteURL.service(listing.id).path)) { listing.name } }
                                el("td") { listing.organisationName }
                                el("td") { ServicePage.date(listing.lastChecked) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Organisations, and whether a change to a listing's description alone goes live at once.
    static func organisations(_ rows: [(id: UUID, name: String, trusted: Bool)], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { context.title }
            el("p") { "A trusted organisation's change to a listing's description goes live as soon as they save it. Every other change, and every new listing, waits for review." }
            scrollingTable("Organisations") {
                el("caption", .class("visually-hidden")) { "Organisations and whether they are trusted with wording changes" }
                el("thead") { el("tr") { for h in ["Organisation", "Wording changes", "Change"] { el("th", .init("scope", "col")) { h } } } }
                el("tbody") {
                    for o in rows {
                        el("tr") {
                            el("td") { o.name }
                            el("td") { o.trusted ? "Go live at once" : "Reviewed first" }
                            el("td") {
                                el("form", .init("method", "post"), .init("action", SiteURL.adminOrganisationTrust(o.id).path), .class("inline")) {
                                    Form.csrf(context.csrfToken)
                                    el("input", .type("hidden"), .name("trusted"), .value(o.trusted ? "no" : "yes"))
                                    el("button", .type("submit"), .class("link-button on-light")) {
                                        o.trusted ? "Review their changes first" : "Trust their wording changes"
                                        el("span", .class("visually-hidden")) { ": \(o.name)" }
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
