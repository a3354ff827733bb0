import FluentKit
import Foundation
import SQLKit

/// Lets one app server at a time run a scheduled job: whoever holds the lease runs it; a lease that has run
/// out can be taken by anyone.
public struct JobLeases: Sendable {
    public init() {}

    /// True when `holder` now holds the lease on `job` until `now + duration`.
    public func acquire(_ job: String, holder: String, now: Date, duration: TimeInterval, on db: any Database) async throws -> Bool {
        let rows = try await StoreSQL.sql(db).raw("""
            INSERT INTO job_leases (job, holder, leased_until, last_run_at)
            VALUES (\(bind: job), \(bind: holder), \(bind: now.addingTimeInterval(duration)), \(bind: now))
            ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, leased_until = excluded.leased_until,
                last_run_at = excluded.last_run_at
            WHERE job_leases.leased_until < \(bind: now) OR job_leases.holder = excluded.holder
            RETURNING job
            """).all()
        return !rows.isEmpty
    }

    /// True for exactly one caller per `every` interval, however many servers ask: for jobs that must run
    /// once a day or once a week rather than on whichever server holds a lease.
    public func claimScheduledRun(_ job: String, holder: String, now: Date, every: TimeInterval, on db: any Database) async throws -> Bool {
        let rows = try await StoreSQL.sql(db).raw("""
            INSERT INTO job_leases (job, holder, leased_until, last_run_at)
            VALUES (\(bind: job), \(bind: holder), \(bind: now), \(bind: now))
            ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, last_run_at = excluded.last_run_at
            WHERE job_leases.last_run_at IS NULL OR job_leases.last_run_at <= \(bind: now.addingTimeInterval(-every))
            RETURNING job
            """).all()
        return !rows.isEmpty
    }
}
