import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Writes many new listings as plain rows, table by table in multi-row inserts, without building a model
/// object per row: for imports and generated directories, where the model layer's per-row work cost more
/// than the database's. The rows are the ones `Directory.save` writes, column for column.
enum DirectoryBulkRows {
    /// Rows a statement, kept under both engines' limits on bound values (SQLite 32,766; PostgreSQL 65,535).
    static let rowsPerStatement = 1_000

    static func insert(_ listings: [ServiceListing], on tx: any Database) async throws {
        let sql = StoreSQL.sql(tx)
        // SQLite numbers search keys by a trigger, one update a row; numbering them here is one read. The
        // writer holds the write lock, so no other writer takes the same keys. PostgreSQL's sequence numbers them.
        var nextKey: Int64? = nil
        if StoreSQL.engine(of: tx) == .sqlite {
            nextKey = try await sql.raw("SELECT COALESCE(MAX(search_key), 0) AS top FROM services").first()?
                .decode(column: "top", as: Int64.self) ?? 0
        }
        var services: [[any SQLExpression]] = [], locations: [UUID: [any SQLExpression]] = [:], pairings: [[any SQLExpression]] = []
        var schedules: [[any SQLExpression]] = [], terms: [[any SQLExpression]] = []
        for listing in listings {
            var row = serviceRow(listing)
            if let key = nextKey {
                row.append(SQLBind(key + 1))
                nextKey = key + 1
            }
            services.append(row)
            for location in listing.locations {
                locations[location.id] = locationRow(location)
                pairings.append([SQLBind(location.serviceAtLocationID), SQLBind(listing.id), SQLBind(location.id)])
            }
            schedules += listing.schedules.map { scheduleRow($0, serviceID: listing.id) }
            terms += listing.taxonomyTermIDs.map { [SQLBind(UUID()), SQLBind(listing.id), SQLBind($0)] }
        }
        try await insert(into: "services", serviceColumns + (nextKey == nil ? [] : ["search_key"]), services, on: sql)
        try await insert(into: "locations", locationColumns, Array(locations.values), on: sql)
        try await insert(into: "service_at_locations", ["id", "service_id", "location_id"], pairings, on: sql)
        try await insert(into: "schedules", scheduleColumns, schedules, on: sql)
        try await insert(into: "service_taxonomy_terms", ["id", "service_id", "taxonomy_term_id"], terms, on: sql)
    }

    /// Runs `body` with a page cache on SQLite big enough for a bulk write: random ids spread inserts over every
    /// page of each index, and a small cache writes pages out and reads them back mid-transaction. The
    /// connection's cache goes back to SQLite's default afterwards, whatever happens.
    static func withRoomyCache<T: Sendable>(on tx: any Database, _ body: () async throws -> T) async throws -> T {
        guard StoreSQL.engine(of: tx) == .sqlite else { return try await body() }
        let sql = StoreSQL.sql(tx)
        try await sql.raw("PRAGMA cache_size = -262144").run()
        do {
            let result = try await body()
            try await sql.raw("PRAGMA cache_size = -2000").run()
            return result
        } catch {
            try? await sql.raw("PRAGMA cache_size = -2000").run()
            throw error
        }
    }

    static func insert(into table: String, _ columns: [String], _ rows: [[any SQLExpression]], on sql: any SQLDatabase) async throws {
        let perStatement = max(1, min(rowsPerStatement, 30_000 / max(1, columns.count)))
        for chunk in rows.chunked(perStatement) {
            var insert = sql.insert(into: table).columns(columns)
            for row in chunk { insert = insert.values(row) }
            try await insert.run()
        }
    }

    /// A value to bind, or SQL's NULL.
    static func bind(_ value: (any Encodable & Sendable)?) -> any SQLExpression {
        value.map { SQLBind($0) } ?? SQLLiteral.null
    }

    static let serviceColumns = ["id", "organisation_id", "name", "description", "url", "email", "phone", "status", "fees", "is_free",
                                 "cost_pence", "minimum_age", "maximum_age", "eligibility", "how_to_join", "attending", "capacity", "languages",
                                 "contacts", "last_modified", "last_checked"]

    static func serviceRow(_ listing: ServiceListing) -> [any SQLExpression] {
        [SQLBind(listing.id), SQLBind(listing.organisationID), SQLBind(listing.name), SQLBind(listing.description),
         bind(listing.url), bind(listing.email), bind(listing.phone), SQLBind("active"), bind(listing.fees), SQLBind(listing.isFree),
         bind(listing.costPence), bind(listing.minimumAge), bind(listing.maximumAge), bind(listing.eligibility), SQLBind(listing.howToJoin.rawValue),
         SQLBind(listing.attending.map(\.rawValue).joined(separator: ",")), SQLBind(DirectoryCoding.capacity(listing.capacity)),
         SQLBind(listing.languages.joined(separator: ",")), bind(DirectoryCoding.contactsJSON(listing.contacts ?? [])),
         SQLBind(listing.lastModified), SQLBind(listing.lastChecked)]
    }

    static let locationColumns = ["id", "name", "address", "town", "postcode", "latitude", "longitude", "accessibility"]

    static func locationRow(_ location: ListingLocation) -> [any SQLExpression] {
        [SQLBind(location.id), SQLBind(location.name), SQLBind(location.address), SQLBind(location.town), SQLBind(location.postcode),
         SQLBind(location.coordinate.latitude), SQLBind(location.coordinate.longitude),
         SQLBind(StoredCodes.text(location.accessibility))]
    }

    static let scheduleColumns = ["id", "service_id", "freq", "interval", "byday", "bymonthday", "opens_at", "closes_at", "valid_from",
                                  "valid_to", "notes", "closed_bank_holidays"]

    static func scheduleRow(_ schedule: Schedule, serviceID: UUID) -> [any SQLExpression] {
        [SQLBind(UUID()), SQLBind(serviceID), SQLBind(schedule.frequency.rawValue), SQLBind(schedule.interval), SQLBind(schedule.byDay),
         SQLBind(schedule.monthDays.map(String.init).joined(separator: ",")), bind(schedule.opensAt?.withSeconds),
         bind(schedule.closesAt?.withSeconds), bind(schedule.validFrom), bind(schedule.validTo), SQLBind(schedule.notes),
         SQLBind(schedule.closedOnBankHolidays)]
    }
}
