import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

/// `alongside check` finds what a write stopped halfway would leave, and nothing in a whole database.
@Suite struct IntegrityTests {
    @Test func theDemoHoldsAndEachHalfWrittenRecordIsNamed() async throws {
        try await withAlongside(demo: true) { app in
            // A referral and a plan saved twice, through the API as people make them.
            let api = ReferralAPITests()
            let clinician = try await api.token(app, "clinician@alongside.example")
            #expect(try await api.send(app, .POST, "/api/v1/referrals", token: clinician, json: api.body).status == .created)
            let resident = try await api.token(app, "resident@alongside.example")
            let me = try await AccountRecord.query(on: app.db).filter(\.$email == "resident@alongside.example").first()
            let person = try #require(me?.$person.id).uuidString.lowercased()
            for version in 0..<2 {
                let saved = try await api.send(app, .PUT, "/api/v1/people/\(person)/plan", token: resident,
                                               json: #"{"version": \#(version), "what_matters": "Version \#(version + 1)"}"#)
                #expect(saved.status == .ok)
            }
            let whole = try await Integrity().check(on: app.db)
            #expect(whole.problems == [])
            #expect(whole.rows > 1_000 && whole.tables > 30)

            // A referral whose first move and audit row were never written.
            let some = try #require(try await ReferralRecord.query(on: app.db).first())
            let orphan = ReferralRecord()
            orphan.id = UUID()
            orphan.personID = some.personID
            orphan.givenName = some.givenName; orphan.familyName = some.familyName
            orphan.birthDate = some.birthDate; orphan.postcode = some.postcode
            orphan.preferredContact = some.preferredContact; orphan.needs = some.needs; orphan.story = some.story
            orphan.consented = true; orphan.source = some.source; orphan.referrerName = some.referrerName
            orphan.stage = some.stage; orphan.gpSharing = some.gpSharing; orphan.submissionKey = UUID().uuidString
            orphan.createdAt = some.createdAt; orphan.stageChangedAt = some.stageChangedAt
            try await orphan.create(on: app.db)
            // A plan whose newest version was never kept.
            let plan = try #require(try await PlanRecord.query(on: app.db).filter(\.$version >= 2).first())
            try await PlanVersionRecord.query(on: app.db).filter(\.$personID == plan.personID).filter(\.$version == plan.version).delete()

            let broken = try await Integrity().check(on: app.db)
            #expect(broken.problems.contains("1 referrals have no first move"))
            #expect(broken.problems.contains("1 people have more referrals than audit rows saying who made them"))
            #expect(broken.problems.contains("1 plans have no kept copy of their current version"))
            #expect(broken.problems.contains("1 plans have versions missing or beyond their current one"))
            #expect(broken.problems.count == 4)

            // The command says so and fails; on a whole database it says nothing is half-written.
            await #expect(throws: (any Error).self) { try await check(app) }
        }
        try await withAlongside(demo: true) { app in try await check(app) }
    }

    /// On a SQLite file, a commit is acknowledged only once it is in the write-ahead log on disk: WAL, with
    /// SQLite's FULL synchronous setting (its default, which the bundled SQLite keeps) on every connection.
    @Test func aSQLiteCommitIsOnDiskBeforeItIsAcknowledged() async throws {
        try await withAlongside(onFile: true) { app in
            guard StoreSQL.engine(of: app.db) == .sqlite else { return }
            for _ in 0..<8 {
                let mode = try await StoreSQL.sql(app.db).raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
                let synchronous = try await StoreSQL.sql(app.db).raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
                #expect(mode == "wal")
                #expect(synchronous == 2)
            }
        }
    }

    func check(_ app: Application) async throws {
        var context = CommandContext(console: app.console, input: CommandInput(arguments: ["alongside", "check"]))
        context.application = app
        try await CheckCommand().run(using: context, signature: .init())
    }
}
