import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// A backup taken while people write restores whole: every table as the backup holds it, every write the
/// backup saw with its audit rows, nothing referring to a row that is not there.
@Suite struct BackupRestoreTests {
    let api = ReferralAPITests()

    func backupFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("alongside-backup-\(UUID().uuidString).sqlite").path
    }

    @Test func aBackupTakenUnderWriteLoadRestoresWhole() async throws {
        let file = backupFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        var taken: BackupSummary?
        var referralsSeen = 0
        try await withAlongside(demo: true, onFile: true) { app in
            guard StoreSQL.engine(of: app.db) == .sqlite else {
                // PostgreSQL's own tools do this; the command says which, with their flags.
                await #expect(throws: Backups.Refused.self) { try await Backups().backup(to: file, on: app.db) }
                #expect(Backups.postgresAdvice.contains("pg_dump --format=custom") && Backups.postgresAdvice.contains("pg_restore"))
                return
            }
            let clinician = try await api.token(app, "clinician@alongside.example")
            // Four writers make referrals while the backup is taken.
            taken = try await withThrowingTaskGroup(of: BackupSummary?.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        for n in 0..<10 {
                            let made = try await api.send(app, .POST, "/api/v1/referrals", token: clinician,
                                                          json: api.body.replacingOccurrences(of: "Hodgson", with: "Writer\(writer)x\(n)"))
                            #expect(made.status == .created)
                        }
                        return nil
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(150))
                    return try await Backups().backup(to: file, on: app.db)
                }
                return try await group.reduce(into: nil) { result, summary in result = result ?? summary }
            }
            referralsSeen = try #require(taken?.rows["referrals"])
            #expect(try await ReferralRecord.query(on: app.db).count() == 40)
            // The copy refuses to overwrite an earlier backup.
            await #expect(throws: Backups.Refused.self) { try await Backups().backup(to: file, on: app.db) }
        }
        guard let taken else { return }

        try await withAlongside(onFile: true) { app in
            let restored = try await Backups().restore(from: file, on: app.db)
            #expect(restored == taken)
            #expect(try await ReferralRecord.query(on: app.db).count() == referralsSeen)
            // Each referral the backup holds came with its first move and the audit row that made it, or not at all.
            let moves = try await EpisodeMoveRecord.query(on: app.db).all()
            for referral in try await ReferralRecord.query(on: app.db).all() {
                #expect(moves.contains { $0.referralID == referral.id })
            }
            let audited = Set(try await AuditEventRecord.query(on: app.db).all().filter { $0.action == AuditAction.madeReferral.rawValue }
                .compactMap(\.subjectPersonID))
            for referral in try await ReferralRecord.query(on: app.db).all() {
                #expect(audited.contains(referral.personID))
            }
            // The demo's people sign in on the restored database as before.
            #expect(try await api.token(app, "link-worker@alongside.example").isEmpty == false)
            // A second restore into a database that now holds data is refused; nothing changes.
            #expect(try await Backups().holdsData(on: app.db))
        }
    }

    @Test func aFileThatIsNotABackupIsRefusedAndNothingIsWritten() async throws {
        let file = backupFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: file))
        try await withAlongside(onFile: true) { app in
            guard StoreSQL.engine(of: app.db) == .sqlite else { return }
            await #expect(throws: (any Error).self) { try await Backups().restore(from: file, on: app.db) }
            let holds = try await Backups().holdsData(on: app.db)
            #expect(!holds)
            await #expect(throws: Backups.Refused.self) { try await Backups().restore(from: file + ".missing", on: app.db) }
        }
    }
}
