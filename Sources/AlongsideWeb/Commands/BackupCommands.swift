import AlongsideStore
import Vapor

/// `alongside backup FILE`: a consistent copy of the SQLite database, taken while Alongside serves.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The new file to write the backup to")
        var file: String
        init() {}
    }

    var help: String { "Back up the database to a new file, while Alongside serves (SQLite; PostgreSQL says which tools to use)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let started = ContinuousClock.now
        context.console.print("Backing up to \(signature.file) …")
        let summary = try await BackupCommands.refusingClearly { try await Backups().backup(to: signature.file, on: context.application.db) }
        context.console.print("Backed up \(summary.total) rows in \(summary.tables) tables to \(signature.file) in \(BackupCommands.seconds(since: started)).")
    }
}

/// `alongside restore FILE [--replace]`: puts a backup back, all of it or nothing.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The backup to restore")
        var file: String
        @Flag(name: "replace", help: "Replace what this database holds (without it, only an empty database is restored into)")
        var replace: Bool
        init() {}
    }

    var help: String { "Restore a backup made by `alongside backup` into an empty database (or, with --replace, instead of what it holds)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let started = ContinuousClock.now
        try await BackupCommands.refusingClearly {
            guard StoreSQL.engine(of: app.db) == .sqlite else { throw Backups.Refused(message: Backups.postgresAdvice) }
            guard FileManager.default.fileExists(atPath: signature.file) else { throw Backups.Refused(message: "There is no file at \(signature.file).") }
            try await app.migrateDatabase()
            if try await Backups().holdsData(on: app.db) {
                guard signature.replace else {
                    throw Backups.Refused(message: "This database already holds data, which restoring would replace. Stop Alongside, take a backup of "
                                          + "it if you may want it again, and run this again with --replace.")
                }
                context.console.print("Removing everything in the database …")
                try await Backups().dropEverything(on: app.db)
                try await app.migrateDatabase()
            }
            context.console.print("Restoring \(signature.file) …")
            let summary = try await Backups().restore(from: signature.file, on: app.db)
            context.console.print("Restored \(summary.total) rows in \(summary.tables) tables from \(signature.file) in \(BackupCommands.seconds(since: started)); "
                                  + "every table holds as many rows as the backup.")
        }
    }
}

/// `alongside check`: whether anything in the database is half-written (after a crash, a restore, or any time).
struct CheckCommand: AsyncCommand {
    struct Signature: CommandSignature { init() {} }

    var help: String { "Check that nothing in the database is half-written: the engine's own checks, and the rules that tie records together" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let started = ContinuousClock.now
        let report = try await Integrity().check(on: context.application.db)
        let looked = "Checked \(report.rows) rows in \(report.tables) tables in \(BackupCommands.seconds(since: started))"
        guard report.holds else {
            throw ConfigurationError(looked + ": " + report.problems.joined(separator: "; ") + ".")
        }
        context.console.print(looked + ": nothing is half-written.")
    }
}

enum BackupCommands {
    /// A refusal is said plainly, as the command's error.
    static func refusingClearly<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let refused as Backups.Refused { throw ConfigurationError(refused.message) }
    }

    static func seconds(since start: ContinuousClock.Instant) -> String {
        String(format: "%.1f s", BenchCommand.seconds(since: start))
    }
}
