@testable import AlongsideCore
import Foundation
import Testing

@Suite struct LedgerTests {
    let ann = UUID(), bob = UUID()

    @Test func aTransferIsTwoLegsThatCancel() {
        let legs = TimeBankLedger.legs(from: ann, to: bob, minutes: 90)
        #expect(legs == [LedgerLeg(account: ann, minutes: -90), LedgerLeg(account: bob, minutes: 90)])
        #expect(TimeBankLedger.whyNotBalanced(legs) == nil)
        #expect(TimeBankLedger.whyNotBalanced([LedgerLeg(account: ann, minutes: -90), LedgerLeg(account: bob, minutes: 60)]) != nil)
        #expect(TimeBankLedger.whyNotBalanced([LedgerLeg(account: ann, minutes: 0), LedgerLeg(account: bob, minutes: 0)]) != nil)
        #expect(TimeBankLedger.whyNotBalanced([LedgerLeg(account: ann, minutes: -5), LedgerLeg(account: ann, minutes: 5)]) != nil)
        #expect(TimeBankLedger.whyNotBalanced([LedgerLeg(account: ann, minutes: -5)]) != nil)
    }

    @Test func aReversalCancelsWhatItReverses() {
        let legs = TimeBankLedger.legs(from: ann, to: bob, minutes: 45)
        let all = legs + TimeBankLedger.reversing(legs)
        #expect(TimeBankLedger.balance(of: ann, in: all) == 0)
        #expect(TimeBankLedger.balance(of: bob, in: all) == 0)
        #expect(TimeBankLedger.whyNotBalanced(TimeBankLedger.reversing(legs)) == nil)
    }

    @Test func theLowestBalanceBlocksRatherThanFlags() {
        // At -540 with a floor of -600, 60 minutes may be paid and 61 may not.
        #expect(TimeBankLedger.whyNotPay(60, balance: -540, lowest: -600, kind: .exchange, payerName: "Ann") == nil)
        let refusal = TimeBankLedger.whyNotPay(61, balance: -540, lowest: -600, kind: .exchange, payerName: "Ann")
        #expect(refusal?.contains("10 hours 1 minute in debt") == true)
        #expect(refusal?.contains("Nothing was recorded") == true)
        // The fund gives only what it holds.
        #expect(TimeBankLedger.whyNotPay(120, balance: 60, lowest: 0, kind: .fromFund, payerName: "The community fund")
                == "The community fund has 1 hour to give, not 2 hours.")
        // A reversal always goes through: a mistake must be mendable.
        #expect(TimeBankLedger.whyNotPay(600, balance: -600, lowest: -600, kind: .reversal, payerName: "Bob") == nil)
        #expect(TimeBankLedger.whyNotPay(0, balance: 0, lowest: -600, kind: .exchange, payerName: "Ann") != nil)
        #expect(TimeBankLedger.whyNotPay(1_441, balance: 5_000, lowest: -600, kind: .exchange, payerName: "Ann") != nil)
    }

    @Test func aStatementRunsItsBalanceFromZero() {
        let t = Date(timeIntervalSince1970: 0)
        let statement = Statement([
            .init(transferID: UUID(), minutes: 120, at: t, kind: .exchange, note: "gardening", other: "Bob S."),
            .init(transferID: UUID(), minutes: -45, at: t, kind: .exchange, note: "lift", other: "Cy T."),
            .init(transferID: UUID(), minutes: -30, at: t, kind: .donation, note: "", other: "Community fund"),
        ])
        #expect(statement.lines.map(\.balanceAfter) == [120, 75, 45])
        #expect(statement.balance == 45)
        #expect(statement.given == 120 && statement.received == 75)
    }

    @Test func durationsReadAsPeopleSayThem() {
        #expect(TimeBankLedger.duration(0) == "no time")
        #expect(TimeBankLedger.duration(61) == "1 hour 1 minute")
        #expect(TimeBankLedger.signedDuration(-150) == "2 hours 30 minutes in debt")
        #expect(TimeBankLedger.signedDuration(150) == "2 hours 30 minutes")
    }
}

@Suite struct ExchangeDraftTests {
    let me = UUID(), them = UUID()

    @Test func aGoodExchangeIsRead() throws {
        let draft = try ExchangeDraft.from(with: them.uuidString, minutes: " 90 ", direction: "gave", note: "Helped with the garden", me: me)
        #expect(draft.minutes == 90)
        #expect(draft.parties(me: me) == (payer: them, receiver: me))
        let other = try ExchangeDraft.from(with: them.uuidString, minutes: "30", direction: "received", note: "A lift", me: me)
        #expect(other.parties(me: me) == (payer: me, receiver: them))
    }

    @Test func badMinutesAreRefusedNamingTheField() {
        for typed in ["", "0", "-5", "1.5", "90m", "1441", "١٢"] {
            #expect(throws: ValidationFailure.self, "\(typed)") {
                try ExchangeDraft.from(with: them.uuidString, minutes: typed, direction: "gave", note: "x", me: me)
            }
            let failure = try? ExchangeDraft.from(with: them.uuidString, minutes: typed, direction: "gave", note: "x", me: me)
            #expect(failure == nil)
        }
        do {
            _ = try ExchangeDraft.from(with: me.uuidString, minutes: "1.5", direction: "sideways", note: "", me: me)
            Issue.record("should have failed")
        } catch let failure as ValidationFailure {
            #expect(failure.errors.map(\.field) == ["with", "minutes", "direction", "note"])
            #expect(failure.message(for: "with")?.contains("yourself") == true)
        } catch { Issue.record("\(error)") }
    }

    @Test func aCoordinatorSaysWhyWhenRefusingOrSuspending() {
        #expect(MembershipStatus.whyNotDecide(.active, reason: "") == nil)
        #expect(MembershipStatus.whyNotDecide(.suspended, reason: " ")?.field == "reason")
        #expect(MembershipStatus.whyNotDecide(.refused, reason: "Did not come to meet us") == nil)
        #expect(MembershipStatus.whyNotDecide(.waiting, reason: "x")?.field == "status")
    }

    @Test func onlyTheOtherMemberConfirms() {
        #expect(ExchangeDraft.whyNotConfirm(by: them, recordedBy: me, payer: them, receiver: me, status: .waiting) == nil)
        #expect(ExchangeDraft.whyNotConfirm(by: me, recordedBy: me, payer: them, receiver: me, status: .waiting) != nil)
        #expect(ExchangeDraft.whyNotConfirm(by: UUID(), recordedBy: me, payer: them, receiver: me, status: .waiting) != nil)
        #expect(ExchangeDraft.whyNotConfirm(by: them, recordedBy: me, payer: them, receiver: me, status: .confirmed) != nil)
    }

    @Test func aPostNeedsEveryPart() {
        #expect(throws: ValidationFailure.self) {
            try TimeBankPostDraft.from(kind: "offer", title: "Dog walking", details: "", category: "activity", place: "can_travel", when: "Mornings", categories: ["activity"])
        }
        let post = try? TimeBankPostDraft.from(kind: "offer", title: "Dog walking", details: "An hour", category: "activity", place: "can_travel",
                                               when: "Mornings", categories: ["activity"])
        #expect(post?.place == .canTravel)
    }
}

@Suite struct GroupExchangeDraftTests {
    let me = UUID(), a = UUID(), b = UUID()

    func fields(_ body: () throws -> Any) -> [String] {
        do { _ = try body(); return [] } catch let failure as ValidationFailure { return failure.errors.map(\.field) } catch { return ["?"] }
    }

    @Test func aGroupIsTwoToThirtyOthersEachOnceAndThePairsGoTheWayTheTimeWent() throws {
        let gave = try GroupExchangeDraft.from(one: me.uuidString, oneField: "group_one", many: [a.uuidString, b.uuidString], minutes: "60", direction: "gave", note: "Class")
        #expect(gave.pairs.map(\.payer) == [a, b] && gave.pairs.allSatisfy { $0.receiver == me })
        let had = try GroupExchangeDraft.from(one: me.uuidString, oneField: "group_one", many: [a.uuidString, b.uuidString], minutes: "60", direction: "received", note: "Move")
        #expect(had.pairs.allSatisfy { $0.payer == me } && had.pairs.map(\.receiver) == [a, b])
        func many(_ ids: [String]) -> [String] {
            fields { try GroupExchangeDraft.from(one: me.uuidString, oneField: "group_one", many: ids, minutes: "60", direction: "gave", note: "Class") }
        }
        #expect(many([a.uuidString]) == ["group"])
        #expect(many([a.uuidString, a.uuidString]) == ["group"])
        #expect(many([a.uuidString, me.uuidString]) == ["group"])
        #expect(many([a.uuidString, "not an id"]) == ["group"])
        #expect(many((0...GroupExchangeDraft.largest).map { _ in UUID().uuidString }) == ["group"])
        #expect(fields { try GroupExchangeDraft.from(one: nil, oneField: "group_one", many: [a.uuidString, b.uuidString], minutes: "0", direction: "sideways", note: "") }
                == ["group_one", "group_minutes", "group_direction", "group_note"])
    }

    @Test func aLowestBalanceIsWholeHoursBelowZero() throws {
        #expect(try TimeBankLedger.lowestBalance(hours: "10") == -600)
        #expect(try TimeBankLedger.lowestBalance(hours: "0") == 0)
        for bad in ["-5", "2.5", "101", "", "ten"] { #expect(throws: FieldError.self) { try TimeBankLedger.lowestBalance(hours: bad) } }
    }
}
