import AlongsideCore
import FluentKit
import Foundation

/// A change waiting for review, with what it changes.
public struct PendingChange: Sendable {
    public let id: UUID
    public let serviceID: UUID
    public let organisationName: String
    public let proposedAt: Date
    public let proposed: ServiceListing
    public let changes: [FieldChange]
}

/// A version of a listing as it went live.
public struct ListingVersion: Sendable {
    public let version: Int
    public let changedAt: Date
    public let changedBy: String
    public let summary: String
    public let listing: ServiceListing
}

/// Organisations change their listings through here: a change goes live at once when the person may
/// publish directly (the caller has asked the permission policy), or waits for an administrator. Every
/// version that goes live is kept, so it can be compared and restored.
public struct ListingEditor: Sendable {
    public enum Outcome: Equatable, Sendable { case published, awaitingReview }

    public init() {}

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys]
        return e
    }()
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    static func snapshot(_ listing: ServiceListing) throws -> String {
        String(decoding: try encoder.encode(listing), as: UTF8.self)
    }

    static func listing(_ snapshot: String) throws -> ServiceListing {
        try decoder.decode(ServiceListing.self, from: Data(snapshot.utf8))
    }

    public func isTrusted(_ organisationID: UUID, on db: any Database) async throws -> Bool {
        guard let org = try await OrganisationRecord.find(organisationID, on: db) else { return false }
        return try await StoreSQL.sql(db).raw("SELECT trusted FROM organisations WHERE id = \(bind: org.id!)").first()?
            .decode(column: "trusted", as: Bool.self) ?? false
    }

    public func setTrusted(_ organisationID: UUID, _ trusted: Bool, on db: any Database) async throws {
        try await StoreSQL.sql(db).raw("UPDATE organisations SET trusted = \(bind: trusted) WHERE id = \(bind: organisationID)").run()
    }

    /// Checks the listing, then publishes it or files it for review. Nothing is written if it is invalid.
    public func propose(_ listing: ServiceListing, by person: UUID?, publishDirectly: Bool, now: Date,
                        on db: any Database) async throws -> Outcome {
        try listing.validate()
        var listing = listing
        listing.lastModified = now
        listing.lastChecked = now
        if publishDirectly {
            try await publish(listing, by: person, now: now, on: db)
            return .published
        }
        let change = ListingChangeRecord()
        change.serviceID = listing.id
        change.$organisation.id = listing.organisationID
        change.snapshot = try Self.snapshot(listing)
        change.status = ListingChangeRecord.Status.pending.rawValue
        change.proposedBy = person
        change.proposedAt = now
        try await change.create(on: db)
        return .awaitingReview
    }

    /// Puts a version live and records it in the history, in one transaction.
    public func publish(_ listing: ServiceListing, by person: UUID?, now: Date, summary: String? = nil, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            let previous = try await Directory().listing(id: listing.id, on: tx)
            try await Directory().save(listing, on: tx)
            let last = try await ListingVersionRecord.query(on: tx).filter(\.$serviceID == listing.id).sort(\.$version, .descending).first()
            let version = ListingVersionRecord()
            version.serviceID = listing.id
            version.version = (last?.version ?? 0) + 1
            version.snapshot = try Self.snapshot(listing)
            version.changedBy = person
            version.changedAt = now
            version.summary = summary ?? (previous == nil ? "Listed" : ListingDiff.changes(from: previous, to: listing).map(\.field).joined(separator: ", "))
            try await version.create(on: tx)
        }
    }

    public func pending(on db: any Database) async throws -> [PendingChange] {
        let rows = try await ListingChangeRecord.query(on: db).filter(\.$status == ListingChangeRecord.Status.pending.rawValue)
            .with(\.$organisation).sort(\.$proposedAt).all()
        var result: [PendingChange] = []
        for row in rows {
            let proposed = try Self.listing(row.snapshot)
            let current = try await Directory().listing(id: row.serviceID, on: db)
            result.append(PendingChange(id: row.id!, serviceID: row.serviceID, organisationName: row.organisation.name,
                                        proposedAt: row.proposedAt, proposed: proposed,
                                        changes: ListingDiff.changes(from: current, to: proposed)))
        }
        return result
    }

    /// Approves a pending change: it goes live. Throws if it is no longer pending.
    public func approve(_ changeID: UUID, by reviewer: UUID?, now: Date, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let change = try await ListingChangeRecord.find(changeID, on: tx),
                  change.status == ListingChangeRecord.Status.pending.rawValue
            else { throw FieldError("change", "This change has already been reviewed.") }
            change.status = ListingChangeRecord.Status.approved.rawValue
            change.reviewedBy = reviewer
            change.reviewedAt = now
            try await change.save(on: tx)
            try await publish(try Self.listing(change.snapshot), by: change.proposedBy, now: now, on: tx)
        }
    }

    /// Turns a change down, with a reason the organisation sees.
    public func reject(_ changeID: UUID, note: String, by reviewer: UUID?, now: Date, on db: any Database) async throws {
        let reason = try Text.required(note, field: "note", label: "why the change was not accepted", maxLength: 1000, multiline: true)
        guard let change = try await ListingChangeRecord.find(changeID, on: db),
              change.status == ListingChangeRecord.Status.pending.rawValue
        else { throw FieldError("change", "This change has already been reviewed.") }
        change.status = ListingChangeRecord.Status.rejected.rawValue
        change.reviewedBy = reviewer
        change.reviewedAt = now
        change.reviewNote = reason
        try await change.save(on: db)
    }

    /// Every version that went live, newest first.
    public func history(of serviceID: UUID, on db: any Database) async throws -> [ListingVersion] {
        let rows = try await ListingVersionRecord.query(on: db).filter(\.$serviceID == serviceID).sort(\.$version, .descending).all()
        let people = try await PersonRecord.query(on: db).filter(\.$id ~~ rows.compactMap(\.changedBy)).all()
        let names = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0.fullName) })
        return try rows.map {
            ListingVersion(version: $0.version, changedAt: $0.changedAt, changedBy: $0.changedBy.flatMap { names[$0] } ?? "Alongside",
                           summary: $0.summary, listing: try Self.listing($0.snapshot))
        }
    }

    /// Puts an earlier version live again, as a new version.
    public func restore(_ serviceID: UUID, version: Int, by person: UUID?, now: Date, on db: any Database) async throws {
        guard let row = try await ListingVersionRecord.query(on: db).filter(\.$serviceID == serviceID).filter(\.$version == version).first() else {
            throw FieldError("version", "There is no version \(version) of this listing.")
        }
        var listing = try Self.listing(row.snapshot)
        listing.lastModified = now
        listing.lastChecked = now
        try await publish(listing, by: person, now: now, summary: "Restored version \(version)", on: db)
    }

    /// One click: the service is full, or has this many spaces. Counts as checking the listing.
    public func setCapacity(_ capacity: Capacity, of serviceID: UUID, now: Date, on db: any Database) async throws {
        guard var listing = try await Directory().listing(id: serviceID, on: db) else {
            throw FieldError("service", "There is no such service.")
        }
        listing.capacity = capacity
        listing.lastChecked = now
        listing.lastModified = now
        try await Directory().save(listing, on: db)
    }

    /// "Still correct": the organisation has looked and nothing has changed. Only the day it was checked moves.
    public func markChecked(_ serviceID: UUID, now: Date, on db: any Database) async throws {
        guard var listing = try await Directory().listing(id: serviceID, on: db) else {
            throw FieldError("service", "There is no such service.")
        }
        listing.lastChecked = now
        try await Directory().save(listing, on: db)
    }

    /// Changes waiting for review from these organisations, oldest first.
    public func pending(organisations: Set<UUID>, on db: any Database) async throws -> [(serviceID: UUID, name: String, proposedAt: Date)] {
        guard !organisations.isEmpty else { return [] }
        return try await ListingChangeRecord.query(on: db).filter(\.$status == ListingChangeRecord.Status.pending.rawValue)
            .filter(\.$organisation.$id ~~ Array(organisations)).sort(\.$proposedAt).all()
            .map { (serviceID: $0.serviceID, name: (try? Self.listing($0.snapshot).name) ?? "A listing", proposedAt: $0.proposedAt) }
    }

    /// How many listings have not been checked since `before`.
    public func staleCount(before: Date, on db: any Database) async throws -> Int {
        try await ServiceRecord.query(on: db).filter(\.$lastChecked < before).count()
    }

    /// Every organisation by name, and whether its wording changes go live at once.
    public func organisationsAndTrust(on db: any Database) async throws -> [(id: UUID, name: String, trusted: Bool)] {
        try await StoreSQL.sql(db).raw("SELECT id, name, trusted FROM organisations ORDER BY name").all().map {
            (id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self),
             trusted: try $0.decode(column: "trusted", as: Bool.self))
        }
    }

    /// Listings not checked since `before`, oldest first, optionally for some organisations only.
    public func stale(before: Date, organisations: Set<UUID>? = nil, on db: any Database) async throws -> [ServiceListing] {
        let query = ServiceRecord.query(on: db).filter(\.$lastChecked < before)
        if let organisations { query.filter(\.$organisation.$id ~~ Array(organisations)) }
        let ids = try await query.all(\.$id)
        return try await Directory().listings(ids: ids, on: db).sorted { $0.lastChecked < $1.lastChecked }
    }
}
