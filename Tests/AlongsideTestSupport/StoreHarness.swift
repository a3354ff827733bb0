import AlongsideStore
import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Runs `body` with a migrated, empty database of its own, then throws it away.
public func withStore<T>(_ body: (any Database) async throws -> T) async throws -> T {
    let test = try await TestDatabase.make()
    let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
    do { try test.use(in: databases) } catch {
        try? await test.drop()
        throw error
    }
    var logger = Logger(label: "store-test")
    // LOG_LEVEL=warning (as CI runs the suite) keeps the output to what went wrong.
    if let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { logger.logLevel = level }
    let loop = MultiThreadedEventLoopGroup.singleton.any()
    let migrations = Migrations()
    migrations.add(AlongsideMigrations.all)
    let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: loop)
    do {
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
        let db = databases.database(logger: logger, on: loop)!
        let result = try await body(db)
        await databases.shutdownAsync()
        try await test.drop()
        return result
    } catch {
        await databases.shutdownAsync()
        try? await test.drop()
        throw error
    }
}

/// A fixed moment for tests: 25 November 2026, 10:00 UTC.
public let testNow = Date(timeIntervalSince1970: 1_795_600_800)
