import Foundation

/// A member's place in the time bank.
public enum MembershipStatus: String, Sendable, Codable, CaseIterable {
    /// Asked to join; a coordinator meets them before approving.
    case waiting
    case active
    /// Stopped by a coordinator (after a report, or at the member's request): no new exchanges.
    case suspended
    /// A coordinator decided not to approve them.
    case refused

    /// Why a coordinator may not give a member this place, if not: never back to waiting, and a refusal or a suspension
    /// says why, for the member, who is shown it.
    public static func whyNotDecide(_ status: MembershipStatus, reason: String) -> FieldError? {
        if status == .waiting { return FieldError("status", "Choose what to do") }
        if (status == .suspended || status == .refused) && reason.trimmed.isEmpty { return FieldError("reason", "Say why, for the member: they are shown it") }
        return nil
    }

    public var label: String {
        switch self {
        case .waiting: "Waiting for a coordinator to meet you"
        case .active: "Member"
        case .suspended: "Suspended"
        case .refused: "Not approved"
        }
    }
}

/// Which way time went, as the member recording an exchange says it.
public enum ExchangeDirection: String, Sendable, Codable, CaseIterable {
    /// I helped them: they pay me.
    case gave
    /// They helped me: I pay them.
    case received

    /// As a form or JSON sends it; `message` names the field's problem when it is neither.
    static func parse(_ text: String?, field: String, _ message: String) throws -> ExchangeDirection {
        guard let d = text.flatMap({ ExchangeDirection(rawValue: $0.trimmed) }) else { throw FieldError(field, message) }
        return d
    }
}

/// Where an exchange stands.
public enum ExchangeStatus: String, Sendable, Codable {
    /// Recorded by one member; counts once the other confirms.
    case waiting
    case confirmed
    /// The other member said it did not happen as recorded.
    case declined
}

/// An exchange as typed: who with, how long, which way, and a note. Checked before anything is written.
public struct ExchangeDraft: Sendable, Equatable {
    public let with: UUID
    public let minutes: Int
    public let direction: ExchangeDirection
    public let note: String

    public init(with: UUID, minutes: Int, direction: ExchangeDirection, note: String) {
        self.with = with
        self.minutes = minutes
        self.direction = direction
        self.note = note
    }

    /// Who pays (had the help) and who is credited (gave it), for the member `me` recording it.
    public func parties(me: UUID) -> (payer: UUID, receiver: UUID) {
        direction == .gave ? (with, me) : (me, with)
    }

    /// Checks a form or JSON body: a member to exchange with who is not oneself, whole minutes from 1 to a day, which way,
    /// and what it was for. Each problem names its field.
    public static func from(with: String?, minutes: String?, direction: String?, note: String?, me: UUID) throws -> ExchangeDraft {
        var checks = FieldChecks()
        let other = checks.check { () throws -> UUID in
            guard let text = with?.trimmed, !text.isEmpty else { throw FieldError("with", "Choose who the exchange was with") }
            guard let id = UUID(uuidString: text) else { throw FieldError("with", "Choose a member of the time bank from the list") }
            guard id != me else { throw FieldError("with", "An exchange is with someone else: you cannot exchange time with yourself") }
            return id
        }
        let m = checks.check { try TimeBankMinutes.parse(minutes, field: "minutes") }
        let way = checks.check { try ExchangeDirection.parse(direction, field: "direction", "Choose whether you gave the time or received it") }
        let words = checks.check { try Text.required(note, field: "note", label: "what the time was for", maxLength: 500) }
        try checks.finish()
        return ExchangeDraft(with: other!, minutes: m!, direction: way!, note: words!)
    }

    /// Why `person` may not confirm or decline an exchange recorded by `recordedBy` between `payer` and `receiver`, if not:
    /// only the other party does (a coordinator records for members at once instead).
    public static func whyNotConfirm(by person: UUID, recordedBy: UUID, payer: UUID, receiver: UUID, status: ExchangeStatus) -> String? {
        guard person == payer || person == receiver else { return "Only the two members in an exchange confirm it." }
        guard person != recordedBy else { return "You recorded this exchange: the other member confirms it." }
        guard status == .waiting else { return status == .confirmed ? "This exchange is already confirmed." : "This exchange was declined." }
        return nil
    }
}

/// Whole minutes typed by a person: from 1 to a day.
public enum TimeBankMinutes {
    public static func parse(_ text: String?, field: String, max: Int = TimeBankLedger.longestExchange) throws -> Int {
        let typed = (text ?? "").trimmed
        guard !typed.isEmpty else { throw FieldError(field, "Enter how many minutes, in whole minutes") }
        guard typed.allSatisfy(\.isASCIIDigitLike) || (typed.first == "-" && typed.dropFirst().allSatisfy(\.isASCIIDigitLike)) else {
            throw FieldError(field, "Enter the time in whole minutes, like 90 for an hour and a half")
        }
        guard let minutes = Int(typed), minutes > 0 else { throw FieldError(field, "Enter a number of minutes above zero") }
        guard minutes <= max else { throw FieldError(field, "Enter at most \(max) minutes (\(TimeBankLedger.duration(max))) for one exchange") }
        return minutes
    }
}

/// An offer of help or a request for it, posted by a member.
public struct TimeBankPostDraft: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case offer, request
        public var label: String { self == .offer ? "Offer" : "Request" }
    }

    /// Where the help happens.
    public enum Place: String, Sendable, CaseIterable, Codable {
        /// The member offering (or asking) can travel to the other.
        case canTravel = "can_travel"
        /// The other comes to them.
        case comeToMe = "come_to_me"
        case online

        public var label: String {
            switch self {
            case .canTravel: "I can travel"
            case .comeToMe: "Come to me"
            case .online: "Online or by phone"
            }
        }
    }

    public let kind: Kind
    public let title: String
    public let details: String
    /// A category code from the directory's taxonomy.
    public let category: String
    public let place: Place
    /// When, in the member's own words ("weekday mornings").
    public let when: String

    public init(kind: Kind, title: String, details: String, category: String, place: Place, when: String) {
        self.kind = kind
        self.title = title
        self.details = details
        self.category = category
        self.place = place
        self.when = when
    }

    public static func from(kind: String?, title: String?, details: String?, category: String?, place: String?, when: String?,
                            categories: Set<String>) throws -> TimeBankPostDraft {
        var checks = FieldChecks()
        let k = checks.check { () throws -> Kind in
            guard let k = kind.flatMap({ Kind(rawValue: $0.trimmed) }) else { throw FieldError("kind", "Choose whether you are offering help or asking for it") }
            return k
        }
        let t = checks.check { try Text.required(title, field: "title", label: "a short title", maxLength: 120) }
        let d = checks.check { try Text.required(details, field: "details", label: "what it involves", maxLength: 2_000, multiline: true) }
        let c = checks.check { () throws -> String in
            guard let code = category?.trimmed, categories.contains(code) else { throw FieldError("category", "Choose a kind of help from the list") }
            return code
        }
        let p = checks.check { () throws -> Place in
            guard let p = place.flatMap({ Place(rawValue: $0.trimmed) }) else { throw FieldError("place", "Choose where the help can happen") }
            return p
        }
        let w = checks.check { try Text.required(when, field: "when", label: "when you are free", maxLength: 200) }
        try checks.finish()
        return TimeBankPostDraft(kind: k!, title: t!, details: d!, category: c!, place: p!, when: w!)
    }
}

/// A group exchange: one member and several others, the same whole minutes with each. One to many: the member gave each
/// of them the time (a class, a group walk they led). Many to one: each of them gave the member the time (neighbours who
/// helped someone move house). It is one exchange a pair, each confirmed by its other member, or all at once when a
/// coordinator records it — all or none.
public struct GroupExchangeDraft: Sendable, Equatable {
    public let one: UUID
    public let many: [UUID]
    /// Minutes with each member of the group.
    public let minutes: Int
    /// From the one member's side: `gave` when they gave each of the group the time, `received` when each gave it to them.
    public let direction: ExchangeDirection
    public let note: String

    /// The most members in one group exchange.
    public static let largest = 30

    public init(one: UUID, many: [UUID], minutes: Int, direction: ExchangeDirection, note: String) {
        self.one = one
        self.many = many
        self.minutes = minutes
        self.direction = direction
        self.note = note
    }

    /// Each pair's exchange: who pays (had the help) and who is credited (gave it).
    public var pairs: [(payer: UUID, receiver: UUID)] {
        many.map { direction == .gave ? (payer: $0, receiver: one) : (payer: one, receiver: $0) }
    }

    /// Checks a form: the one member (`oneField` names where they were chosen), the group (2 to 30 others, none twice,
    /// not the one member), whole minutes with each, which way, and what it was for. Each problem names its field.
    public static func from(one: String?, oneField: String, many: [String], minutes: String?, direction: String?, note: String?) throws -> GroupExchangeDraft {
        var checks = FieldChecks()
        let first = checks.check { () throws -> UUID in
            guard let id = one.flatMap({ UUID(uuidString: $0.trimmed) }) else { throw FieldError(oneField, "Choose the member on their own side of the exchange") }
            return id
        }
        let group = checks.check { () throws -> [UUID] in
            let ids = many.compactMap { UUID(uuidString: $0.trimmed) }
            guard ids.count == many.count else { throw FieldError("group", "Choose members of the time bank from the list") }
            guard Set(ids).count == ids.count else { throw FieldError("group", "Choose each member once") }
            guard ids.count >= 2 else { throw FieldError("group", "Choose at least two members for a group exchange: with one, record an ordinary exchange") }
            guard ids.count <= largest else { throw FieldError("group", "Choose at most \(largest) members for one group exchange") }
            if let first, ids.contains(first) { throw FieldError("group", "The member on their own side cannot also be in the group") }
            return ids
        }
        let m = checks.check { try TimeBankMinutes.parse(minutes, field: "group_minutes") }
        let way = checks.check { try ExchangeDirection.parse(direction, field: "group_direction", "Choose which way the time went") }
        let words = checks.check { try Text.required(note, field: "group_note", label: "what the time was for", maxLength: 500) }
        try checks.finish()
        return GroupExchangeDraft(one: first!, many: group!, minutes: m!, direction: way!, note: words!)
    }
}
