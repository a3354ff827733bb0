import FluentKit
import Foundation
import SQLKit

/// One thing `/health/ready` looked at, said plainly.
public struct ReadinessCheck: Sendable, Equatable {
    public enum State: String, Sendable { case ok, warning, failing }

    public var name: String
    public var state: State
    public var detail: String
}

/// Whether this server should be sent people, and if not, what is wrong: the database reached, its schema
/// the one this version of Alongside expects, and the outbox moving. A failing database or schema means "send
/// no one here"; an outbox that is stuck is a warning, since people can still be served.
public struct Readiness: Sendable {
    /// An email waiting longer than this means the outbox is not being sent.
    public static let outboxStuckAfter: TimeInterval = 15 * 60

    public init() {}

    public func check(expectedMigrations: [String], now: Date, on db: any Database) async -> [ReadinessCheck] {
        let sql = StoreSQL.sql(db)
        let started = ContinuousClock.now
        do {
            _ = try await sql.raw("SELECT 1 AS ok").all()
        } catch {
            return [ReadinessCheck(name: "database", state: .failing, detail: "The database cannot be reached.")]
        }
        let ms = (ContinuousClock.now - started) / .milliseconds(1)
        var checks = [ReadinessCheck(name: "database", state: .ok, detail: String(format: "Answered in %.1f ms.", ms))]

        let applied = Set((try? await sql.raw("SELECT name FROM _fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) }) ?? [])
        let missing = expectedMigrations.filter { !applied.contains($0) }
        let unknown = applied.subtracting(expectedMigrations)
        if !missing.isEmpty {
            checks.append(ReadinessCheck(name: "schema", state: .failing, detail: "\(missing.count) of \(expectedMigrations.count) changes to the database "
                                         + "are not applied yet (the first is \(missing[0])): run `alongside migrate`."))
        } else if !unknown.isEmpty {
            checks.append(ReadinessCheck(name: "schema", state: .failing, detail: "The database was changed by a newer version of Alongside "
                                         + "(\(unknown.sorted()[0]) and \(unknown.count - 1) more): run that version."))
        } else {
            checks.append(ReadinessCheck(name: "schema", state: .ok, detail: "All \(expectedMigrations.count) changes applied."))
        }

        do {
            let counts = try await Outbox().countsByStatus(on: db)
            let pending = counts[OutboxMessageRecord.Status.pending.rawValue] ?? 0
            let gaveUp = counts[OutboxMessageRecord.Status.failed.rawValue] ?? 0
            let oldest = try await sql.raw("SELECT MIN(created_at) AS oldest FROM outbox_messages WHERE status = 'pending'").first()?
                .decode(column: "oldest", as: Date?.self)
            var words = pending == 0 ? "No emails waiting." : "\(pending) \(pending == 1 ? "email" : "emails") waiting"
            var state = ReadinessCheck.State.ok
            if let oldest, pending > 0 {
                let minutes = Int(now.timeIntervalSince(oldest) / 60)
                words += ", the oldest for \(minutes) \(minutes == 1 ? "minute" : "minutes")."
                if now.timeIntervalSince(oldest) > Self.outboxStuckAfter { state = .warning; words += " Emails are not being sent: see the log." }
            }
            if gaveUp > 0 { state = .warning; words += " \(gaveUp) could not be sent and were given up (see the log)." }
            checks.append(ReadinessCheck(name: "outbox", state: state, detail: words))
        } catch {
            checks.append(ReadinessCheck(name: "outbox", state: .warning, detail: "The outbox could not be read."))
        }
        return checks
    }
}
