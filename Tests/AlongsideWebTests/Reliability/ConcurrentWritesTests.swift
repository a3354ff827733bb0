import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Several people saving at the same moment: nobody sees a 500, nothing is written twice, nothing is lost.
/// On a SQLite file (as `serve` runs it) or on PostgreSQL when the suite runs there.
@Suite struct ConcurrentWritesTests {
    let api = ReferralAPITests()

    func acceptedReferral(_ app: Application) async throws -> (id: UUID, worker: String) {
        let clinician = try await api.token(app, "clinician@alongside.example")
        let made = try await api.send(app, .POST, "/api/v1/referrals", token: clinician, json: api.body)
        let id = try JSONDecoder().decode(ReferralAPITests.Made.self, from: made.body).id
        let worker = try await api.token(app, "link-worker@alongside.example")
        #expect(try await api.send(app, .POST, "/api/v1/referrals/\(id)/transitions", token: worker, json: #"{"to": "accepted"}"#).status == .ok)
        return (id, worker)
    }

    /// Found by the soak: a connection that lost the race for the write lock went back to the pool no longer
    /// waiting for it, so the next plain write on it (an audit row for a read) failed at once while anyone wrote.
    @Test func aConnectionThatLostTheRaceForTheWriteLockStillWaitsForItAfterwards() async throws {
        try await withAlongside(onFile: true) { app in
            guard StoreSQL.engine(of: app.db) == .sqlite else { return }
            // Each side on its own event loop's pool, so neither waits for the other's connection.
            let loops = Array(app.eventLoopGroup.makeIterator())
            guard loops.count >= 2, let mine = app.databases.database(logger: app.logger, on: loops[0]),
                  let theirs = app.databases.database(logger: app.logger, on: loops[1]) else { return }
            try await mine.withConnection { conn in
                // The holder says when it holds the lock, and keeps it until this connection has been told no.
                let (held, holds) = AsyncStream<Void>.makeStream()
                let (told, tell) = AsyncStream<Void>.makeStream()
                let holding = Task {
                    try await theirs.writeTransaction { tx in
                        _ = try await StoreSQL.sql(tx).raw("SELECT 1 AS one").all()
                        holds.yield()
                        for await _ in told { break }
                        try await Task.sleep(for: .milliseconds(300))
                    }
                }
                for await _ in held { break }
                // This connection asks for the lock while it is held, and is told so.
                await #expect(throws: WriteLock.Taken.self) { try await conn.transaction { tx in try await WriteLock.take(nil, on: tx) } }
                tell.yield()
                // A plain write on it now waits for the holder to finish instead of failing.
                try await AuditLog().record(AuditEntry(actor: nil, subject: nil, action: .viewedRecord, channel: "test"), at: Date(), on: conn)
                try await holding.value
            }
            #expect(try await AuditEventRecord.query(on: app.db).count() == 1)
        }
    }

    /// Waiting too long for a connection or for another writer's lock is "busy, try again" (503), never a fault.
    @Test func waitingTooLongIsBusyNotAFault() {
        #expect(StoreBusy.describes(ConnectionPoolTimeoutError.connectionRequestTimeout))
        #expect(StoreBusy.describes(StoreBusy()))
        #expect(!StoreBusy.describes(CancellationError()))
    }

    @Test func contactsLoggedFromTwelveThreadsAllLand() async throws {
        try await withAlongside(demo: true, geography: true, onFile: true) { app in
            let (id, worker) = try await acceptedReferral(app)
            let statuses = try await withThrowingTaskGroup(of: [UInt].self) { group in
                for thread in 0..<12 {
                    group.addTask {
                        var seen: [UInt] = []
                        for n in 0..<15 {
                            let response = try await api.send(app, .POST, "/api/v1/referrals/\(id)/contacts", token: worker,
                                                              json: #"{"way": "phone", "minutes": 5, "reached": false, "notes": "thread \#(thread) call \#(n)"}"#)
                            seen.append(response.status.code)
                        }
                        return seen
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(statuses.count == 180)
            #expect(statuses.allSatisfy { $0 == 201 }, "answers: \(Dictionary(grouping: statuses, by: { $0 }).mapValues(\.count))")
            #expect(try await EpisodeContactRecord.query(on: app.db).filter(\.$referralID == id).count() == 180)
        }
    }

    @Test func planSavesFromEightAtOnceAreSavedOrRefusedAsChangedNeverFailed() async throws {
        try await withAlongside(demo: true, onFile: true) { app in
            let person = try await PlanPagesTests.residentID(app)
            let token = try await api.token(app, "resident@alongside.example")
            let path = SiteURL.apiPlan(person).path
            let statuses = try await withThrowingTaskGroup(of: [UInt].self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        var seen: [UInt] = []
                        for n in 0..<10 {
                            let current = try await api.send(app, .GET, path, token: token)
                            let version = (try JSONSerialization.jsonObject(with: Data(buffer: current.body)) as? [String: Any])?["version"] as? Int ?? 0
                            let saved = try await api.send(app, .PUT, path, token: token,
                                                           json: #"{"version": \#(version), "what_matters": "writer \#(writer), save \#(n)"}"#)
                            seen.append(saved.status.code)
                        }
                        return seen
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 409 }, "answers: \(Dictionary(grouping: statuses, by: { $0 }).mapValues(\.count))")
            let saves = statuses.filter { $0 == 200 }.count
            #expect(saves >= 1)
            // Every save that was answered 200 is a version, numbered without gaps.
            let versions = try await Plans().versions(of: person, on: app.db).map(\.version)
            #expect(versions.count == saves && versions.sorted() == Array(1...saves))
        }
    }

    @Test func tenCopiesOfOneRequestWithOneKeyActOnce() async throws {
        try await withAlongside(demo: true, geography: true, onFile: true) { app in
            let clinician = try await api.token(app, "clinician@alongside.example")
            let ids = try await withThrowingTaskGroup(of: (UInt, String).self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        let response = try await api.send(app, .POST, "/api/v1/referrals", token: clinician, key: "one-referral", json: api.body)
                        let id = (try? JSONDecoder().decode(ReferralAPITests.Made.self, from: response.body).id.uuidString) ?? "none"
                        return (response.status.code, id)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(ids.allSatisfy { $0.0 == 201 }, "\(ids)")
            #expect(Set(ids.map(\.1)).count == 1)
            #expect(try await ReferralRecord.query(on: app.db).count() == 1)

            // The same key on another path or with another body does nothing and says why.
            let id = UUID(uuidString: ids[0].1)!
            let elsewhere = try await api.send(app, .POST, "/api/v1/referrals/\(id)/transitions", token: clinician, key: "one-referral",
                                               json: #"{"to": "withdrawn_by_referrer", "reason": "test"}"#)
            #expect(elsewhere.status == .unprocessableEntity && elsewhere.body.string.contains("idempotency_key_reused"))
            let otherBody = try await api.send(app, .POST, "/api/v1/referrals", token: clinician, key: "one-referral",
                                               json: api.body.replacingOccurrences(of: "Margaret", with: "Marjorie"))
            #expect(otherBody.status == .unprocessableEntity)
            #expect(try await ReferralRecord.query(on: app.db).count() == 1)
            #expect(try await Referrals().find(id, on: app.db)?.currentStage == .received)
            // Another caller's same key is theirs alone.
            let worker2 = try await api.token(app, "link-worker@alongside.example")
            let theirs = try await api.send(app, .POST, "/api/v1/referrals", token: worker2, key: "one-referral", json: api.body)
            #expect(theirs.status == .created)
            #expect(try await ReferralRecord.query(on: app.db).count() == 2)
        }
    }
}
