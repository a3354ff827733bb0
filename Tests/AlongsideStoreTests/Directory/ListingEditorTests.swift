import AlongsideCore
import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import Testing

@Suite struct ListingEditorTests {
    func listing(_ org: OrganisationRecord) -> ServiceListing {
        ServiceListing(id: UUID(), organisationID: org.id!, organisationName: org.name, name: "Health walk",
                       description: "A gentle walk.", phone: "01524 000000",
                       schedules: [.weekly(.tuesday, from: TimeOfDay(hour: 10, minute: 0), to: TimeOfDay(hour: 11, minute: 0))],
                       lastModified: testNow, lastChecked: testNow)
    }

    func organisation(_ db: any Database) async throws -> OrganisationRecord {
        let org = OrganisationRecord(name: "Bay Walkers", description: "Walks", postcode: nil, createdAt: testNow)
        try await org.create(on: db)
        return org
    }

    @Test func aChangeFromAnUntrustedOrganisationWaitsAndGoesLiveWhenApproved() async throws {
        try await withStore { db in
            let org = try await organisation(db)
            let editor = ListingEditor()
            var service = listing(org)
            #expect(try await editor.propose(service, by: nil, publishDirectly: true, now: testNow, on: db) == .published)
            service.name = "Prom health walk"
            #expect(try await editor.propose(service, by: nil, publishDirectly: false, now: testNow, on: db) == .awaitingReview)
            #expect(try await Directory().listing(id: service.id, on: db)?.name == "Health walk")
            let pending = try await editor.pending(on: db)
            #expect(pending.first?.changes.map(\.field) == ["Name"])
            try await editor.approve(pending[0].id, by: nil, now: testNow.addingTimeInterval(60), on: db)
            #expect(try await Directory().listing(id: service.id, on: db)?.name == "Prom health walk")
            await #expect(throws: FieldError.self) { try await editor.approve(pending[0].id, by: nil, now: testNow, on: db) }
            let history = try await editor.history(of: service.id, on: db)
            #expect(history.map(\.version) == [2, 1])
            #expect(history.first?.summary == "Name")
        }
    }

    @Test func anInvalidChangeIsRefusedAndNothingIsFiled() async throws {
        try await withStore { db in
            var service = listing(try await organisation(db))
            service.description = ""
            await #expect(throws: ValidationFailure.self) {
                _ = try await ListingEditor().propose(service, by: nil, publishDirectly: false, now: testNow, on: db)
            }
            #expect(try await ListingEditor().pending(on: db).isEmpty)
        }
    }

    @Test func anEarlierVersionCanBeRestored() async throws {
        try await withStore { db in
            let editor = ListingEditor()
            var service = listing(try await organisation(db))
            _ = try await editor.propose(service, by: nil, publishDirectly: true, now: testNow, on: db)
            service.description = "Changed by mistake."
            _ = try await editor.propose(service, by: nil, publishDirectly: true, now: testNow, on: db)
            try await editor.restore(service.id, version: 1, by: nil, now: testNow.addingTimeInterval(10), on: db)
            #expect(try await Directory().listing(id: service.id, on: db)?.description == "A gentle walk.")
            #expect(try await editor.history(of: service.id, on: db).first?.summary == "Restored version 1")
        }
    }

    @Test func capacityIsOneClickAndCountsAsACheck() async throws {
        try await withStore { db in
            let editor = ListingEditor()
            let service = listing(try await organisation(db))
            _ = try await editor.propose(service, by: nil, publishDirectly: true, now: testNow, on: db)
            let later = testNow.addingTimeInterval(200 * 86_400)
            #expect(try await editor.stale(before: later.addingTimeInterval(-ServiceListing.staleAfter + 86_400), on: db).map(\.id) == [service.id])
            try await editor.setCapacity(.full, of: service.id, now: later, on: db)
            let read = try await Directory().listing(id: service.id, on: db)
            #expect(read?.capacity == .full)
            #expect(read?.isStale(now: later) == false)
        }
    }

    @Test func anOrganisationCanBeTrusted() async throws {
        try await withStore { db in
            let org = try await organisation(db)
            #expect(try await !ListingEditor().isTrusted(org.id!, on: db))
            try await ListingEditor().setTrusted(org.id!, true, on: db)
            #expect(try await ListingEditor().isTrusted(org.id!, on: db))
        }
    }
}

@Suite struct StaleListingReminderTests {
    @Test func membersOfAnOrganisationWithStaleListingsAreRemindedOncePerWeekAcrossServers() async throws {
        try await withStore { db in
            _ = try await DemoLoader().load(passwordHash: "h", now: testNow, residentCount: 10, serviceCount: 60, on: db)
            let later = testNow.addingTimeInterval(400 * 86_400)
            let leases = JobLeases()
            #expect(try await leases.claimScheduledRun("stale", holder: "a", now: later, every: 7 * 86_400, on: db))
            #expect(try await !leases.claimScheduledRun("stale", holder: "b", now: later.addingTimeInterval(60), every: 7 * 86_400, on: db))
            #expect(try await !leases.claimScheduledRun("stale", holder: "a", now: later.addingTimeInterval(3600), every: 7 * 86_400, on: db))
            #expect(try await leases.claimScheduledRun("stale", holder: "b", now: later.addingTimeInterval(8 * 86_400), every: 7 * 86_400, on: db))
            let written = try await StaleListingReminders().send(now: later, link: { _ in "https://alongside.example/organisation/services" }, on: db)
            #expect(written == 1)
            let mail = try #require(try await Outbox().messages(to: "organisation@alongside.example", on: db).first)
            #expect(mail.subject == "Please check your Alongside listings")
            #expect(mail.body.contains("last checked"))
        }
    }
}
