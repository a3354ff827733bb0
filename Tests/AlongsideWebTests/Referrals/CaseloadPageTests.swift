@testable import AlongsideWeb
import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite struct CaseloadPageTests {
    /// 250 open episodes on the demo link worker's caseload, written straight to the store.
    func fill(_ app: Application, count: Int = 250) async throws -> UUID {
        let worker = try #require(try await Accounts().account(email: try EmailAddress("link-worker@alongside.example"), on: app.db)).$person.id
        let now = Date()
        let open: [EpisodeStage] = [.accepted, .contacted, .whatMatters, .planAgreed, .connected, .followingUp]
        var people: [PersonRecord] = [], referrals: [ReferralRecord] = []
        for i in 0..<count {
            let person = PersonRecord(givenName: i == 17 ? "Joan" : "Person", familyName: i == 17 ? "Whittaker" : "Number \(i)", postcode: "LA1 1AA", createdAt: now)
            person.id = UUID()
            person.birthDate = "1960-01-01"
            people.append(person)
            let r = ReferralRecord()
            r.personID = person.id!
            r.givenName = person.givenName; r.familyName = person.familyName; r.birthDate = "1960-01-01"
            r.postcode = i == 33 ? "LA4 4AA" : "LA1 1AA"
            r.nhsNumber = i == 44 ? "9434765919" : nil
            r.phone = "01524 000000"; r.preferredContact = "phone"; r.needs = i % 2 == 0 ? "loneliness" : "money"; r.story = ""; r.consented = true
            r.source = "clinician"; r.referrerName = "Dr Test"; r.gpSharing = "all"; r.submissionKey = "caseload-\(i)"
            r.stage = open[i % open.count].rawValue
            r.assignedTo = worker
            r.createdAt = now.addingTimeInterval(-Double(i) * 86_400)
            r.stageChangedAt = r.createdAt
            r.nextContactOn = i % 10 == 9 ? nil : UKDates.isoDay(now.addingTimeInterval(Double(i % 20 - 5) * 86_400))
            referrals.append(r)
        }
        try await people.create(on: app.db)
        try await referrals.create(on: app.db)
        return worker
    }

    @Test func theCaseloadIsPagedSearchableAndFilterableAtTwoHundredAndFiftyEpisodes() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            _ = try await fill(app)
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            let first = try await worker.get(SiteURL.referrals.path)
            #expect(first.status == .ok)
            #expect(first.text.contains("Your caseload (250)") && first.text.contains("Showing 1 to 25 of 250"))
            #expect(first.text.contains("Page 1 of 10") && first.text.contains("href=\"/referrals?page=2#caseload\""))
            // One page of the caseload is small enough for a cheap phone on a slow line.
            #expect(first.body.readableBytes < 40_000, "\(first.body.readableBytes) bytes")
            #expect(first.text.contains("Due today (\((0..<250).filter { $0 % 20 == 5 }.count))"))

            let last = try await worker.get(SiteURL.referrals.with([("page", "10")]))
            #expect(last.text.contains("Showing 226 to 250 of 250") && last.text.contains("rel=\"prev\"") && !last.text.contains("rel=\"next\""))
            let beyond = try await worker.get(SiteURL.referrals.with([("page", "99")]))
            #expect(beyond.text.contains("Page 10 of 10"))

            // Search by name, NHS number or postcode; the search stays in the box.
            let joan = try await worker.get(SiteURL.referrals.with([("q", "whittaker")]))
            #expect(joan.text.contains("Showing 1 to 1 of 1 that match (of 250 in all)") && joan.text.contains("Joan Whittaker"))
            #expect(joan.text.contains("value=\"whittaker\""))
            // The episode's way back returns to the same view of the caseload.
            let link = try #require(joan.text.firstMatch(of: /href="(\/referrals\/[0-9a-f-]{36}\?back=q%3Dwhittaker)"/)?.1)
            #expect(try await worker.get(String(link)).text.contains("<a href=\"/referrals?q=whittaker#caseload\">Referrals</a>"))
            #expect(try await worker.get(SiteURL.referrals.with([("q", "943 476 5919")])).text.contains("Showing 1 to 1 of 1 that match"))
            #expect(try await worker.get(SiteURL.referrals.with([("q", "LA4")])).text.contains("Showing 1 to 1 of 1 that match"))

            // Filters narrow it and stay chosen; the next page keeps them.
            let money = try await worker.get(SiteURL.referrals.with([("need", "money"), ("stage", "following_up")]))
            let connectedMoney = (0..<250).filter { $0 % 2 == 1 && $0 % 6 == 5 }.count
            #expect(money.text.contains("of \(connectedMoney) that match"))
            #expect(money.text.contains("<option value=\"money\" selected") && money.text.contains("<option value=\"following_up\" selected"))
            let unset = try await worker.get(SiteURL.referrals.with([("show", "not_set")]))
            #expect(unset.text.contains("Showing 1 to 25 of 25 that match"))
            let sorted = try await worker.get(SiteURL.referrals.with([("sort", "name"), ("show", "overdue")]))
            #expect(sorted.status == .ok && sorted.text.contains("href=\"/referrals?show=overdue&amp;sort=name&amp;page=2#caseload\""))
            // Nonsense in the address is no filter, not an error.
            #expect(try await worker.get(SiteURL.referrals.with([("stage", "closed"), ("page", "x")])).text.contains("Showing 1 to 25 of 250"))
        }
    }
}
