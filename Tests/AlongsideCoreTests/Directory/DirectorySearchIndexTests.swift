import AlongsideCore
import Foundation
import Testing

@Suite struct DirectorySearchIndexTests {
    let lancaster = Coordinate(latitude: 54.0466, longitude: -2.8007)
    let organisation = UUID()
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func service(_ key: Int64, _ name: String, at places: [Coordinate], days: [Weekday] = [.tuesday], free: Bool = true,
                 access: [AccessibilityFeature] = []) -> SearchableService {
        let listing = ServiceListing(
            id: UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", key))!, organisationID: organisation,
            organisationName: "Trust", name: name, description: "x", isFree: free,
            locations: places.enumerated().map { i, place in
                ListingLocation(id: UUID(), serviceAtLocationID: UUID(uuidString: String(format: "00000000-0000-4000-9000-%06d%06d", key, i))!,
                                name: "Place \(i)", address: "1 Road", town: "Lancaster", postcode: "LA1 1AA", coordinate: place,
                                accessibility: access)
            },
            schedules: days.map { .weekly($0, from: TimeOfDay(hour: 10, minute: 0), to: TimeOfDay(hour: 12, minute: 0)) },
            lastModified: now, lastChecked: now)
        return SearchableService(key: key, listing: listing, taxonomyIDs: [])
    }

    /// A point `km` kilometres north of Lancaster.
    func north(_ km: Double) -> Coordinate { Coordinate(latitude: lancaster.latitude + km / 111.195, longitude: lancaster.longitude) }

    @Test func wordsInTheNameComeFirstThenTheNearest() {
        let index = DirectorySearchIndex([
            service(1, "Book club", at: [north(1)]),
            service(2, "Walking football", at: [north(4)]),
            service(3, "Walking netball", at: [north(2)]),
            service(4, "Lunch club", at: [north(0.5)]),
        ])
        var query = DirectoryQuery()
        query.text = "walking"
        // The text index found all four; 2 and 3 have the word in their name.
        let result = index.search(query, centre: lancaster, text: TextMatches(all: [1, 2, 3, 4], inName: [2, 3]))
        #expect(result.hits.map(\.id) == [3, 2, 4, 1].map { id(for: $0, in: index) })
        #expect(result.total == 4)
        #expect(abs(result.hits[0].distance! - 2_000) < 5)
    }

    func id(for key: Int64, in index: DirectorySearchIndex) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", key))!
    }

    @Test func distanceDayAccessAndCostFilterAndTheTotalCountsEverything() {
        let index = DirectorySearchIndex([
            service(1, "Near Tuesday", at: [north(1)], access: [.stepFree]),
            service(2, "Far Tuesday", at: [north(9)], access: [.stepFree]),
            service(3, "Near Friday", at: [north(1)], days: [.friday], access: [.stepFree]),
            service(4, "Near paid", at: [north(2)], free: false, access: [.stepFree]),
            service(5, "Near with steps", at: [north(2)]),
        ])
        var query = DirectoryQuery()
        query.proximity = 5_000
        query.day = .tuesday
        query.freeOnly = true
        #expect(index.search(query, centre: lancaster, text: nil).hits.map(\.id) == [id(for: 1, in: index), id(for: 5, in: index)])
        query.accessibility = [.stepFree]
        #expect(index.search(query, centre: lancaster, text: nil).hits.map(\.id) == [id(for: 1, in: index)])
        query = DirectoryQuery()
        #expect(index.search(query, centre: nil, text: nil).total == 5)
    }

    @Test func anyPageIsTheSameSliceAsSortingEverything() {
        var services: [SearchableService] = []
        var random = SeededGenerator(seed: 3)
        for key in 1...500 {
            services.append(service(Int64(key), "Group \(Int.random(in: 0..<50, using: &random))", at: [north(Double.random(in: 0...9, using: &random))]))
        }
        let index = DirectorySearchIndex(services)
        var query = DirectoryQuery()
        query.perPage = 500
        let everything = index.search(query, centre: lancaster, text: nil).hits.map(\.id)
        #expect(everything.count == 500)
        query.perPage = 20
        for page in [1, 2, 13, 25] {
            query.page = page
            #expect(index.search(query, centre: lancaster, text: nil).hits.map(\.id) == Array(everything[(page - 1) * 20..<page * 20]))
        }
        query.page = 26
        let past = index.search(query, centre: lancaster, text: nil)
        #expect(past.hits.isEmpty && past.total == 500)
    }

    @Test func placesArePagedOverPlacesNotServices() {
        let index = DirectorySearchIndex([
            service(1, "Two halls", at: [north(3), north(1)]),
            service(2, "One hall", at: [north(2)]),
            service(3, "Too far", at: [north(20)]),
        ])
        var query = DirectoryQuery()
        query.proximity = 5_000
        query.perPage = 2
        let first = index.searchPlaces(query, centre: lancaster, text: nil)
        #expect(first.total == 3)
        #expect(first.hits.map(\.serviceID) == [id(for: 1, in: index), id(for: 1, in: index)])
        query.page = 2
        #expect(index.searchPlaces(query, centre: lancaster, text: nil).hits.map(\.serviceID) == [id(for: 2, in: index)])
    }

    @Test func replacingAndRemovingAServiceChangesWhatIsFound() {
        var index = DirectorySearchIndex([service(1, "Choir", at: [north(1)]), service(2, "Walk", at: [north(1)])])
        index.replace(service(7, "Walk", at: [north(1)], days: [.friday]).with(id: id(for: 2, in: index)))
        var query = DirectoryQuery()
        query.day = .friday
        #expect(index.search(query, centre: nil, text: nil).hits.map(\.id) == [id(for: 2, in: index)])
        #expect(index.search(DirectoryQuery(), centre: nil, text: TextMatches(all: [2], inName: [])).total == 0)
        #expect(index.search(DirectoryQuery(), centre: nil, text: TextMatches(all: [7], inName: [])).total == 1)
        index.remove(id: id(for: 1, in: index))
        #expect(index.count == 1)
        #expect(index.search(DirectoryQuery(), centre: nil, text: TextMatches(all: [1], inName: [])).total == 0)
    }
}

extension SearchableService {
    func with(id: UUID) -> SearchableService {
        var copy = self
        copy.id = id
        return copy
    }
}
