import Foundation

/// One side of a transfer on the time bank's ledger: minutes into an account (positive) or out of it (negative).
public struct LedgerLeg: Sendable, Equatable, Hashable {
    public let account: UUID
    public let minutes: Int

    public init(account: UUID, minutes: Int) {
        self.account = account
        self.minutes = minutes
    }
}

/// The time bank's ledger rules: double entry in whole minutes. A transfer is two legs that cancel, appended and
/// never changed; a mistake is put right by a reversing transfer that names the one it reverses; a balance is the sum
/// of an account's legs; a transfer that would take the paying account below its lowest balance is refused.
public enum TimeBankLedger {
    /// Each member's lowest balance unless the bank sets another: ten hours in debt.
    public static let defaultLowestBalance = -600
    /// The community fund gives only what it has been given.
    public static let fundLowestBalance = 0
    /// The community fund's account: members donate to it, and coordinators give from it (e.g. new members' first hours).
    public static let fund = UUID(uuidString: "00000000-0000-4000-8000-00000000F00D")!
    /// The longest single exchange: a day.
    public static let longestExchange = 1_440

    /// Why a transfer was made.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// Time given by one member to another (or to many, or from many), confirmed by both or recorded by a coordinator.
        case exchange
        /// A member giving some of their own time to the community fund.
        case donation
        /// A coordinator giving from the community fund.
        case fromFund = "from_fund"
        /// Putting a mistaken transfer right.
        case reversal

        public var label: String {
            switch self {
            case .exchange: "Exchange"
            case .donation: "Given to the community fund"
            case .fromFund: "From the community fund"
            case .reversal: "Put right"
            }
        }
    }

    /// The two legs of `minutes` paid by `from` to `to`.
    public static func legs(from: UUID, to: UUID, minutes: Int) -> [LedgerLeg] {
        [LedgerLeg(account: from, minutes: -minutes), LedgerLeg(account: to, minutes: minutes)]
    }

    /// Why these legs cannot be one transfer, if they cannot: there must be exactly two, on two different accounts,
    /// neither of zero minutes, and they must cancel.
    public static func whyNotBalanced(_ legs: [LedgerLeg]) -> String? {
        guard legs.count == 2 else { return "A transfer has exactly two legs; this has \(legs.count)." }
        guard legs[0].account != legs[1].account else { return "A transfer moves time between two different accounts." }
        guard legs.allSatisfy({ $0.minutes != 0 }) else { return "A leg of zero minutes moves nothing." }
        guard legs[0].minutes + legs[1].minutes == 0 else { return "The two legs must cancel: \(legs[0].minutes) and \(legs[1].minutes) do not." }
        return nil
    }

    /// Why `minutes` may not be paid from an account now holding `balance` with `lowest` as its floor, if not. A reversal
    /// is never refused for the limit: it puts right a mistake, and a mistake must always be mendable.
    /// A lowest balance as a coordinator types it: whole hours below zero, from 0 to 100. In minutes (0 or below).
    public static func lowestBalance(hours text: String?, field: String = "lowest_hours") throws -> Int {
        let typed = (text ?? "").trimmed
        guard !typed.isEmpty, typed.allSatisfy(\.isASCIIDigitLike), let hours = Int(typed), (0...100).contains(hours) else {
            throw FieldError(field, "Enter the lowest balance as whole hours below zero, from 0 to 100 (10 is the bank's usual)")
        }
        return -hours * 60
    }

    public static func whyNotPay(_ minutes: Int, balance: Int, lowest: Int, kind: Kind, payerName: String) -> String? {
        guard minutes > 0 else { return "Enter a number of minutes above zero." }
        guard minutes <= longestExchange || kind == .reversal || kind == .fromFund || kind == .donation else {
            return "One exchange is at most a day (1440 minutes): record longer help as several exchanges."
        }
        guard kind != .reversal else { return nil }
        let after = balance - minutes
        guard after >= lowest else {
            if lowest == 0 { return "\(payerName) has \(duration(balance)) to give, not \(duration(minutes))." }
            return "This would take \(payerName)'s balance to \(signedDuration(after)), below the lowest the time bank allows "
                + "(\(signedDuration(lowest))). Nothing was recorded: \(payerName) can earn time first, or a coordinator can help."
        }
        return nil
    }

    /// The legs that put right a transfer: the same accounts, the other way round.
    public static func reversing(_ legs: [LedgerLeg]) -> [LedgerLeg] {
        legs.map { LedgerLeg(account: $0.account, minutes: -$0.minutes) }
    }

    /// A balance: the sum of the account's legs.
    public static func balance(of account: UUID, in legs: [LedgerLeg]) -> Int {
        legs.filter { $0.account == account }.reduce(0) { $0 + $1.minutes }
    }

    /// Minutes as people read them: "2 hours 15 minutes".
    public static func duration(_ minutes: Int) -> String {
        let (h, m) = (abs(minutes) / 60, abs(minutes) % 60)
        let hours = h == 0 ? nil : (h == 1 ? "1 hour" : "\(h) hours")
        let mins = m == 0 ? nil : (m == 1 ? "1 minute" : "\(m) minutes")
        let text = [hours, mins].compactMap { $0 }.joined(separator: " ")
        return text.isEmpty ? "no time" : text
    }

    /// A balance as people read it, with "in debt" rather than a minus sign a screen reader may skip.
    public static func signedDuration(_ minutes: Int) -> String {
        minutes < 0 ? "\(duration(minutes)) in debt" : duration(minutes)
    }
}

/// One line of a member's statement: a transfer's leg on their account, with the balance after it.
public struct StatementLine: Sendable, Equatable {
    public let transferID: UUID
    public let minutes: Int
    public let balanceAfter: Int
    public let at: Date
    public let kind: TimeBankLedger.Kind
    public let note: String
    /// The other account's holder, as the member may see them.
    public let other: String

    public init(transferID: UUID, minutes: Int, balanceAfter: Int, at: Date, kind: TimeBankLedger.Kind, note: String, other: String) {
        self.transferID = transferID
        self.minutes = minutes
        self.balanceAfter = balanceAfter
        self.at = at
        self.kind = kind
        self.note = note
        self.other = other
    }
}

/// A member's statement: every leg on their account, oldest first, with a running balance that starts at zero.
public struct Statement: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let transferID: UUID
        public let minutes: Int
        public let at: Date
        public let kind: TimeBankLedger.Kind
        public let note: String
        public let other: String

        public init(transferID: UUID, minutes: Int, at: Date, kind: TimeBankLedger.Kind, note: String, other: String) {
            self.transferID = transferID
            self.minutes = minutes
            self.at = at
            self.kind = kind
            self.note = note
            self.other = other
        }
    }

    public let lines: [StatementLine]

    /// Entries in the order they were recorded (the caller sorts by time, then by id for ties).
    public init(_ entries: [Entry]) {
        var balance = 0
        lines = entries.map { e in
            balance += e.minutes
            return StatementLine(transferID: e.transferID, minutes: e.minutes, balanceAfter: balance, at: e.at, kind: e.kind, note: e.note, other: e.other)
        }
    }

    public var balance: Int { lines.last?.balanceAfter ?? 0 }
    public var given: Int { lines.filter { $0.minutes > 0 }.reduce(0) { $0 + $1.minutes } }
    public var received: Int { lines.filter { $0.minutes < 0 }.reduce(0) { $0 - $1.minutes } }
}
