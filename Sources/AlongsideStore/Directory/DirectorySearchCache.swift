import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Search keys for services, the text index keyed by them, and the directory's change log, so that each app
/// server can keep the directory's search facts in memory and learn cheaply what changed.
struct CreateDirectorySearch: AsyncMigration {
    var name: String { "2026-11-25-13-CreateDirectorySearch" }

    func prepare(on database: any Database) async throws {
        switch StoreSQL.engine(of: database) {
        case .sqlite:
            try await StoreSQL.run(on: database, "ALTER TABLE services ADD COLUMN search_key INTEGER")
            try await StoreSQL.run(on: database, "UPDATE services SET search_key = rowid")
            try await StoreSQL.run(on: database, """
                CREATE TRIGGER services_search_key AFTER INSERT ON services FOR EACH ROW WHEN NEW.search_key IS NULL
                BEGIN UPDATE services SET search_key = (SELECT COALESCE(MAX(search_key), 0) + 1 FROM services) WHERE id = NEW.id; END
                """)
            try await StoreSQL.run(on: database, "CREATE TABLE directory_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)")
            try await StoreSQL.run(on: database, "CREATE TABLE directory_changes (version INTEGER NOT NULL, service_id BLOB)")
        case .postgres:
            try await StoreSQL.run(on: database, "ALTER TABLE services ADD COLUMN search_key BIGSERIAL")
            try await StoreSQL.run(on: database, "CREATE TABLE directory_version (id integer PRIMARY KEY, version bigint NOT NULL)")
            try await StoreSQL.run(on: database, "CREATE TABLE directory_changes (version bigint NOT NULL, service_id uuid)")
        }
        try await StoreSQL.run(on: database, "CREATE UNIQUE INDEX services_search_key ON services (search_key)")
        try await StoreSQL.run(on: database, "CREATE INDEX directory_changes_version ON directory_changes (version)")
        try await StoreSQL.run(on: database, "INSERT INTO directory_version (id, version) VALUES (1, 0)")
        // The text index is rebuilt keyed by search key, with the name apart from the rest.
        let index = serviceTextIndex(for: database)
        try await index.drop(on: database)
        try await index.create(on: database)
        let terms = try await Taxonomies().termsByID(on: database)
        try await index.index(try await Directory().listings(on: database).map { Directory.indexedText($0, terms: terms) }, on: database)
    }

    func revert(on database: any Database) async throws {
        try await StoreSQL.run(on: database, "DROP TABLE directory_changes")
        try await StoreSQL.run(on: database, "DROP TABLE directory_version")
    }
}

/// The directory's change log: every write of services bumps one version number (serialising writers, so
/// versions become visible in order) and notes which services changed, or that everything may have.
public enum DirectoryChanges {
    /// Notes a change inside the writing transaction. `nil` means "reload everything" (bulk loads).
    static func record(_ serviceIDs: [UUID]?, on tx: any Database) async throws {
        let sql = StoreSQL.sql(tx)
        guard let row = try await sql.raw("UPDATE directory_version SET version = version + 1 WHERE id = 1 RETURNING version").first()
        else { return }
        let version = try row.decode(column: "version", as: Int64.self)
        guard let serviceIDs else {
            try await sql.raw("INSERT INTO directory_changes (version, service_id) VALUES (\(bind: version), NULL)").run()
            return
        }
        for chunk in serviceIDs.chunked(400) {
            var insert = sql.insert(into: "directory_changes").columns("version", "service_id")
            for id in chunk { insert = insert.values(SQLBind(version), SQLBind(id)) }
            try await insert.run()
        }
    }

    public static func version(on db: any Database) async throws -> Int64 {
        try await StoreSQL.sql(db).raw("SELECT version FROM directory_version WHERE id = 1").first()?.decode(column: "version", as: Int64.self) ?? 0
    }

    /// The services changed after `version` (`nil`: everything may have).
    static func changed(since version: Int64, on db: any Database) async throws -> [UUID]? {
        let rows = try await StoreSQL.sql(db).raw("SELECT service_id FROM directory_changes WHERE version > \(bind: version)").all()
        var ids: Set<UUID> = []
        for row in rows {
            guard let id = try row.decode(column: "service_id", as: UUID?.self) else { return nil }
            ids.insert(id)
        }
        return Array(ids)
    }
}

/// One app server's in-memory search facts for the whole directory. Each search asks the database for the
/// directory's version (one tiny query); when it moved, only the services changed since are reloaded, so what
/// any server finds is never older than the last committed change.
public actor DirectorySearchCache {
    private var index = DirectorySearchIndex()
    private var version: Int64 = -1
    private var refreshing: Task<(DirectorySearchIndex, Int64), any Error>?

    public init() {}

    /// The facts as of now.
    public func current(on db: any Database) async throws -> DirectorySearchIndex {
        let latest = try await DirectoryChanges.version(on: db)
        if latest == version { return index }
        if let refreshing {
            let (fresh, seen) = try await refreshing.value
            if seen >= latest { return fresh }
        }
        let (base, baseVersion) = (index, version)
        let task = Task { try await Self.refresh(base, from: baseVersion, to: latest, on: db) }
        refreshing = task
        defer { refreshing = nil }
        let (fresh, seen) = try await task.value
        if seen > version {
            index = fresh
            version = seen
        }
        return fresh
    }

    /// Brings `base` (as of `from`) up to at least `to`. The version is read before the facts, so facts may be
    /// newer than the version says — never older — and the next search reloads what changed in between.
    private static func refresh(_ base: DirectorySearchIndex, from: Int64, to: Int64, on db: any Database) async throws
        -> (DirectorySearchIndex, Int64)
    {
        var index = base
        let changed: [UUID]? = from < 0 ? nil : try await DirectoryChanges.changed(since: from, on: db)
        if let changed, changed.count < 20_000 {
            let fresh = try await facts(ids: changed, on: db)
            for id in changed where fresh[id] == nil { index.remove(id: id) }
            for service in fresh.values { index.replace(service) }
        } else {
            index = DirectorySearchIndex(Array(try await facts(ids: nil, on: db).values))
        }
        return (index, to)
    }

    /// Search facts for these services (all when nil): four plain queries, however many services there are.
    public static func facts(ids: [UUID]?, on db: any Database) async throws -> [UUID: SearchableService] {
        let sql = StoreSQL.sql(db)
        func only(_ column: String) -> SQLQueryString {
            guard let ids else { return "" }
            return " WHERE " + SQLQueryString(column) + " IN (\(binds: ids))"
        }
        var places: [UUID: [SearchableService.Place]] = [:]
        for row in try await sql.raw("""
            SELECT sal.service_id AS service_id, sal.id AS pairing_id, l.id AS location_id, l.latitude AS latitude,
                   l.longitude AS longitude, l.accessibility AS accessibility
            FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
            """ + only("sal.service_id")).all() {
            places[try row.decode(column: "service_id", as: UUID.self), default: []].append(SearchableService.Place(
                serviceAtLocationID: try row.decode(column: "pairing_id", as: UUID.self),
                locationID: try row.decode(column: "location_id", as: UUID.self),
                coordinate: Coordinate(latitude: try row.decode(column: "latitude", as: Double.self),
                                       longitude: try row.decode(column: "longitude", as: Double.self)),
                accessibility: DirectoryCoding.list(try row.decode(column: "accessibility", as: String.self)).compactMap(AccessibilityFeature.init(rawValue:))))
        }
        var schedules: [UUID: [Schedule]] = [:]
        for row in try await sql.raw("""
            SELECT service_id, freq, "interval" AS every, byday, bymonthday, opens_at, closes_at, valid_from, valid_to, notes FROM schedules
            """ + only("service_id")).all() {
            schedules[try row.decode(column: "service_id", as: UUID.self), default: []].append(DirectoryCoding.schedule(
                freq: try row.decode(column: "freq", as: String.self), interval: try row.decode(column: "every", as: Int.self),
                byday: try row.decode(column: "byday", as: String.self), bymonthday: try row.decode(column: "bymonthday", as: String.self),
                opensAt: try row.decode(column: "opens_at", as: String?.self), closesAt: try row.decode(column: "closes_at", as: String?.self),
                validFrom: try row.decode(column: "valid_from", as: Date?.self), validTo: try row.decode(column: "valid_to", as: Date?.self),
                notes: try row.decode(column: "notes", as: String.self)))
        }
        var terms: [UUID: [(UUID, UUID)]] = [:]
        for row in try await sql.raw("""
            SELECT st.service_id AS service_id, st.taxonomy_term_id AS term_id, tt.taxonomy_id AS taxonomy_id
            FROM service_taxonomy_terms st JOIN taxonomy_terms tt ON tt.id = st.taxonomy_term_id
            """ + only("st.service_id")).all() {
            terms[try row.decode(column: "service_id", as: UUID.self), default: []].append(
                (try row.decode(column: "term_id", as: UUID.self), try row.decode(column: "taxonomy_id", as: UUID.self)))
        }
        var result: [UUID: SearchableService] = [:]
        for row in try await sql.raw("""
            SELECT id, search_key, name, organisation_id, last_modified, minimum_age, maximum_age, is_free, attending, languages FROM services
            """ + only("id")).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let filed = terms[id] ?? []
            result[id] = SearchableService(
                key: try row.decode(column: "search_key", as: Int64.self), id: id, name: try row.decode(column: "name", as: String.self),
                organisationID: try row.decode(column: "organisation_id", as: UUID.self),
                lastModified: try row.decode(column: "last_modified", as: Date.self),
                minimumAge: try row.decode(column: "minimum_age", as: Int?.self), maximumAge: try row.decode(column: "maximum_age", as: Int?.self),
                isFree: try row.decode(column: "is_free", as: Bool.self),
                attending: DirectoryCoding.list(try row.decode(column: "attending", as: String.self)).compactMap(AttendingMode.init(rawValue:)),
                languages: DirectoryCoding.list(try row.decode(column: "languages", as: String.self)),
                termIDs: filed.map(\.0).sorted { $0.uuidString < $1.uuidString },
                taxonomyIDs: Set(filed.map(\.1)).sorted { $0.uuidString < $1.uuidString },
                places: (places[id] ?? []).sorted { $0.serviceAtLocationID.uuidString < $1.serviceAtLocationID.uuidString },
                schedules: (schedules[id] ?? []).sorted { $0.byDay < $1.byDay })
        }
        return result
    }
}
