import FluentKit
import Foundation

/// Which app server is running a scheduled job, and until when: the row that makes a job run once even when
/// several servers share the database.
public final class JobLeaseRecord: Model, @unchecked Sendable {
    public static let schema = "job_leases"

    @ID(custom: "job", generatedBy: .user) public var id: String?
    @Field(key: "holder") public var holder: String
    @Field(key: "leased_until") public var leasedUntil: Date
    @OptionalField(key: "last_run_at") public var lastRunAt: Date?

    public init() {}
}

struct CreateJobLeases: AsyncMigration {
    var name: String { "2026-11-25-10-CreateJobLeases" }

    func prepare(on database: any Database) async throws {
        try await database.schema(JobLeaseRecord.schema)
            .field("job", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("leased_until", .datetime, .required)
            .field("last_run_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(JobLeaseRecord.schema).delete()
    }
}
