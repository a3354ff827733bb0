import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The wellbeing dashboard counts each episode's pairing as kept when its measures change. Whatever is written — in
/// any order, backdated, half-answered, then erased — the kept pairings must give the dashboard a recount of every
/// raw measure gives, on every split.
@Suite struct WellbeingPairsTests {
    @Test func keptPairingsEqualARecountOfTheRawMeasures() async throws {
        try await withAlongside(demo: true, demoReferrals: 120) { app in
            let now = Date()
            var random = SeededGenerator(seed: 14)
            let referrals = try await ReferralRecord.query(on: app.db).sort(\.$createdAt).all()
            let instruments: [Instrument] = [.swemwbs, .ucla3, .ons4, .involvement]
            // Measures for forty people, taken at random times after their referral — some before measures already kept,
            // so the first answer in an episode changes — with questions left unanswered where the instrument allows.
            for referral in referrals.prefix(40) {
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    let instrument = instruments[Int.random(in: 0..<instruments.count, using: &random)]
                    let answers: [Int?] = instrument.items.map { item in
                        instrument != .swemwbs && instrument != .ucla3 && Int.random(in: 0..<5, using: &random) == 0
                            ? nil : item.options[Int.random(in: 0..<item.options.count, using: &random)].value
                    }
                    guard let result = try? MeasureResult(instrument, answers: answers) else { continue }
                    let span = max(60, now.timeIntervalSince(referral.createdAt))
                    let takenAt = referral.createdAt.addingTimeInterval(Double.random(in: 0..<span, using: &random))
                    try await Measures().record(result, of: referral.personID, by: nil, channel: "test", takenAt: takenAt, now: now, on: app.db)
                }
            }

            let period = try InsightPeriod.parse(from: UKDates.isoDay(now.addingTimeInterval(-3 * 365 * 86_400)), to: nil, today: now)
            func same(_ when: String) async throws {
                var paired = 0
                for split in InsightSplit.allCases {
                    let query = InsightQuery(from: period.from, until: period.until, ward: nil, split: split)
                    let kept = try await Insight().wellbeing(query, on: app.db), recount = try await Insight().wellbeingRecount(query, on: app.db)
                    for exact in [false, true] {
                        #expect(try InsightTable.wellbeing(split: split, pairs: kept, exact: exact)
                                == InsightTable.wellbeing(split: split, pairs: recount, exact: exact), "\(when): \(split)")
                    }
                    let count = { (pairs: [String: PairedMeasures]) in pairs.values.map { $0.swemwbs.count + $0.ucla3.count + $0.involvement.count }.reduce(0, +) }
                    #expect(count(kept) == count(recount), "\(when): \(split)")
                    paired = count(kept)
                }
                #expect(paired > 40, "\(when): the test pairs too little to tell anything")
                // Row by row: the kept pairing of every episode is the one its measures give now.
                let rows = try await StoreSQL.sql(app.db).raw("""
                    SELECT referral_id, person_id, instrument, answers FROM measures WHERE referral_id IS NOT NULL ORDER BY referral_id, instrument, taken_at, id
                    """).all()
                let expected = try WellbeingPairs.episodes(rows).filter { !$0.wellbeing.isEmpty }
                let stored = try await StoreSQL.sql(app.db).raw("SELECT COUNT(*) AS n FROM wellbeing_pairs").first()?.decode(column: "n", as: Int.self)
                #expect(stored == expected.count, "\(when)")
            }
            try await same("after the writes")

            // Someone closes their account: their measures and their kept pairings go together.
            let holder = try #require(try await StoreSQL.sql(app.db).raw("""
                SELECT accounts.id AS id FROM accounts JOIN wellbeing_pairs ON wellbeing_pairs.person_id = accounts.person_id
                """).first()?.decode(column: "id", as: UUID.self))
            let account = try #require(try await AccountRecord.find(holder, on: app.db))
            let person = account.$person.id
            try await Accounts().close(account, now: now, channel: "test", on: app.db)
            let left = try await StoreSQL.sql(app.db).raw("SELECT COUNT(*) AS n FROM wellbeing_pairs WHERE person_id = \(bind: person)").first()?
                .decode(column: "n", as: Int.self)
            #expect(left == 0)
            try await same("after an account is closed")

            // Made again from nothing, the table is the same.
            try await WellbeingPairs.rebuild(on: app.db)
            try await same("after a rebuild")
        }
    }
}
