import AlongsideCore
import FluentKit
import Foundation

/// Telling one person's referrals apart from another's: likely duplicates for the team, and the person
/// adding to their own open request instead of asking twice.
extension Referrals {
    /// Open episodes that are probably the same person (the rule is `ReferralIdentity.likelySame`), oldest first.
    public func likelyDuplicates(of referral: ReferralRecord, on db: any Database) async throws -> [ReferralRecord] {
        try await likelyDuplicates(among: [referral], on: db)[referral.id!]?.map(\.0) ?? []
    }

    /// For each referral given, the other open episodes that are probably the same person and why, oldest
    /// first — in two queries whatever the number of referrals (by NHS number, and by date of birth).
    public func likelyDuplicates(among referrals: [ReferralRecord], on db: any Database) async throws -> [UUID: [(ReferralRecord, DuplicateReason)]] {
        guard !referrals.isEmpty else { return [:] }
        let open = EpisodeStage.allCases.filter(\.isOpen).map(\.rawValue)
        var candidates: [ReferralRecord] = []
        let numbers = Array(Set(referrals.compactMap(\.nhsNumber)))
        if !numbers.isEmpty {
            candidates += try await ReferralRecord.query(on: db).filter(\.$nhsNumber ~~ numbers).filter(\.$stage ~~ open).all()
        }
        candidates += try await ReferralRecord.query(on: db).filter(\.$birthDate ~~ Array(Set(referrals.map(\.birthDate))))
            .filter(\.$stage ~~ open).all()
        var unique: [UUID: ReferralRecord] = [:]
        for c in candidates { unique[c.id!] = c }
        let sorted = unique.values.sorted { ($0.createdAt, $0.id!.uuidString) < ($1.createdAt, $1.id!.uuidString) }
        var found: [UUID: [(ReferralRecord, DuplicateReason)]] = [:]
        for r in referrals {
            let matches = sorted.compactMap { c in c.id == r.id ? nil : r.identity.likelySame(as: c.identity).map { (c, $0) } }
            if !matches.isEmpty { found[r.id!] = matches }
        }
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
            record.needs = tidy.needs.map(\.rawValue).joined(separator: ",")
            record.addedBy = actor
            record.addedAt = now
            try await record.create(on: tx)
            if !tidy.needs.isEmpty {
                r.needs = (r.needList + tidy.needs).map(\.rawValue).joined(separator: ",")
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
