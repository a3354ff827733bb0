import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite struct ListingEditingTests {
    func memberOrganisation(_ app: Application) async throws -> UUID {
        let member = try #require(try await Accounts().account(email: try EmailAddress("organisation@alongside.example"), on: app.db))
        return try #require(try await Accounts().roles(of: member.id!, on: app.db).first?.organisationID)
    }

    @Test func aMemberChangeWaitsForReviewAndAnotherOrganisationsListingIsOutOfReach() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let org = try await memberOrganisation(app)
            let all = try await Directory().listings(on: app.db)
            let mine = try #require(all.first { $0.organisationID == org })
            let theirs = try #require(all.first { $0.organisationID != org })
            let member = Browser(app)
            try await member.signIn("organisation@alongside.example")
            var fields = ListingFormFields.from(mine)
            fields.removeAll { $0.0 == "name" }
            fields.append(("name", "Renamed walk"))
            let sent = try await member.post(SiteURL.editListing(mine.id).path, fields)
            #expect(sent.location == "/organisation/services?done=listing-sent")
            #expect(try await Directory().listing(id: mine.id, on: app.db)?.name == mine.name)
            #expect(try await member.get(SiteURL.editListing(theirs.id).path).status == .forbidden)
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            #expect(try await resident.get(SiteURL.editListing(mine.id).path).status == .forbidden)

            let admin = Browser(app)
            try await admin.signIn("admin@alongside.example")
            let change = try #require(try await ListingEditor().pending(on: app.db).first)
            let approved = try await admin.post(SiteURL.review(change.id).path, [("decision", "approve")])
            #expect(approved.location == "/admin/reviews?done=change-approved")
            #expect(try await Directory().listing(id: mine.id, on: app.db)?.name == "Renamed walk")

            // What a session costs, as an amount: kept in pence, shown to the reviewer, and dropped once it is free.
            let renamed = try #require(try await Directory().listing(id: mine.id, on: app.db))
            var charged = ListingFormFields.from(renamed).filter { !["free", "fees", "cost"].contains($0.0) }
            let wrong = try await member.post(SiteURL.editListing(mine.id).path, charged + [("fees", "£2.50 a session"), ("cost", "two fifty")])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("Enter what a session costs in pounds, like 3 or 2.50"))
            charged += [("fees", "£2.50 a session"), ("cost", "2.50")]
            #expect(try await member.post(SiteURL.editListing(mine.id).path, charged).location == "/organisation/services?done=listing-sent")
            let costed = try #require(try await ListingEditor().pending(on: app.db).first)
            #expect(try await admin.get(SiteURL.reviews.path).text.contains("<td>£2.50</td>"))
            _ = try await admin.post(SiteURL.review(costed.id).path, [("decision", "approve")])
            let saved = try #require(try await Directory().listing(id: mine.id, on: app.db))
            #expect(!saved.isFree && saved.costPence == 250 && ListingForm(saved).cost == "2.50")
        }
    }

    @Test func badFieldsAreNamedAndNothingIsFiled() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let org = try await memberOrganisation(app)
            let mine = try #require(try await Directory().listings(on: app.db).first { $0.organisationID == org })
            let member = Browser(app)
            try await member.signIn("organisation@alongside.example")
            var fields = ListingFormFields.from(mine).filter { !["minimum_age", "maximum_age", "postcode", "opens_at", "closes_at"].contains($0.0) }
            fields += [("minimum_age", "40"), ("maximum_age", "18"), ("postcode", "ZZ9 9ZZ"), ("opens_at", "11:00"), ("closes_at", "10:00")]
            let response = try await member.post(SiteURL.editListing(mine.id).path, fields)
            #expect(response.status == .unprocessableEntity)
            for field in ["maximum_age", "postcode", "closes_at"] { #expect(response.text.contains("href=\"#\(field)\""), "\(field)") }
            #expect(try await ListingEditor().pending(on: app.db).isEmpty)
        }
    }

    @Test func capacityIsOneClick() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let org = try await memberOrganisation(app)
            let mine = try #require(try await Directory().listings(on: app.db).first { $0.organisationID == org })
            let member = Browser(app)
            try await member.signIn("organisation@alongside.example")
            try await member.post(SiteURL.listingCapacity(mine.id).path, [("capacity", "full")])
            #expect(try await Directory().listing(id: mine.id, on: app.db)?.capacity == .full)
            try await member.post(SiteURL.listingCapacity(mine.id).path, [("capacity", "spaces"), ("spaces", "4")])
            #expect(try await Directory().listing(id: mine.id, on: app.db)?.capacity == .spaces(4))
        }
    }
}

/// A listing as the edit form would post it.
enum ListingFormFields {
    static func from(_ s: ServiceListing) -> [(String, String)] {
        let form = ListingForm(s)
        var fields: [(String, String)] = [("name", form.name ?? ""), ("description", form.description ?? ""), ("phone", form.phone ?? ""),
                                          ("url", form.url ?? ""), ("fees", form.fees ?? ""), ("cost", form.cost ?? ""), ("languages", form.languages ?? ""),
                                          ("location_name", form.location_name ?? ""), ("address", form.address ?? ""),
                                          ("town", form.town ?? ""), ("postcode", form.postcode ?? ""), ("freq", form.freq ?? "WEEKLY"),
                                          ("opens_at", form.opens_at ?? ""), ("closes_at", form.closes_at ?? ""),
                                          ("minimum_age", form.minimum_age ?? ""), ("maximum_age", form.maximum_age ?? ""),
                                          ("how_to_join", form.how_to_join ?? "turn_up"), ("position", form.position ?? "")]
        if form.free == "1" { fields.append(("free", "1")) }
        fields += (form.attending ?? []).map { ("attending[]", $0) }
        fields += (form.days ?? []).map { ("days[]", $0) }
        fields += (form.categories ?? []).map { ("categories[]", $0) }
        fields += (form.access ?? []).map { ("access[]", $0) }
        return fields
    }
}

/// Keeping listings current: "Still correct" in one click, a waiting change said so, and an administrator's
/// trust letting a change to the wording alone go live at once.
@Suite struct ListingTrustTests {
    @Test func stillCorrectWaitingForReviewAndTrustedWordingChanges() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let org = try await ListingEditingTests().memberOrganisation(app)
            let mine = try #require(try await Directory().listings(on: app.db).first { $0.organisationID == org })
            try await ListingEditor().setTrusted(org, false, on: app.db)
            // Checked long ago: one click says it is still right, and nothing else about it changes.
            var old = mine
            old.lastChecked = Date().addingTimeInterval(-200 * 86_400)
            try await Directory().save(old, on: app.db)
            let member = Browser(app)
            try await member.signIn("organisation@alongside.example")
            let ours = try await member.get(SiteURL.ourListings.path).text
            #expect(ours.contains("May be out of date") && ours.contains("action=\"\(SiteURL.listingStillCorrect(mine.id).path)\""))
            let checked = try await member.post(SiteURL.listingStillCorrect(mine.id).path, [])
            #expect(checked.location == SiteURL.ourListings.with([("done", "listing-checked")]))
            let after = try #require(try await Directory().listing(id: mine.id, on: app.db))
            #expect(abs(after.lastChecked.timeIntervalSinceNow) < 60 && after.name == mine.name && after.description == mine.description)
            // Someone else's listing is out of reach.
            let theirs = try #require(try await Directory().listings(on: app.db).first { $0.organisationID != org })
            #expect(try await member.post(SiteURL.listingStillCorrect(theirs.id).path, []).status == .forbidden)

            // Not trusted: a wording change waits, and "Your listings" says so.
            var fields = ListingFormFields.from(mine).filter { $0.0 != "description" }
            fields.append(("description", "A gentle walk by the river, for all."))
            #expect(try await member.post(SiteURL.editListing(mine.id).path, fields).location == "/organisation/services?done=listing-sent")
            #expect(try await member.get(SiteURL.ourListings.path).text.contains("A change you sent on \(UKDates.day(Date())) is waiting for review"))

            // The administrator trusts the organisation with wording changes.
            let admin = Browser(app)
            try await admin.signIn("admin@alongside.example")
            let reviews = try await admin.get(SiteURL.reviews.path).text
            #expect(reviews.contains("1 change is waiting for review") && reviews.contains(SiteURL.staleListings.path))
            #expect(try await admin.get(SiteURL.staleListings.path).status == .ok)
            #expect(try await member.get(SiteURL.adminOrganisations.path).status == .forbidden)
            #expect(try await member.post(SiteURL.adminOrganisationTrust(org).path, [("trusted", "yes")]).status == .forbidden)
            #expect(try await admin.get(SiteURL.adminOrganisations.path).text.contains("Trust their wording changes"))
            #expect(try await admin.post(SiteURL.adminOrganisationTrust(org).path, [("trusted", "yes")]).status == .seeOther)
            #expect(try await ListingEditor().isTrusted(org, on: app.db))

            // Trusted: the description alone goes live at once; a new name still waits.
            let form = try await member.get(SiteURL.editListing(mine.id).path).text
            #expect(form.contains("a change to the description alone goes live") && form.contains(">Save</button>"))
            var wording = ListingFormFields.from(mine).filter { $0.0 != "description" }
            wording.append(("description", "A gentle walk by the river, for everyone."))
            #expect(try await member.post(SiteURL.editListing(mine.id).path, wording).location == "/organisation/services?done=listing-published")
            #expect(try await Directory().listing(id: mine.id, on: app.db)?.description == "A gentle walk by the river, for everyone.")
            var renamed = ListingFormFields.from(mine).filter { $0.0 != "name" }
            renamed.append(("name", "Riverside walk"))
            #expect(try await member.post(SiteURL.editListing(mine.id).path, renamed).location == "/organisation/services?done=listing-sent")
            #expect(try await Directory().listing(id: mine.id, on: app.db)?.name == mine.name)
        }
    }
}
