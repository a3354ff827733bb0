import AlongsideCore
import FluentKit
import Foundation

/// A GP practice on the place's list.
public final class PracticeRecord: Model, @unchecked Sendable {
    public static let schema = "practices"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "pcn_code") public var pcnCode: String
    @Field(key: "pcn_name") public var pcnName: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A clinician's practice: the referrals they make are counted to it, and they see its figures. One practice a clinician.
public final class PracticeClinicianRecord: Model, @unchecked Sendable {
    public static let schema = "practice_clinicians"

    @ID(key: .id) public var id: UUID?
    @Field(key: "practice_id") public var practiceID: UUID
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "added_at") public var addedAt: Date

    public init() {}
}

struct CreatePractices: AsyncMigration {
    var name: String { "2026-12-05-03-CreatePractices" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PracticeRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("pcn_code", .string, .required)
            .field("pcn_name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "code")
            .create()
        try await database.schema(PracticeClinicianRecord.schema)
            .id()
            .field("practice_id", .uuid, .required, .references(PracticeRecord.schema, "id"))
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("added_at", .datetime, .required)
            .unique(on: "person_id")
            .create()
        try await database.schema(ReferralRecord.schema).field("practice_id", .uuid, .references(PracticeRecord.schema, "id")).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReferralRecord.schema).deleteField("practice_id").update()
        try await database.schema(PracticeClinicianRecord.schema).delete()
        try await database.schema(PracticeRecord.schema).delete()
    }
}

/// A practice as pages and the API show it.
public struct Practice: Sendable, Equatable {
    public let id: UUID
    public let code: String
    public let name: String
    public let pcnCode: String
    public let pcnName: String
    /// How many clinicians are on its list, and how many referrals are counted to it.
    public let clinicians: Int
    public let referrals: Int
}

/// A clinician on a practice's list, by name and sign-in email.
public struct PracticeClinician: Sendable, Equatable {
    public let personID: UUID
    public let name: String
    public let email: String
}

/// The place's practice list, kept by an administrator: practices and their networks, and which clinicians work at each.
public struct Practices: Sendable {
    public init() {}

    /// Every practice, by name, with how many clinicians and referrals each has (for the list's own page).
    public func all(on db: any Database) async throws -> [Practice] {
        try await counted(try await PracticeRecord.query(on: db).sort(\.$name).sort(\.$code).all(), on: db)
    }

    /// Every practice's codes and names, by name: what the dashboards split and narrow by, read without counting.
    public func drafts(on db: any Database) async throws -> [PracticeDraft] {
        try await PracticeRecord.query(on: db).sort(\.$name).sort(\.$code).all()
            .map { PracticeDraft(code: $0.code, name: $0.name, pcnCode: $0.pcnCode, pcnName: $0.pcnName) }
    }

    public func find(_ id: UUID, on db: any Database) async throws -> Practice? {
        try await counted(try await PracticeRecord.query(on: db).filter(\.$id == id).all(), on: db).first
    }

    /// The records with their clinicians and referrals counted, for these practices only.
    private func counted(_ records: [PracticeRecord], on db: any Database) async throws -> [Practice] {
        guard !records.isEmpty else { return [] }
        let ids = records.compactMap(\.id)
        let sql = StoreSQL.sql(db)
        var clinicians: [UUID: Int] = [:], referrals: [UUID: Int] = [:]
        for row in try await sql.raw("""
            SELECT practice_id AS id, COUNT(*) AS n FROM practice_clinicians WHERE practice_id IN (\(binds: ids)) GROUP BY practice_id
            """).all() {
            clinicians[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        for row in try await sql.raw("SELECT practice_id AS id, COUNT(*) AS n FROM referrals WHERE practice_id IN (\(binds: ids)) GROUP BY practice_id").all() {
            referrals[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return records.map {
            Practice(id: $0.id!, code: $0.code, name: $0.name, pcnCode: $0.pcnCode, pcnName: $0.pcnName,
                     clinicians: clinicians[$0.id!] ?? 0, referrals: referrals[$0.id!] ?? 0)
        }
    }

    /// Adds a practice, or changes one (`id`). A code already on the list for another practice is refused, naming the field.
    @discardableResult
    public func save(_ draft: PracticeDraft, id: UUID? = nil, by actor: UUID, now: Date, on db: any Database) async throws -> UUID {
        try await db.writeTransaction(lock: "practice-code:\(draft.code)") { tx in
            if let other = try await PracticeRecord.query(on: tx).filter(\.$code == draft.code).first(), other.id != id {
                throw ValidationFailure([FieldError("code", "\(draft.code) is already on the list, as \(other.name)")])
            }
            // A network's name is one name: naming it differently on a second practice is a slip, not a second network.
            if let sibling = try await PracticeRecord.query(on: tx).filter(\.$pcnCode == draft.pcnCode).filter(\.$pcnName != draft.pcnName).first(),
               sibling.id != id {
                throw ValidationFailure([FieldError("pcn_name", "\(draft.pcnCode) is on the list as \"\(sibling.pcnName)\": use that name, or change it there first")])
            }
            let record: PracticeRecord
            if let id {
                guard let found = try await PracticeRecord.find(id, on: tx) else {
                    throw ValidationFailure([FieldError("code", "That practice is no longer on the list")])
                }
                record = found
            } else {
                record = PracticeRecord()
                record.createdAt = now
            }
            record.code = draft.code; record.name = draft.name; record.pcnCode = draft.pcnCode; record.pcnName = draft.pcnName
            try await record.save(on: tx)
            try await AuditLog().record(AuditEntry(actor: actor, subject: nil, action: .changedPractices, channel: "web",
                                                   detail: "\(id == nil ? "added" : "changed") practice \(draft.code) (\(draft.pcnCode))"),
                                        at: now, on: tx)
            return record.id!
        }
    }

    /// What a practice list file did: practices added, changed (name or network), and already on the list as given.
    public struct ImportSummary: Sendable, Equatable {
        public var added: Int, changed: Int, unchanged: Int
        public init(added: Int = 0, changed: Int = 0, unchanged: Int = 0) { self.added = added; self.changed = changed; self.unchanged = unchanged }
    }

    /// Adds or updates every practice in a checked list (`PracticeList.parse`), by code, in one transaction: a
    /// network left with two names (one from the file, one already on the list) refuses the whole file.
    public func importList(_ drafts: [PracticeDraft], by actor: UUID, now: Date, on db: any Database) async throws -> ImportSummary {
        try await db.writeTransaction(lock: "practice-list") { tx in
            var summary = ImportSummary()
            let existing = Dictionary(try await PracticeRecord.query(on: tx).all().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            for draft in drafts {
                if let record = existing[draft.code] {
                    guard (record.name, record.pcnCode, record.pcnName) != (draft.name, draft.pcnCode, draft.pcnName) else { summary.unchanged += 1; continue }
                    record.name = draft.name; record.pcnCode = draft.pcnCode; record.pcnName = draft.pcnName
                    try await record.save(on: tx)
                    summary.changed += 1
                } else {
                    let record = PracticeRecord()
                    record.code = draft.code; record.name = draft.name; record.pcnCode = draft.pcnCode; record.pcnName = draft.pcnName; record.createdAt = now
                    try await record.create(on: tx)
                    summary.added += 1
                }
            }
            let all = try await PracticeRecord.query(on: tx).all()
            for (network, members) in Dictionary(grouping: all, by: \.pcnCode) where Set(members.map(\.pcnName)).count > 1 {
                let names = Set(members.map(\.pcnName)).sorted().map { "\"\($0)\"" }.joined(separator: " and ")
                throw ValidationFailure([FieldError("file", "\(network) would be named both \(names): give it one name in the file, or change it on the list first")])
            }
            try await AuditLog().record(AuditEntry(actor: actor, subject: nil, action: .changedPractices, channel: "web",
                                                   detail: "practice list from a file: \(summary.added) added, \(summary.changed) changed"),
                                        at: now, on: tx)
            return summary
        }
    }

    /// Takes a practice off the list, with its clinicians' places on it. A practice that referrals are counted to
    /// stays: taking it off would move what it did to "not referred by a practice on the list".
    public func remove(_ id: UUID, by actor: UUID, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "practice-list") { tx in
            guard let record = try await PracticeRecord.find(id, on: tx) else { return }
            let counted = try await ReferralRecord.query(on: tx).filter(\.$practiceID == id).count()
            guard counted == 0 else {
                throw ValidationFailure([FieldError("remove", "\(counted == 1 ? "1 referral is" : "\(counted) referrals are") counted to \(record.name), so it stays on the list: taking it off would count what it did as not referred by a practice on the list")])
            }
            try await PracticeClinicianRecord.query(on: tx).filter(\.$practiceID == id).delete()
            try await record.delete(on: tx)
            try await AuditLog().record(AuditEntry(actor: actor, subject: nil, action: .changedPractices, channel: "web",
                                                   detail: "removed practice \(record.code)"), at: now, on: tx)
        }
    }

    /// The clinicians on a practice's list, by name.
    public func clinicians(of practice: UUID, on db: any Database) async throws -> [PracticeClinician] {
        let rows = try await PracticeClinicianRecord.query(on: db).filter(\.$practiceID == practice).all()
        guard !rows.isEmpty else { return [] }
        let ids = rows.map(\.personID)
        let people = try await PersonRecord.query(on: db).filter(\.$id ~~ ids).all()
        let accounts = Dictionary(try await AccountRecord.query(on: db).filter(\.$person.$id ~~ ids).all().map { ($0.$person.id, $0.email) },
                                  uniquingKeysWith: { a, _ in a })
        return people.map { PracticeClinician(personID: $0.id!, name: $0.fullName, email: accounts[$0.id!] ?? "") }
            .sorted { ($0.name, $0.email) < ($1.name, $1.email) }
    }

    /// Puts the clinician with this sign-in email on the practice's list, moving them from any other practice.
    /// Referrals they made before stay counted where they were made.
    public func addClinician(email: EmailAddress, to practice: UUID, by actor: UUID, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "practice-clinician:\(email.value)") { tx in
            guard let account = try await AccountRecord.query(on: tx).filter(\.$email == email.value).first() else {
                throw ValidationFailure([FieldError("email", "No one signs in as \(email.value)")])
            }
            let roles = try await RoleGrantRecord.query(on: tx).filter(\.$account.$id == account.id!).all().map(\.role)
            guard roles.contains(Role.clinician.rawValue) else {
                throw ValidationFailure([FieldError("email", "\(email.value) is not a clinician: give them the clinician role first")])
            }
            guard let record = try await PracticeRecord.find(practice, on: tx) else {
                throw ValidationFailure([FieldError("email", "That practice is no longer on the list")])
            }
            let link = try await PracticeClinicianRecord.query(on: tx).filter(\.$personID == account.$person.id).first() ?? PracticeClinicianRecord()
            link.personID = account.$person.id; link.practiceID = practice; link.addedAt = now
            try await link.save(on: tx)
            try await AuditLog().record(AuditEntry(actor: actor, subject: account.$person.id, action: .changedPractices, channel: "web",
                                                   detail: "clinician added to practice \(record.code)"), at: now, on: tx)
        }
    }

    /// Takes a clinician off the practice's list.
    public func removeClinician(_ person: UUID, from practice: UUID, by actor: UUID, now: Date, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let link = try await PracticeClinicianRecord.query(on: tx).filter(\.$personID == person).filter(\.$practiceID == practice).first()
            else { return }
            try await link.delete(on: tx)
            try await AuditLog().record(AuditEntry(actor: actor, subject: person, action: .changedPractices, channel: "web",
                                                   detail: "clinician taken off a practice's list"), at: now, on: tx)
        }
    }

    /// The practice a clinician works at, if they are on a list: one lookup, as every view of their figures asks it.
    public func practice(ofClinician person: UUID, on db: any Database) async throws -> UUID? {
        try await PracticeClinicianRecord.query(on: db).filter(\.$personID == person).first()?.practiceID
    }
}
