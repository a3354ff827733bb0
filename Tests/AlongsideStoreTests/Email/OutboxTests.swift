import AlongsideStore
import AlongsideTestSupport
import Foundation
import Testing

@Suite struct OutboxTests {
    @Test func aClaimedMessageIsNotClaimedAgainUntilItsLeaseRunsOut() async throws {
        try await withStore { db in
            let outbox = Outbox()
            try await outbox.enqueue(to: "a@example.org", subject: "Hello", body: "Body", at: testNow, on: db)
            let first = try await outbox.claimDue(now: testNow, on: db)
            #expect(first.map(\.recipient) == ["a@example.org"])
            #expect(first.first?.attempts == 1)
            #expect(try await outbox.claimDue(now: testNow.addingTimeInterval(10), on: db).isEmpty)
            // The server that claimed it died: after the lease, another server takes it.
            let again = try await outbox.claimDue(now: testNow.addingTimeInterval(121), on: db)
            #expect(again.first?.attempts == 2)
        }
    }

    @Test func aFailedMessageIsRetriedLaterAndGivenUpAfterTooManyAttempts() async throws {
        try await withStore { db in
            var outbox = Outbox()
            outbox.maximumAttempts = 2
            try await outbox.enqueue(to: "b@example.org", subject: "s", body: "b", at: testNow, on: db)
            let first = try #require(try await outbox.claimDue(now: testNow, on: db).first)
            try await outbox.markFailed(first, error: "connection refused", at: testNow, on: db)
            #expect(try await outbox.claimDue(now: testNow.addingTimeInterval(30), on: db).isEmpty)
            let second = try #require(try await outbox.claimDue(now: testNow.addingTimeInterval(61), on: db).first)
            try await outbox.markFailed(second, error: "still refused", at: testNow.addingTimeInterval(61), on: db)
            let stored = try #require(try await outbox.messages(to: "b@example.org", on: db).first)
            #expect(stored.status == "failed")
            #expect(stored.lastError == "still refused")
            #expect(try await outbox.claimDue(now: testNow.addingTimeInterval(100_000), on: db).isEmpty)
        }
    }

    @Test func aSentMessageIsNeverSentAgain() async throws {
        try await withStore { db in
            let outbox = Outbox()
            try await outbox.enqueue(to: "c@example.org", subject: "s", body: "b", at: testNow, on: db)
            let message = try #require(try await outbox.claimDue(now: testNow, on: db).first)
            try await outbox.markSent(message.id, at: testNow, on: db)
            #expect(try await outbox.claimDue(now: testNow.addingTimeInterval(100_000), on: db).isEmpty)
        }
    }

    @Test func onlyOneServerHoldsAJobLeaseAtATime() async throws {
        try await withStore { db in
            let leases = JobLeases()
            let first = try await leases.acquire("housekeeping", holder: "one", now: testNow, duration: 300, on: db)
            let other = try await leases.acquire("housekeeping", holder: "two", now: testNow.addingTimeInterval(10), duration: 300, on: db)
            let renewed = try await leases.acquire("housekeeping", holder: "one", now: testNow.addingTimeInterval(20), duration: 300, on: db)
            let afterExpiry = try await leases.acquire("housekeeping", holder: "two", now: testNow.addingTimeInterval(400), duration: 300, on: db)
            #expect([first, other, renewed, afterExpiry] == [true, false, true, true])
        }
    }
}
