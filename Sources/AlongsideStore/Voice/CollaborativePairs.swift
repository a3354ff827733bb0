import AlongsideCore
import FluentKit
import Foundation

public final class PairRecord: Model, @unchecked Sendable {
    public static let schema = "collaborative_pairs"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "change") public var change: String
    @Field(key: "goals") public var goals: String
    @Field(key: "sessions_planned") public var sessionsPlanned: Int
    @OptionalField(key: "resident_id") public var residentID: UUID?
    @OptionalField(key: "professional_id") public var professionalID: UUID?
    @OptionalField(key: "resident_confirmed_at") public var residentConfirmedAt: Date?
    @OptionalField(key: "professional_confirmed_at") public var professionalConfirmedAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

public final class PairUpdateRecord: Model, @unchecked Sendable {
    public static let schema = "pair_updates"

    @ID(key: .id) public var id: UUID?
    @Field(key: "pair_id") public var pairID: UUID
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "text") public var text: String
    /// The resident's time given, in minutes.
    @OptionalField(key: "resident_minutes") public var residentMinutes: Int?
    @Field(key: "written_at") public var writtenAt: Date

    public init() {}
}

/// What a pair's work led to: a proposal or a result.
public final class PairLinkRecord: Model, @unchecked Sendable {
    public static let schema = "pair_links"

    @ID(key: .id) public var id: UUID?
    @Field(key: "pair_id") public var pairID: UUID
    @OptionalField(key: "proposal_id") public var proposalID: UUID?
    @OptionalField(key: "result_id") public var resultID: UUID?

    public init() {}
}

struct CreateCollaborativePairs: AsyncMigration {
    var name: String { "2026-12-05-CreateCollaborativePairs" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PairRecord.schema)
            .id()
            .field("title", .string, .required)
            .field("change", .string, .required)
            .field("goals", .string, .required)
            .field("sessions_planned", .int, .required)
            .field("resident_id", .uuid, .references(PersonRecord.schema, "id"))
            .field("professional_id", .uuid, .references(PersonRecord.schema, "id"))
            .field("resident_confirmed_at", .datetime)
            .field("professional_confirmed_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(PairUpdateRecord.schema)
            .id()
            .field("pair_id", .uuid, .required, .references(PairRecord.schema, "id"))
            .field("author_id", .uuid, .references(PersonRecord.schema, "id"))
            .field("text", .string, .required)
            .field("resident_minutes", .int)
            .field("written_at", .datetime, .required)
            .create()
        try await database.schema(PairLinkRecord.schema)
            .id()
            .field("pair_id", .uuid, .required, .references(PairRecord.schema, "id"))
            .field("proposal_id", .uuid, .references(ProposalRecord.schema, "id"))
            .field("result_id", .uuid, .references(CommunityResultRecord.schema, "id"))
            .create()
        for statement in [
            "CREATE INDEX collaborative_pairs_resident ON collaborative_pairs (resident_id)",
            "CREATE INDEX collaborative_pairs_professional ON collaborative_pairs (professional_id)",
            "CREATE INDEX pair_updates_pair ON pair_updates (pair_id, written_at)",
            "CREATE INDEX pair_updates_author ON pair_updates (author_id)",
        ] { try await StoreSQL.run(on: database, statement) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PairLinkRecord.schema).delete()
        try await database.schema(PairUpdateRecord.schema).delete()
        try await database.schema(PairRecord.schema).delete()
    }
}

public struct PairRefused: Error, Equatable, Sendable {
    public let message: String
    public let field: String
    public init(_ message: String, field: String = "partner") { self.message = message; self.field = field }
}

public struct PairView: Sendable, Equatable {
    public struct Update: Sendable, Equatable {
        public let author: String
        public let text: String
        public let minutes: Int?
        public let at: Date
    }
    public let id: UUID
    public let rules: PairDraft
    public let residentID: UUID?
    public let professionalID: UUID?
    public let residentName: String
    public let professionalName: String
    public let confirmed: Bool
    public let residentConfirmed: Bool
    public let professionalConfirmed: Bool
    public let updates: [Update]
    public let residentMinutes: Int
    public let proposals: [(UUID, String)]
    public let results: [(UUID, String)]

    public static func == (a: PairView, b: PairView) -> Bool { a.id == b.id && a.confirmed == b.confirmed && a.updates == b.updates }
}

/// Collaborative pairs: a resident and a professional around one project; both confirm; they post updates, record the
/// resident's time, and link what their work led to.
public struct CollaborativePairs: Sendable {
    public init() {}

    /// Registers a pair by one of the two, naming the other by their account's email. The one registering has
    /// confirmed; the other confirms on the pair's page.
    public func register(_ draft: PairDraft, by person: UUID, asResident: Bool, partnerEmail: String, now: Date, on db: any Database) async throws -> UUID {
        guard let email = try? EmailAddress(partnerEmail),
              let partner = try await AccountRecord.query(on: db).filter(\.$email == email.value).filter(\.$closedAt == nil).first() else {
            throw PairRefused("There is no Alongside account with that email address: ask them for the address they sign in with.")
        }
        let roles = Set(try await RoleGrantRecord.query(on: db).filter(\.$account.$id == partner.id!).all().compactMap { Role(rawValue: $0.role) })
        if let why = PairDraft.whyNotPartner(asResident: asResident, partnerRoles: roles, partnerIsSelf: partner.$person.id == person) { throw PairRefused(why) }
        return try await db.writeTransaction { tx in
            let pair = PairRecord()
            pair.title = draft.title; pair.change = draft.change; pair.goals = draft.goals; pair.sessionsPlanned = draft.sessionsPlanned
            pair.residentID = asResident ? person : partner.$person.id
            pair.professionalID = asResident ? partner.$person.id : person
            if asResident { pair.residentConfirmedAt = now } else { pair.professionalConfirmedAt = now }
            pair.createdAt = now
            try await pair.create(on: tx)
            return pair.id!
        }
    }

    public func confirm(_ id: UUID, by person: UUID, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "pair:\(id)") { tx in
            guard let pair = try await PairRecord.find(id, on: tx) else { throw PairRefused("There is no such pair.") }
            if pair.residentID == person { pair.residentConfirmedAt = pair.residentConfirmedAt ?? now } else if pair.professionalID == person {
                pair.professionalConfirmedAt = pair.professionalConfirmedAt ?? now
            } else { throw PairRefused("Only the two people in the pair confirm it.") }
            try await pair.save(on: tx)
        }
    }

    public func post(_ id: UUID, by person: UUID, text: String, minutes: Int?, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "pair:\(id)") { tx in
            guard let pair = try await PairRecord.find(id, on: tx) else { throw PairRefused("There is no such pair.") }
            guard pair.residentID == person || pair.professionalID == person else { throw PairRefused("Only the two people in the pair post its updates.", field: "text") }
            guard pair.residentConfirmedAt != nil && pair.professionalConfirmedAt != nil else { throw PairRefused("Both of you must confirm the pair first.", field: "text") }
            let update = PairUpdateRecord()
            update.pairID = id; update.authorID = person; update.text = text; update.residentMinutes = minutes; update.writtenAt = now
            try await update.create(on: tx)
        }
    }

    /// Links a proposal or a result the pair's work led to.
    public func link(_ id: UUID, by person: UUID, proposal: UUID?, result: UUID?, on db: any Database) async throws {
        try await db.writeTransaction(lock: "pair:\(id)") { tx in
            guard let pair = try await PairRecord.find(id, on: tx), pair.residentID == person || pair.professionalID == person else {
                throw PairRefused("Only the two people in the pair link what it led to.", field: "link")
            }
            if let proposal, try await ProposalRecord.find(proposal, on: tx) == nil { throw PairRefused("There is no such proposal.", field: "link") }
            if let result, try await CommunityResultRecord.find(result, on: tx) == nil { throw PairRefused("There is no such result.", field: "link") }
            let link = PairLinkRecord()
            link.pairID = id; link.proposalID = proposal; link.resultID = result
            try await link.create(on: tx)
        }
    }

    /// Pairs both have confirmed, and those waiting for this person's confirmation.
    public func pairs(for person: UUID?, on db: any Database) async throws -> [PairView] {
        var views: [PairView] = []
        for pair in try await PairRecord.query(on: db).sort(\.$createdAt, .descending).all() {
            let confirmed = pair.residentConfirmedAt != nil && pair.professionalConfirmedAt != nil
            guard confirmed || (person != nil && (pair.residentID == person || pair.professionalID == person)) else { continue }
            if let view = try await view(pair, on: db) { views.append(view) }
        }
        return views
    }

    /// A pair, shown to everyone once both confirmed, and before that only to the two of them.
    public func pair(_ id: UUID, for person: UUID?, on db: any Database) async throws -> PairView? {
        guard let pair = try await PairRecord.find(id, on: db) else { return nil }
        let confirmed = pair.residentConfirmedAt != nil && pair.professionalConfirmedAt != nil
        guard confirmed || (person != nil && (pair.residentID == person || pair.professionalID == person)) else { return nil }
        return try await view(pair, on: db)
    }

    func view(_ pair: PairRecord, on db: any Database) async throws -> PairView? {
        let ids = [pair.residentID, pair.professionalID].compactMap { $0 }
        let people = Dictionary(try await PersonRecord.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, "\($0.givenName) \($0.familyName)") }, uniquingKeysWith: { a, _ in a })
        let updates = try await PairUpdateRecord.query(on: db).filter(\.$pairID == pair.id!).sort(\.$writtenAt, .descending).all()
        var proposals: [(UUID, String)] = [], results: [(UUID, String)] = []
        for link in try await PairLinkRecord.query(on: db).filter(\.$pairID == pair.id!).all() {
            if let p = link.proposalID, let record = try await ProposalRecord.find(p, on: db) { proposals.append((p, record.title)) }
            if let r = link.resultID, let record = try await CommunityResultRecord.find(r, on: db) { results.append((r, record.title)) }
        }
        return PairView(
            id: pair.id!, rules: PairDraft(title: pair.title, change: pair.change, goals: pair.goals, sessionsPlanned: pair.sessionsPlanned),
            residentID: pair.residentID, professionalID: pair.professionalID,
            residentName: pair.residentID.flatMap { people[$0] } ?? "A resident", professionalName: pair.professionalID.flatMap { people[$0] } ?? "A professional",
            confirmed: pair.residentConfirmedAt != nil && pair.professionalConfirmedAt != nil,
            residentConfirmed: pair.residentConfirmedAt != nil, professionalConfirmed: pair.professionalConfirmedAt != nil,
            updates: updates.map { u in PairView.Update(author: u.authorID.flatMap { people[$0] } ?? "Someone", text: u.text, minutes: u.residentMinutes, at: u.writtenAt) },
            residentMinutes: updates.compactMap(\.residentMinutes).reduce(0, +), proposals: proposals, results: results)
    }
}
