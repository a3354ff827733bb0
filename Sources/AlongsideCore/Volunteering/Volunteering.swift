import Foundation

/// A volunteering opportunity as an organisation posts it.
public struct VolunteerRoleDraft: Sendable, Equatable {
    public let title: String
    public let involves: String
    public let when: String
    public let place: String
    public let access: String
    /// Whether the role needs a Disclosure and Barring Service check before starting.
    public let needsDBS: Bool
    public let places: Int
    /// Whether the hours the organisation confirms earn the volunteer time bank credit, given from the community fund.
    public let earnsTimeCredit: Bool

    public init(title: String, involves: String, when: String, place: String, access: String, needsDBS: Bool, places: Int, earnsTimeCredit: Bool = false) {
        self.title = title
        self.involves = involves
        self.when = when
        self.place = place
        self.access = access
        self.needsDBS = needsDBS
        self.places = places
        self.earnsTimeCredit = earnsTimeCredit
    }

    /// From a form or JSON body; each problem names its field.
    public static func from(title: String?, involves: String?, when: String?, place: String?, access: String?, dbs: String?, places: String?,
                            credit: String?) throws -> VolunteerRoleDraft {
        var checks = FieldChecks()
        let t = checks.check { try Text.required(title, field: "title", label: "the role's title", maxLength: 120) }
        let i = checks.check { try Text.required(involves, field: "involves", label: "what it involves", maxLength: 3_000, multiline: true) }
        let w = checks.check { try Text.required(when, field: "when", label: "when it happens", maxLength: 200) }
        let p = checks.check { try Text.required(place, field: "place", label: "where it happens", maxLength: 200) }
        let a = checks.check { try Text.required(access, field: "access", label: "the access (steps, toilets, hearing loop…)", maxLength: 500) }
        let d = checks.check { () throws -> Bool in
            switch dbs?.trimmed {
            case "yes": return true
            case "no": return false
            default: throw FieldError("dbs", "Say whether the role needs a DBS check")
            }
        }
        let n = checks.check { () throws -> Int in
            guard let n = places.flatMap({ Int($0.trimmed) }), (1...500).contains(n) else { throw FieldError("places", "Enter how many volunteers you need, from 1 to 500") }
            return n
        }
        let c = checks.check { () throws -> Bool in
            switch credit?.trimmed {
            case "yes": return true
            case "no": return false
            default: throw FieldError("credit", "Say whether confirmed hours earn time bank credit")
            }
        }
        try checks.finish()
        return VolunteerRoleDraft(title: t!, involves: i!, when: w!, place: p!, access: a!, needsDBS: d!, places: n!, earnsTimeCredit: c!)
    }
}

/// Where a person's interest in a role stands.
public enum VolunteerStatus: String, Sendable, Codable, CaseIterable {
    /// Said they are interested; the organisation has not answered.
    case interested
    /// The organisation took them on.
    case accepted
    /// The organisation could not take them on.
    case declined
    /// The person changed their mind.
    case withdrawn

    public var label: String {
        switch self {
        case .interested: "Waiting for the organisation"
        case .accepted: "Volunteering"
        case .declined: "Not taken on"
        case .withdrawn: "Withdrawn"
        }
    }
}

/// What confirming hours came to for the volunteer's time bank account.
public enum VolunteerCredit: Sendable, Equatable {
    /// The role does not earn credit, or the hours were not confirmed.
    case none
    /// The minutes were given from the community fund.
    case given(minutes: Int)
    /// The role earns credit but none could be given.
    case notGiven(Why)

    public enum Why: Sendable, Equatable {
        /// The volunteer is not an active member of the time bank.
        case notAMember
        /// The community fund does not hold enough.
        case fundShort
    }
}

/// Hours a volunteer logs: counted once the organisation confirms them.
public enum VolunteerHoursStatus: String, Sendable, Codable {
    case logged, confirmed, rejected
}

/// Hours as a volunteer logs them: a day that has happened, whole minutes up to a day, and what they did.
public struct VolunteerHoursDraft: Sendable, Equatable {
    public let day: String
    public let minutes: Int
    public let note: String

    public init(day: String, minutes: Int, note: String) {
        self.day = day
        self.minutes = minutes
        self.note = note
    }

    public static func from(day: String?, minutes: String?, note: String?, today: Date) throws -> VolunteerHoursDraft {
        var checks = FieldChecks()
        let d = checks.check { () throws -> String in
            guard let text = day?.trimmed, !text.isEmpty else { throw FieldError("day", "Enter the day you volunteered") }
            guard let date = UKDates.parseISODay(text) else { throw FieldError("day", "Enter the day as a real date, like 2026-11-28") }
            guard date <= today else { throw FieldError("day", "Log hours on or after the day you volunteered, not before") }
            guard date >= today.addingTimeInterval(-366 * 86_400) else { throw FieldError("day", "Log hours from the last year") }
            return UKDates.isoDay(date)
        }
        let m = checks.check { try TimeBankMinutes.parse(minutes, field: "minutes") }
        let n = checks.check { try Text.required(note, field: "note", label: "what you did", maxLength: 500) }
        try checks.finish()
        return VolunteerHoursDraft(day: d!, minutes: m!, note: n!)
    }
}

/// A volunteer's record: confirmed hours by role, for printing.
public struct VolunteerHistory: Sendable, Equatable {
    public struct Role: Sendable, Equatable {
        public let organisation: String
        public let title: String
        public let from: String
        public let to: String
        public let minutes: Int
        public let sessions: Int

        public init(organisation: String, title: String, from: String, to: String, minutes: Int, sessions: Int) {
            self.organisation = organisation
            self.title = title
            self.from = from
            self.to = to
            self.minutes = minutes
            self.sessions = sessions
        }
    }

    public let roles: [Role]

    public init(roles: [Role]) { self.roles = roles }

    public var minutes: Int { roles.reduce(0) { $0 + $1.minutes } }
}
