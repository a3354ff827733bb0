import AlongsideCore
import FluentKit
import Foundation

/// One entry for the audit log, as written.
public struct AuditEntry: Sendable, Equatable {
    public var actorPersonID: UUID?
    public var subjectPersonID: UUID?
    public var action: AuditAction
    public var channel: String
    public var detail: String

    public init(actor: UUID?, subject: UUID?, action: AuditAction, channel: String, detail: String = "") {
        self.actorPersonID = actor
        self.subjectPersonID = subject
        self.action = action
        self.channel = channel
        self.detail = detail
    }
}

/// An audit row with the names of who acted, for showing.
public struct AuditEvent: Sendable, Equatable {
    public let id: UUID
    public let occurredAt: Date
    public let actorPersonID: UUID?
    public let actorName: String
    public let subjectPersonID: UUID?
    public let subjectName: String?
    public let action: AuditAction?
    public let actionCode: String
    public let channel: String
    public let detail: String
}

/// What an administrator searches the audit log by; empty fields match everything.
public struct AuditQuery: Sendable, Equatable {
    public var personID: UUID?
    public var action: AuditAction?
    public var from: Date?
    public var to: Date?
    public var limit = 200

    public init(personID: UUID? = nil, action: AuditAction? = nil, from: Date? = nil, to: Date? = nil) {
        self.personID = personID
        self.action = action
        self.from = from
        self.to = to
    }
}

/// Writes and reads the append-only audit log. There is no update or delete here, by design.
public struct AuditLog: Sendable {
    public init() {}

    public func record(_ entry: AuditEntry, at now: Date, on db: any Database) async throws {
        try await AuditEventRecord(
            occurredAt: now, actorPersonID: entry.actorPersonID, subjectPersonID: entry.subjectPersonID,
            action: entry.action.rawValue, channel: entry.channel, detail: entry.detail
        ).create(on: db)
    }

    /// Everything done to one person's record, newest first.
    public func events(about person: UUID, limit: Int = 500, on db: any Database) async throws -> [AuditEvent] {
        var query = AuditQuery(personID: person)
        query.limit = limit
        return try await search(query, on: db)
    }

    /// Rows matching the query (a person matches as actor or subject), newest first.
    public func search(_ query: AuditQuery, on db: any Database) async throws -> [AuditEvent] {
        let builder = AuditEventRecord.query(on: db)
        if let person = query.personID {
            builder.group(.or) { $0.filter(\.$subjectPersonID == person).filter(\.$actorPersonID == person) }
        }
        if let action = query.action { builder.filter(\.$action == action.rawValue) }
        if let from = query.from { builder.filter(\.$occurredAt >= from) }
        if let to = query.to { builder.filter(\.$occurredAt < to) }
        let rows = try await builder.sort(\.$occurredAt, .descending).limit(query.limit).all()
        let ids = Set(rows.flatMap { [$0.actorPersonID, $0.subjectPersonID].compactMap { $0 } })
        let people = try await PersonRecord.query(on: db).filter(\.$id ~~ Array(ids)).all()
        let names = Dictionary(uniqueKeysWithValues: people.compactMap { p in p.id.map { ($0, p.fullName) } })
        return rows.map { row in
            AuditEvent(
                id: row.id!, occurredAt: row.occurredAt, actorPersonID: row.actorPersonID,
                actorName: row.actorPersonID.map { names[$0] ?? "Someone no longer on Alongside" } ?? "Alongside",
                subjectPersonID: row.subjectPersonID,
                subjectName: row.subjectPersonID.flatMap { names[$0] },
                action: AuditAction(rawValue: row.action), actionCode: row.action, channel: row.channel,
                detail: row.detail)
        }
    }
}
