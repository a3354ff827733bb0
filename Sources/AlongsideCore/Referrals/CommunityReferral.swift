import Foundation

/// Where a referral to a community service is: sent, answered by the organisation, and what happened.
public enum CommunityReferralStatus: String, CaseIterable, Codable, Sendable {
    case sent, accepted, declined
    case attendedFirst = "attended_first"
    case attendingRegularly = "attending_regularly"
    case stopped
    case didNotAttend = "did_not_attend"

    public var title: String {
        switch self {
        case .sent: "Waiting for the organisation"
        case .accepted: "Accepted"
        case .declined: "Declined"
        case .attendedFirst: "Went to the first session"
        case .attendingRegularly: "Going regularly"
        case .stopped: "Stopped going"
        case .didNotAttend: "Did not go"
        }
    }

    /// Attendance an organisation can record once it has accepted.
    public static let attendance: [CommunityReferralStatus] = [.attendedFirst, .attendingRegularly, .stopped, .didNotAttend]

    /// Whether the organisation still owes an answer.
    public var awaitsAnswer: Bool { self == .sent }

    /// The person went at least once (whether or not they kept going).
    public var went: Bool { [.attendedFirst, .attendingRegularly, .stopped].contains(self) }
}

/// Why an organisation could not take someone.
public enum DeclineReason: String, CaseIterable, Codable, Sendable {
    case noCapacity = "no_capacity", notEligible = "not_eligible", other

    public var title: String {
        switch self {
        case .noCapacity: "No space at the moment"
        case .notEligible: "Not eligible for this service"
        case .other: "Another reason"
        }
    }
}

/// An organisation's answer, or attendance, as asked for.
public enum CommunityResponse: Equatable, Sendable {
    case accept
    case decline(DeclineReason, note: String?)
    case attendance(CommunityReferralStatus)

    /// The status this response leads to from `status`, or a message saying why it cannot be given now.
    public func next(from status: CommunityReferralStatus) throws -> CommunityReferralStatus {
        switch self {
        case .accept:
            guard status == .sent else { throw FieldError("response", "This referral has already been answered (\(status.title.lowercased()))") }
            return .accepted
        case .decline(let reason, let note):
            guard status == .sent else { throw FieldError("response", "This referral has already been answered (\(status.title.lowercased()))") }
            if reason == .other && (note ?? "").trimmed.isEmpty { throw FieldError("note", "Say why, so the link worker can find something else") }
            return .declined
        case .attendance(let attended):
            guard CommunityReferralStatus.attendance.contains(attended) else { throw FieldError("attendance", "Choose what happened") }
            guard status == .accepted || CommunityReferralStatus.attendance.contains(status) else {
                throw FieldError("attendance", "Attendance can be recorded once the referral is accepted")
            }
            return attended
        }
    }
}

/// How long an organisation has to answer before the referral goes back to the link worker.
public enum CommunityReferralRules {
    public static let answerWithin: TimeInterval = 14 * 86_400

    /// Whether a referral sent at `sentAt` and still unanswered is overdue at `now`.
    public static func isOverdue(sentAt: Date, status: CommunityReferralStatus, now: Date) -> Bool {
        status.awaitsAnswer && now.timeIntervalSince(sentAt) >= answerWithin
    }
}

/// One session in an organisation's register for a person it took on: the day, and whether they came.
public struct AttendanceMark: Equatable, Sendable {
    /// The session's day, as `2026-11-03`.
    public let day: String
    public let attended: Bool

    public init(day: String, attended: Bool) {
        self.day = day
        self.attended = attended
    }
}

/// A dated register of sessions rather than one status: the organisation marks each session, and the status
/// the link worker sees is read from the register.
public enum AttendanceRegister {
    /// Sessions attended, the latest among them, before someone counts as going regularly.
    public static let regularAfter = 3

    /// What the register says, or nil when it is empty: did not go (no session attended); going regularly
    /// (at least three attended, and the latest session too); otherwise went (at least once).
    public static func status(_ marks: [AttendanceMark]) -> CommunityReferralStatus? {
        guard let latest = marks.max(by: { $0.day < $1.day }) else { return nil }
        let attended = marks.filter(\.attended).count
        if attended == 0 { return .didNotAttend }
        return attended >= regularAfter && latest.attended ? .attendingRegularly : .attendedFirst
    }

    /// A session as typed (`day` from a date input, or like 3/11/2026; `came` "yes" or "no"), checked: a real
    /// day, not after today, not before the organisation took the person on.
    public static func mark(day: String?, came: String?, acceptedOn: String, today: String) throws -> AttendanceMark {
        var checks = FieldChecks()
        var iso: String?
        if let typed = day?.trimmed, !typed.isEmpty, let date = UKDates.parseTypedDay(typed) {
            let value = UKDates.isoDay(date)
            if value > today {
                checks.add("session_on", "The session cannot be in the future: mark it on the day or after")
            } else if value < acceptedOn {
                checks.add("session_on", "The session must be on or after the day you took them on (\(UKDates.parseISODay(acceptedOn).map(UKDates.day) ?? acceptedOn))")
            } else {
                iso = value
            }
        } else {
            checks.add("session_on", "Enter the day of the session, like 3/11/2026")
        }
        if !["yes", "no"].contains(came ?? "") { checks.add("came", "Say whether they came to the session") }
        try checks.finish()
        return AttendanceMark(day: iso!, attended: came == "yes")
    }
}

extension CommunityReferralRules {
    /// The order an organisation sees its referrals in: past the 14 days and unanswered first, oldest first;
    /// then the others waiting for an answer, oldest first; then the rest, newest first.
    public static func inboxOrder(_ items: [(id: UUID, sentAt: Date, status: CommunityReferralStatus)], now: Date) -> [UUID] {
        func rank(_ item: (id: UUID, sentAt: Date, status: CommunityReferralStatus)) -> Int {
            isOverdue(sentAt: item.sentAt, status: item.status, now: now) ? 0 : item.status.awaitsAnswer ? 1 : 2
        }
        return items.sorted { a, b in
            let (ra, rb) = (rank(a), rank(b))
            if ra != rb { return ra < rb }
            if a.sentAt != b.sentAt { return ra < 2 ? a.sentAt < b.sentAt : a.sentAt > b.sentAt }
            return a.id.uuidString < b.id.uuidString
        }.map(\.id)
    }

    /// Whole days a referral has waited for an answer at `now`.
    public static func daysWaiting(sentAt: Date, now: Date) -> Int {
        max(0, Calendar.ukCivil.dateComponents([.day], from: sentAt, to: now).day ?? 0)
    }
}
