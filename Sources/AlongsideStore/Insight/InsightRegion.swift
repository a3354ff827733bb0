import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A synthetic region for insight's benchmark, the same for the same seed: people on the place's real postcodes,
/// referrals to link workers with their contacts, moves and community referrals, and wellbeing measures in each
/// episode — written as plain multi-row inserts, on SQLite or PostgreSQL. Nothing here is a real person.
public enum InsightRegion {
    public struct Written: Sendable {
        public var people = 0, referrals = 0, measures = 0, otherRows = 0
        public init() {}
    }

    /// `people` people; three referrals for every ten people; five measures a referral (SWEMWBS and UCLA-3 at the start
    /// and later, ONS4 once); a contact for each referral, reached four times in five; half connected, each with a
    /// community referral (some declined, for one reason or another) and a plan with a goal; a "what matters" conversation
    /// pointing to a need for each person reached; access needs on one referral in ten. Needs the place's postcodes loaded.
    public static func write(people: Int, seed: UInt64, now: Date, on db: any Database,
                             progress: (@Sendable (String) -> Void)? = nil) async throws -> Written {
        let sql = StoreSQL.sql(db)
        let postcodes = try await Geography().allPostcodes(on: db)
        guard !postcodes.isEmpty else { throw InsightRefused("Load the place's postcodes first.") }
        var random = SeededGenerator(seed: seed)
        var written = Written()
        let day = 86_400.0

        // Practices in networks, and a few services to be referred to.
        var practices: [UUID] = []
        for index in 0..<20 {
            let record = PracticeRecord()
            record.code = String(format: "B%05d", 80_000 + index); record.name = "Bench practice \(index + 1)"
            record.pcnCode = String(format: "U%05d", 80_000 + index / 5); record.pcnName = "Bench network \(index / 5 + 1)"
            record.createdAt = now
            try await record.create(on: db)
            practices.append(record.id!)
        }
        let organisation = OrganisationRecord(name: "Bench organisation", description: "Runs groups", postcode: nil, createdAt: now)
        try await organisation.create(on: db)
        let positions = try await Geography().allPositions(on: db)
        let services = DemoDirectory.generate(postcodes: positions, organisations: [(organisation.id!, organisation.name)], count: 50, now: now, seed: seed)
        try await Directory().saveNew(services, on: db)

        progress?("Writing \(people) people")
        var ids: [UUID] = []
        ids.reserveCapacity(people)
        let sexes = Sex.allCases.map(\.rawValue), ethnicities = Ethnicity.allCases.map(\.rawValue)
        for start in stride(from: 0, to: people, by: 20_000) {
            var rows: [[any SQLExpression]] = []
            for i in start..<min(people, start + 20_000) {
                let id = SeededGenerator.uuid(&random)
                ids.append(id)
                let born = UKDates.isoDay(Date(timeIntervalSince1970: -1_893_456_000 + Double(Int.random(in: 0..<36_500, using: &random)) * day))
                rows.append([SQLBind(id), SQLBind("Person"), SQLBind("\(i)"), SQLBind(born), SQLBind(sexes[Int.random(in: 0..<sexes.count, using: &random)]),
                             SQLBind(ethnicities[Int.random(in: 0..<ethnicities.count, using: &random)]), SQLBind(Int.random(in: 0..<10, using: &random) == 0),
                             SQLBind(postcodes[Int.random(in: 0..<postcodes.count, using: &random)]), SQLBind(now)])
            }
            try await DirectoryBulkRows.insert(into: "people", ["id", "given_name", "family_name", "birth_date", "sex", "ethnicity", "is_carer", "postcode", "created_at"],
                                               rows, on: sql)
            progress?("… \(min(people, start + 20_000)) of \(people) people")
        }
        written.people = people

        let referrals = people * 3 / 10
        progress?("Writing \(referrals) referrals, with their contacts, moves, community referrals and \(referrals * 5) measures")
        let stages = EpisodeStage.allCases, sources = ReferralSource.allCases, outcomes = ClosureOutcome.allCases
        let statuses = CommunityReferralStatus.allCases, needs = Need.allCases, reasons = DeclineReason.allCases, goals = GoalCategory.allCases
        let features = AccessibilityFeature.allCases
        var planned: Set<UUID> = []
        for start in stride(from: 0, to: referrals, by: 5_000) {
            var episodes: [[any SQLExpression]] = [], contacts: [[any SQLExpression]] = [], moves: [[any SQLExpression]] = []
            var sent: [[any SQLExpression]] = [], measures: [[any SQLExpression]] = [], episodeIDs: [UUID] = [], plans: [[any SQLExpression]] = []
            var talks: [[any SQLExpression]] = []
            for i in start..<min(referrals, start + 5_000) {
                let id = SeededGenerator.uuid(&random)
                episodeIDs.append(id)
                let person = ids[Int.random(in: 0..<ids.count, using: &random)]
                let made = now.addingTimeInterval(-Double(Int.random(in: 1...365, using: &random)) * day)
                let stage = stages[Int.random(in: 0..<stages.count, using: &random)]
                let source = sources[Int.random(in: 0..<sources.count, using: &random)]
                let born = UKDates.isoDay(Date(timeIntervalSince1970: -1_893_456_000 + Double(Int.random(in: 0..<36_500, using: &random)) * day))
                let need = [needs[Int.random(in: 0..<needs.count, using: &random)], needs[Int.random(in: 0..<needs.count, using: &random)]]
                var episode: [any SQLExpression] = [
                    SQLBind(id), SQLBind(person), SQLBind("Person"), SQLBind("\(i)"), SQLBind(born), SQLBind(postcodes[Int.random(in: 0..<postcodes.count, using: &random)]),
                    SQLBind("phone"), SQLBind(Array(Set(need.map(\.rawValue))).sorted().joined(separator: ",")), SQLBind(""), SQLBind(true),
                    SQLBind(source.rawValue), source == .clinician ? SQLBind(practices[i % practices.count]) : SQLLiteral.null, SQLBind("Bench"),
                    SQLBind(stage.rawValue), stage == .closed ? SQLBind(outcomes[Int.random(in: 0..<outcomes.count, using: &random)].rawValue) : SQLLiteral.null,
                    SQLBind("all"), SQLBind("bench-\(i)"), SQLBind(made), SQLBind(made)]
                let access = Int.random(in: 0..<10, using: &random) == 0
                    ? [features[Int.random(in: 0..<features.count, using: &random)], features[Int.random(in: 0..<features.count, using: &random)]] : []
                episode.append(SQLBind(StoredCodes.text(AccessibilityFeature.tidy(access))))
                // The first time reached and connected, kept on the referral as `Referrals.keepFirsts` keeps them.
                let contactAt = made.addingTimeInterval(Double(Int.random(in: 0...20, using: &random)) * day), reached = Int.random(in: 0..<5, using: &random) > 0
                contacts.append([SQLBind(SeededGenerator.uuid(&random)), SQLBind(id), SQLBind(contactAt), SQLBind("phone"), SQLBind(reached), SQLBind("")])
                episode.append(reached ? SQLBind(contactAt) : SQLLiteral.null)
                // The conversation's words, and the need it points to kept on the referral as `Referrals.recordWhatMatters` keeps it.
                var said = ""
                if reached {
                    talks.append([SQLBind(SeededGenerator.uuid(&random)), SQLBind(id), SQLBind("A walk"), SQLBind(""), SQLBind(""), SQLBind(""), SQLBind(""),
                                  SQLBind(contactAt)])
                    said = needs[Int.random(in: 0..<needs.count, using: &random)].rawValue
                }
                var connectedAt: Date? = nil
                if i % 2 == 0 {
                    connectedAt = made.addingTimeInterval(Double(Int.random(in: 5...60, using: &random)) * day)
                    moves.append([SQLBind(SeededGenerator.uuid(&random)), SQLBind(id), SQLBind("contacted"), SQLBind("connected"), SQLBind(connectedAt!)])
                    let service = services[Int.random(in: 0..<services.count, using: &random)]
                    let status = statuses[Int.random(in: 0..<statuses.count, using: &random)]
                    sent.append([SQLBind(SeededGenerator.uuid(&random)), SQLBind(id), SQLBind(service.id), SQLBind(organisation.id!), SQLBind(service.name),
                                 SQLBind(status.rawValue), status == .declined ? SQLBind(reasons[Int.random(in: 0..<reasons.count, using: &random)].rawValue) : SQLLiteral.null,
                                 SQLBind(""), SQLBind(made)])
                    if planned.insert(person).inserted {
                        let plan = CarePlan(goals: [Goal(id: SeededGenerator.uuid(&random), words: "A goal", category: goals[Int.random(in: 0..<goals.count, using: &random)])])
                        plans.append([SQLBind(SeededGenerator.uuid(&random)), SQLBind(person), SQLBind(String(decoding: try Plans.encoder.encode(plan), as: UTF8.self)),
                                      SQLBind(1), SQLBind(false), SQLBind(""), SQLBind(""), SQLBind(made),
                                      SQLBind(UnmetNeed.needs(of: plan).map(\.rawValue).joined(separator: ","))])
                    }
                }
                episode.append(connectedAt.map { SQLBind($0) } ?? SQLLiteral.null)
                episode.append(SQLBind(said))
                episodes.append(episode)
                // SWEMWBS and UCLA-3 at the start and some weeks later, ONS4 once.
                for instrument in [Instrument.swemwbs, .swemwbs, .ucla3, .ucla3, .ons4] {
                    let answers = instrument.items.map { $0.options[Int.random(in: 0..<$0.options.count, using: &random)].value }
                    let result = try MeasureResult(instrument, answers: answers)
                    measures.append([SQLBind(SeededGenerator.uuid(&random)), SQLBind(person), SQLBind(id), SQLBind(instrument.rawValue),
                                     SQLBind(answers.map(String.init).joined(separator: ",")),
                                     SQLBind(made.addingTimeInterval(Double(measures.count % 5 + 1) * 14 * day)),
                                     result.swemwbs.map { SQLBind($0.metric) } ?? SQLLiteral.null])
                }
            }
            let (episodeRows, contactRows, moveRows, sentRows, measureRows, batch, planRows, talkRows) = (episodes, contacts, moves, sent, measures, episodeIDs, plans, talks)
            try await db.transaction { tx in
                let sql = StoreSQL.sql(tx)
                try await DirectoryBulkRows.insert(into: "referrals", ["id", "person_id", "given_name", "family_name", "birth_date", "postcode", "preferred_contact",
                                                                       "needs", "story", "consented", "source", "practice_id", "referrer_name", "stage", "outcome",
                                                                       "gp_sharing", "submission_key", "created_at", "stage_changed_at", "access_needs",
                                                                       "first_reached_at", "first_connected_at", "what_matters_needs"], episodeRows, on: sql)
                try await DirectoryBulkRows.insert(into: "what_matters", ["id", "referral_id", "good_day", "in_the_way", "used_to_enjoy", "who_matters",
                                                                          "in_their_words", "recorded_at"], talkRows, on: sql)
                try await DirectoryBulkRows.insert(into: "episode_contacts", ["id", "referral_id", "happened_at", "method", "reached", "notes"], contactRows, on: sql)
                try await DirectoryBulkRows.insert(into: "episode_moves", ["id", "referral_id", "from_stage", "to_stage", "moved_at"], moveRows, on: sql)
                try await DirectoryBulkRows.insert(into: "community_referrals", ["id", "referral_id", "service_id", "organisation_id", "service_name", "status",
                                                                                 "decline_reason", "hopes", "sent_at"], sentRows, on: sql)
                try await DirectoryBulkRows.insert(into: "measures", ["id", "person_id", "referral_id", "instrument", "answers", "taken_at", "metric"], measureRows, on: sql)
                try await DirectoryBulkRows.insert(into: "plans", ["id", "person_id", "content", "version", "share_gp", "share_organisations", "share_carers",
                                                                   "updated_at", "goal_needs"], planRows, on: sql)
                // Each episode's pairing, kept as every write of measures keeps it.
                try await WellbeingPairs.refresh(batch, on: tx)
            }
            written.referrals += episodes.count
            written.measures += measures.count
            written.otherRows += contacts.count + moves.count + sent.count + plans.count + talks.count
            progress?("… \(min(referrals, start + 5_000)) of \(referrals) referrals")
        }
        return written
    }
}
