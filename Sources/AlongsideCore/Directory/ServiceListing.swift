import Foundation

/// How someone joins a service.
public enum HowToJoin: String, Codable, Sendable, CaseIterable {
    case turnUp = "turn_up"
    case book
    case referral

    public var phrase: String {
        switch self {
        case .turnUp: "Just turn up"
        case .book: "Book a place first"
        case .referral: "You need to be referred"
        }
    }
}

/// How a service is attended.
public enum AttendingMode: String, Codable, Sendable, CaseIterable {
    case inPerson = "in_person", online, phone

    public var title: String {
        switch self {
        case .inPerson: "In person"
        case .online: "Online"
        case .phone: "By phone"
        }
    }
}

/// Features that make a place usable for people with access needs.
public enum AccessibilityFeature: String, Codable, Sendable, CaseIterable {
    case stepFree = "step_free", hearingLoop = "hearing_loop", accessibleToilet = "accessible_toilet",
         parking = "accessible_parking", quietSpace = "quiet_space", changingPlaces = "changing_places"

    public var title: String {
        switch self {
        case .stepFree: "Step-free access"
        case .hearingLoop: "Hearing loop"
        case .accessibleToilet: "Accessible toilet"
        case .parking: "Accessible parking"
        case .quietSpace: "Quiet space"
        case .changingPlaces: "Changing Places toilet"
        }
    }

    /// Each feature once, in the order features are listed.
    public static func tidy(_ features: [AccessibilityFeature]) -> [AccessibilityFeature] { allCases.filter(features.contains) }

    /// How a service's places (each place's features) meet what a person needs of a place: nil when they need
    /// nothing or it has no place; else whether one place has all of it, and the needs no place has.
    public static func match(_ needed: [AccessibilityFeature], at places: [[AccessibilityFeature]]) -> (atOnePlace: Bool, nowhere: [AccessibilityFeature])? {
        guard !needed.isEmpty, !places.isEmpty else { return nil }
        return (places.contains { Set(needed).isSubset(of: $0) }, needed.filter { need in !places.contains { $0.contains(need) } })
    }
}

/// Whether there is room.
public enum Capacity: Equatable, Sendable, Codable {
    case unknown
    case spaces(Int)
    case full

    public var phrase: String? {
        switch self {
        case .unknown: nil
        case .spaces(let n): n == 1 ? "1 space available" : "\(n) spaces available"
        case .full: "Full"
        }
    }
}

/// A place a service happens.
public struct ListingLocation: Equatable, Sendable, Codable {
    public var id: UUID
    /// The id of the service-at-location pairing (ORUK `service_at_location`).
    public var serviceAtLocationID: UUID
    public var name: String
    public var address: String
    public var town: String
    public var postcode: String
    public var coordinate: Coordinate
    public var accessibility: [AccessibilityFeature]

    public init(id: UUID, serviceAtLocationID: UUID, name: String, address: String, town: String, postcode: String,
                coordinate: Coordinate, accessibility: [AccessibilityFeature]) {
        self.id = id
        self.serviceAtLocationID = serviceAtLocationID
        self.name = name
        self.address = address
        self.town = town
        self.postcode = postcode
        self.coordinate = coordinate
        self.accessibility = accessibility
    }
}

/// Someone to ask about a service (Open Referral's `contact`), as the feed or the organisation gave them.
public struct ServiceContact: Equatable, Sendable, Codable {
    public var id: UUID
    public var name: String?
    public var title: String?
    public var department: String?
    public var email: String?

    public init(id: UUID, name: String? = nil, title: String? = nil, department: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.title = title
        self.department = department
        self.email = email
    }

    /// "Ann Persona, Reception Manager (Front desk)".
    public var phrase: String {
        let who = [name, title].compactMap { $0?.trimmed }.filter { !$0.isEmpty }.joined(separator: ", ")
        let department = (department?.trimmed).flatMap { $0.isEmpty ? nil : " (\($0))" } ?? ""
        return (who.isEmpty ? "Contact" : who) + department
    }
}

/// A service in the directory with everything a person needs to decide and to go.
public struct ServiceListing: Equatable, Sendable, Codable {
    public var id: UUID
    public var organisationID: UUID
    public var organisationName: String
    public var name: String
    public var description: String
    public var url: String?
    public var email: String?
    public var phone: String?
    /// What it costs in words; nil or empty with `isFree` means free.
    public var fees: String?
    public var isFree: Bool
    /// What a session costs, in pence, when the listing gives an amount (the least of its cost options); nil when
    /// it is free or says what it costs only in words.
    public var costPence: Int?
    public var minimumAge: Int?
    public var maximumAge: Int?
    /// Who it is for, in words ("Adults with a long-term condition").
    public var eligibility: String?
    public var howToJoin: HowToJoin
    public var attending: [AttendingMode]
    public var capacity: Capacity
    public var languages: [String]
    public var locations: [ListingLocation]
    public var schedules: [Schedule]
    public var taxonomyTermIDs: [UUID]
    /// People to ask, from an imported feed (nil in versions saved before contacts were kept: read as none).
    public var contacts: [ServiceContact]?
    public var lastModified: Date
    public var lastChecked: Date

    public init(id: UUID, organisationID: UUID, organisationName: String, name: String, description: String,
                url: String? = nil, email: String? = nil, phone: String? = nil, fees: String? = nil, isFree: Bool = true,
                costPence: Int? = nil, minimumAge: Int? = nil, maximumAge: Int? = nil, eligibility: String? = nil, howToJoin: HowToJoin = .turnUp,
                attending: [AttendingMode] = [.inPerson], capacity: Capacity = .unknown, languages: [String] = ["English"],
                locations: [ListingLocation] = [], schedules: [Schedule] = [], taxonomyTermIDs: [UUID] = [],
                contacts: [ServiceContact] = [], lastModified: Date, lastChecked: Date) {
        self.id = id
        self.organisationID = organisationID
        self.organisationName = organisationName
        self.name = name
        self.description = description
        self.url = url
        self.email = email
        self.phone = phone
        self.fees = fees
        self.isFree = isFree
        self.costPence = isFree ? nil : costPence
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.eligibility = eligibility
        self.howToJoin = howToJoin
        self.attending = attending
        self.capacity = capacity
        self.languages = languages
        self.locations = locations
        self.schedules = schedules
        self.taxonomyTermIDs = taxonomyTermIDs
        self.contacts = contacts
        self.lastModified = lastModified
        self.lastChecked = lastChecked
    }

    /// A listing not checked for six months may be out of date, and the public is told so.
    public static let staleAfter: TimeInterval = 183 * 24 * 3600

    public func isStale(now: Date) -> Bool { now.timeIntervalSince(lastChecked) > Self.staleAfter }

    /// "Free", or the fees in words.
    public var costPhrase: String {
        if isFree { return "Free" }
        return (fees?.trimmed).flatMap { $0.isEmpty ? nil : $0 } ?? "There is a charge"
    }

    /// "All ages", "Ages 16 and over", "Ages 5 to 11", "Up to age 18".
    public var agePhrase: String {
        switch (minimumAge, maximumAge) {
        case (nil, nil): "All ages"
        case (let min?, nil): "Ages \(min) and over"
        case (nil, let max?): "Up to age \(max)"
        case (let min?, let max?): "Ages \(min) to \(max)"
        }
    }

    /// The nearest of its locations to a point, and how far it is in metres.
    public func nearest(to point: Coordinate) -> (ListingLocation, Double)? {
        locations.map { ($0, $0.coordinate.distance(to: point)) }.min { $0.1 < $1.1 }
    }

    /// Checks every field an organisation fills in, naming each that is wrong.
    public func validate() throws {
        var checks = FieldChecks()
        checks.check { _ = try Text.required(name, field: "name", label: "the service's name", maxLength: 150) }
        checks.check { _ = try Text.required(description, field: "description", label: "a description", maxLength: 4000, multiline: true) }
        if let min = minimumAge, !(0...130).contains(min) { checks.add("minimum_age", "Minimum age must be from 0 to 130") }
        if let max = maximumAge, !(0...130).contains(max) { checks.add("maximum_age", "Maximum age must be from 0 to 130") }
        if let min = minimumAge, let max = maximumAge, min > max {
            checks.add("maximum_age", "Maximum age must be the same as or more than the minimum age")
        }
        if let email, !email.isEmpty { checks.check { _ = try EmailAddress(email) } }
        if let url, !url.isEmpty, WebAddress.normalised(url).flatMap({ URL(string: $0)?.host }) == nil {
            checks.add("url", "Enter a web address starting with https://, like https://example.org")
        }
        if let phone, !phone.isEmpty, phone.filter(\.isNumber).count < 10 {
            checks.add("phone", "Enter a phone number with at least 10 digits, like 01524 123456")
        }
        let canContact = [email, phone, url].contains { !($0 ?? "").isEmpty }
        if !canContact && locations.isEmpty {
            checks.add("email", "Give at least one way to contact or attend: an email address, a phone number, a website or a place")
        }
        if attending.isEmpty { checks.add("attending", "Choose how people attend: in person, online or by phone") }
        if case .spaces(let n) = capacity, n < 0 { checks.add("capacity", "Spaces cannot be fewer than 0") }
        for (index, schedule) in schedules.enumerated() {
            do { try schedule.validate() } catch let failure as ValidationFailure {
                failure.errors.forEach { checks.add("schedules[\(index)].\($0.field)", $0.message) }
            } catch {}
        }
        try checks.finish()
    }
}

extension ServiceListing {
    /// Equal in everything a person could see, with times compared to the millisecond: a date read back
    /// from a database or a feed may differ from the one written in its last binary digit.
    public func isSame(as other: ServiceListing) -> Bool {
        func ms(_ d: Date?) -> Date? { d.map { Date(timeIntervalSince1970: ($0.timeIntervalSince1970 * 1000).rounded() / 1000) } }
        func normalised(_ l: ServiceListing) -> ServiceListing {
            var l = l
            l.lastModified = ms(l.lastModified)!
            l.lastChecked = ms(l.lastChecked)!
            l.taxonomyTermIDs.sort { $0.uuidString < $1.uuidString }
            l.schedules = l.schedules.map { s in
                var s = s
                s.validFrom = ms(s.validFrom)
                s.validTo = ms(s.validTo)
                return s
            }
            return l
        }
        return normalised(self) == normalised(other)
    }
}
