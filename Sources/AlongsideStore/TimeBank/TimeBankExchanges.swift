import AlongsideCore
import FluentKit
import Foundation

extension TimeBank {
    /// A member records an exchange with another member: it waits for the other to confirm. Nothing moves until then.
    public func record(_ draft: ExchangeDraft, by me: UUID, now: Date, on db: any Database) async throws -> UUID {
        let (payer, receiver) = draft.parties(me: me)
        return try await db.writeTransaction { tx in
            for person in [me, draft.with] {
                // An organisation's exchanges are recorded by a coordinator: nobody would be there to confirm one here.
                guard let account = try await TimeAccountRecord.find(person, on: tx), account.status == MembershipStatus.active.rawValue,
                      account.personID != nil else {
                    throw person == me ? TimeBankRefused("Only active members of the time bank record exchanges.", field: "with")
                        : TimeBankRefused("Choose a member of the time bank from the list.", field: "with")
                }
            }
            return try await Self.newExchange(payer: payer, receiver: receiver, minutes: draft.minutes, note: draft.note, by: me, now: now, transfer: nil, on: tx)
        }
    }

    /// A coordinator records an exchange for two members (who may not use computers): it counts at once.
    public func recordForMembers(payer: UUID, receiver: UUID, minutes: Int, note: String, by coordinator: UUID, now: Date,
                                 on db: any Database) async throws -> (exchange: UUID, transfer: UUID) {
        guard payer != receiver else { throw TimeBankRefused("An exchange is between two different members.", field: "to") }
        return try await db.writeTransaction { tx in
            let transfer = try await Self.pay(from: payer, to: receiver, minutes: minutes, kind: .exchange, note: note, recordedBy: coordinator, now: now, on: tx)
            return (try await Self.newExchange(payer: payer, receiver: receiver, minutes: minutes, note: note, by: coordinator, now: now, transfer: transfer, on: tx),
                    transfer)
        }
    }

    /// A member records a group exchange they are the one side of: an exchange with each member of the group, each waiting
    /// for that member to confirm. All are written or none.
    public func recordGroup(_ draft: GroupExchangeDraft, by me: UUID, now: Date, on db: any Database) async throws -> [UUID] {
        guard draft.one == me else { throw TimeBankRefused("Record group exchanges you are part of.", field: "group") }
        return try await db.writeTransaction { tx in
            for person in [me] + draft.many {
                guard let account = try await TimeAccountRecord.find(person, on: tx), account.status == MembershipStatus.active.rawValue,
                      account.personID != nil else {
                    throw person == me ? TimeBankRefused("Only active members of the time bank record exchanges.", field: "group")
                        : TimeBankRefused("Choose active members of the time bank from the list.", field: "group")
                }
            }
            var ids: [UUID] = []
            for (payer, receiver) in draft.pairs {
                ids.append(try await Self.newExchange(payer: payer, receiver: receiver, minutes: draft.minutes, note: draft.note, by: me, now: now, transfer: nil, on: tx))
            }
            return ids
        }
    }

    /// A coordinator records a group exchange for members: every pair's transfer is written at once, in one transaction —
    /// if any payer would cross their lowest balance, none is, and the refusal names them.
    public func recordGroupForMembers(_ draft: GroupExchangeDraft, by coordinator: UUID, now: Date, on db: any Database) async throws -> [UUID] {
        try await db.writeTransaction { tx in
            var ids: [UUID] = []
            for (payer, receiver) in draft.pairs {
                let transfer = try await Self.pay(from: payer, to: receiver, minutes: draft.minutes, kind: .exchange, note: draft.note, recordedBy: coordinator,
                                                  now: now, on: tx)
                ids.append(try await Self.newExchange(payer: payer, receiver: receiver, minutes: draft.minutes, note: draft.note, by: coordinator, now: now,
                                                      transfer: transfer, on: tx))
            }
            return ids
        }
    }

    /// Writes an exchange: waiting for the other member, or (with its transfer) confirmed at once.
    static func newExchange(payer: UUID, receiver: UUID, minutes: Int, note: String, by recorder: UUID, now: Date, transfer: UUID?,
                            on db: any Database) async throws -> UUID {
        let exchange = ExchangeRecord()
        exchange.payerID = payer
        exchange.receiverID = receiver
        exchange.minutes = minutes
        exchange.note = note
        exchange.recordedBy = recorder
        exchange.recordedAt = now
        exchange.status = (transfer == nil ? ExchangeStatus.waiting : .confirmed).rawValue
        exchange.decidedAt = transfer == nil ? nil : now
        exchange.transferID = transfer
        try await exchange.create(on: db)
        return exchange.id!
    }

    /// The other member confirms: the transfer is written, if the payer's balance allows it. Confirming twice, or
    /// confirming one's own record, is refused.
    @discardableResult
    public func confirm(_ id: UUID, by person: UUID, now: Date, on db: any Database) async throws -> UUID {
        guard let first = try await ExchangeRecord.find(id, on: db), first.payerID == person || first.receiverID == person else { throw TimeBankNotFound() }
        return try await db.writeTransaction(lock: "timebank-account:\(first.payerID)") { tx in
            // Read again under the lock: someone may have confirmed or declined it meanwhile.
            guard let exchange = try await ExchangeRecord.find(id, on: tx) else { throw TimeBankNotFound() }
            if let why = ExchangeDraft.whyNotConfirm(by: person, recordedBy: exchange.recordedBy, payer: exchange.payerID, receiver: exchange.receiverID,
                                                     status: ExchangeStatus(rawValue: exchange.status) ?? .waiting) {
                throw TimeBankRefused(why)
            }
            let transfer = try await Self.pay(from: exchange.payerID, to: exchange.receiverID, minutes: exchange.minutes, kind: .exchange,
                                              note: exchange.note, recordedBy: person, now: now, on: tx)
            exchange.status = ExchangeStatus.confirmed.rawValue
            exchange.decidedAt = now
            exchange.transferID = transfer
            try await exchange.save(on: tx)
            return transfer
        }
    }

    /// The other member says it did not happen as recorded: nothing moves, and it is no longer waiting.
    public func decline(_ id: UUID, by person: UUID, now: Date, on db: any Database) async throws {
        guard let first = try await ExchangeRecord.find(id, on: db) else { throw TimeBankNotFound() }
        try await db.writeTransaction(lock: "timebank-account:\(first.payerID)") { tx in
            guard let exchange = try await ExchangeRecord.find(id, on: tx), exchange.payerID == person || exchange.receiverID == person else { throw TimeBankNotFound() }
            if let why = ExchangeDraft.whyNotConfirm(by: person, recordedBy: exchange.recordedBy, payer: exchange.payerID, receiver: exchange.receiverID,
                                                     status: ExchangeStatus(rawValue: exchange.status) ?? .waiting) {
                throw TimeBankRefused(why)
            }
            exchange.status = ExchangeStatus.declined.rawValue
            exchange.decidedAt = now
            try await exchange.save(on: tx)
        }
    }

    /// One exchange, for one of its two members or a coordinator (`anyone`).
    public func exchange(_ id: UUID, for person: UUID, anyone: Bool, on db: any Database) async throws -> ExchangeView {
        guard let e = try await ExchangeRecord.find(id, on: db), anyone || e.payerID == person || e.receiverID == person else { throw TimeBankNotFound() }
        return try await views([e], on: db)[0]
    }

    /// The exchanges a member is in that are still waiting, and their last 20 decided ones, newest first.
    public func exchanges(of person: UUID, on db: any Database) async throws -> [ExchangeView] {
        let mine = try await ExchangeRecord.query(on: db).group(.or) { $0.filter(\.$payerID == person).filter(\.$receiverID == person) }
            .sort(\.$recordedAt, .descending).all()
        let waiting = mine.filter { $0.status == ExchangeStatus.waiting.rawValue }
        let decided = mine.filter { $0.status != ExchangeStatus.waiting.rawValue }.prefix(20)
        return try await views(waiting + decided, on: db)
    }

    func views(_ records: [ExchangeRecord], on db: any Database) async throws -> [ExchangeView] {
        let names = try await Self.memberNames(Array(Set(records.flatMap { [$0.payerID, $0.receiverID] })), on: db)
        return records.map { e in
            ExchangeView(id: e.id!, payerID: e.payerID, receiverID: e.receiverID, payer: names[e.payerID] ?? "A member", receiver: names[e.receiverID] ?? "A member",
                         minutes: e.minutes, note: e.note, recordedBy: e.recordedBy, recordedAt: e.recordedAt,
                         status: ExchangeStatus(rawValue: e.status) ?? .waiting, transferID: e.transferID)
        }
    }
}
