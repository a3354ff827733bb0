import Foundation

/// A search of the directory, from the ORUK API's query parameters or the search page's form. Every value is
/// checked here; a bad one throws a `FieldError` naming the parameter.
public struct DirectoryQuery: Equatable, Sendable {
    public static let maximumPerPage = 100

    public var text: String?
    public var taxonomyTermIDs: [UUID] = []
    public var taxonomyID: UUID?
    public var organisationID: UUID?
    public var modifiedAfter: Date?
    /// Services for someone of this age at least (ORUK `minimum_age`: the service's maximum is not below it).
    public var minimumAge: Int?
    public var maximumAge: Int?
    public var day: Weekday?
    public var startTime: TimeOfDay?
    public var endTime: TimeOfDay?
    public var postcode: Postcode?
    /// Metres from the postcode.
    public var proximity: Double?
    public var page = 1
    public var perPage = 50
    /// The page's extra filters (not in ORUK): part of the day, free only, access needs, language, how attended.
    public var partOfDay: PartOfDay?
    public var freeOnly = false
    public var accessibility: [AccessibilityFeature] = []
    public var language: String?
    public var attending: AttendingMode?

    public init() {}

    /// Reads ORUK query parameters (`search`, `page`, `per_page`, `taxonomy_term_id`, …).
    public init(oruk parameters: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let v = parameters[name]?.trimmed, !v.isEmpty else { return nil }
            return v
        }
        func integer(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let text = value(name) else { return nil }
            guard let n = Int(text), range.contains(n) else {
                throw FieldError(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }
        func uuid(_ name: String) throws -> UUID? {
            guard let text = value(name) else { return nil }
            guard let id = UUID(uuidString: text) else { throw FieldError(name, "\(name) must be an id like 5b1c0a5e-0000-4000-8000-000000000001") }
            return id
        }
        func time(_ name: String) throws -> TimeOfDay? {
            guard let text = value(name) else { return nil }
            guard let t = TimeOfDay(parsing: text) else { throw FieldError(name, "\(name) must be a time like 10:00") }
            return t
        }
        text = value("search").map { String($0.prefix(200)) }
        if let ids = value("taxonomy_term_id") {
            taxonomyTermIDs = try ids.split(separator: ",").map { part in
                guard let id = UUID(uuidString: String(part).trimmed) else {
                    throw FieldError("taxonomy_term_id", "taxonomy_term_id must be one or more ids separated by commas")
                }
                return id
            }
        }
        taxonomyID = try uuid("taxonomy_id")
        organisationID = try uuid("organization_id")
        if let text = value("modified_after") {
            let withFraction = ISO8601DateFormatter()
            let dateOnly = ISO8601DateFormatter()
            dateOnly.formatOptions = [.withFullDate]
            guard let date = withFraction.date(from: text) ?? dateOnly.date(from: text) else {
                throw FieldError("modified_after", "modified_after must be a date or date-time like 2026-01-31 or 2026-01-31T09:00:00Z")
            }
            modifiedAfter = date
        }
        minimumAge = try integer("minimum_age", 0...130)
        maximumAge = try integer("maximum_age", 0...130)
        if let text = value("day") {
            guard let d = Weekday(parsing: text) else { throw FieldError("day", "day must be a day of the week, like Tuesday or TU") }
            day = d
        }
        startTime = try time("start_time")
        endTime = try time("end_time")
        if let text = value("postcode") {
            do { postcode = try Postcode(text) } catch { throw FieldError("postcode", "postcode must be a full UK postcode, like LA1 1AA") }
        }
        if let text = value("proximity") {
            guard let metres = Double(text), metres > 0, metres <= 1_000_000 else {
                throw FieldError("proximity", "proximity must be a distance in metres, more than 0 and at most 1000000")
            }
            guard postcode != nil else { throw FieldError("proximity", "proximity needs a postcode to measure from") }
            proximity = metres
        }
        page = try integer("page", 1...1_000_000) ?? 1
        perPage = try integer("per_page", 1...Self.maximumPerPage) ?? 50
    }
}

/// Morning, afternoon or evening, as people choose when they can go.
public enum PartOfDay: String, CaseIterable, Sendable {
    case morning, afternoon, evening

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Where this part of the day starts and ends.
    public var bounds: (TimeOfDay, TimeOfDay) { range }

    var range: (TimeOfDay, TimeOfDay) {
        switch self {
        case .morning: (TimeOfDay(hour: 0, minute: 0), TimeOfDay(hour: 12, minute: 0))
        case .afternoon: (TimeOfDay(hour: 12, minute: 0), TimeOfDay(hour: 17, minute: 0))
        case .evening: (TimeOfDay(hour: 17, minute: 0), TimeOfDay(hour: 23, minute: 59))
        }
    }

    /// Whether the schedule's hours fall at least partly in this part of the day (no hours: any part).
    public func overlaps(_ schedule: Schedule) -> Bool {
        guard let opens = schedule.opensAt else { return true }
        let closes = schedule.closesAt ?? opens
        return opens < range.1 && closes > range.0
    }
}

/// A latitude and longitude box around a point, for a cheap first filter before measuring distance exactly.
public struct BoundingBox: Equatable, Sendable {
    public let minLatitude: Double
    public let maxLatitude: Double
    public let minLongitude: Double
    public let maxLongitude: Double

    /// The box containing every point within `metres` of `centre` (it also holds some that are further).
    public init(around centre: Coordinate, metres: Double) {
        let degreesLatitude = metres / 111_195
        let degreesLongitude = metres / (111_195 * max(0.01, cos(centre.latitude * .pi / 180)))
        minLatitude = centre.latitude - degreesLatitude
        maxLatitude = centre.latitude + degreesLatitude
        minLongitude = centre.longitude - degreesLongitude
        maxLongitude = centre.longitude + degreesLongitude
    }

    public func contains(_ c: Coordinate) -> Bool {
        (minLatitude...maxLatitude).contains(c.latitude) && (minLongitude...maxLongitude).contains(c.longitude)
    }
}
