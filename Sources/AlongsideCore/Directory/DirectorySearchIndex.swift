import Foundation

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

    private func smallest(_ k: Int, of candidates: [Candidate]) -> [Candidate] {
        candidates.first(k, by: precedes)
    }
}
