import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Reads the directory's tables in plain SQL, a few queries for any number of services: what both whole
/// listings and the in-memory search facts are built from.
enum DirectoryRows {
    /// ` WHERE column IN (…)` for these ids, or nothing for every row.
    static func only(_ column: String, _ ids: [UUID]?) -> SQLQueryString {
        guard let ids else { return "" }
        return " WHERE " + SQLQueryString(column) + " IN (\(binds: ids))"
    }

    /// Each service's places, by name.
    static func places(_ ids: [UUID]?, on db: any Database) async throws -> [UUID: [ListingLocation]] {
        var places: [UUID: [ListingLocation]] = [:]
        for row in try await StoreSQL.sql(db).raw("""
            SELECT sal.service_id AS service_id, sal.id AS pairing_id, l.id AS location_id, l.name AS name, l.address AS address,
                   l.town AS town, l.postcode AS postcode, l.latitude AS latitude, l.longitude AS longitude, l.accessibility AS accessibility
            FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
            """ + only("sal.service_id", ids)).all() {
            places[try row.decode(column: "service_id", as: UUID.self), default: []].append(ListingLocation(
                id: try row.decode(column: "location_id", as: UUID.self), serviceAtLocationID: try row.decode(column: "pairing_id", as: UUID.self),
                name: try row.decode(column: "name", as: String.self), address: try row.decode(column: "address", as: String.self),
                town: try row.decode(column: "town", as: String.self), postcode: try row.decode(column: "postcode", as: String.self),
                coordinate: Coordinate(latitude: try row.decode(column: "latitude", as: Double.self),
                                       longitude: try row.decode(column: "longitude", as: Double.self)),
                accessibility: DirectoryCoding.list(try row.decode(column: "accessibility", as: String.self)).compactMap(AccessibilityFeature.init(rawValue:))))
        }
        return places.mapValues { $0.sorted { $0.name < $1.name } }
    }

    /// Each service's schedules.
    static func schedules(_ ids: [UUID]?, on db: any Database) async throws -> [UUID: [Schedule]] {
        var schedules: [UUID: [Schedule]] = [:]
        for row in try await StoreSQL.sql(db).raw("""
            SELECT service_id, freq, "interval" AS every, byday, bymonthday, opens_at, closes_at, valid_from, valid_to, notes, closed_bank_holidays FROM schedules
            """ + only("service_id", ids)).all() {
            schedules[try row.decode(column: "service_id", as: UUID.self), default: []].append(DirectoryCoding.schedule(
                freq: try row.decode(column: "freq", as: String.self), interval: try row.decode(column: "every", as: Int.self),
                byday: try row.decode(column: "byday", as: String.self), bymonthday: try row.decode(column: "bymonthday", as: String.self),
                opensAt: try row.decode(column: "opens_at", as: String?.self), closesAt: try row.decode(column: "closes_at", as: String?.self),
                validFrom: try row.decode(column: "valid_from", as: Date?.self), validTo: try row.decode(column: "valid_to", as: Date?.self),
                notes: try row.decode(column: "notes", as: String.self),
                closedOnBankHolidays: try row.decode(column: "closed_bank_holidays", as: Bool.self)))
        }
        return schedules.mapValues { $0.sorted { $0.byDay < $1.byDay } }
    }

    /// Each service's categories, with the taxonomy each belongs to, in id order.
    static func terms(_ ids: [UUID]?, on db: any Database) async throws -> [UUID: [(term: UUID, taxonomy: UUID)]] {
        var terms: [UUID: [(term: UUID, taxonomy: UUID)]] = [:]
        for row in try await StoreSQL.sql(db).raw("""
            SELECT st.service_id AS service_id, st.taxonomy_term_id AS term_id, tt.taxonomy_id AS taxonomy_id
            FROM service_taxonomy_terms st JOIN taxonomy_terms tt ON tt.id = st.taxonomy_term_id
            """ + only("st.service_id", ids)).all() {
            terms[try row.decode(column: "service_id", as: UUID.self), default: []].append(
                (try row.decode(column: "term_id", as: UUID.self), try row.decode(column: "taxonomy_id", as: UUID.self)))
        }
        return terms.mapValues { $0.sorted { $0.term.uuidString < $1.term.uuidString } }
    }

    /// Whole listings.
    static func listings(_ ids: [UUID]?, on db: any Database) async throws -> [ServiceListing] {
        try await listingRows(ids, on: db).map(\.listing)
    }

    /// Whole listings, each with its search facts, from one reading of the tables.
    static func listingsWithFacts(_ ids: [UUID]?, on db: any Database) async throws -> [(listing: ServiceListing, facts: SearchableService)] {
        try await listingRows(ids, on: db).map { row in
            (row.listing, SearchableService(key: row.key, listing: row.listing, taxonomyIDs: row.taxonomies))
        }
    }

    static func listingRows(_ ids: [UUID]?, on db: any Database) async throws -> [(listing: ServiceListing, key: Int64, taxonomies: [UUID])] {
        let places = try await places(ids, on: db), schedules = try await schedules(ids, on: db), terms = try await terms(ids, on: db)
        var listings: [(listing: ServiceListing, key: Int64, taxonomies: [UUID])] = []
        for row in try await StoreSQL.sql(db).raw("""
            SELECT s.id AS id, s.search_key AS search_key, s.organisation_id AS organisation_id, o.name AS organisation_name, s.name AS name,
                   s.description AS description, s.url AS url, s.email AS email, s.phone AS phone, s.fees AS fees, s.is_free AS is_free, s.cost_pence AS cost_pence,
                   s.minimum_age AS minimum_age, s.maximum_age AS maximum_age, s.eligibility AS eligibility, s.how_to_join AS how_to_join,
                   s.attending AS attending, s.capacity AS capacity, s.languages AS languages, s.last_modified AS last_modified,
                   s.last_checked AS last_checked, s.contacts AS contacts
            FROM services s JOIN organisations o ON o.id = s.organisation_id
            """ + only("s.id", ids)).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let filed = terms[id] ?? []
            listings.append((ServiceListing(
                id: id, organisationID: try row.decode(column: "organisation_id", as: UUID.self),
                organisationName: try row.decode(column: "organisation_name", as: String.self),
                name: try row.decode(column: "name", as: String.self), description: try row.decode(column: "description", as: String.self),
                url: try row.decode(column: "url", as: String?.self), email: try row.decode(column: "email", as: String?.self),
                phone: try row.decode(column: "phone", as: String?.self), fees: try row.decode(column: "fees", as: String?.self),
                isFree: try row.decode(column: "is_free", as: Bool.self), costPence: try row.decode(column: "cost_pence", as: Int?.self),
                minimumAge: try row.decode(column: "minimum_age", as: Int?.self), maximumAge: try row.decode(column: "maximum_age", as: Int?.self),
                eligibility: try row.decode(column: "eligibility", as: String?.self),
                howToJoin: HowToJoin(rawValue: try row.decode(column: "how_to_join", as: String.self)) ?? .turnUp,
                attending: DirectoryCoding.list(try row.decode(column: "attending", as: String.self)).compactMap(AttendingMode.init(rawValue:)),
                capacity: DirectoryCoding.capacity(try row.decode(column: "capacity", as: String.self)),
                languages: DirectoryCoding.list(try row.decode(column: "languages", as: String.self)),
                locations: places[id] ?? [], schedules: schedules[id] ?? [], taxonomyTermIDs: filed.map(\.term),
                contacts: DirectoryCoding.contacts(try row.decode(column: "contacts", as: String?.self)),
                lastModified: try row.decode(column: "last_modified", as: Date.self),
                lastChecked: try row.decode(column: "last_checked", as: Date.self)),
                try row.decode(column: "search_key", as: Int64.self), filed.map(\.taxonomy)))
        }
        return listings
    }
}
