import AlongsideCore
import FluentKit
import Foundation

/// Completed wellbeing measures: raw answers kept as given, scored by AlongsideCore when read, each taken in the
/// person's open episode (if any) so a baseline and its follow-ups pair up.
public struct Measures: Sendable {
    public init() {}

    /// Writes a checked measure with its audit row, in one transaction.
    @discardableResult
    public func record(_ result: MeasureResult, of person: UUID, by: UUID?, channel: String, takenAt: Date, now: Date,
                       on db: any Database) async throws -> MeasureRecord {
        try await db.transaction { tx in
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

    /// For each person given, what their SWEMWBS measures in their latest episode say at a glance.
    public func watch(_ people: [(person: UUID, referral: UUID)], now: Date, on db: any Database) async throws -> [UUID: MeasureWatch] {
        guard !people.isEmpty else { return [:] }
        var byReferral: [UUID: [(Date, SWEMWBSScore?)]] = [:]
        for chunk in stride(from: 0, to: people.count, by: 500).map({ Array(people[$0..<min(people.count, $0 + 500)]) }) {
            let rows = try await MeasureRecord.query(on: db).filter(\.$referralID ~~ chunk.map(\.referral))
                .filter(\.$instrument == Instrument.swemwbs.rawValue).sort(\.$takenAt).all()
            for row in rows {
                let raw = row.answerList.contains(nil) ? nil : row.answerList.compactMap { $0 }.reduce(0, +)
                byReferral[row.referralID!, default: []].append((row.takenAt, raw.flatMap(SWEMWBSScore.init(raw:))))
            }
        }
        return Dictionary(people.map { ($0.person, MeasureWatch.of((byReferral[$0.referral] ?? []).map { (at: $0.0, score: $0.1) }, now: now)) },
                          uniquingKeysWith: { a, _ in a })
    }
}
