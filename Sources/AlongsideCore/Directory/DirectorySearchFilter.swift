import Foundation

extension DirectorySearchIndex {
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
