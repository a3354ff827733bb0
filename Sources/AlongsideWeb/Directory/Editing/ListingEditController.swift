import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Organisations keep their listings: list, change, capacity, history; administrators review.
struct ListingEditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.ourListings.pathComponents, use: ours)
        routes.get(SiteURL.newListing.pathComponents, use: showNew)
        routes.post(SiteURL.newListing.pathComponents, use: create)
        routes.get(SiteURL.editListing(UUID()).pathComponents, use: showEdit)
        routes.post(SiteURL.editListing(UUID()).pathComponents, use: update)
        routes.post(SiteURL.listingCapacity(UUID()).pathComponents, use: capacity)
        routes.post(SiteURL.listingStillCorrect(UUID()).pathComponents, use: stillCorrect)
        routes.get(SiteURL.listingHistory(UUID()).pathComponents, use: history)
        routes.post(SiteURL.listingRestore(UUID()).pathComponents, use: restore)
        routes.get(SiteURL.reviews.pathComponents, use: reviews)
        routes.post(SiteURL.review(UUID()).pathComponents, use: decide)
        routes.get(SiteURL.staleListings.pathComponents, use: staleListings)
        routes.get(SiteURL.adminOrganisations.pathComponents, use: organisations)
        routes.post(SiteURL.adminOrganisationTrust(UUID()).pathComponents, use: trust)
    }

    private func listing(_ request: Request) async throws -> ServiceListing {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text),
              let listing = try await Directory().listing(id: id, on: request.db)
        else { throw Abort(.notFound, reason: "There is no service at this address.") }
        try request.require(.editService(ofOrganisation: listing.organisationID))
        return listing
    }

    /// Whether a change goes live at once: always for an administrator; for a member of an organisation an
    /// administrator trusts, when it changes only the wording (`ListingDiff.isWordingOnly`).
    static func publishesDirectly(_ organisation: UUID, _ request: Request, wordingOnly: Bool) async throws -> Bool {
        let trusted = try await ListingEditor().isTrusted(organisation, on: request.db)
        return request.alongside.policy.allows(.publishServiceChange(ofOrganisation: organisation, organisationTrusted: trusted && wordingOnly),
                                               for: request.actor)
    }

    /// What the form says will happen on saving.
    private func publishing(_ organisation: UUID, _ request: Request) async throws -> ListingFormPage.Publishing {
        if try await Self.publishesDirectly(organisation, request, wordingOnly: false) { return .always }
        return try await Self.publishesDirectly(organisation, request, wordingOnly: true) ? .wordingOnly : .never
    }

    func ours(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let organisations = me.roles.filter { $0.role == .organisationMember }
        guard !organisations.isEmpty else { throw Abort(.forbidden, reason: "Only members of an organisation keep listings.") }
        let ids = Set(organisations.compactMap(\.organisationID))
        let listings = try await Directory().listings(on: request.db).filter { ids.contains($0.organisationID) }
            .sorted { ($0.isStale(now: request.now) ? 0 : 1, $0.name) < ($1.isStale(now: request.now) ? 0 : 1, $1.name) }
        let pending = try await ListingEditor().pending(organisations: ids, on: request.db)
        let live = Set(listings.map(\.id))
        let rows = listings.map { s in
            ListingAdminPages.OurListing(id: s.id, name: s.name, when: s.schedules.map(\.phrase).joined(separator: "; "),
                                         capacity: s.capacity.phrase ?? "Spaces not said", lastChecked: ServicePage.date(s.lastChecked),
                                         stale: s.isStale(now: request.now),
                                         waitingSince: pending.first { $0.serviceID == s.id }.map { UKDates.day($0.proposedAt) })
        }
        let waitingNew = pending.filter { !live.contains($0.serviceID) }.map { (name: $0.name, since: UKDates.day($0.proposedAt)) }
        return ListingAdminPages.ours(rows, waitingNew: waitingNew, organisations: organisations.compactMap(\.organisationName),
                                      PageContext(request, title: "Your listings")).response()
    }

    private func formPage(_ request: Request, form: ListingForm, errors: [FieldError], isNew: Bool, action: String,
                          direct: ListingFormPage.Publishing, status: HTTPStatus = .ok) async throws -> Response {
        let crumbs = [NavigationLink(title: "Your listings", path: SiteURL.ourListings.path)]
        let categories = try await Taxonomies().terms(in: SocialPrescribingTaxonomy.id, on: request.db).map { ($0.id.uuidString.lowercased(), $0.name) }
        return ListingFormPage.render(.init(action: action, form: form, errors: errors, isNew: isNew, publishesDirectly: direct,
                                            categories: categories),
                                      PageContext(request, title: isNew ? "List a service" : "Change this listing", breadcrumbs: crumbs))
            .response(status: status)
    }

    private func myOrganisation(_ request: Request) throws -> (UUID, String) {
        let me = try request.requireSignedIn()
        guard let held = me.roles.first(where: { $0.role == .organisationMember }), let id = held.organisationID else {
            throw Abort(.forbidden, reason: "Only members of an organisation can list services.")
        }
        try request.require(.editService(ofOrganisation: id))
        return (id, held.organisationName ?? "")
    }

    func showNew(_ request: Request) async throws -> Response {
        let (org, _) = try myOrganisation(request)
        var form = ListingForm()
        form.attending = [AttendingMode.inPerson.rawValue]
        form.free = "1"
        return try await formPage(request, form: form, errors: [], isNew: true, action: SiteURL.newListing.path, direct: try await publishing(org, request))
    }

    func create(_ request: Request) async throws -> Response {
        let (org, orgName) = try myOrganisation(request)
        let base = ServiceListing(id: UUID(), organisationID: org, organisationName: orgName, name: "", description: "",
                                  lastModified: request.now, lastChecked: request.now)
        return try await save(request, base: base, isNew: true, action: SiteURL.newListing.path)
    }

    func showEdit(_ request: Request) async throws -> Response {
        let listing = try await listing(request)
        return try await formPage(request, form: ListingForm(listing), errors: [], isNew: false, action: SiteURL.editListing(listing.id).path,
                        direct: try await publishing(listing.organisationID, request))
    }

    func update(_ request: Request) async throws -> Response {
        let listing = try await listing(request)
        return try await save(request, base: listing, isNew: false, action: SiteURL.editListing(listing.id).path)
    }

    private func save(_ request: Request, base: ServiceListing, isNew: Bool, action: String) async throws -> Response {
        let form = try request.content.decode(ListingForm.self)
        let direct = try await publishing(base.organisationID, request)
        do {
            let changed = try await form.listing(from: base, request: request)
            let live = try await Self.publishesDirectly(base.organisationID, request, wordingOnly: !isNew && ListingDiff.isWordingOnly(from: base, to: changed))
            let outcome = try await ListingEditor().propose(changed, by: request.signedIn?.personID, publishDirectly: live,
                                                           now: request.now, on: request.db)
            let done = outcome == .published ? "listing-published" : "listing-sent"
            return request.redirect(to: SiteURL.ourListings.with([("done", done)]), redirectType: .normal)
        } catch let failure as ValidationFailure {
            return try await formPage(request, form: form, errors: failure.errors, isNew: isNew, action: action, direct: direct, status: .unprocessableEntity)
        } catch let error as FieldError {
            return try await formPage(request, form: form, errors: [error], isNew: isNew, action: action, direct: direct, status: .unprocessableEntity)
        }
    }

    struct CapacityForm: Content { var capacity: String?; var spaces: String? }

    func capacity(_ request: Request) async throws -> Response {
        let listing = try await listing(request)
        let form = try request.content.decode(CapacityForm.self)
        let capacity: Capacity
        if form.capacity == "full" {
            capacity = .full
        } else if let n = Int((form.spaces ?? "").trimmed), (0...10_000).contains(n) {
            capacity = n == 0 ? .full : .spaces(n)
        } else {
            throw Abort(.unprocessableEntity, reason: "Enter the number of spaces as a whole number, like 5. Go back and try again.")
        }
        try await ListingEditor().setCapacity(capacity, of: listing.id, now: request.now, on: request.db)
        return request.redirect(to: SiteURL.ourListings.with([("done", "capacity-saved")]), redirectType: .normal)
    }

    /// One click: the organisation has looked at the listing and it is still right.
    func stillCorrect(_ request: Request) async throws -> Response {
        let listing = try await listing(request)
        try await ListingEditor().markChecked(listing.id, now: request.now, on: request.db)
        return request.redirect(to: SiteURL.ourListings.with([("done", Notice.listingChecked.rawValue)]), redirectType: .normal)
    }

    func history(_ request: Request) async throws -> Response {
        let listing = try await listing(request)
        let versions = try await ListingEditor().history(of: listing.id, on: request.db)
        let diffs = versions.enumerated().map { index, version in
            ListingDiff.changes(from: index + 1 < versions.count ? versions[index + 1].listing : nil, to: version.listing)
        }
        return ListingAdminPages.history(listing.name, serviceID: listing.id, versions: versions, diffs: diffs,
                                         canRestore: try await Self.publishesDirectly(listing.organisationID, request, wordingOnly: false),
                                         PageContext(request, title: "History of \(listing.name)")).response()
    }

    struct RestoreForm: Content { var version: Int? }

    func restore(_ request: Request) async throws -> Response {
        let listing = try await listing(request)
        guard try await Self.publishesDirectly(listing.organisationID, request, wordingOnly: false) else {
            throw Abort(.forbidden, reason: "Only administrators can restore a version.")
        }
        let form = try request.content.decode(RestoreForm.self)
        guard let version = form.version else { throw Abort(.unprocessableEntity, reason: "Choose a version to restore.") }
        try await ListingEditor().restore(listing.id, version: version, by: request.signedIn?.personID, now: request.now, on: request.db)
        return request.redirect(to: SiteURL.listingHistory(listing.id).path, redirectType: .normal)
    }

    func reviews(_ request: Request) async throws -> Response {
        try request.require(.reviewServiceChange)
        return try await reviewsPage(request, errors: []).response()
    }

    private func reviewsPage(_ request: Request, errors: [FieldError]) async throws -> Node {
        let pending = try await ListingEditor().pending(on: request.db)
        let stale = try await ListingEditor().staleCount(before: request.now.addingTimeInterval(-ServiceListing.staleAfter), on: request.db)
        var context = PageContext(request, title: "Listing reviews")
        context.hasErrors = !errors.isEmpty
        return ListingAdminPages.reviews(pending, staleCount: stale, errors: errors, context)
    }

    func staleListings(_ request: Request) async throws -> Response {
        try request.require(.reviewServiceChange)
        let stale = try await ListingEditor().stale(before: request.now.addingTimeInterval(-ServiceListing.staleAfter), on: request.db)
        return ListingAdminPages.stale(stale, PageContext(request, title: "Listings that may be out of date",
                                                          breadcrumbs: [NavigationLink(title: "Listing reviews", path: SiteURL.reviews.path)])).response()
    }

    func organisations(_ request: Request) async throws -> Response {
        try request.require(.reviewServiceChange)
        let rows = try await ListingEditor().organisationsAndTrust(on: request.db)
        return ListingAdminPages.organisations(rows, PageContext(request, title: "Organisations trusted with wording changes",
                                                                 breadcrumbs: [NavigationLink(title: "Listing reviews", path: SiteURL.reviews.path)])).response()
    }

    struct TrustForm: Content { var trusted: String? }

    func trust(_ request: Request) async throws -> Response {
        try request.require(.reviewServiceChange)
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text),
              try await OrganisationRecord.find(id, on: request.db) != nil else { throw Abort(.notFound, reason: "There is no such organisation.") }
        let form = try request.content.decode(TrustForm.self)
        guard let choice = form.trusted, ["yes", "no"].contains(choice) else {
            throw Abort(.unprocessableEntity, reason: "Say whether to trust this organisation's wording changes.")
        }
        try await ListingEditor().setTrusted(id, choice == "yes", on: request.db)
        return request.redirect(to: SiteURL.adminOrganisations.with([("done", Notice.trustSaved.rawValue)]), redirectType: .normal)
    }

    struct DecisionForm: Content { var decision: String? }

    func decide(_ request: Request) async throws -> Response {
        try request.require(.reviewServiceChange)
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else { throw Abort(.notFound) }
        let form = try request.content.decode(DecisionForm.self)
        let editor = ListingEditor()
        do {
            if form.decision == "approve" {
                try await editor.approve(id, by: request.signedIn?.personID, now: request.now, on: request.db)
            } else {
                let key = "note-" + id.uuidString.lowercased()
                let note = (try? request.content.get(String.self, at: key)) ?? ""
                do { try await editor.reject(id, note: note, by: request.signedIn?.personID, now: request.now, on: request.db) } catch let error as FieldError where error.field == "note" {
                    throw FieldError(key, "Say why the change was not accepted, so the organisation can put it right")
                }
            }
        } catch let error as FieldError {
            return try await reviewsPage(request, errors: [error]).response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.reviews.with([("done", form.decision == "approve" ? "change-approved" : "change-rejected")]),
                                redirectType: .normal)
    }
}
