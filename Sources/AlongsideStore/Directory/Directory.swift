import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// One page of search results: the services on this page (with the distance to the nearest location, when
/// searching near a postcode) and how many there are in all.
public struct DirectoryPage: Sendable {
    public struct Item: Sendable {
        public let listing: ServiceListing
        public let distance: Double?
    }

    public let items: [Item]
    public let totalItems: Int
    public let page: Int
    public let perPage: Int

    public var totalPages: Int { max(1, (totalItems + perPage - 1) / perPage) }
}

/// The directory of community services: writing listings whole, reading them, searching them.
public struct Directory: Sendable {
    public init() {}

    /// Writes a listing and everything in it (locations, schedules, categories) in one transaction, and
    /// re-indexes its words. The organisation must exist.
    public func save(_ listing: ServiceListing, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            let service = try await ServiceRecord.find(listing.id, on: tx) ?? ServiceRecord()
            DirectoryCoding.apply(listing, to: service)
            try await service.save(on: tx)

            try await ServiceAtLocationRecord.query(on: tx).filter(\.$service.$id == listing.id).delete()
            try await ScheduleRecord.query(on: tx).filter(\.$service.$id == listing.id).delete()
            try await ServiceTermRecord.query(on: tx).filter(\.$service.$id == listing.id).delete()
            for location in listing.locations {
                let record = try await LocationRecord.find(location.id, on: tx) ?? LocationRecord()
                DirectoryCoding.apply(location, to: record)
                try await record.save(on: tx)
                let pairing = ServiceAtLocationRecord()
                pairing.id = location.serviceAtLocationID
                pairing.$service.id = listing.id
                pairing.$location.id = location.id
                try await pairing.create(on: tx)
            }
            for schedule in listing.schedules {
                try await DirectoryCoding.record(schedule, serviceID: listing.id).create(on: tx)
            }
            for term in listing.taxonomyTermIDs {
                let record = ServiceTermRecord()
                record.$service.id = listing.id
                record.$term.id = term
                try await record.create(on: tx)
            }
            try await serviceTextIndex(for: tx).index([Self.indexedText(listing, terms: try await Taxonomies().termsByID(on: tx))], on: tx)
            try await DirectoryChanges.record([listing.id], on: tx)
        }
    }

    /// Writes many new listings at once, table by table in multi-row inserts, in one transaction: for imports
    /// and generated directories. The listings and their locations must not exist yet.
    public func saveNew(_ listings: [ServiceListing], on db: any Database) async throws {
        try await db.writeTransaction { tx in
            let known = try await Taxonomies().termsByID(on: tx)
            try await DirectoryBulkRows.withRoomyCache(on: tx) {
                try await DirectoryBulkRows.insert(listings, on: tx)
                try await serviceTextIndex(for: tx).index(listings.map { Self.indexedText($0, terms: known) }, on: tx)
            }
            try await DirectoryChanges.record(listings.count > 1_000 ? nil : listings.map(\.id), on: tx)
        }
    }

    /// The words a service is found by: its name, then its description, who it is for and its categories' names.
    static func indexedText(_ listing: ServiceListing, terms: [UUID: TaxonomyTerm]) -> IndexedText {
        let termNames = listing.taxonomyTermIDs.compactMap { terms[$0]?.name }
        return IndexedText(serviceID: listing.id, name: listing.name,
                           body: ([listing.description, listing.eligibility ?? ""] + termNames).joined(separator: " "))
    }

    public func listing(id: UUID, on db: any Database) async throws -> ServiceListing? {
        try await listings(ids: [id], on: db).first
    }

    /// Loads listings whole, in four queries however many there are (in chunks of a few thousand ids).
    public func listings(ids: [UUID]? = nil, on db: any Database) async throws -> [ServiceListing] {
        guard let ids else { return try await DirectoryRows.listings(nil, on: db) }
        var listings: [ServiceListing] = []
        for chunk in ids.chunked(5_000) { listings += try await DirectoryRows.listings(Array(chunk), on: db) }
        return listings
    }

    /// Services matching every part of the query, most relevant first (every word in the name, then words
    /// found elsewhere), then nearest, then by name. The text match comes from the engine's full-text index;
    /// every other filter, the count and the page come from the search facts held in `cache`. Only the page's
    /// listings are then loaded.
    public func search(_ query: DirectoryQuery, centre: Coordinate?, cache: DirectorySearchCache = DirectorySearchCache(),
                       on db: any Database) async throws -> DirectoryPage {
        let index = try await cache.current(on: db)
        let words = searchWords(query.text)
        let text = words.isEmpty ? nil : try await cache.matches(words, on: db)
        let result = index.search(query, centre: centre, text: text)
        let listings = try await cache.listings(result.hits.map(\.id), on: db)
        let items = result.hits.compactMap { hit in
            listings[hit.id].map { listing in DirectoryPage.Item(listing: listing, distance: centre.flatMap { listing.nearest(to: $0)?.1 }) }
        }
        return DirectoryPage(items: items, totalItems: result.total, page: query.page, perPage: query.perPage)
    }

    /// The same search, as the places each service is at (ORUK `service_at_locations`): one item a place,
    /// paged over places.
    public func searchPlaces(_ query: DirectoryQuery, centre: Coordinate?, cache: DirectorySearchCache = DirectorySearchCache(),
                             on db: any Database) async throws -> (items: [(ServiceListing, ListingLocation)], total: Int) {
        let index = try await cache.current(on: db)
        let words = searchWords(query.text)
        let text = words.isEmpty ? nil : try await cache.matches(words, on: db)
        let (places, total) = index.searchPlaces(query, centre: centre, text: text)
        let byID = try await cache.listings(Array(Set(places.map(\.serviceID))), on: db)
        let items = places.compactMap { place -> (ServiceListing, ListingLocation)? in
            guard let listing = byID[place.serviceID],
                  let location = listing.locations.first(where: { $0.serviceAtLocationID == place.serviceAtLocationID }) else { return nil }
            return (listing, location)
        }
        return (items, total)
    }

    public func taxonomyTerms(on db: any Database) async throws -> [TaxonomyTermRecord] {
        try await TaxonomyTermRecord.query(on: db).sort(\.$name).all()
    }
}
