import AlongsideCore
@testable import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

@Suite struct TimeBankTests {
    let coordinator = UUID()

    /// `count` people, each an active member of the time bank.
    func members(_ count: Int, _ db: any Database) async throws -> [UUID] {
        var ids: [UUID] = []
        for i in 0..<count {
            let person = PersonRecord(givenName: "Member", familyName: "Number \(i)", postcode: "LA1 1AA", createdAt: testNow)
            try await person.create(on: db)
            try await TimeBank().approve(person: person.id!, by: coordinator, now: testNow, on: db)
            ids.append(person.id!)
        }
        return ids
    }

    func legSums(_ db: any Database) async throws -> (sum: Int, perTransfer: [Int]) {
        let sql = StoreSQL.sql(db)
        let sum = try await sql.raw("SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) AS s FROM timebank_legs").first()!.decode(column: "s", as: Int.self)
        let per = try await sql.raw("SELECT CAST(SUM(minutes) AS BIGINT) AS s, COUNT(*) AS n FROM timebank_legs GROUP BY transfer_id").all()
            .map { try $0.decode(column: "s", as: Int.self) * 10 + $0.decode(column: "n", as: Int.self) }
        return (sum, per)
    }

    @Test func anExchangeCountsOnceTheOtherMemberConfirms() async throws {
        try await withStore { db in
            let m = try await members(2, db)
            let draft = ExchangeDraft(with: m[1], minutes: 90, direction: .gave, note: "Garden")
            let id = try await TimeBank().record(draft, by: m[0], now: testNow, on: db)
            #expect(try await TimeBank().balance(of: m[0], on: db) == 0)
            await #expect(throws: TimeBankRefused.self) { try await TimeBank().confirm(id, by: m[0], now: testNow, on: db) }
            try await TimeBank().confirm(id, by: m[1], now: testNow, on: db)
            #expect(try await TimeBank().balance(of: m[0], on: db) == 90)
            #expect(try await TimeBank().balance(of: m[1], on: db) == -90)
            await #expect(throws: TimeBankRefused.self) { try await TimeBank().confirm(id, by: m[1], now: testNow, on: db) }
            let statement = try await TimeBank().statement(of: m[1], on: db)
            #expect(statement.lines.map(\.minutes) == [-90] && statement.balance == -90)
            #expect(statement.lines.first?.other == "Member N.")
            // A declined exchange moves nothing.
            let other = try await TimeBank().record(ExchangeDraft(with: m[1], minutes: 30, direction: .received, note: "Lift"), by: m[0], now: testNow, on: db)
            try await TimeBank().decline(other, by: m[1], now: testNow, on: db)
            await #expect(throws: TimeBankRefused.self) { try await TimeBank().confirm(other, by: m[1], now: testNow, on: db) }
            #expect(try await TimeBank().balance(of: m[0], on: db) == 90)
        }
    }

    @Test func theLowestBalanceBlocksAndAReversalPutsAMistakeRight() async throws {
        try await withStore { db in
            let m = try await members(2, db)
            for _ in 0..<10 {
                _ = try await TimeBank().recordForMembers(payer: m[0], receiver: m[1], minutes: 60, note: "Shopping", by: coordinator, now: testNow, on: db)
            }
            do {
                _ = try await TimeBank().recordForMembers(payer: m[0], receiver: m[1], minutes: 1, note: "One more", by: coordinator, now: testNow, on: db)
                Issue.record("crossed the limit")
            } catch let refused as TimeBankRefused {
                #expect(refused.message.contains("below the lowest"))
            }
            #expect(try await TimeBank().balance(of: m[0], on: db) == -600)
            let last = try #require(try await TimeBank().recentTransfers(on: db).first)
            try await TimeBank().reverse(last.id, reason: "Recorded twice", by: coordinator, now: testNow.addingTimeInterval(60), on: db)
            #expect(try await TimeBank().balance(of: m[0], on: db) == -540)
            await #expect(throws: TimeBankRefused.self) { try await TimeBank().reverse(last.id, reason: "again", by: coordinator, now: testNow, on: db) }
            // The fund gives only what it was given.
            await #expect(throws: TimeBankRefused.self) { try await TimeBank().giveFromFund(60, to: m[0], note: "Welcome", by: coordinator, now: testNow, on: db) }
            try await TimeBank().donate(120, from: m[1], note: "For newcomers", now: testNow, on: db)
            try await TimeBank().giveFromFund(60, to: m[0], note: "Welcome", by: coordinator, now: testNow, on: db)
            #expect(try await TimeBank().balance(of: TimeBankLedger.fund, on: db) == 60)
            let totals = try await TimeBank().totals(on: db)
            #expect(totals.sumOfBalances == 0 && totals.fundBalance == 60 && totals.members[.active] == 2)
            #expect(totals.minutesExchanged == 540)
        }
    }

    @Test func theDatabaseItselfRefusesChangingTheLedger() async throws {
        try await withStore { db in
            let m = try await members(2, db)
            let (_, transfer) = try await TimeBank().recordForMembers(payer: m[0], receiver: m[1], minutes: 45, note: "Tea", by: coordinator, now: testNow, on: db)
            let sql = StoreSQL.sql(db)
            let attempts: [SQLQueryString] = [
                "UPDATE timebank_transfers SET minutes = 1 WHERE id = \(bind: transfer)",
                "DELETE FROM timebank_transfers WHERE id = \(bind: transfer)",
                "UPDATE timebank_legs SET minutes = 1 WHERE transfer_id = \(bind: transfer)",
                "DELETE FROM timebank_legs WHERE transfer_id = \(bind: transfer)",
                // A third leg, a leg of zero, a leg that does not match its transfer.
                "INSERT INTO timebank_legs (transfer_id, account_id, minutes, at) VALUES (\(bind: transfer), \(bind: TimeBankLedger.fund), 45, \(bind: testNow))",
                "INSERT INTO timebank_legs (transfer_id, account_id, minutes, at) VALUES (\(bind: transfer), \(bind: m[0]), 0, \(bind: testNow))",
                "INSERT INTO timebank_legs (transfer_id, account_id, minutes, at) VALUES (\(bind: UUID()), \(bind: m[0]), 5, \(bind: testNow))",
                // A leg for a real side of the transfer, but dated otherwise.
                "INSERT INTO timebank_legs (transfer_id, account_id, minutes, at) VALUES (\(bind: transfer), \(bind: m[1]), 45, \(bind: testNow.addingTimeInterval(60)))",
                // Transfers of zero, of minus minutes, to oneself; a reversal that does not mirror.
                "INSERT INTO timebank_transfers (id, kind, from_account, to_account, minutes, note, at) VALUES (\(bind: UUID()), 'exchange', \(bind: m[0]), \(bind: m[1]), 0, '', \(bind: testNow))",
                "INSERT INTO timebank_transfers (id, kind, from_account, to_account, minutes, note, at) VALUES (\(bind: UUID()), 'exchange', \(bind: m[0]), \(bind: m[1]), -5, '', \(bind: testNow))",
                "INSERT INTO timebank_transfers (id, kind, from_account, to_account, minutes, note, at) VALUES (\(bind: UUID()), 'exchange', \(bind: m[0]), \(bind: m[0]), 5, '', \(bind: testNow))",
                "INSERT INTO timebank_transfers (id, kind, from_account, to_account, minutes, note, at, reverses_id) VALUES (\(bind: UUID()), 'reversal', \(bind: m[1]), \(bind: m[0]), 44, '', \(bind: testNow), \(bind: transfer))",
                "INSERT INTO timebank_transfers (id, kind, from_account, to_account, minutes, note, at, reverses_id) VALUES (\(bind: UUID()), 'reversal', \(bind: m[0]), \(bind: m[1]), 45, '', \(bind: testNow), \(bind: transfer))",
            ]
            for (i, statement) in attempts.enumerated() {
                await #expect(throws: (any Error).self, "attempt \(i)") { try await sql.raw(statement).run() }
            }
            #expect(try await TimeBank().balance(of: m[0], on: db) == -45)
            let sums = try await legSums(db)
            #expect(sums.sum == 0 && sums.perTransfer == [2])
            // A mirroring reversal written straight to the database is accepted, and its legs are written for it.
            try await sql.raw("INSERT INTO timebank_transfers (id, kind, from_account, to_account, minutes, note, at, reverses_id) VALUES (\(bind: UUID()), 'reversal', \(bind: m[1]), \(bind: m[0]), 45, '', \(bind: testNow), \(bind: transfer))").run()
            #expect(try await TimeBank().balance(of: m[0], on: db) == 0)
        }
    }

    /// 1,000 transfers by twenty writers at once between 40 members, many of which would cross the limit: every balance is the sum of its
    /// legs, the balances sum to zero, none is below the limit, and there are exactly as many transfers as succeeded.
    @Test func aThousandTransfersAtOnceKeepTheLedgerExact() async throws {
        try await withStore { db in
            let m = try await members(40, db)
            var generator = SeededGenerator(seed: 13)
            let plan: [(Int, Int, Int)] = (0..<1_000).map { _ in
                let from = Int.random(in: 0..<40, using: &generator)
                var to = Int.random(in: 0..<39, using: &generator)
                if to >= from { to += 1 }
                // Member 0 to 4 mostly pay: they reach the limit quickly.
                let payer = from < 20 ? from % 5 : from
                return (payer, payer == to ? (to + 1) % 40 : to, Int.random(in: 30...240, using: &generator))
            }
            // Twenty writers at once, each taking the next transfer in turn: as many at a time as the pool has connections for
            // and more, without a thousand requests queueing for a connection on a loaded machine.
            let writers = 20
            let outcomes = try await withThrowingTaskGroup(of: [Bool].self) { group in
                for w in 0..<writers {
                    group.addTask {
                        var mine: [Bool] = []
                        for (from, to, minutes) in stride(from: w, to: plan.count, by: writers).map({ plan[$0] }) {
                            do {
                                _ = try await TimeBank().recordForMembers(payer: m[from], receiver: m[to], minutes: minutes, note: "x", by: coordinator, now: testNow, on: db)
                                mine.append(true)
                            } catch is TimeBankRefused { mine.append(false) }
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0 += $1 }
            }
            let succeeded = outcomes.filter { $0 }.count
            #expect(outcomes.count == 1_000)
            #expect(succeeded > 100 && succeeded < 1_000, "some transfers must have been blocked: \(succeeded)")
            #expect(try await TransferRecord.query(on: db).count() == succeeded)
            #expect(try await ExchangeRecord.query(on: db).count() == succeeded)
            let sums = try await legSums(db)
            #expect(sums.sum == 0)
            #expect(sums.perTransfer.allSatisfy { $0 == 2 })
            for member in m {
                let balance = try await TimeBank().balance(of: member, on: db)
                #expect(balance >= TimeBankLedger.defaultLowestBalance)
                let statement = try await TimeBank().statement(of: member, on: db)
                #expect(statement.balance == balance)
                // A page of the statement, newest first, has the same entries and running balances as the whole, read backwards.
                let page = try await TimeBank().statementPage(of: member, offset: 3, size: 10, on: db)
                #expect(page.lines == Array(statement.lines.reversed().dropFirst(3).prefix(10)))
                #expect(page.balance == balance && page.entries == statement.lines.count && page.given == statement.given)
            }
        }
    }

    @Test func confirmingOneExchangeTwiceAtOnceWritesOneTransfer() async throws {
        try await withStore { db in
            let m = try await members(2, db)
            let id = try await TimeBank().record(ExchangeDraft(with: m[1], minutes: 60, direction: .gave, note: "x"), by: m[0], now: testNow, on: db)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do { try await TimeBank().confirm(id, by: m[1], now: testNow, on: db); return true } catch is TimeBankRefused { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await TransferRecord.query(on: db).count() == 1)
        }
    }

    @Test func membershipWaitsForACoordinatorAndSuspensionStopsExchanges() async throws {
        try await withStore { db in
            let person = PersonRecord(givenName: "Nell", familyName: "Ward", postcode: "LA1 1AA", createdAt: testNow)
            try await person.create(on: db)
            let m = try await members(1, db)
            #expect(try await TimeBank().ask(person: person.id!, now: testNow, on: db) == .waiting)
            #expect(try await TimeBank().waiting(on: db).map(\.name) == ["Nell Ward"])
            await #expect(throws: TimeBankRefused.self) {
                try await TimeBank().record(ExchangeDraft(with: m[0], minutes: 30, direction: .gave, note: "x"), by: person.id!, now: testNow, on: db)
            }
            try await TimeBank().approve(person: person.id!, by: coordinator, now: testNow, on: db)
            #expect(try await TimeBank().membership(of: person.id!, on: db)?.status == .active)
            try await TimeBank().decide(person.id!, .suspended, reason: "Reported twice", by: coordinator, now: testNow, on: db)
            await #expect(throws: TimeBankRefused.self) {
                _ = try await TimeBank().recordForMembers(payer: m[0], receiver: person.id!, minutes: 30, note: "x", by: coordinator, now: testNow, on: db)
            }
            #expect(try await TimeBank().membership(of: person.id!, on: db)?.reason == "Reported twice")
        }
    }

    @Test func aGroupExchangeForMembersMovesEveryonesTimeOrNobodysAndAMemberRecordsOneForEachToConfirm() async throws {
        try await withStore { db in
            let m = try await members(4, db)
            // m[0] had a hand from three neighbours, 240 minutes each: 720 would take them past the usual 600 below zero.
            let moving = GroupExchangeDraft(one: m[0], many: Array(m[1...3]), minutes: 240, direction: .received, note: "Moving house")
            await #expect(throws: TimeBankRefused.self) { _ = try await TimeBank().recordGroupForMembers(moving, by: coordinator, now: testNow, on: db) }
            #expect(try await TransferRecord.query(on: db).count() == 0)
            #expect(try await ExchangeRecord.query(on: db).count() == 0)
            // 180 each fits: every balance moves at once, and the legs still add up to zero.
            let fits = GroupExchangeDraft(one: m[0], many: Array(m[1...3]), minutes: 180, direction: .received, note: "Moving house")
            #expect(try await TimeBank().recordGroupForMembers(fits, by: coordinator, now: testNow, on: db).count == 3)
            #expect(try await TimeBank().balance(of: m[0], on: db) == -540)
            for n in m[1...3] { #expect(try await TimeBank().balance(of: n, on: db) == 180) }
            #expect(try await legSums(db).sum == 0)
            // A class m[1] gave to the others: one waiting exchange each, which each confirms for themselves.
            let lesson = GroupExchangeDraft(one: m[1], many: [m[2], m[3]], minutes: 60, direction: .gave, note: "Bread making")
            let ids = try await TimeBank().recordGroup(lesson, by: m[1], now: testNow, on: db)
            #expect(ids.count == 2)
            #expect(try await TimeBank().balance(of: m[1], on: db) == 180)
            try await TimeBank().confirm(ids[0], by: m[2], now: testNow, on: db)
            #expect(try await TimeBank().balance(of: m[1], on: db) == 240)
            #expect(try await TimeBank().balance(of: m[2], on: db) == 120)
            await #expect(throws: TimeBankRefused.self) { _ = try await TimeBank().recordGroup(lesson, by: m[2], now: testNow, on: db) }
        }
    }

    @Test func aCoordinatorChangesAMembersLowestBalanceAndItBlocksFromThen() async throws {
        try await withStore { db in
            let m = try await members(2, db)
            try await TimeBank().setLowestBalance(of: m[0], to: -60, by: coordinator, now: testNow, on: db)
            #expect(try await TimeBank().membership(of: m[0], on: db)?.lowestBalance == -60)
            await #expect(throws: TimeBankRefused.self) {
                _ = try await TimeBank().recordForMembers(payer: m[0], receiver: m[1], minutes: 61, note: "Lift", by: coordinator, now: testNow, on: db)
            }
            _ = try await TimeBank().recordForMembers(payer: m[0], receiver: m[1], minutes: 60, note: "Lift", by: coordinator, now: testNow, on: db)
            await #expect(throws: TimeBankRefused.self) { try await TimeBank().setLowestBalance(of: TimeBankLedger.fund, to: -60, by: coordinator, now: testNow, on: db) }
            let audited = try await AuditEventRecord.query(on: db).filter(\.$subjectPersonID == m[0]).filter(\.$action == AuditAction.changedTimeBankMembership.rawValue).all()
            #expect(audited.contains { $0.detail == "lowest balance -600 to -60 minutes" })
        }
    }

    @Test func anOrganisationJoinsAndACoordinatorRecordsItsExchangesButMembersCannotAwaitItsConfirmation() async throws {
        try await withStore { db in
            let m = try await members(2, db)
            let home = OrganisationRecord(name: "Bayview care home", description: "A care home", postcode: nil, createdAt: testNow)
            try await home.create(on: db)
            let org = home.id!
            #expect(try await TimeBank().ask(organisation: org, now: testNow, on: db) == .waiting)
            let waiting = try await TimeBank().waiting(on: db)
            #expect(waiting.map(\.name) == ["Bayview care home"] && waiting.first?.organisation == true)
            try await TimeBank().approve(person: org, by: coordinator, now: testNow, on: db)
            #expect(try await TimeBank().isOrganisation(org, on: db))
            // No one's access history records a decision about an organisation.
            #expect(try await AuditEventRecord.query(on: db).filter(\.$subjectPersonID == org).count() == 0)
            #expect(try await TimeBank().activeMembers(fullNames: false, on: db).map(\.id).contains(org) == false)
            #expect(try await TimeBank().activeMembers(fullNames: true, organisations: true, on: db).contains { $0.id == org && $0.name == "Bayview care home" })
            // The care home gives two members an hour each, recorded by a coordinator; the legs still add up to zero.
            _ = try await TimeBank().recordGroupForMembers(GroupExchangeDraft(one: org, many: m, minutes: 60, direction: .gave, note: "Crafts afternoon"),
                                                           by: coordinator, now: testNow, on: db)
            #expect(try await TimeBank().balance(of: org, on: db) == 120)
            #expect(try await TimeBank().statement(of: org, on: db).lines.count == 2)
            #expect(try await legSums(db).sum == 0)
            // A member cannot record one for the organisation to confirm: nobody would.
            await #expect(throws: TimeBankRefused.self) {
                _ = try await TimeBank().record(ExchangeDraft(with: org, minutes: 30, direction: .gave, note: "Tea"), by: m[0], now: testNow, on: db)
            }
        }
    }

    @Test func theBanksLowestBalanceMovesMembersOnItAndNewMembersButNotThoseGivenTheirOwn() async throws {
        try await withStore { db in
            let m = try await members(3, db)
            try await TimeBank().setLowestBalance(of: m[0], to: -60, by: coordinator, now: testNow, on: db)
            #expect(try await TimeBank().setUsualLowestBalance(-300, now: testNow, on: db) == 2)
            #expect(try await TimeBank().usualLowestBalance(on: db) == -300)
            #expect(try await TimeBank().membership(of: m[0], on: db)?.lowestBalance == -60)
            #expect(try await TimeBank().membership(of: m[1], on: db)?.lowestBalance == -300)
            #expect(try await TimeBank().membership(of: TimeBankLedger.fund, on: db) == nil)
            let newcomer = try await members(1, db)[0]
            #expect(try await TimeBank().membership(of: newcomer, on: db)?.lowestBalance == -300)
            await #expect(throws: TimeBankRefused.self) {
                _ = try await TimeBank().recordForMembers(payer: m[1], receiver: m[2], minutes: 301, note: "Too much", by: coordinator, now: testNow, on: db)
            }
            await #expect(throws: TimeBankRefused.self) { try await TimeBank().setUsualLowestBalance(60, now: testNow, on: db) }
        }
    }
}
