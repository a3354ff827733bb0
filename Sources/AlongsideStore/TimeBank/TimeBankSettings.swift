import AlongsideCore
import FluentKit
import Foundation

/// The bank's own settings (one row; the standard ones until a coordinator sets them): the usual lowest balance.
public final class TimeBankSettingsRecord: Model, @unchecked Sendable {
    public static let schema = "timebank_settings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "lowest_balance_minutes") public var lowestBalance: Int
    @Field(key: "changed_at") public var changedAt: Date

    public init() {}
}

struct CreateTimeBankSettings: AsyncMigration {
    var name: String { "2026-12-06-CreateTimeBankSettings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(TimeBankSettingsRecord.schema)
            .id()
            .field("lowest_balance_minutes", .int, .required)
            .field("changed_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TimeBankSettingsRecord.schema).delete()
    }
}

extension TimeBank {
    /// The bank's usual lowest balance: every member's, unless a coordinator set one for them.
    public func usualLowestBalance(on db: any Database) async throws -> Int {
        try await TimeBankSettingsRecord.query(on: db).first()?.lowestBalance ?? TimeBankLedger.defaultLowestBalance
    }

    /// A coordinator sets the bank's usual lowest balance. Members (and organisations) on the old usual move to the new;
    /// those given their own keep it. Transfers already made stand. Returns how many accounts moved.
    @discardableResult
    public func setUsualLowestBalance(_ minutes: Int, now: Date, on db: any Database) async throws -> Int {
        guard minutes <= 0 else { throw TimeBankRefused("A lowest balance is zero or below.", field: "usual_hours") }
        return try await db.writeTransaction(lock: "timebank-settings") { tx in
            let settings = try await TimeBankSettingsRecord.query(on: tx).first() ?? TimeBankSettingsRecord()
            let old = settings.id == nil ? TimeBankLedger.defaultLowestBalance : settings.lowestBalance
            settings.lowestBalance = minutes
            settings.changedAt = now
            try await settings.save(on: tx)
            let moving = try await TimeAccountRecord.query(on: tx).filter(\.$id != TimeBankLedger.fund).filter(\.$lowestBalance == old).all()
            for account in moving {
                account.lowestBalance = minutes
                try await account.save(on: tx)
            }
            return moving.count
        }
    }
}
