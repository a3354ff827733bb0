import Foundation

/// A resident and a professional working together on one change: what they want to change, their goals and the
/// sessions they plan. Both must confirm before it is shown.
public struct PairDraft: Equatable, Sendable {
    public var title: String
    public var change: String
    public var goals: String
    public var sessionsPlanned: Int

    public init(title: String, change: String, goals: String, sessionsPlanned: Int) {
        self.title = title; self.change = change; self.goals = goals; self.sessionsPlanned = sessionsPlanned
    }

    public static func from(title: String, change: String, goals: String, sessions: String) throws -> PairDraft {
        var checks = FieldChecks()
        let t = checks.check { try Text.required(title, field: "title", label: "a title", maxLength: 150) } ?? ""
        let c = checks.check { try Text.required(change, field: "change", label: "what you want to change", maxLength: 6_000, multiline: true) } ?? ""
        let g = checks.check { try Text.required(goals, field: "goals", label: "your goals", maxLength: 6_000, multiline: true) } ?? ""
        let n = Int(sessions.trimmed) ?? 0
        if !(1...100).contains(n) { checks.add("sessions", "Enter how many sessions you plan, from 1 to 100") }
        try checks.finish()
        return PairDraft(title: t, change: c, goals: g, sessionsPlanned: n)
    }

    /// Someone with only the resident role registers a pair as its resident; anyone with a staff role as its professional.
    public static func registersAsResident(_ roles: Set<Role>) -> Bool { roles.allSatisfy { $0 == .resident } }

    /// Why the named partner cannot be the other half of the pair, or nil when they can: one side is a resident,
    /// the other a professional (someone with a staff role), and they are two people.
    public static func whyNotPartner(asResident: Bool, partnerRoles: Set<Role>, partnerIsSelf: Bool) -> String? {
        if asResident && !partnerRoles.contains(where: { $0 != .resident }) { return "Your partner must be a professional: someone with a staff role in Alongside." }
        if !asResident && !partnerRoles.contains(.resident) { return "Your partner must be a resident with an Alongside account." }
        return partnerIsSelf ? "Name the other person in the pair, not yourself." : nil
    }

    /// An update as typed, with the resident's time in minutes if given.
    public static func update(text: String, minutes: String) throws -> (String, Int?) {
        var checks = FieldChecks()
        let words = checks.check { try Text.required(text, field: "text", label: "what happened", maxLength: 6_000, multiline: true) } ?? ""
        var time: Int?
        if !minutes.trimmed.isEmpty {
            if let m = Int(minutes.trimmed), (1...1_440).contains(m) { time = m } else { checks.add("minutes", "Enter the resident's time in minutes, from 1 to 1440, or leave it empty") }
        }
        try checks.finish()
        return (words, time)
    }

    /// Minutes as people read them: "2 hours 15 minutes".
    public static func duration(_ minutes: Int) -> String {
        let (h, m) = (minutes / 60, minutes % 60)
        let hours = h == 0 ? nil : (h == 1 ? "1 hour" : "\(h) hours")
        let mins = m == 0 ? nil : (m == 1 ? "1 minute" : "\(m) minutes")
        return [hours, mins].compactMap { $0 }.joined(separator: " ").ifEmpty("no time")
    }
}

extension String {
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
