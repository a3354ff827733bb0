import AlongsideCore
import FluentKit
import SQLKit
import Foundation

/// A time account: a member's (its id is the person's), an organisation's (its id is the organisation's), or the
/// community fund's.
public final class TimeAccountRecord: Model, @unchecked Sendable {
    public static let schema = "timebank_accounts"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "person_id") public var personID: UUID?
    @OptionalField(key: "organisation_id") public var organisationID: UUID?
    @Field(key: "status") public var status: String
    @Field(key: "lowest_balance_minutes") public var lowestBalance: Int
    @Field(key: "asked_at") public var askedAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    /// The coordinator's reason for a suspension or refusal, shown to the member.
    @OptionalField(key: "reason") public var reason: String?

    public init() {}
}

/// A transfer on the ledger: `minutes` from one account to another. Its two legs are written by the database itself
/// when it is inserted; neither it nor its legs can ever be changed or deleted.
public final class TransferRecord: Model, @unchecked Sendable {
    public static let schema = "timebank_transfers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "from_account") public var fromAccount: UUID
    @Field(key: "to_account") public var toAccount: UUID
    @Field(key: "minutes") public var minutes: Int
    @Field(key: "note") public var note: String
    @Field(key: "at") public var at: Date
    @OptionalField(key: "recorded_by") public var recordedBy: UUID?
    @OptionalField(key: "reverses_id") public var reversesID: UUID?

    public init() {}
}

/// An exchange between two members: recorded by one, counting once the other confirms (its transfer is then written).
public final class ExchangeRecord: Model, @unchecked Sendable {
    public static let schema = "timebank_exchanges"

    @ID(key: .id) public var id: UUID?
    /// Had the help, and pays for it.
    @Field(key: "payer_id") public var payerID: UUID
    /// Gave the help, and is credited.
    @Field(key: "receiver_id") public var receiverID: UUID
    @Field(key: "minutes") public var minutes: Int
    @Field(key: "note") public var note: String
    @Field(key: "recorded_by") public var recordedBy: UUID
    @Field(key: "recorded_at") public var recordedAt: Date
    @Field(key: "status") public var status: String
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "transfer_id") public var transferID: UUID?

    public init() {}
}

/// An offer of help or a request for it.
public final class TimeBankPostRecord: Model, @unchecked Sendable {
    public static let schema = "timebank_posts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "member_id") public var memberID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "details") public var details: String
    @Field(key: "category") public var category: String
    @Field(key: "place") public var place: String
    @Field(key: "when_free") public var whenFree: String
    @Field(key: "posted_at") public var postedAt: Date
    @OptionalField(key: "closed_at") public var closedAt: Date?

    public init() {}
}

/// A member's report about another, for the coordinators.
public final class TimeBankReportRecord: Model, @unchecked Sendable {
    public static let schema = "timebank_reports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "reporter_id") public var reporterID: UUID
    @Field(key: "about_id") public var aboutID: UUID
    @Field(key: "reason") public var reason: String
    @Field(key: "reported_at") public var reportedAt: Date
    @OptionalField(key: "dealt_at") public var dealtAt: Date?

    public init() {}
}

/// Organisations join the time bank too: an account that is an organisation's.
struct TimeBankOrganisations: AsyncMigration {
    var name: String { "2026-12-06-TimeBankOrganisations" }

    func prepare(on database: any Database) async throws {
        try await database.schema(TimeAccountRecord.schema).field("organisation_id", .uuid).update()
        try await StoreSQL.run(on: database, "CREATE UNIQUE INDEX timebank_accounts_organisation ON timebank_accounts (organisation_id)")
    }

    func revert(on database: any Database) async throws {
        try await StoreSQL.run(on: database, "DROP INDEX timebank_accounts_organisation")
        try await database.schema(TimeAccountRecord.schema).deleteField("organisation_id").update()
    }
}

struct CreateTimeBank: AsyncMigration {
    var name: String { "2026-12-05-CreateTimeBank" }

    func prepare(on database: any Database) async throws {
        try await database.schema(TimeAccountRecord.schema)
            .id()
            .field("person_id", .uuid, .references(PersonRecord.schema, "id"))
            .field("status", .string, .required)
            .field("lowest_balance_minutes", .int, .required)
            .field("asked_at", .datetime, .required)
            .field("decided_at", .datetime)
            .field("decided_by", .uuid)
            .field("reason", .string)
            .unique(on: "person_id")
            .create()
        try await database.schema(TransferRecord.schema)
            .id()
            .field("kind", .string, .required)
            .field("from_account", .uuid, .required, .references(TimeAccountRecord.schema, "id"))
            .field("to_account", .uuid, .required, .references(TimeAccountRecord.schema, "id"))
            .field("minutes", .int, .required)
            .field("note", .string, .required)
            .field("at", .datetime, .required)
            .field("recorded_by", .uuid)
            .field("reverses_id", .uuid, .references(TransferRecord.schema, "id"))
            .unique(on: "reverses_id")
            .create()
        try await database.schema("timebank_legs")
            .field("transfer_id", .uuid, .required, .references(TransferRecord.schema, "id"))
            .field("account_id", .uuid, .required, .references(TimeAccountRecord.schema, "id"))
            .field("minutes", .int, .required)
            .field("at", .datetime, .required)
            .unique(on: "transfer_id", "account_id")
            .create()
        try await database.schema(ExchangeRecord.schema)
            .id()
            .field("payer_id", .uuid, .required, .references(TimeAccountRecord.schema, "id"))
            .field("receiver_id", .uuid, .required, .references(TimeAccountRecord.schema, "id"))
            .field("minutes", .int, .required)
            .field("note", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .field("status", .string, .required)
            .field("decided_at", .datetime)
            .field("transfer_id", .uuid, .references(TransferRecord.schema, "id"))
            .unique(on: "transfer_id")
            .create()
        try await database.schema(TimeBankPostRecord.schema)
            .id()
            .field("member_id", .uuid, .required, .references(TimeAccountRecord.schema, "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("details", .string, .required)
            .field("category", .string, .required)
            .field("place", .string, .required)
            .field("when_free", .string, .required)
            .field("posted_at", .datetime, .required)
            .field("closed_at", .datetime)
            .create()
        try await database.schema(TimeBankReportRecord.schema)
            .id()
            .field("reporter_id", .uuid, .required, .references(TimeAccountRecord.schema, "id"))
            .field("about_id", .uuid, .required, .references(TimeAccountRecord.schema, "id"))
            .field("reason", .string, .required)
            .field("reported_at", .datetime, .required)
            .field("dealt_at", .datetime)
            .create()
        for statement in [
            "CREATE INDEX timebank_legs_account ON timebank_legs (account_id, at, transfer_id, minutes)",
            "CREATE INDEX timebank_transfers_at ON timebank_transfers (at)",
            "CREATE INDEX timebank_exchanges_payer ON timebank_exchanges (payer_id, status)",
            "CREATE INDEX timebank_exchanges_receiver ON timebank_exchanges (receiver_id, status)",
            "CREATE INDEX timebank_posts_open ON timebank_posts (closed_at, kind, category)",
        ] { try await StoreSQL.run(on: database, statement) }
        try await LedgerGuards.create(on: database)
        // Written as the table stood then (the model has gained columns since).
        try await StoreSQL.sql(database).insert(into: TimeAccountRecord.schema)
            .columns("id", "status", "lowest_balance_minutes", "asked_at")
            .values(SQLBind(TimeBankLedger.fund), SQLBind(MembershipStatus.active.rawValue), SQLBind(TimeBankLedger.fundLowestBalance),
                    SQLBind(Date(timeIntervalSince1970: 0)))
            .run()
    }

    func revert(on database: any Database) async throws {
        for table in [TimeBankReportRecord.schema, TimeBankPostRecord.schema, ExchangeRecord.schema, "timebank_legs", TransferRecord.schema, TimeAccountRecord.schema] {
            try await database.schema(table).delete()
        }
        if StoreSQL.engine(of: database) == .postgres {
            for function in ["timebank_append_only", "timebank_transfer_checked", "timebank_transfer_legs", "timebank_leg_matches"] {
                try await StoreSQL.run(on: database, "DROP FUNCTION IF EXISTS \(function)()")
            }
        }
    }
}

/// What the database itself refuses on the ledger, whoever writes to it: changing or deleting a transfer or a leg; a
/// transfer of no minutes, of minus minutes, or from an account to itself; a reversal that does not mirror what it
/// reverses; a leg that is not exactly one side of its transfer. Each transfer's two legs are written by the database
/// when the transfer is inserted, so they always cancel.
enum LedgerGuards {
    static let badTransfer = "a transfer moves a positive number of whole minutes between two different accounts"
    static let badReversal = "a reversal moves the same minutes as the transfer it reverses, the other way"
    static let badLeg = "a leg must be one side of its transfer"

    static func create(on database: any Database) async throws {
        switch StoreSQL.engine(of: database) {
        case .sqlite:
            for table in [TransferRecord.schema, "timebank_legs"] {
                for verb in ["UPDATE", "DELETE"] {
                    try await StoreSQL.run(on: database, """
                        CREATE TRIGGER \(table)_no_\(verb.lowercased()) BEFORE \(verb) ON \(table)
                        BEGIN SELECT RAISE(ABORT, 'the time bank ledger is append-only'); END
                        """)
                }
            }
            try await StoreSQL.run(on: database, """
                CREATE TRIGGER timebank_transfers_checked BEFORE INSERT ON timebank_transfers
                BEGIN
                SELECT RAISE(ABORT, '\(badTransfer)')
                  WHERE NEW.minutes IS NULL OR typeof(NEW.minutes) <> 'integer' OR NEW.minutes <= 0 OR NEW.from_account = NEW.to_account;
                SELECT RAISE(ABORT, '\(badReversal)')
                  WHERE (NEW.kind = 'reversal') <> (NEW.reverses_id IS NOT NULL)
                     OR (NEW.reverses_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM timebank_transfers r WHERE r.id = NEW.reverses_id
                         AND r.from_account = NEW.to_account AND r.to_account = NEW.from_account AND r.minutes = NEW.minutes));
                END
                """)
            try await StoreSQL.run(on: database, """
                CREATE TRIGGER timebank_transfers_legs AFTER INSERT ON timebank_transfers
                BEGIN
                INSERT INTO timebank_legs (transfer_id, account_id, minutes, at) VALUES (NEW.id, NEW.from_account, -NEW.minutes, NEW.at), (NEW.id, NEW.to_account, NEW.minutes, NEW.at);
                END
                """)
            try await StoreSQL.run(on: database, """
                CREATE TRIGGER timebank_legs_match BEFORE INSERT ON timebank_legs
                BEGIN
                SELECT RAISE(ABORT, '\(badLeg)') WHERE NEW.minutes = 0 OR NOT EXISTS (SELECT 1 FROM timebank_transfers t WHERE t.id = NEW.transfer_id AND t.at = NEW.at
                  AND ((t.from_account = NEW.account_id AND NEW.minutes = -t.minutes) OR (t.to_account = NEW.account_id AND NEW.minutes = t.minutes)));
                END
                """)
        case .postgres:
            try await StoreSQL.run(on: database, """
                CREATE FUNCTION timebank_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'the time bank ledger is append-only'; END; $$ LANGUAGE plpgsql
                """)
            for table in [TransferRecord.schema, "timebank_legs"] {
                try await StoreSQL.run(on: database, """
                    CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
                    FOR EACH ROW EXECUTE FUNCTION timebank_append_only()
                    """)
            }
            try await StoreSQL.run(on: database, """
                CREATE FUNCTION timebank_transfer_checked() RETURNS trigger AS $$
                BEGIN
                  IF NEW.minutes IS NULL OR NEW.minutes <= 0 OR NEW.from_account = NEW.to_account THEN RAISE EXCEPTION '\(badTransfer)'; END IF;
                  IF (NEW.kind = 'reversal') <> (NEW.reverses_id IS NOT NULL)
                     OR (NEW.reverses_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM timebank_transfers r WHERE r.id = NEW.reverses_id
                         AND r.from_account = NEW.to_account AND r.to_account = NEW.from_account AND r.minutes = NEW.minutes)) THEN
                    RAISE EXCEPTION '\(badReversal)';
                  END IF;
                  RETURN NEW;
                END; $$ LANGUAGE plpgsql
                """)
            try await StoreSQL.run(on: database, """
                CREATE TRIGGER timebank_transfers_checked BEFORE INSERT ON timebank_transfers FOR EACH ROW EXECUTE FUNCTION timebank_transfer_checked()
                """)
            try await StoreSQL.run(on: database, """
                CREATE FUNCTION timebank_transfer_legs() RETURNS trigger AS $$
                BEGIN
                  INSERT INTO timebank_legs (transfer_id, account_id, minutes, at) VALUES (NEW.id, NEW.from_account, -NEW.minutes, NEW.at), (NEW.id, NEW.to_account, NEW.minutes, NEW.at);
                  RETURN NULL;
                END; $$ LANGUAGE plpgsql
                """)
            try await StoreSQL.run(on: database, """
                CREATE TRIGGER timebank_transfers_legs AFTER INSERT ON timebank_transfers FOR EACH ROW EXECUTE FUNCTION timebank_transfer_legs()
                """)
            try await StoreSQL.run(on: database, """
                CREATE FUNCTION timebank_leg_matches() RETURNS trigger AS $$
                BEGIN
                  IF NEW.minutes = 0 OR NOT EXISTS (SELECT 1 FROM timebank_transfers t WHERE t.id = NEW.transfer_id AND t.at = NEW.at
                     AND ((t.from_account = NEW.account_id AND NEW.minutes = -t.minutes) OR (t.to_account = NEW.account_id AND NEW.minutes = t.minutes))) THEN
                    RAISE EXCEPTION '\(badLeg)';
                  END IF;
                  RETURN NEW;
                END; $$ LANGUAGE plpgsql
                """)
            try await StoreSQL.run(on: database, """
                CREATE TRIGGER timebank_legs_match BEFORE INSERT ON timebank_legs FOR EACH ROW EXECUTE FUNCTION timebank_leg_matches()
                """)
        }
    }
}
