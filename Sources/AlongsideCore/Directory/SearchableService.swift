import Foundation

/// What a search needs to know of one service, kept in memory so that a search over a whole district's
/// directory is a scan of plain values rather than a query joining five tables.
public struct SearchableService: Sendable, Equatable {
    /// One place the service happens (an ORUK service-at-location).
    public struct Place: Sendable, Equatable {
        public var serviceAtLocationID: UUID
        public var locationID: UUID
        public var coordinate: Coordinate
        public var accessibility: [AccessibilityFeature]

        public init(serviceAtLocationID: UUID, locationID: UUID, coordinate: Coordinate, accessibility: [AccessibilityFeature]) {
            self.serviceAtLocationID = serviceAtLocationID
            self.locationID = locationID
            self.coordinate = coordinate
            self.accessibility = accessibility
        }
    }

    /// The small whole number the text index knows the service by.
    public var key: Int64
    public var id: UUID
    public var name: String
    public var organisationID: UUID
    public var lastModified: Date
    public var minimumAge: Int?
    public var maximumAge: Int?
    public var isFree: Bool
    /// What a session costs in pence, when the listing gives an amount.
    public var costPence: Int?
    public var attending: [AttendingMode]
    public var languages: [String]
    public var termIDs: [UUID]
    public var taxonomyIDs: [UUID]
    public var places: [Place]
    public var schedules: [Schedule]

    public init(key: Int64, id: UUID, name: String, organisationID: UUID, lastModified: Date, minimumAge: Int?, maximumAge: Int?,
                isFree: Bool, attending: [AttendingMode], languages: [String], termIDs: [UUID], taxonomyIDs: [UUID],
                places: [Place], schedules: [Schedule]) {
        self.key = key
        self.id = id
        self.name = name
        self.organisationID = organisationID
        self.lastModified = lastModified
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.isFree = isFree
        self.attending = attending
        self.languages = languages.map { $0.lowercased() }
        self.termIDs = termIDs
        self.taxonomyIDs = taxonomyIDs
        self.places = places
        self.schedules = schedules
    }

    public init(key: Int64, listing: ServiceListing, taxonomyIDs: [UUID]) {
        self.key = key
        id = listing.id
        name = listing.name
        organisationID = listing.organisationID
        lastModified = listing.lastModified
        minimumAge = listing.minimumAge
        maximumAge = listing.maximumAge
        isFree = listing.isFree
        costPence = listing.costPence
        attending = listing.attending
        languages = listing.languages.map { $0.lowercased() }
        termIDs = listing.taxonomyTermIDs.sorted { $0.uuidString < $1.uuidString }
        self.taxonomyIDs = Set(taxonomyIDs).sorted { $0.uuidString < $1.uuidString }
        places = listing.locations.map {
            Place(serviceAtLocationID: $0.serviceAtLocationID, locationID: $0.id, coordinate: $0.coordinate, accessibility: $0.accessibility)
        }.sorted { $0.serviceAtLocationID.uuidString < $1.serviceAtLocationID.uuidString }
        schedules = listing.schedules.sorted { $0.byDay < $1.byDay }
    }
}

/// The services whose words match a search, as the text index found them: every match, and those matching
/// every word in their name, which rank first. Both are kept sorted by key.
public struct TextMatches: Sendable, Equatable {
    public let all: [Int64]
    public let inName: [Int64]

    public init(all: [Int64], inName: [Int64]) {
        self.all = all.sorted()
        self.inName = inName.sorted()
    }
}

/// One service found, with the nearest of its places that passed the filters (when searching near a point).
public struct SearchHit: Sendable, Equatable {
    public let id: UUID
    /// Metres on a flat projection around the centre (exact to well under 1% within 20 km), for ordering.
    public let distance: Double?
    /// Every place of the service that passed the filters, nearest first when there is a centre.
    public let places: [SearchableService.Place]
}

/// Services that pass every filter of a query, in order, with how many there are in all.
public struct SearchResult: Sendable, Equatable {
    public let hits: [SearchHit]
    public let total: Int
}
