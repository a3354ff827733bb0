import AlongsideCore
import FluentKit
import SQLKit
import Foundation

/// Telling one person's referrals apart from another's: likely duplicates for the team, and the person
/// adding to their own open request instead of asking twice.
extension Referrals {
    /// Open episodes that are probably the same person (the rule is `ReferralIdentity.likelySame`), oldest first.
    public func likelyDuplicates(of referral: ReferralRecord, on db: any Database) async throws -> [ReferralRecord] {
        try await likelyDuplicates(among: [ReferralSummary(referral)], on: db)[referral.id!]?.map(\.0) ?? []
    }

    /// For each referral given, the other open episodes that are probably the same person and why, oldest
    /// first — in two queries whatever the number of referrals (by NHS number, and by date of birth).
    public func likelyDuplicates(among referrals: [ReferralSummary], on db: any Database) async throws -> [UUID: [(ReferralRecord, DuplicateReason)]] {
        guard !referrals.isEmpty else { return [:] }
        let open = Set(EpisodeStage.allCases.filter(\.isOpen).map(\.rawValue))
        // Candidates by NHS number or date of birth alone, open or not, read narrowly (only what telling people
        // apart needs); the ended ones are left out here. Asked for together with the open stages, SQLite chose
        // the stage index and read most of the table.
        struct Candidate { let id: UUID; let identity: ReferralIdentity; let createdAt: Date }
        let sql = StoreSQL.sql(db)
        let numbers = Array(Set(referrals.compactMap(\.nhsNumber)))
        var conditions: [SQLQueryString] = ["birth_date IN (\(binds: Array(Set(referrals.map(\.birthDate)))))"]
        if !numbers.isEmpty { conditions.append("nhs_number IN (\(binds: numbers))") }
        var unique: [UUID: Candidate] = [:]
        for condition in conditions {
            for row in try await sql.raw("""
                SELECT id, nhs_number, given_name, family_name, birth_date, postcode, stage, created_at FROM referrals WHERE \(condition)
                """).all() where open.contains(try row.decode(column: "stage", as: String.self)) {
                let id = try row.decode(column: "id", as: UUID.self)
                unique[id] = Candidate(id: id, identity: ReferralIdentity(
                    nhsNumber: try row.decode(column: "nhs_number", as: String?.self), givenName: try row.decode(column: "given_name", as: String.self),
                    familyName: try row.decode(column: "family_name", as: String.self), birthDate: try row.decode(column: "birth_date", as: String.self),
                    postcode: try row.decode(column: "postcode", as: String.self)), createdAt: try row.decode(column: "created_at", as: Date.self))
            }
        }
        let sorted = unique.values.sorted { ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString) }
        var matched: [UUID: [(UUID, DuplicateReason)]] = [:]
        for r in referrals {
            let matches = sorted.compactMap { c in c.id == r.id ? nil : r.identity.likelySame(as: c.identity).map { (c.id, $0) } }
            if !matches.isEmpty { matched[r.id] = matches }
        }
        // Only the matches are read in full.
        let records = Dictionary(try await self.referrals(Array(Set(matched.values.flatMap { $0.map(\.0) })), on: db).map { ($0.id!, $0) },
                                 uniquingKeysWith: { a, _ in a })
        var found: [UUID: [(ReferralRecord, DuplicateReason)]] = [:]
        for (id, matches) in matched { found[id] = matches.compactMap { m in records[m.0].map { ($0, m.1) } } }
        return found
    }

    /// The person adds to their own open request instead of making a second one: their words are kept beside
    /// the request, dated, and new needs join the request's needs so the caseload finds them. Refused with
    /// `MoveRefused` once the episode has ended (they ask again then).
    public func add(_ addition: ReferralAddition, to id: UUID, by actor: UUID?, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "referral:\(id)") { tx in
            guard let r = try await ReferralRecord.find(id, on: tx) else { throw ReferralNotFound() }
            guard r.currentStage.isOpen else {
                throw MoveRefused(message: "This request has ended, so nothing more can be added to it. Ask for a link worker again instead.", allowed: [], field: "text")
            }
            let tidy = try addition.validated(against: r.needList)
            let record = EpisodeAdditionRecord()
            record.referralID = id
            record.text = tidy.text
            record.needs = StoredCodes.text(tidy.needs)
            record.addedBy = actor
            record.addedAt = now
            try await record.create(on: tx)
            if !tidy.needs.isEmpty {
                r.needs = StoredCodes.text(r.needList + tidy.needs)
                try await r.save(on: tx)
            }
            try await AuditLog().record(AuditEntry(actor: actor, subject: r.personID, action: .changedReferral, channel: "web", detail: "added to by the person"),
                                        at: now, on: tx)
        }
    }

    public func additions(_ id: UUID, on db: any Database) async throws -> [EpisodeAdditionRecord] {
        try await EpisodeAdditionRecord.query(on: db).filter(\.$referralID == id).sort(\.$addedAt).all()
    }
}
