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
        // Read with plain SQL of the tables as they are at this migration (later migrations add columns).
        let sql = StoreSQL.sql(database)
        var termNames: [UUID: [String]] = [:]
        for row in try await sql.raw("""
            SELECT st.service_id AS service_id, tt.name AS name FROM service_taxonomy_terms st
            JOIN taxonomy_terms tt ON tt.id = st.taxonomy_term_id ORDER BY st.taxonomy_term_id
            """).all() {
            termNames[try row.decode(column: "service_id", as: UUID.self), default: []].append(try row.decode(column: "name", as: String.self))
        }
        var entries: [IndexedText] = []
        for row in try await sql.raw("SELECT id, name, description, eligibility FROM services").all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let body = [try row.decode(column: "description", as: String.self), try row.decode(column: "eligibility", as: String?.self) ?? ""]
                + (termNames[id] ?? [])
            entries.append(IndexedText(serviceID: id, name: try row.decode(column: "name", as: String.self), body: body.joined(separator: " ")))
        }
        try await index.index(entries, on: database)
    }

    func revert(on database: any Database) async throws {
        try await StoreSQL.run(on: database, "DROP TABLE directory_changes")
        try await StoreSQL.run(on: database, "DROP TABLE directory_version")
    }
}

/// Schedules that stop on bank holidays.
/// Contacts a service was imported with, kept so the feed serves them as it was given them.
struct AddServiceContacts: AsyncMigration {
    var name: String { "2026-12-03-03-AddServiceContacts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ServiceRecord.schema).field("contacts", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ServiceRecord.schema).deleteField("contacts").update()
    }
}

struct AddScheduleBankHolidays: AsyncMigration {
    var name: String { "2026-11-25-14-AddScheduleBankHolidays" }

    func prepare(on database: any Database) async throws {
        try await StoreSQL.run(on: database, "ALTER TABLE schedules ADD COLUMN closed_bank_holidays BOOLEAN NOT NULL DEFAULT FALSE")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ScheduleRecord.schema).deleteField("closed_bank_holidays").update()
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

/// One app server's in-memory search facts and listings for the whole directory. Each search asks the database
/// for the directory's version (one tiny query); when it moved, only the services changed since are reloaded, so
/// what any server finds and shows is never older than the last committed change.
public actor DirectorySearchCache {
    private var index = DirectorySearchIndex()
    private var version: Int64 = -1
    private var refreshing: Task<Snapshot, any Error>?

    /// The facts and listings as of one version of the directory.
    struct Snapshot: Sendable {
        var index: DirectorySearchIndex
        var listings: [UUID: ServiceListing]
        var version: Int64
    }
    /// Text matches already asked for since the directory last changed (people search the same words often).
    private var textMatches: [[String]: TextMatches] = [:]
    private var textOrder: [[String]] = []
    static let rememberedSearches = 1_000
    /// Every listing as of `version`, so a page's listings come from memory rather than the database.
    private var listings: [UUID: ServiceListing] = [:]

    /// These listings, from memory; only a service changed since the facts a search used were read is looked up.
    public func listings(_ ids: [UUID], on db: any Database) async throws -> [UUID: ServiceListing] {
        var found: [UUID: ServiceListing] = [:]
        var missing: [UUID] = []
        for id in ids {
            if let known = listings[id] { found[id] = known } else { missing.append(id) }
        }
        guard !missing.isEmpty else { return found }
        for listing in try await Directory().listings(ids: missing, on: db) { found[listing.id] = listing }
        return found
    }

    public init() {}

    /// The services matching these words, from the engine's text index or from a search made since the
    /// directory last changed.
    public func matches(_ words: [String], on db: any Database) async throws -> TextMatches {
        if let known = textMatches[words] { return known }
        let seenAt = version
        let found = try await serviceTextIndex(for: db).matches(words, on: db)
        guard seenAt == version, textMatches[words] == nil else { return found }
        if textOrder.count >= Self.rememberedSearches { textMatches[textOrder.removeFirst()] = nil }
        textMatches[words] = found
        textOrder.append(words)
        return found
    }

    /// The directory's version as of now (bringing the facts up to it), for caches of what was made from them.
    public func currentVersion(on db: any Database) async throws -> Int64 {
        _ = try await current(on: db)
        return version
    }

    private var arrivals: UInt64 = 0
    private var check: (task: Task<Int64, any Error>, start: UInt64)?

    /// The directory's version, read after this call began. Calls that arrive while a read is under way share
    /// the next one, so a busy server asks the database far less often than once a search, and never answers
    /// with a version read before the question came.
    private func latestVersion(on db: any Database) async throws -> Int64 {
        arrivals &+= 1
        let ticket = arrivals
        while true {
            if let current = check {
                if current.start >= ticket { return try await current.task.value }
                _ = try? await current.task.value
                if check?.start == current.start { check = nil }
                continue
            }
            let task = Task { try await DirectoryChanges.version(on: db) }
            check = (task, arrivals)
            return try await task.value
        }
    }

    /// The facts as of now.
    public func current(on db: any Database) async throws -> DirectorySearchIndex {
        let latest = try await latestVersion(on: db)
        if latest == version { return index }
        if let refreshing {
            let fresh = try await refreshing.value
            if fresh.version >= latest { return fresh.index }
        }
        let base = Snapshot(index: index, listings: listings, version: version)
        let task = Task { try await Self.refresh(base, to: latest, on: db) }
        refreshing = task
        defer { refreshing = nil }
        let fresh = try await task.value
        if fresh.version > version {
            (index, listings, version) = (fresh.index, fresh.listings, fresh.version)
            textMatches = [:]
            textOrder = []
        }
        return fresh.index
    }

    /// Brings `base` up to at least `to`. The version is read before the facts, so facts may be newer than the
    /// version says — never older — and the next search reloads what changed in between.
    private static func refresh(_ base: Snapshot, to: Int64, on db: any Database) async throws -> Snapshot {
        var fresh = base
        fresh.version = to
        let changed: [UUID]? = base.version < 0 ? nil : try await DirectoryChanges.changed(since: base.version, on: db)
        if let changed, changed.count < 20_000 {
            var read: [UUID: (listing: ServiceListing, facts: SearchableService)] = [:]
            for chunk in changed.chunked(5_000) {
                for row in try await DirectoryRows.listingsWithFacts(Array(chunk), on: db) { read[row.listing.id] = row }
            }
            for id in changed {
                if let row = read[id] {
                    fresh.index.replace(row.facts)
                    fresh.listings[id] = row.listing
                } else {
                    fresh.index.remove(id: id)
                    fresh.listings[id] = nil
                }
            }
        } else {
            let all = try await DirectoryRows.listingsWithFacts(nil, on: db)
            fresh.index = DirectorySearchIndex(all.map(\.facts))
            fresh.listings = Dictionary(all.map { ($0.listing.id, $0.listing) }, uniquingKeysWith: { first, _ in first })
            #if os(Linux)
            // Reading every row leaves much freed memory in the allocator's arenas; hand it back to the system.
            _ = glibcMallocTrim(0)
            #endif
        }
        return fresh
    }

    /// Search facts for these services (all when nil), from the same reading of the tables the cache keeps.
    public static func facts(ids: [UUID]?, on db: any Database) async throws -> [UUID: SearchableService] {
        Dictionary(try await DirectoryRows.listingsWithFacts(ids, on: db).map { ($0.listing.id, $0.facts) },
                   uniquingKeysWith: { first, _ in first })
    }
}

#if os(Linux)
/// glibc's `malloc_trim`, which the Glibc module does not bring in.
@_silgen_name("malloc_trim") private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
