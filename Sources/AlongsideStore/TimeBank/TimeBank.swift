import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Something the time bank will not do, with the reason for the person and the field it is about.
public struct TimeBankRefused: Error, Equatable, Sendable {
    public let message: String
    public let field: String
    public init(_ message: String, field: String = "form") { self.message = message; self.field = field }
}

/// There is no such member, exchange or transfer (or the caller may not know of it).
public struct TimeBankNotFound: Error, Sendable {}

/// A member's place in the bank, as their own pages show it.
public struct TimeMembership: Sendable, Equatable {
    public let personID: UUID
    public let status: MembershipStatus
    public let balance: Int
    public let lowestBalance: Int
    public let reason: String?
}

/// An exchange as the two members (and coordinators) see it.
public struct ExchangeView: Sendable, Equatable {
    public let id: UUID
    public let payerID: UUID
    public let receiverID: UUID
    public let payer: String
    public let receiver: String
    public let minutes: Int
    public let note: String
    public let recordedBy: UUID
    public let recordedAt: Date
    public let status: ExchangeStatus
    public let transferID: UUID?
}

/// A page of a member's statement, newest first.
public struct StatementPage: Sendable, Equatable {
    public let lines: [StatementLine]
    /// Entries on the whole statement.
    public let entries: Int
    public let balance: Int
    public let given: Int
    public let received: Int
    public let offset: Int
    public let size: Int

    public var hasNewer: Bool { offset > 0 }
    public var hasOlder: Bool { offset + lines.count < entries }
}

/// The whole bank at a glance, for coordinators.
public struct TimeBankTotals: Sendable, Equatable {
    public var members: [MembershipStatus: Int]
    public var transfers: Int
    /// Minutes moved by exchanges between members (reversals excluded, and the exchanges they reverse).
    public var minutesExchanged: Int
    public var fundBalance: Int
    /// The sum of every account's balance: always zero on a double-entry ledger.
    public var sumOfBalances: Int
    public var waitingExchanges: Int
    public var openReports: Int
}

/// The place's time bank: members and their approval, exchanges between members confirmed by both, the community fund,
/// and the ledger under them (`TimeBankLedger`'s rules; `LedgerGuards` in the database).
public struct TimeBank: Sendable {
    public init() {}

    // MARK: - Membership

    /// Asks to join for oneself: waiting for a coordinator. Asking again changes nothing.
    @discardableResult
    public func ask(person: UUID, now: Date, on db: any Database) async throws -> MembershipStatus {
        try await db.writeTransaction(lock: "timebank-member:\(person)") { tx in
            if let account = try await TimeAccountRecord.query(on: tx).filter(\.$personID == person).first() {
                return MembershipStatus(rawValue: account.status) ?? .waiting
            }
            try await Self.newAccount(person, status: .waiting, by: nil, now: now, on: tx)
            return .waiting
        }
    }

    /// A member of an organisation asks for it to join: its account waits for a coordinator. Asking again changes nothing.
    @discardableResult
    public func ask(organisation: UUID, now: Date, on db: any Database) async throws -> MembershipStatus {
        guard try await OrganisationRecord.find(organisation, on: db) != nil else { throw TimeBankNotFound() }
        return try await db.writeTransaction(lock: "timebank-member:\(organisation)") { tx in
            if let account = try await TimeAccountRecord.find(organisation, on: tx) { return MembershipStatus(rawValue: account.status) ?? .waiting }
            let account = TimeAccountRecord()
            account.id = organisation
            account.organisationID = organisation
            account.status = MembershipStatus.waiting.rawValue
            account.lowestBalance = try await TimeBank().usualLowestBalance(on: tx)
            account.askedAt = now
            try await account.create(on: tx)
            return .waiting
        }
    }

    /// Whether an account is an organisation's.
    public func isOrganisation(_ account: UUID, on db: any Database) async throws -> Bool {
        try await TimeAccountRecord.find(account, on: db)?.organisationID != nil
    }

    /// A coordinator adds a member, or approves one who asked: they are active at once.
    public func approve(person: UUID, by coordinator: UUID, now: Date, on db: any Database) async throws {
        try await decide(person, .active, reason: nil, by: coordinator, now: now, on: db)
    }

    /// A coordinator changes a member's place: approves, refuses (with a reason), suspends (with a reason) or reinstates.
    public func decide(_ person: UUID, _ status: MembershipStatus, reason: String?, by coordinator: UUID, now: Date, on db: any Database) async throws {
        // An organisation's account is decided on as a person's is; it is not a person, so no one's access history records it.
        let organisation = try await TimeAccountRecord.find(person, on: db)?.organisationID != nil
        let isPerson = try await PersonRecord.find(person, on: db) != nil
        guard organisation || isPerson else { throw TimeBankNotFound() }
        try await db.writeTransaction(lock: "timebank-member:\(person)") { tx in
            let account = try await TimeAccountRecord.find(person, on: tx)
            guard let account else {
                guard status == .active else { throw TimeBankRefused("This person has not asked to join.", field: "person_id") }
                try await Self.newAccount(person, status: .active, by: coordinator, now: now, on: tx)
                return
            }
            account.status = status.rawValue
            account.decidedAt = now
            account.decidedBy = coordinator
            account.reason = reason
            try await account.save(on: tx)
        }
        guard !organisation else { return }
        try await AuditLog().record(AuditEntry(actor: coordinator, subject: person, action: .changedTimeBankMembership, channel: "time bank",
                                               detail: status.rawValue), at: now, on: db)
    }

    static func newAccount(_ person: UUID, status: MembershipStatus, by coordinator: UUID?, now: Date, on db: any Database) async throws {
        let account = TimeAccountRecord()
        account.id = person
        account.personID = person
        account.status = status.rawValue
        account.lowestBalance = try await TimeBank().usualLowestBalance(on: db)
        account.askedAt = now
        if let coordinator { account.decidedAt = now; account.decidedBy = coordinator }
        try await account.create(on: db)
    }

    /// The person's place in the bank, with their balance, or nil if they have never asked.
    public func membership(of person: UUID, on db: any Database) async throws -> TimeMembership? {
        guard person != TimeBankLedger.fund, let account = try await TimeAccountRecord.find(person, on: db) else { return nil }
        return TimeMembership(personID: person, status: MembershipStatus(rawValue: account.status) ?? .waiting,
                              balance: try await balance(of: person, on: db), lowestBalance: account.lowestBalance, reason: account.reason)
    }

    /// People (and organisations) waiting to be met, oldest first.
    public func waiting(on db: any Database) async throws -> [(id: UUID, name: String, askedAt: Date, organisation: Bool)] {
        let accounts = try await TimeAccountRecord.query(on: db).filter(\.$status == MembershipStatus.waiting.rawValue).sort(\.$askedAt).all()
        let names = try await Self.fullNames(accounts.compactMap(\.id), on: db)
        return accounts.compactMap { a in
            guard let id = a.id, a.personID != nil || a.organisationID != nil else { return nil }
            return (id: id, name: names[id] ?? "Someone", askedAt: a.askedAt, organisation: a.organisationID != nil)
        }
    }

    /// Active members, by name: for choosing who an exchange was with. Members see each other as first name and initial;
    /// organisations by their names, and only coordinators record exchanges with them (`organisations`).
    public func activeMembers(fullNames: Bool, organisations: Bool = false, on db: any Database) async throws -> [(id: UUID, name: String)] {
        let accounts = try await TimeAccountRecord.query(on: db).filter(\.$status == MembershipStatus.active.rawValue).all()
        let ids = accounts.filter { $0.personID != nil || (organisations && $0.organisationID != nil) }.compactMap(\.id)
        let names = fullNames ? try await Self.fullNames(ids, on: db) : try await Self.memberNames(ids, on: db)
        return ids.map { (id: $0, name: names[$0] ?? "A member") }.sorted { $0.name < $1.name }
    }

    /// The organisations' accounts, by organisation: their place and balance.
    public func organisations(_ ids: [UUID], on db: any Database) async throws -> [UUID: TimeMembership] {
        var found: [UUID: TimeMembership] = [:]
        for id in ids { if let m = try await membership(of: id, on: db) { found[id] = m } }
        return found
    }

    /// "Ann S.": how members see each other.
    static func memberNames(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [TimeBankLedger.fund: "The community fund"]
        for person in try await PersonRecord.query(on: db).filter(\.$id ~~ ids).all() {
            names[person.id!] = "\(person.givenName) \(person.familyName.prefix(1))."
        }
        return names.merging(try await Organisations.names(Set(ids), on: db)) { person, _ in person }
    }

    static func fullNames(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [TimeBankLedger.fund: "The community fund"]
        for person in try await PersonRecord.query(on: db).filter(\.$id ~~ ids).all() { names[person.id!] = "\(person.givenName) \(person.familyName)" }
        return names.merging(try await Organisations.names(Set(ids), on: db)) { person, _ in person }
    }

    /// A coordinator changes how far below zero a member may go. Transfers already made stand; from now on a transfer that
    /// would take them below it is refused. Audited, as a change to their membership.
    public func setLowestBalance(of person: UUID, to minutes: Int, by coordinator: UUID, now: Date, on db: any Database) async throws {
        guard person != TimeBankLedger.fund, minutes <= 0 else { throw TimeBankRefused("The community fund never goes below zero.", field: "lowest_hours") }
        try await db.writeTransaction(lock: "timebank-account:\(person)") { tx in
            guard let account = try await TimeAccountRecord.find(person, on: tx) else { throw TimeBankNotFound() }
            let before = account.lowestBalance
            account.lowestBalance = minutes
            try await account.save(on: tx)
            try await AuditLog().record(AuditEntry(actor: coordinator, subject: person, action: .changedTimeBankMembership, channel: "time bank",
                                                   detail: "lowest balance \(before) to \(minutes) minutes"), at: now, on: tx)
        }
    }

    /// Whether the person is an active member (the permission policy's question).
    public func isActive(_ person: UUID, on db: any Database) async throws -> Bool {
        try await TimeAccountRecord.query(on: db).filter(\.$personID == person).filter(\.$status == MembershipStatus.active.rawValue).first() != nil
    }

    // MARK: - The ledger

    /// A balance: the sum of the account's legs.
    public func balance(of account: UUID, on db: any Database) async throws -> Int {
        let row = try await StoreSQL.sql(db).raw("SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) AS b FROM timebank_legs WHERE account_id = \(bind: account)").first()
        return try row?.decode(column: "b", as: Int.self) ?? 0
    }

    /// Writes a transfer (the database writes its two legs) once the payer's balance allows it. The caller holds the
    /// transaction; on PostgreSQL the payer's account is locked first, so two transfers from one account take turns and
    /// cannot both pass the limit (on SQLite the write transaction already holds the only write lock).
    static func pay(from: UUID, to: UUID, minutes: Int, kind: TimeBankLedger.Kind, note: String, recordedBy: UUID?, reverses: UUID? = nil,
                    now: Date, on tx: any Database) async throws -> UUID {
        try await WriteLock.take("timebank-account:\(from)", on: tx)
        guard let payer = try await TimeAccountRecord.find(from, on: tx), let receiver = try await TimeAccountRecord.find(to, on: tx) else {
            throw TimeBankNotFound()
        }
        if kind != .reversal {
            for account in [payer, receiver] where account.status != MembershipStatus.active.rawValue {
                let name = try await Self.memberNames([account.id!], on: tx)[account.id!] ?? "A member"
                throw TimeBankRefused("\(name) is not an active member of the time bank just now.", field: "with")
            }
        }
        let balance = try await TimeBank().balance(of: from, on: tx)
        let name = try await Self.memberNames([from], on: tx)[from] ?? "This member"
        if let why = TimeBankLedger.whyNotPay(minutes, balance: balance, lowest: payer.lowestBalance, kind: kind, payerName: name) {
            throw TimeBankRefused(why, field: "minutes")
        }
        let transfer = TransferRecord()
        transfer.kind = kind.rawValue
        transfer.fromAccount = from
        transfer.toAccount = to
        transfer.minutes = minutes
        transfer.note = note
        transfer.at = now
        transfer.recordedBy = recordedBy
        transfer.reversesID = reverses
        try await transfer.create(on: tx)
        return transfer.id!
    }

    /// A member gives some of their own time to the community fund.
    @discardableResult
    public func donate(_ minutes: Int, from person: UUID, note: String, now: Date, on db: any Database) async throws -> UUID {
        try await db.writeTransaction { tx in
            try await Self.pay(from: person, to: TimeBankLedger.fund, minutes: minutes, kind: .donation, note: note, recordedBy: person, now: now, on: tx)
        }
    }

    /// A coordinator gives from the community fund to a member (a new member's first hours, say).
    @discardableResult
    public func giveFromFund(_ minutes: Int, to person: UUID, note: String, by coordinator: UUID, now: Date, on db: any Database) async throws -> UUID {
        try await db.writeTransaction { tx in
            try await Self.pay(from: TimeBankLedger.fund, to: person, minutes: minutes, kind: .fromFund, note: note, recordedBy: coordinator, now: now, on: tx)
        }
    }

    /// A coordinator puts a mistaken transfer right: a new transfer the other way that names it. Each transfer is
    /// reversed at most once, and a reversal is not itself reversed (record a new exchange instead).
    @discardableResult
    public func reverse(_ transfer: UUID, reason: String, by coordinator: UUID, now: Date, on db: any Database) async throws -> UUID {
        try await db.writeTransaction { tx in
            guard let original = try await TransferRecord.find(transfer, on: tx) else { throw TimeBankNotFound() }
            guard original.reversesID == nil else { throw TimeBankRefused("This transfer already puts another right: record a new exchange instead.", field: "transfer") }
            guard try await TransferRecord.query(on: tx).filter(\.$reversesID == transfer).first() == nil else {
                throw TimeBankRefused("This transfer has already been put right.", field: "transfer")
            }
            return try await Self.pay(from: original.toAccount, to: original.fromAccount, minutes: original.minutes, kind: .reversal,
                                      note: reason, recordedBy: coordinator, reverses: transfer, now: now, on: tx)
        }
    }

    /// Every leg on the account, oldest first, with a running balance.
    public func statement(of account: UUID, on db: any Database) async throws -> Statement {
        let rows = try await StoreSQL.sql(db).raw("""
            SELECT t.id, l.minutes, l.at, t.kind, t.note, CASE WHEN t.from_account = \(bind: account) THEN t.to_account ELSE t.from_account END AS other
            FROM timebank_legs l JOIN timebank_transfers t ON t.id = l.transfer_id
            WHERE l.account_id = \(bind: account) ORDER BY l.at, l.transfer_id
            """).all()
        var entries: [(UUID, Int, Date, String, String, UUID)] = []
        entries.reserveCapacity(rows.count)
        for row in rows {
            entries.append((try row.decode(column: "id", as: UUID.self), try row.decode(column: "minutes", as: Int.self), try row.decode(column: "at", as: Date.self),
                            try row.decode(column: "kind", as: String.self), try row.decode(column: "note", as: String.self), try row.decode(column: "other", as: UUID.self)))
        }
        let names = try await Self.memberNames(Array(Set(entries.map(\.5))), on: db)
        return Statement(entries.map { e in
            Statement.Entry(transferID: e.0, minutes: e.1, at: e.2, kind: TimeBankLedger.Kind(rawValue: e.3) ?? .exchange, note: e.4, other: names[e.5] ?? "A member")
        })
    }

    /// One page of a statement, newest first, `size` entries from `offset`, each with the balance after it, and the totals of
    /// the whole statement. Read along the account's index, newest first: the balance after the page's newest entry is the
    /// whole balance less the entries newer than it, and each older one follows from the one before.
    public func statementPage(of account: UUID, offset: Int, size: Int, on db: any Database) async throws -> StatementPage {
        let sql = StoreSQL.sql(db)
        let whole = try await sql.raw("""
            SELECT COUNT(*) AS n, CAST(COALESCE(SUM(CASE WHEN minutes > 0 THEN minutes ELSE 0 END), 0) AS BIGINT) AS given,
              CAST(COALESCE(SUM(CASE WHEN minutes < 0 THEN -minutes ELSE 0 END), 0) AS BIGINT) AS received
            FROM timebank_legs WHERE account_id = \(bind: account)
            """).first()
        let newer = offset == 0 ? nil : try await sql.raw("""
            SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) AS s FROM (SELECT minutes FROM timebank_legs WHERE account_id = \(bind: account)
              ORDER BY at DESC, transfer_id DESC LIMIT \(bind: offset)) AS newer
            """).first()
        let rows = try await sql.raw("""
            SELECT t.id, l.minutes, l.at, t.kind, t.note, CASE WHEN t.from_account = \(bind: account) THEN t.to_account ELSE t.from_account END AS other
            FROM timebank_legs l JOIN timebank_transfers t ON t.id = l.transfer_id WHERE l.account_id = \(bind: account)
            ORDER BY l.at DESC, l.transfer_id DESC LIMIT \(bind: size) OFFSET \(bind: offset)
            """).all()
        let given = try whole?.decode(column: "given", as: Int.self) ?? 0, received = try whole?.decode(column: "received", as: Int.self) ?? 0
        var after = given - received - (try newer?.decode(column: "s", as: Int.self) ?? 0)
        var lines: [(UUID, Int, Date, String, String, UUID, Int)] = []
        for row in rows {
            let minutes = try row.decode(column: "minutes", as: Int.self)
            lines.append((try row.decode(column: "id", as: UUID.self), minutes, try row.decode(column: "at", as: Date.self),
                          try row.decode(column: "kind", as: String.self), try row.decode(column: "note", as: String.self), try row.decode(column: "other", as: UUID.self), after))
            after -= minutes
        }
        let names = try await Self.memberNames(Array(Set(lines.map(\.5))), on: db)
        return StatementPage(
            lines: lines.map { StatementLine(transferID: $0.0, minutes: $0.1, balanceAfter: $0.6, at: $0.2, kind: TimeBankLedger.Kind(rawValue: $0.3) ?? .exchange,
                                             note: $0.4, other: names[$0.5] ?? "A member") },
            entries: try whole?.decode(column: "n", as: Int.self) ?? 0, balance: given - received, given: given, received: received, offset: offset, size: size)
    }

    /// The bank's totals, for coordinators.
    public func totals(on db: any Database) async throws -> TimeBankTotals {
        var members: [MembershipStatus: Int] = [:]
        for account in try await TimeAccountRecord.query(on: db).filter(\.$personID != nil).all() {
            members[MembershipStatus(rawValue: account.status) ?? .waiting, default: 0] += 1
        }
        let sql = StoreSQL.sql(db)
        let moved = try await sql.raw("""
            SELECT COUNT(*) AS n, CAST(COALESCE(SUM(CASE WHEN kind = 'exchange' AND id NOT IN (SELECT reverses_id FROM timebank_transfers WHERE reverses_id IS NOT NULL)
              THEN minutes ELSE 0 END), 0) AS BIGINT) AS m FROM timebank_transfers
            """).first()
        let sum = try await sql.raw("SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) AS s FROM timebank_legs").first()
        return TimeBankTotals(
            members: members, transfers: try moved?.decode(column: "n", as: Int.self) ?? 0, minutesExchanged: try moved?.decode(column: "m", as: Int.self) ?? 0,
            fundBalance: try await balance(of: TimeBankLedger.fund, on: db), sumOfBalances: try sum?.decode(column: "s", as: Int.self) ?? 0,
            waitingExchanges: try await ExchangeRecord.query(on: db).filter(\.$status == ExchangeStatus.waiting.rawValue).count(),
            openReports: try await TimeBankReportRecord.query(on: db).filter(\.$dealtAt == nil).count())
    }

    /// The most recent transfers, for coordinators putting mistakes right.
    public func recentTransfers(limit: Int = 50, on db: any Database) async throws -> [(id: UUID, from: String, to: String, minutes: Int, kind: TimeBankLedger.Kind, note: String, at: Date, reversed: Bool)] {
        let transfers = try await TransferRecord.query(on: db).sort(\.$at, .descending).limit(limit).all()
        let reversed = Set(try await TransferRecord.query(on: db).filter(\.$reversesID ~~ transfers.compactMap(\.id)).all().compactMap(\.reversesID))
        let names = try await Self.fullNames(Array(Set(transfers.flatMap { [$0.fromAccount, $0.toAccount] })), on: db)
        return transfers.map { t in
            (id: t.id!, from: names[t.fromAccount] ?? "A member", to: names[t.toAccount] ?? "A member", minutes: t.minutes,
             kind: TimeBankLedger.Kind(rawValue: t.kind) ?? .exchange, note: t.note, at: t.at, reversed: reversed.contains(t.id!))
        }
    }
}
