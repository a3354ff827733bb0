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
/// every word in their name, which rank first.
public struct TextMatches: Sendable, Equatable {
    public var all: [Int64]
    public var inName: Set<Int64>

    public init(all: [Int64], inName: Set<Int64>) {
        self.all = all
        self.inName = inName
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

/// The whole directory's search facts in memory. Every filter of `DirectoryQuery` is applied here; the text
/// match comes from the database's own full-text index (`TextMatches`). Results are ordered by relevance
/// (every word in the name before words found elsewhere), then distance, then name, then id, and only the
/// requested page is fully sorted.
public struct DirectorySearchIndex: Sendable {
    private var services: [SearchableService?] = []
    private var slotByID: [UUID: Int] = [:]
    /// Slot of each text-index key (-1 where none): keys are dense small numbers, so an array is fastest.
    private var slotByKey: [Int32] = []
    private var freeSlots: [Int] = []

    public init(_ services: [SearchableService] = []) {
        for service in services { replace(service) }
    }

    public var count: Int { slotByID.count }

    public func service(id: UUID) -> SearchableService? { slotByID[id].flatMap { services[$0] } }

    /// Adds or replaces a service.
    public mutating func replace(_ service: SearchableService) {
        if let slot = slotByID[service.id] {
            if let old = services[slot], old.key != service.key { setKey(old.key, -1) }
            services[slot] = service
            setKey(service.key, Int32(slot))
            return
        }
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            services[slot] = service
        } else {
            slot = services.count
            services.append(service)
        }
        slotByID[service.id] = slot
        setKey(service.key, Int32(slot))
    }

    public mutating func remove(id: UUID) {
        guard let slot = slotByID.removeValue(forKey: id) else { return }
        if let old = services[slot] { setKey(old.key, -1) }
        services[slot] = nil
        freeSlots.append(slot)
    }

    private mutating func setKey(_ key: Int64, _ slot: Int32) {
        guard key >= 0, key < Int64(Int32.max) else { return }
        let k = Int(key)
        if k >= slotByKey.count { slotByKey.append(contentsOf: repeatElement(-1, count: max(k + 1 - slotByKey.count, slotByKey.count / 2))) }
        slotByKey[k] = slot
    }

    private func slot(forKey key: Int64) -> Int? {
        guard key >= 0, key < Int64(slotByKey.count) else { return nil }
        let slot = slotByKey[Int(key)]
        return slot < 0 ? nil : Int(slot)
    }

    /// The services passing every filter, ordered, and the page asked for.
    public func search(_ query: DirectoryQuery, centre: Coordinate?, text: TextMatches?) -> SearchResult {
        let filter = Filter(query: query, centre: centre)
        let candidates = self.candidates(filter, text: text)
        let start = (query.page - 1) * query.perPage
        guard start < candidates.count else { return SearchResult(hits: [], total: candidates.count) }
        let wanted = min(candidates.count, start + query.perPage)
        let hits = smallest(wanted, of: candidates)[start..<wanted].map { candidate in
            let service = services[candidate.slot]!
            return SearchHit(id: service.id, distance: centre == nil ? nil : candidate.nearness.squareRoot(),
                             places: filter.places(of: service))
        }
        return SearchResult(hits: hits, total: candidates.count)
    }

    /// One place of a service found (an ORUK service-at-location).
    public struct PlaceHit: Sendable, Equatable {
        public let serviceID: UUID
        public let serviceAtLocationID: UUID
    }

    /// The same search as places: each service's admitted places in turn (nearest first), paged over places.
    public func searchPlaces(_ query: DirectoryQuery, centre: Coordinate?, text: TextMatches?) -> (hits: [PlaceHit], total: Int) {
        let filter = Filter(query: query, centre: centre)
        let candidates = self.candidates(filter, text: text)
        let total = candidates.reduce(0) { sum, candidate in sum + filter.placeCount(of: services[candidate.slot]!) }
        let start = (query.page - 1) * query.perPage
        guard start < total else { return ([], total) }
        let wanted = min(total, start + query.perPage)
        // Most services have one place; take more services until the page is covered.
        var k = min(candidates.count, wanted)
        while true {
            var places: [PlaceHit] = []
            for candidate in smallest(k, of: candidates) {
                let service = services[candidate.slot]!
                places += filter.places(of: service).map { PlaceHit(serviceID: service.id, serviceAtLocationID: $0.serviceAtLocationID) }
                if places.count >= wanted { return (Array(places[start..<wanted]), total) }
            }
            k = min(candidates.count, k * 2)
        }
    }

    private func candidates(_ filter: Filter, text: TextMatches?) -> [Candidate] {
        var candidates: [Candidate] = []
        func consider(_ slot: Int, relevance: Int) {
            guard let service = services[slot], let nearness = filter.nearness(of: service) else { return }
            candidates.append(Candidate(slot: slot, relevance: relevance, nearness: nearness))
        }
        if let text {
            candidates.reserveCapacity(text.all.count)
            for key in text.all {
                guard let slot = slot(forKey: key) else { continue }
                consider(slot, relevance: text.inName.contains(key) ? 2 : 1)
            }
        } else {
            candidates.reserveCapacity(slotByID.count)
            for slot in services.indices { consider(slot, relevance: 0) }
        }
        return candidates
    }

    private struct Candidate {
        let slot: Int
        let relevance: Int
        /// Squared flat-projection metres to the nearest admitted place; infinity when there is no centre or place.
        let nearness: Double
    }

    private func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.relevance != b.relevance { return a.relevance > b.relevance }
        if a.nearness != b.nearness { return a.nearness < b.nearness }
        let sa = services[a.slot]!, sb = services[b.slot]!
        if sa.name != sb.name { return sa.name < sb.name }
        return sa.id.uuidString < sb.id.uuidString
    }

    /// The first `k` candidates in order, without sorting all of them: a bounded max-heap, then a sort of the k.
    private func smallest(_ k: Int, of candidates: [Candidate]) -> [Candidate] {
        if k * 4 >= candidates.count { return candidates.sorted(by: precedes) }
        var heap: [Candidate] = []
        heap.reserveCapacity(k)
        // The heap's root is the last (worst) of the best k seen so far.
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count && precedes(heap[worst], heap[l]) { worst = l }
                if r < heap.count && precedes(heap[worst], heap[r]) { worst = r }
                if worst == i { return }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        for candidate in candidates {
            if heap.count < k {
                heap.append(candidate)
                var i = heap.count - 1
                while i > 0 {
                    let parent = (i - 1) / 2
                    guard precedes(heap[parent], heap[i]) else { break }
                    heap.swapAt(parent, i)
                    i = parent
                }
            } else if precedes(candidate, heap[0]) {
                heap[0] = candidate
                siftDown(0)
            }
        }
        return heap.sorted(by: precedes)
    }

    /// Every filter of a query, prepared once for the scan.
    struct Filter {
        let query: DirectoryQuery
        let centre: Coordinate?
        let box: BoundingBox?
        let limit: Double
        let lonScale: Double
        let needsPlace: Bool
        let language: String?
        let checksSchedule: Bool
        static let metresPerDegree = 111_195.0

        init(query: DirectoryQuery, centre: Coordinate?) {
            self.query = query
            self.centre = centre
            if let centre, let metres = query.proximity {
                box = BoundingBox(around: centre, metres: metres)
                limit = metres * metres
            } else {
                box = nil
                limit = .infinity
            }
            lonScale = cos((centre?.latitude ?? 0) * .pi / 180)
            needsPlace = box != nil || !query.accessibility.isEmpty
            language = query.language?.lowercased()
            checksSchedule = query.day != nil || query.startTime != nil || query.partOfDay != nil
        }

        func squaredMetres(to c: Coordinate) -> Double {
            guard let centre else { return .infinity }
            let dLat = (c.latitude - centre.latitude) * Self.metresPerDegree
            let dLon = (c.longitude - centre.longitude) * lonScale * Self.metresPerDegree
            return dLat * dLat + dLon * dLon
        }

        func admits(_ place: SearchableService.Place) -> Bool {
            if let box {
                guard box.contains(place.coordinate), squaredMetres(to: place.coordinate) <= limit else { return false }
            }
            for feature in query.accessibility where !place.accessibility.contains(feature) { return false }
            return true
        }

        /// nil when the service fails a filter; otherwise the squared distance to its nearest admitted place.
        func nearness(of s: SearchableService) -> Double? {
            if let organisation = query.organisationID, s.organisationID != organisation { return nil }
            if let after = query.modifiedAfter, !(s.lastModified > after) { return nil }
            if let age = query.minimumAge, let maximum = s.maximumAge, maximum < age { return nil }
            if let age = query.maximumAge, let minimum = s.minimumAge, minimum > age { return nil }
            if !query.taxonomyTermIDs.isEmpty && !s.termIDs.contains(where: query.taxonomyTermIDs.contains) { return nil }
            if let taxonomy = query.taxonomyID, !s.taxonomyIDs.contains(taxonomy) { return nil }
            if query.freeOnly && !s.isFree { return nil }
            if let attending = query.attending, !s.attending.contains(attending) { return nil }
            if let language, !s.languages.contains(language) { return nil }
            if checksSchedule && !s.schedules.contains(where: { schedule in
                schedule.isOpen(on: query.day, at: query.startTime) && (query.partOfDay.map { $0.overlaps(schedule) } ?? true)
            }) { return nil }
            var nearest = Double.infinity
            var admitted = false
            for place in s.places where admits(place) {
                admitted = true
                nearest = min(nearest, squaredMetres(to: place.coordinate))
            }
            if needsPlace && !admitted { return nil }
            return nearest
        }

        func placeCount(of s: SearchableService) -> Int {
            s.places.reduce(0) { $0 + (admits($1) ? 1 : 0) }
        }

        func places(of s: SearchableService) -> [SearchableService.Place] {
            let admitted = s.places.filter(admits)
            guard centre != nil else { return admitted }
            return admitted.sorted { squaredMetres(to: $0.coordinate) < squaredMetres(to: $1.coordinate) }
        }
    }
}
