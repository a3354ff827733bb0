import AlongsideCore
import FluentKit
import SQLKit
import Foundation

/// The link worker team's side of referrals: the waiting list, each worker's caseload (read narrowly, as the
/// caseload page needs it), and the team lead's counts.
extension Referrals {
    /// Referrals waiting for a link worker: received and not yet assigned, oldest first (the first `limit`).
    public func inbox(limit: Int = 50, on db: any Database) async throws -> [ReferralRecord] {
        try await waiting(on: db).sort(\.$createdAt).limit(limit).all()
    }

    /// How many referrals are waiting for a link worker.
    public func inboxCount(on db: any Database) async throws -> Int {
        try await waiting(on: db).count()
    }

    private func waiting(on db: any Database) -> QueryBuilder<ReferralRecord> {
        ReferralRecord.query(on: db).filter(\.$stage == EpisodeStage.received.rawValue).filter(\.$assignedTo == nil)
    }

    /// A link worker's open episodes.
    public func caseload(of linkWorker: UUID, on db: any Database) async throws -> [ReferralRecord] {
        let open = EpisodeStage.allCases.filter(\.isOpen).map(\.rawValue)
        return try await ReferralRecord.query(on: db).filter(\.$assignedTo == linkWorker).filter(\.$stage ~~ open).sort(\.$createdAt).all()
    }

    /// A link worker's open episodes as the caseload lists them, oldest first: only the columns a caseload row
    /// needs, read in one narrow query (a caseload of 250 is read whole on every visit to be searched and counted),
    /// each with the person's id. Carer and measure marks are added by the caller.
    public func caseloadEntries(of linkWorker: UUID, on db: any Database) async throws -> [(entry: CaseloadEntry, personID: UUID)] {
        let open = EpisodeStage.allCases.filter(\.isOpen).map(\.rawValue)
        return try await StoreSQL.sql(db).raw("""
            SELECT id, person_id, given_name, family_name, nhs_number, postcode, stage, needs, next_contact_on, stage_changed_at, created_at
            FROM referrals WHERE assigned_to = \(bind: linkWorker) AND stage IN (\(binds: open)) ORDER BY created_at
            """).all().map { row in
            let entry = CaseloadEntry(
                id: try row.decode(column: "id", as: UUID.self),
                name: "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self))",
                nhsNumber: try row.decode(column: "nhs_number", as: String?.self), postcode: try row.decode(column: "postcode", as: String.self),
                stage: EpisodeStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .received,
                needs: try row.decode(column: "needs", as: String.self).split(separator: ",").compactMap { Need(rawValue: String($0)) },
                nextContactOn: try row.decode(column: "next_contact_on", as: String?.self), carer: false, watch: nil,
                stageChangedAt: try row.decode(column: "stage_changed_at", as: Date.self), referredAt: try row.decode(column: "created_at", as: Date.self))
            return (entry, try row.decode(column: "person_id", as: UUID.self))
        }
    }

    /// The referrals with these ids, in no order (the few rows a page shows in full).
    public func referrals(_ ids: [UUID], on db: any Database) async throws -> [ReferralRecord] {
        guard !ids.isEmpty else { return [] }
        return try await ReferralRecord.query(on: db).filter(\.$id ~~ ids).all()
    }

    /// How many episodes this link worker took on since `since` (accepted, whatever happened next).
    public func takenOn(by linkWorker: UUID, since: Date, on db: any Database) async throws -> Int {
        try await EpisodeMoveRecord.query(on: db).filter(\.$toStage == EpisodeStage.accepted.rawValue).filter(\.$movedAt >= since)
            .join(ReferralRecord.self, on: \EpisodeMoveRecord.$referralID == \ReferralRecord.$id)
            .filter(ReferralRecord.self, \.$assignedTo == linkWorker).count()
    }

    /// Everyone who holds the link worker role: (person id, name), by name.
    public func linkWorkers(on db: any Database) async throws -> [(UUID, String)] {
        let grants = try await RoleGrantRecord.query(on: db).filter(\.$role == Role.linkWorker.rawValue).with(\.$account) { $0.with(\.$person) }.all()
        return grants.filter { $0.account.closedAt == nil }.map { ($0.account.$person.id, $0.account.person.fullName) }
            .sorted { $0.1 < $1.1 }
    }

    /// Open episodes per link worker.
    public func openCounts(on db: any Database) async throws -> [UUID: Int] {
        let open = EpisodeStage.allCases.filter(\.isOpen).map(\.rawValue)
        var counts: [UUID: Int] = [:]
        for row in try await StoreSQL.sql(db).raw("""
            SELECT assigned_to, COUNT(*) AS n FROM referrals WHERE assigned_to IS NOT NULL AND stage IN (\(binds: open)) GROUP BY assigned_to
            """).all() {
            counts[try row.decode(column: "assigned_to", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Per link worker: open episodes, those waiting for a first contact (accepted), and those overdue a contact
    /// (`today` as `YYYY-MM-DD`).
    public func teamCounts(today: String, on db: any Database) async throws -> [UUID: (open: Int, firstContact: Int, overdue: Int)] {
        let open = EpisodeStage.allCases.filter(\.isOpen).map(\.rawValue)
        var counts: [UUID: (open: Int, firstContact: Int, overdue: Int)] = [:]
        for row in try await StoreSQL.sql(db).raw("""
            SELECT assigned_to, COUNT(*) AS n,
                   SUM(CASE WHEN stage = \(bind: EpisodeStage.accepted.rawValue) THEN 1 ELSE 0 END) AS first_contact,
                   SUM(CASE WHEN next_contact_on < \(bind: today) THEN 1 ELSE 0 END) AS overdue
            FROM referrals WHERE assigned_to IS NOT NULL AND stage IN (\(binds: open)) GROUP BY assigned_to
            """).all() {
            counts[try row.decode(column: "assigned_to", as: UUID.self)] = (try row.decode(column: "n", as: Int.self),
                                                                            try row.decode(column: "first_contact", as: Int.self),
                                                                            try row.decode(column: "overdue", as: Int.self))
        }
        return counts
    }
}
