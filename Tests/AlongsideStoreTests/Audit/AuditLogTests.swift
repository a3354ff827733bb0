import AlongsideCore
import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

@Suite struct AuditLogTests {
    @Test func theDatabaseRefusesToChangeOrDeleteAuditRows() async throws {
        try await withStore { db in
            let person = UUID()
            try await AuditLog().record(AuditEntry(actor: person, subject: person, action: .viewedRecord, channel: "GET /account"),
                                        at: testNow, on: db)
            let sql = db as! any SQLDatabase
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_events SET action = 'nothing'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_events").run() }
            let events = try await AuditLog().events(about: person, on: db)
            #expect(events.count == 1)
            #expect(events.first?.action == .viewedRecord)
        }
    }

    @Test func searchFindsAPersonAsActorOrSubjectNewestFirst() async throws {
        try await withStore { db in
            let a = UUID(), b = UUID(), c = UUID()
            let log = AuditLog()
            try await log.record(AuditEntry(actor: a, subject: b, action: .viewedRecord, channel: "x"), at: testNow, on: db)
            try await log.record(AuditEntry(actor: b, subject: b, action: .exportedData, channel: "x"), at: testNow.addingTimeInterval(60), on: db)
            try await log.record(AuditEntry(actor: c, subject: c, action: .viewedRecord, channel: "x"), at: testNow, on: db)
            let aboutB = try await log.search(AuditQuery(personID: b), on: db)
            #expect(aboutB.map(\.action) == [.exportedData, .viewedRecord])
            let views = try await log.search(AuditQuery(action: .viewedRecord), on: db)
            #expect(views.count == 2)
            let later = try await log.search(AuditQuery(from: testNow.addingTimeInterval(30)), on: db)
            #expect(later.count == 1)
            #expect(aboutB.last?.actorName == "Someone no longer on Alongside")
        }
    }
}
