import FluentKit
import Foundation
import SQLKit

/// When each public form was sent and from which network address, kept a day, only to limit how often one
/// address can send them. Nothing about the person is kept here.
public struct PublicSubmissions: Sendable {
    public init() {}

    public func record(form: String, address: String, at now: Date, on db: any Database) async throws {
        try await StoreSQL.sql(db).raw("""
            INSERT INTO public_submissions (form, address, submitted_at) VALUES (\(bind: form), \(bind: address), \(bind: now))
            """).run()
    }

    public func count(form: String, address: String, since: Date, on db: any Database) async throws -> Int {
        let row = try await StoreSQL.sql(db).raw("""
            SELECT COUNT(*) AS n FROM public_submissions WHERE form = \(bind: form) AND address = \(bind: address) AND submitted_at >= \(bind: since)
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Housekeeping: forgets submissions older than `before`.
    public func forget(before: Date, on db: any Database) async throws {
        try await StoreSQL.sql(db).raw("DELETE FROM public_submissions WHERE submitted_at < \(bind: before)").run()
    }
}

struct CreatePublicSubmissions: AsyncMigration {
    var name: String { "2026-11-26-03-CreatePublicSubmissions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("public_submissions")
            .field("form", .string, .required).field("address", .string, .required).field("submitted_at", .datetime, .required)
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX public_submissions_address ON public_submissions (address, form, submitted_at)")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("public_submissions").delete()
    }
}
