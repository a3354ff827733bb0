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
