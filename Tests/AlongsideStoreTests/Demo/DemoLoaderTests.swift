import AlongsideCore
import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import Testing

@Suite struct DemoLoaderTests {
    @Test func theDemoPlaceHasRealPostcodesPeopleOrganisationsAndOneSignInPerRole() async throws {
        try await withStore { db in
            let summary = try await DemoLoader().load(passwordHash: "$2b$demo", now: testNow, residentCount: 200, referralCount: 60, on: db)
            #expect(summary.postcodes == 4257)
            #expect(summary.residents == 200)
            #expect(summary.organisations >= 5)
            #expect(summary.accounts.map(\.email) == Role.allCases.map(DemoLoader.email(for:)))
            #expect(summary.accounts.first?.email == "resident@alongside.example")
            #expect(try await DemoLoader().isLoaded(on: db))
            let resident = try #require(try await Accounts().account(email: try EmailAddress("resident@alongside.example"), on: db))
            #expect(resident.person.postcode != nil)
            let member = try #require(try await Accounts().account(email: try EmailAddress("organisation@alongside.example"), on: db))
            #expect(try await Accounts().roles(of: member.id!, on: db).first?.organisationName != nil)

            // A link worker signing in finds a real caseload: referrals in many stages, community referrals answered.
            #expect(summary.referrals == 61)  // 60 stories, all for adults, and one young carer
            for referral in try await ReferralRecord.query(on: db).all() {
                let born = try #require(UKDates.parseISODay(referral.birthDate))
                let age = Calendar.ukCivil.dateComponents([.year], from: born, to: testNow).year ?? 0
                #expect(age >= 18 || (referral.submissionKey == "demo-young-carer" && (16...17).contains(age)), "\(referral.submissionKey) is \(age)")
            }
            let young = try #require(try await ReferralRecord.query(on: db).filter(\.$submissionKey == "demo-young-carer").first())
            #expect(CaringDetails.isYoungCarer(birthDate: young.birthDate, today: testNow))
            #expect(try await Carers().carersAmong([young.personID], on: db) == [young.personID])
            let worker = try #require(try await Accounts().account(email: try EmailAddress("link-worker@alongside.example"), on: db))
            let caseload = try await Referrals().caseload(of: worker.$person.id, on: db)
            #expect(Set(caseload.map(\.currentStage)).count >= 5)
            #expect(try await Referrals().about(person: resident.$person.id, on: db).first?.currentStage == .connected)
            #expect(try await CommunityReferralRecord.query(on: db).filter(\.$status == "attending_regularly").count() > 0)

            // Plans, measures and carers consistent with the referrals: the demo resident's wellbeing went up
            // meaningfully; across the place most went up and some went down; some people care for someone.
            #expect(summary.plans > 5 && summary.carers > 2 && summary.measures > 60)
            let mine = try await Measures().of(resident.$person.id, on: db).filter { $0.instrument == "swemwbs" }.compactMap { $0.result?.swemwbs }
            #expect(mine.count == 2)
            if let first = mine.first, let last = mine.last { #expect(MeasureChange.direction(from: first, to: last) == .better) }
            var directions: [MeasureChange.Direction] = []
            for referral in try await ReferralRecord.query(on: db).all() {
                let pair = try await MeasureRecord.query(on: db).filter(\.$referralID == referral.id!).filter(\.$instrument == "swemwbs")
                    .sort(\.$takenAt).all().compactMap { $0.result?.swemwbs }
                if pair.count == 2 { directions.append(MeasureChange.direction(from: pair[0], to: pair[1])) }
            }
            #expect(directions.filter { $0 == .better }.count > directions.filter { $0 == .worse }.count)
            #expect(directions.contains(.worse) || directions.contains(.same))
        }
    }

    /// Proposals in every state on the place's wards: one owed an answer that is late, one on the board's agenda,
    /// two answered (one for now, with a new date), one published, one still gathering supporters.
    @Test func theDemoPlaceHasProposalsInEveryState() async throws {
        try await withStore { db in
            let summary = try await DemoLoader().load(passwordHash: "h", now: testNow, residentCount: 500, referralCount: 3, on: db)
            #expect(summary.proposals == 6)
            var views: [ProposalView] = []
            for record in try await ProposalRecord.query(on: db).all() {
                views.append(try #require(try await Proposals().view(record.id!, thresholds: .standard, today: testNow, on: db)))
            }
            #expect(Set(views.map(\.standing.state)) == [.gathering, .published, .owedAnswer, .answered])
            #expect(views.filter(\.standing.overdue).count == 1)
            #expect(views.filter(\.standing.onBoardAgenda).count == 1 && views.first { $0.standing.onBoardAgenda }?.standing.overdue == false)
            #expect(views.filter { $0.answers.contains { $0.answer.kind == .underConsideration } }.first?.standing.state == .owedAnswer)
            #expect(views.filter { $0.standing.state == .answered }.count == 1)
            #expect(views.filter { $0.ward != nil }.count == 5 && views.allSatisfy { $0.supportsByWard.keys.allSatisfy { !$0.isEmpty } })
            #expect(try await Proposals().listed(thresholds: .standard, today: testNow, on: db).count == 5)
            #expect(try await Proposals().overdue(thresholds: .standard, today: testNow, on: db).map(\.title) == ["A warm space in Ryelands through the winter"])
        }
    }

    @Test func theSameSeedGivesTheSamePeopleWithTheSameIds() async throws {
        let first = try await withStore { db in
            _ = try await DemoLoader().load(passwordHash: "h", now: testNow, residentCount: 50, referralCount: 0, seed: 11, on: db)
            return try await PersonRecord.query(on: db).sort(\.$givenName).sort(\.$familyName).all().map { "\($0.id!) \($0.fullName) \($0.postcode ?? "")" }
        }
        let second = try await withStore { db in
            _ = try await DemoLoader().load(passwordHash: "h", now: testNow, residentCount: 50, referralCount: 0, seed: 11, on: db)
            return try await PersonRecord.query(on: db).sort(\.$givenName).sort(\.$familyName).all().map { "\($0.id!) \($0.fullName) \($0.postcode ?? "")" }
        }
        let residents = { (rows: [String]) in rows.filter { !$0.hasSuffix(" ") } }
        #expect(residents(first) == residents(second))
        #expect(residents(first).count == 50)
    }
}
