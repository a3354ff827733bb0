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

/// The whole directory's search facts in memory. Every filter of `DirectoryQuery` is applied here; the text
/// match comes from the database's own full-text index (`TextMatches`). Results are ordered by relevance
/// (every word in the name before words found elsewhere), then distance, then name, then id, and only the
/// requested page is fully sorted. What the filters read is also kept in flat arrays of plain values, so a
/// scan of a hundred thousand services touches no reference-counted memory.
public struct DirectorySearchIndex: Sendable {
    /// What most filters read, as plain values.
    struct Hot {
        var alive: Bool
        var id: UUID
        var organisationID: UUID
        var lastModified: Double
        /// Int32.min when there is no minimum; Int32.max when there is no maximum.
        var minimumAge: Int32
        var maximumAge: Int32
        var isFree: Bool
        var attending: UInt8
        var placeStart: Int32
        var placeCount: Int32
        var scheduleStart: Int32
        var scheduleCount: Int32
    }

    struct HotPlace {
        var latitude: Double
        var longitude: Double
        var access: UInt8
    }

    /// A schedule's weekdays (no bits: any day) and hours in minutes (-1: not given).
    struct HotSchedule {
        var days: UInt8
        var opens: Int16
        var closes: Int16
    }

    private var services: [SearchableService?] = []
    private var hot: [Hot] = []
    private var names: [String] = []
    private var hotPlaces: [HotPlace] = []
    private var hotSchedules: [HotSchedule] = []
    /// Places and schedules left behind by replaced services, compacted when they outnumber the rest.
    private var garbage = 0
    private var slotByID: [UUID: Int] = [:]
    /// Slot of each text-index key (-1 where none): keys are dense small numbers, so an array is fastest.
    private var slotByKey: [Int32] = []
    private var freeSlots: [Int] = []

    public init(_ services: [SearchableService] = []) {
        self.services.reserveCapacity(services.count)
        hot.reserveCapacity(services.count)
        names.reserveCapacity(services.count)
        for service in services { replace(service) }
    }

    public var count: Int { slotByID.count }

    public func service(id: UUID) -> SearchableService? { slotByID[id].flatMap { services[$0] } }

    static func bit<T: CaseIterable & Equatable>(_ value: T) -> UInt8 {
        UInt8(1) << UInt8(Array(T.allCases).firstIndex(of: value)!)
    }

    static func mask<T: CaseIterable & Equatable>(_ values: [T]) -> UInt8 {
        values.reduce(0) { $0 | bit($1) }
    }

    static func hotPlace(_ place: SearchableService.Place) -> HotPlace {
        HotPlace(latitude: place.coordinate.latitude, longitude: place.coordinate.longitude, access: mask(place.accessibility))
    }

    private mutating func makeHot(_ service: SearchableService) -> Hot {
        let placeStart = hotPlaces.count, scheduleStart = hotSchedules.count
        hotPlaces += service.places.map(Self.hotPlace)
        hotSchedules += service.schedules.map { schedule in
            HotSchedule(days: Self.mask(schedule.days.map(\.weekday)), opens: Int16(schedule.opensAt?.minutes ?? -1),
                        closes: Int16(schedule.closesAt?.minutes ?? -1))
        }
        return Hot(alive: true, id: service.id, organisationID: service.organisationID, lastModified: service.lastModified.timeIntervalSince1970,
                   minimumAge: service.minimumAge.map { Int32(clamping: $0) } ?? .min, maximumAge: service.maximumAge.map { Int32(clamping: $0) } ?? .max,
                   isFree: service.isFree, attending: Self.mask(service.attending),
                   placeStart: Int32(placeStart), placeCount: Int32(service.places.count),
                   scheduleStart: Int32(scheduleStart), scheduleCount: Int32(service.schedules.count))
    }

    /// Adds or replaces a service.
    public mutating func replace(_ service: SearchableService) {
        if let slot = slotByID[service.id] {
            if let old = services[slot], old.key != service.key { setKey(old.key, -1) }
            garbage += Int(hot[slot].placeCount + hot[slot].scheduleCount)
            services[slot] = service
            hot[slot] = makeHot(service)
            names[slot] = service.name
            setKey(service.key, Int32(slot))
            compactIfWorthIt()
            return
        }
        let slot: Int
        let made = makeHot(service)
        if let free = freeSlots.popLast() {
            slot = free
            services[slot] = service
            hot[slot] = made
            names[slot] = service.name
        } else {
            slot = services.count
            services.append(service)
            hot.append(made)
            names.append(service.name)
        }
        slotByID[service.id] = slot
        setKey(service.key, Int32(slot))
    }

    public mutating func remove(id: UUID) {
        guard let slot = slotByID.removeValue(forKey: id) else { return }
        if let old = services[slot] { setKey(old.key, -1) }
        garbage += Int(hot[slot].placeCount + hot[slot].scheduleCount)
        services[slot] = nil
        hot[slot].alive = false
        hot[slot].placeCount = 0
        hot[slot].scheduleCount = 0
        names[slot] = ""
        freeSlots.append(slot)
        compactIfWorthIt()
    }

    private mutating func compactIfWorthIt() {
        guard garbage > 1_000, garbage > hotPlaces.count / 2 else { return }
        hotPlaces = []
        hotSchedules = []
        garbage = 0
        for slot in services.indices {
            guard let service = services[slot] else { continue }
            hot[slot] = makeHot(service)
        }
    }

    private mutating func setKey(_ key: Int64, _ slot: Int32) {
        guard key >= 0, key < Int64(Int32.max) else { return }
        let k = Int(key)
        if k >= slotByKey.count { slotByKey.append(contentsOf: repeatElement(-1, count: max(k + 1 - slotByKey.count, slotByKey.count / 2))) }
        slotByKey[k] = slot
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
        var total = 0
        for candidate in candidates {
            let h = hot[candidate.slot]
            for p in Int(h.placeStart)..<Int(h.placeStart + h.placeCount) where filter.admits(hotPlaces[p]) { total += 1 }
        }
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
        hot.withUnsafeBufferPointer { hot in
            hotPlaces.withUnsafeBufferPointer { places in
                hotSchedules.withUnsafeBufferPointer { schedules in
                    func consider(_ slot: Int, relevance: Int) {
                        let h = hot[slot]
                        guard h.alive, filter.passes(h, schedules: schedules),
                              !filter.needsCold || filter.passesCold(services[slot]!),
                              let nearness = filter.nearness(h, places: places) else { return }
                        candidates.append(Candidate(slot: slot, relevance: relevance, nearness: nearness))
                    }
                    if let text {
                        candidates.reserveCapacity(text.all.count)
                        let named = text.inName
                        var n = 0
                        for key in text.all {
                            while n < named.count && named[n] < key { n += 1 }
                            guard key >= 0, key < Int64(slotByKey.count) else { continue }
                            let slot = slotByKey[Int(key)]
                            guard slot >= 0 else { continue }
                            consider(Int(slot), relevance: n < named.count && named[n] == key ? 2 : 1)
                        }
                    } else {
                        candidates.reserveCapacity(hot.count)
                        for slot in hot.indices { consider(slot, relevance: 0) }
                    }
                }
            }
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
        if names[a.slot] != names[b.slot] { return names[a.slot] < names[b.slot] }
        return hot[a.slot].id.uuidString < hot[b.slot].id.uuidString
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
        let needsCold: Bool
        let language: String?
        let organisationID: UUID?
        let modifiedAfter: Double?
        let minimumAge: Int32?
        let maximumAge: Int32?
        let attending: UInt8
        let access: UInt8
        let checksSchedule: Bool
        let day: UInt8
        let time: Int16?
        let part: (Int16, Int16)?
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
            needsCold = language != nil || !query.taxonomyTermIDs.isEmpty || query.taxonomyID != nil
            organisationID = query.organisationID
            modifiedAfter = query.modifiedAfter?.timeIntervalSince1970
            minimumAge = query.minimumAge.map { Int32(clamping: $0) }
            maximumAge = query.maximumAge.map { Int32(clamping: $0) }
            attending = query.attending.map { DirectorySearchIndex.bit($0) } ?? 0
            access = DirectorySearchIndex.mask(query.accessibility)
            checksSchedule = query.day != nil || query.startTime != nil || query.partOfDay != nil
            day = query.day.map { DirectorySearchIndex.bit($0) } ?? 0
            time = query.startTime.map { Int16($0.minutes) }
            part = query.partOfDay.map { (Int16($0.bounds.0.minutes), Int16($0.bounds.1.minutes)) }
        }

        func squaredMetres(latitude: Double, longitude: Double) -> Double {
            guard let centre else { return .infinity }
            let dLat = (latitude - centre.latitude) * Self.metresPerDegree
            let dLon = (longitude - centre.longitude) * lonScale * Self.metresPerDegree
            return dLat * dLat + dLon * dLon
        }

        func admits(_ place: HotPlace) -> Bool {
            if let box {
                guard place.latitude >= box.minLatitude, place.latitude <= box.maxLatitude,
                      place.longitude >= box.minLongitude, place.longitude <= box.maxLongitude,
                      squaredMetres(latitude: place.latitude, longitude: place.longitude) <= limit else { return false }
            }
            return place.access & access == access
        }

        /// As `Schedule.isOpen(on:at:)` and `PartOfDay.overlaps(_:)`, on plain values.
        func isOpen(_ s: HotSchedule) -> Bool {
            if day != 0 && s.days != 0 && s.days & day == 0 { return false }
            if let time, s.opens >= 0 {
                let closes = s.closes >= 0 ? s.closes : Int16(23 * 60 + 59)
                guard s.opens <= time && time < closes else { return false }
            }
            if let (start, end) = part, s.opens >= 0 {
                let closes = s.closes >= 0 ? s.closes : s.opens
                guard s.opens < end && closes > start else { return false }
            }
            return true
        }

        func passes(_ h: Hot, schedules: UnsafeBufferPointer<HotSchedule>) -> Bool {
            if let organisationID, h.organisationID != organisationID { return false }
            if let modifiedAfter, !(h.lastModified > modifiedAfter) { return false }
            if let minimumAge, h.maximumAge < minimumAge { return false }
            if let maximumAge, h.minimumAge > maximumAge { return false }
            if query.freeOnly && !h.isFree { return false }
            if attending != 0 && h.attending & attending == 0 { return false }
            if checksSchedule {
                var open = false
                for i in Int(h.scheduleStart)..<Int(h.scheduleStart + h.scheduleCount) where isOpen(schedules[i]) {
                    open = true
                    break
                }
                if !open { return false }
            }
            return true
        }

        /// The filters that read lists (categories, languages): used only when the query has them.
        func passesCold(_ s: SearchableService) -> Bool {
            if !query.taxonomyTermIDs.isEmpty && !s.termIDs.contains(where: query.taxonomyTermIDs.contains) { return false }
            if let taxonomy = query.taxonomyID, !s.taxonomyIDs.contains(taxonomy) { return false }
            if let language, !s.languages.contains(language) { return false }
            return true
        }

        /// nil when no place passes (and one must); otherwise the squared distance to the nearest that does.
        func nearness(_ h: Hot, places: UnsafeBufferPointer<HotPlace>) -> Double? {
            var nearest = Double.infinity
            var admitted = false
            for i in Int(h.placeStart)..<Int(h.placeStart + h.placeCount) where admits(places[i]) {
                admitted = true
                nearest = min(nearest, squaredMetres(latitude: places[i].latitude, longitude: places[i].longitude))
            }
            if needsPlace && !admitted { return nil }
            return nearest
        }

        func places(of s: SearchableService) -> [SearchableService.Place] {
            let admitted = s.places.filter { admits(DirectorySearchIndex.hotPlace($0)) }
            guard centre != nil else { return admitted }
            return admitted.sorted {
                squaredMetres(latitude: $0.coordinate.latitude, longitude: $0.coordinate.longitude)
                    < squaredMetres(latitude: $1.coordinate.latitude, longitude: $1.coordinate.longitude)
            }
        }
    }
}
