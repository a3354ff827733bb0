import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix

/// A fresh, empty database for one test: in-memory SQLite by default, or — when
/// `ALONGSIDE_TEST_POSTGRES_URL` is set — a new schema of its own on that PostgreSQL server, so tests can run
/// in parallel against one server. The same tests run on both engines.
public struct TestDatabase: Sendable {
    /// The PostgreSQL server to test against, if any.
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["ALONGSIDE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The schema this test owns on PostgreSQL; nil on SQLite.
    public let schema: String?

    /// On PostgreSQL, waits for one of `TestSlots.shared` first: given back by `drop()`.
    public static func make() async throws -> TestDatabase {
        guard let url = postgresURL else { return TestDatabase(schema: nil) }
        await TestSlots.shared.take()
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        do {
            try await withAdmin(url) { sql in try await sql.raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
        } catch {
            await TestSlots.shared.giveBack()
            throw error
        }
        return TestDatabase(schema: schema)
    }

    /// Points `databases` at this test's database as the default.
    public func use(in databases: Databases) throws {
        if let schema, let url = Self.postgresURL {
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = [schema]
            // Tests check what concurrent writers leave behind, not how fast: a hundred writers on one connection of a loaded
            // machine may queue for longer than the application would wait (30 s), so the harness waits longer.
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 2, connectionPoolTimeout: .seconds(300)), as: .psql)
        } else {
            databases.use(.sqlite(.memory, connectionPoolTimeout: .seconds(300)), as: .sqlite)
        }
    }

    /// Removes the test's schema (PostgreSQL); SQLite's memory database goes with its connections.
    /// Gives its slot back, whether or not the schema could be dropped. Call it once.
    public func drop() async throws {
        guard let schema, let url = Self.postgresURL else { return }
        do {
            try await Self.withAdmin(url) { sql in try await sql.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
        } catch {
            await TestSlots.shared.giveBack()
            throw error
        }
        await TestSlots.shared.giveBack()
    }

    private static func withAdmin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
        do {
            let db = databases.database(logger: Logger(label: "test-admin"), on: MultiThreadedEventLoopGroup.singleton.any())!
            try await body(db as! any SQLDatabase)
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        await databases.shutdownAsync()
    }
}

/// How many tests may hold a PostgreSQL database at once. Each opens a pool of connections of its own (an application
/// up to 8), and the suites start hundreds of tests together: unbounded, they open more connections than a server takes
/// ("sorry, too many clients already"). A test waits here for a slot instead. `ALONGSIDE_TEST_SLOTS` changes the number.
public actor TestSlots {
    public static let shared = TestSlots(ProcessInfo.processInfo.environment["ALONGSIDE_TEST_SLOTS"].flatMap(Int.init) ?? 24)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ slots: Int) { free = max(1, slots) }

    public func take() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// A slot given back goes to the test that has waited longest.
    public func giveBack() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
