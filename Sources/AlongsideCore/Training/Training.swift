import Foundation

/// A training session an NHS or council trainer opens to community leaders: what it is, when, where, and how many
/// places are kept for community members.
public struct TrainingSessionDraft: Sendable, Equatable {
    public let title: String
    public let covers: String
    public let starts: Date
    public let ends: Date
    /// Where it happens, or how to join when online.
    public let place: String
    public let online: Bool
    /// Places kept for community members.
    public let places: Int

    public init(title: String, covers: String, starts: Date, ends: Date, place: String, online: Bool, places: Int) {
        self.title = title
        self.covers = covers
        self.starts = starts
        self.ends = ends
        self.place = place
        self.online = online
        self.places = places
    }

    /// The longest session one booking covers.
    public static let longestMinutes = 8 * 60

    /// From a form or JSON body; each problem names its field. A session starts in the future, ends after it starts, on
    /// the same day, and lasts at most eight hours.
    public static func from(title: String?, covers: String?, starts: String?, ends: String?, how: String?, place: String?, places: String?,
                            now: Date) throws -> TrainingSessionDraft {
        var checks = FieldChecks()
        let t = checks.check { try Text.required(title, field: "title", label: "the session's title", maxLength: 120) }
        let c = checks.check { try Text.required(covers, field: "covers", label: "what the session covers", maxLength: 3_000, multiline: true) }
        let s = checks.check { try BookingRequest.time(starts, field: "starts_at", label: "when it starts") }
        let e = checks.check { try BookingRequest.time(ends, field: "ends_at", label: "when it ends") }
        let online = checks.check { () throws -> Bool in
            switch how?.trimmed {
            case "online": return true
            case "in_person": return false
            default: throw FieldError("how", "Say whether the session is in person or online")
            }
        }
        let p = checks.check {
            try Text.required(place, field: "place", label: online == true ? "how people join online" : "where it happens", maxLength: 300)
        }
        let n = checks.check { () throws -> Int in
            guard let n = places.flatMap({ Int($0.trimmed) }), (1...200).contains(n) else {
                throw FieldError("places", "Enter how many places are kept for community members, from 1 to 200")
            }
            return n
        }
        if let s, let e {
            if s <= now { checks.add("starts_at", "The session must start in the future") }
            if e <= s {
                checks.add("ends_at", "The end must be after the start")
            } else if e.timeIntervalSince(s) > Double(longestMinutes * 60) {
                checks.add("ends_at", "A session lasts at most 8 hours: offer a longer course as one session a day")
            } else if !Calendar.ukCivil.isDate(s, inSameDayAs: e) {
                checks.add("ends_at", "A session starts and ends on the same day")
            }
        }
        try checks.finish()
        return TrainingSessionDraft(title: t!, covers: c!, starts: s!, ends: e!, place: p!, online: online!, places: n!)
    }
}

/// Where a person's place on a session stands.
public enum TrainingPlaceStatus: String, Sendable, Codable, CaseIterable {
    /// Has a place.
    case booked
    /// On the waiting list, in the order they asked.
    case waiting
    /// Gave the place (or their spot on the list) up.
    case cancelled
    /// Came: the trainer recorded it, and a certificate is theirs.
    case attended
    /// Had a place and did not come.
    case absent

    public var label: String {
        switch self {
        case .booked: "You have a place"
        case .waiting: "On the waiting list"
        case .cancelled: "Cancelled"
        case .attended: "Attended"
        case .absent: "Did not attend"
        }
    }

    /// Holds one of the session's places.
    public var holdsPlace: Bool { self == .booked || self == .attended || self == .absent }
}

/// The rules of places and the waiting list.
public enum TrainingPlaces {
    /// Asking for a place: one while places remain, otherwise the end of the waiting list.
    public static func onRequest(places: Int, taken: Int) -> TrainingPlaceStatus {
        taken < places ? .booked : .waiting
    }

    /// Who moves from the waiting list to a place, first come first served, when `taken` of `places` are held.
    /// Nobody moves up once the session has started.
    public static func promote(places: Int, taken: Int, waiting: [UUID], starts: Date, now: Date) -> [UUID] {
        guard now < starts else { return [] }
        return Array(waiting.prefix(max(0, places - taken)))
    }

    /// Why a place (or a spot on the waiting list) cannot be given up: nil when it can.
    public static func whyNotCancel(_ status: TrainingPlaceStatus, starts: Date, now: Date) -> String? {
        guard status == .booked || status == .waiting else { return "There is no place to give up: it is \(status.label.lowercased())." }
        guard now < starts else { return "The session has started: a place cannot be given up now." }
        return nil
    }

    /// Why attendance cannot be recorded for this place yet: nil when it can. Only people with a place, once the
    /// session has begun (it can be put right afterwards: came or did not).
    public static func whyNotRecordAttendance(_ status: TrainingPlaceStatus, starts: Date, now: Date) -> String? {
        guard status.holdsPlace else { return "Only people with a place have attendance recorded." }
        guard now >= starts else { return "Record attendance once the session has begun." }
        return nil
    }

    /// What a trainer can record for a place whose attendance may be recorded: either for a booked place, and the
    /// other answer for one already recorded (to put a mistake right).
    public static func attendanceChoices(_ status: TrainingPlaceStatus) -> [Attendance] {
        switch status {
        case .attended: [.didNotCome]
        case .absent: [.came]
        default: [.came, .didNotCome]
        }
    }

    /// Where someone is on the waiting list, counting from 1.
    public static func position(of place: UUID, in waiting: [UUID]) -> Int? {
        waiting.firstIndex(of: place).map { $0 + 1 }
    }
}

/// Whether someone with a place came, as a trainer records it (the form's value, and the button's words).
public enum Attendance: String, Sendable, CaseIterable {
    case came = "yes", didNotCome = "no"

    public var title: String {
        switch self {
        case .came: "Came"
        case .didNotCome: "Did not come"
        }
    }
}

/// The email a person gets when a cancelled place becomes theirs.
public struct TrainingPlaceEmail: Sendable, Equatable {
    public let subject: String
    public let body: String

    public static func promoted(name: String, title: String, starts: Date, place: String, online: Bool, link: String?) -> TrainingPlaceEmail {
        TrainingPlaceEmail(
            subject: "A place on \u{201C}\(title)\u{201D} is yours",
            body: """
                Dear \(name),

                A place came free on \u{201C}\(title)\u{201D}, and as you were first on the waiting list it is now yours.

                When: \(UKDates.weekdayAndDay(starts)), \(UKDates.time(starts))
                \(online ? "Online" : "Where"): \(place)

                If you can no longer come, please give the place up so the next person on the list can have it\(link.map { ":\n\($0)" } ?? ": sign in to Alongside and open Training.")
                """)
    }

    public static func calledOff(name: String, title: String, starts: Date, reason: String, link: String) -> TrainingPlaceEmail {
        TrainingPlaceEmail(
            subject: "\u{201C}\(title)\u{201D} has been called off",
            body: """
                Dear \(name),

                The trainer has called off \u{201C}\(title)\u{201D}, which was to be on \(UKDates.weekdayAndDay(starts)) at \(UKDates.time(starts)). \
                Your place (or your place on the waiting list) has been given up, so there is nothing more for you to do.

                The trainer's reason: \(reason)

                Other sessions are listed here:
                \(link)
                """)
    }
}
