import AlongsideCore
import FluentKit
import SQLKit
import Foundation

/// Completed wellbeing measures: raw answers kept as given, scored by AlongsideCore when read, each taken in the
/// person's open episode (if any) so a baseline and its follow-ups pair up.
public struct Measures: Sendable {
    public init() {}

    /// Writes a checked measure with its audit row, in one transaction.
    @discardableResult
    public func record(_ result: MeasureResult, of person: UUID, by: UUID?, channel: String, takenAt: Date, now: Date,
                       on db: any Database) async throws -> MeasureRecord {
        // Writers of one person's measures take turns, so each keeps the episode's pairing from every measure in it.
        try await db.writeTransaction(lock: "measures:\(person)") { tx in
            // The latest episode that had begun when the measure was taken.
            let open = try await ReferralRecord.query(on: tx).filter(\.$personID == person).filter(\.$createdAt <= takenAt)
                .sort(\.$createdAt, .descending).first()
            let m = MeasureRecord()
            m.personID = person
            m.referralID = open?.id
            m.instrument = result.instrument.rawValue
            m.answers = MeasureRecord.text(result.answers)
            m.takenAt = takenAt
            m.recordedBy = by
            m.metric = result.swemwbs?.metric
            try await m.create(on: tx)
            if let episode = open?.id { try await WellbeingPairs.refresh([episode], on: tx) }
            try await AuditLog().record(AuditEntry(actor: by, subject: person, action: .recordedMeasure, channel: channel,
                                                   detail: result.instrument.rawValue), at: now, on: tx)
            return m
        }
    }

    /// A person's measures, oldest first.
    public func of(_ person: UUID, on db: any Database) async throws -> [MeasureRecord] {
        try await MeasureRecord.query(on: db).filter(\.$personID == person).sort(\.$takenAt).sort(\.$id).all()
    }

    public func find(_ id: UUID, on db: any Database) async throws -> MeasureRecord? {
        try await MeasureRecord.find(id, on: db)
    }

    /// For each person given, what their SWEMWBS measures in their latest episode say at a glance: one plain query
    /// over the stored metric scores, however long the caseload.
    public func watch(_ people: [(person: UUID, referral: UUID)], now: Date, on db: any Database) async throws -> [UUID: MeasureWatch] {
        guard !people.isEmpty else { return [:] }
        var byReferral: [UUID: [(at: Date, metric: Double?)]] = [:]
        for start in stride(from: 0, to: people.count, by: 500) {
            let chunk = people[start..<min(people.count, start + 500)].map(\.referral)
            for row in try await StoreSQL.sql(db).raw("""
                SELECT referral_id, taken_at, metric FROM measures
                WHERE instrument = \(bind: Instrument.swemwbs.rawValue) AND referral_id IN (\(binds: chunk)) ORDER BY taken_at
                """).all() {
                byReferral[try row.decode(column: "referral_id", as: UUID.self), default: []]
                    .append((at: try row.decode(column: "taken_at", as: Date.self), metric: try row.decode(column: "metric", as: Double?.self)))
            }
        }
        return Dictionary(people.map { ($0.person, MeasureWatch.of(metrics: byReferral[$0.referral] ?? [], now: now)) },
                          uniquingKeysWith: { a, _ in a })
    }
}
