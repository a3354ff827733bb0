import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The database groups a year of referrals itself; each group must be the one `InsightSplit.group(of:on:)` gives the
/// same person, on every split — odd dates of birth, unknown and unreadable values included.
@Suite struct InsightGroupingTests {
    @Test func theDatabaseGroupsEveryReferralAndPersonAsCoreDoes() async throws {
        try await withAlongside(demo: true, demoReferrals: 150) { app in
            let now = Date()
            let period = try InsightPeriod.parse(from: UKDates.isoDay(now.addingTimeInterval(-9 * 365 * 86_400)), to: nil, today: now)
            let day = period.until.addingTimeInterval(-1)
            let (latest, bands) = AgeBand.birthDateBounds(on: day)
            // Dates of birth at every edge, and ones no one could have.
            let odd = [latest, bands[0].bornAfter, bands[1].bornAfter, bands[5].bornAfter, "2008-02-29", "1990-13-01", "1990-1-05", "abcd-ef-gh",
                       "2999-01-01", "1890-01-01", "", "1960-02-31", "1950-06-15T00:00"]
            let referrals = try await ReferralRecord.query(on: app.db).sort(\.$createdAt).all()
            #expect(referrals.count >= odd.count * 2)
            for (index, text) in odd.enumerated() {
                referrals[index].birthDate = text
                try await referrals[index].save(on: app.db)
                let person = try #require(try await PersonRecord.find(referrals[odd.count + index].personID, on: app.db))
                person.birthDate = index % 3 == 0 ? nil : text
                person.sex = ["garbage", nil, "male"][index % 3]
                person.ethnicity = [nil, "martian", "white"][index % 3]
                person.isCarer = index % 2 == 0
                try await person.save(on: app.db)
            }

            // The truth, person by person, through Core.
            let practices = Dictionary(uniqueKeysWithValues: try await PracticeRecord.query(on: app.db).all().map { ($0.id!, $0) })
            func decile(_ postcode: String?) async throws -> Int? {
                guard let postcode, let lsoa = try await PostcodeRecord.find(postcode, on: app.db)?.lsoa else { return nil }
                return try await LSOARecord.find(lsoa, on: app.db)?.imdDecile
            }
            var truth: [InsightSplit: [String: (referrals: Int, people: Set<UUID>)]] = [:]
            for referral in try await ReferralRecord.query(on: app.db).all() where referral.createdAt >= period.from && referral.createdAt < period.until {
                let person = try #require(try await PersonRecord.find(referral.personID, on: app.db))
                let practice = referral.practiceID.flatMap { practices[$0] }
                let facts = InsightPerson(imdDecile: try await decile(referral.postcode), birthDate: referral.birthDate, sex: person.sex,
                                          ethnicity: person.ethnicity, isCarer: person.isCarer, practice: practice?.code, pcn: practice?.pcnCode)
                for split in InsightSplit.allCases {
                    let group = split.group(of: facts, on: day)
                    truth[split, default: [:]][group, default: (0, [])].referrals += 1
                    truth[split, default: [:]][group, default: (0, [])].people.insert(person.id!)
                }
            }
            for split in InsightSplit.allCases {
                let query = InsightQuery(from: period.from, until: period.until, ward: nil, split: split)
                let counted = try await Insight().referrals(query, on: app.db)
                let expected = (truth[split] ?? [:]).mapValues { [$0.referrals, $0.people.count] }
                #expect(counted.mapValues { Array($0.prefix(2)) } == expected, "\(split)")
            }

            // People where they live, for taking part.
            var residents: [InsightSplit: [String: Int]] = [:]
            for person in try await PersonRecord.query(on: app.db).all() {
                guard let postcode = person.postcode, try await PostcodeRecord.find(postcode, on: app.db) != nil else { continue }
                let facts = InsightPerson(imdDecile: try await decile(postcode), birthDate: person.birthDate, sex: person.sex,
                                          ethnicity: person.ethnicity, isCarer: person.isCarer)
                for split in InsightSplit.allCases where !split.isByPractice { residents[split, default: [:]][split.group(of: facts, on: day), default: 0] += 1 }
            }
            for split in InsightSplit.allCases where !split.isByPractice {
                let query = InsightQuery(from: period.from, until: period.until, ward: nil, split: split)
                #expect(try await Insight().participation(query, on: app.db).mapValues { $0[0] } == residents[split], "\(split)")
            }
        }
    }
}
