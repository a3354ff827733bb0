import AlongsideCore
import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import Testing

@Suite struct ReferralsTests {
    let clinician = UUID(), linkWorker = UUID()

    func details(_ given: String = "Margaret", nhs: String? = "943 476 5919") throws -> ReferralDetails {
        try ReferralDetails(givenName: given, familyName: "Hodgson", birthDate: "1948-02-11", postcode: "LA1 1AA", nhsNumber: nhs,
                            phone: "01524 123456", needs: [.loneliness, .bereavement], story: "Lost her husband in spring.",
                            consented: true, source: .clinician).validated(today: testNow)
    }

    func staff(_ db: any Database) async throws -> (UUID, UUID) {
        let c = PersonRecord(givenName: "Asha", familyName: "Clinician", postcode: nil, createdAt: testNow)
        let l = PersonRecord(givenName: "Lee", familyName: "Worker", postcode: nil, createdAt: testNow)
        try await c.create(on: db)
        try await l.create(on: db)
        return (c.id!, l.id!)
    }

    /// Saves a plan with one goal for the person an episode is about.
    func planWithAGoal(for referral: UUID, by worker: UUID, on db: any Database) async throws {
        let person = try #require(try await Referrals().find(referral, on: db)).personID
        let plan = CarePlan(whatMatters: "Company", goals: [Goal(words: "Get out twice a week", category: .connecting)])
        try await Plans().save(plan, of: person, basedOn: nil, by: worker, channel: "web", now: testNow, on: db)
    }

    /// An accepted episode where the link worker has spoken with the person.
    func contacted(_ db: any Database, given: String = "Margaret", nhs: String? = "943 476 5919", personID: UUID? = nil, key: String,
                   by l: UUID, gpSharing: String = "all") async throws -> UUID {
        let id = try await Referrals().create(try details(given, nhs: nhs), personID: personID, referredBy: nil, referrerName: "x", gpSharing: gpSharing,
                                              submissionKey: key, now: testNow, on: db).referral.id!
        try await Referrals().move(id, EpisodeMove(to: .accepted), by: l, now: testNow + 3_600, on: db)
        try await Referrals().logContact(id, ContactLog(happenedAt: testNow + 7_200, way: .phone, minutes: 20, reached: true), by: l, now: testNow + 7_200, on: db)
        return id
    }

    @Test func planAgreedNeedsASavedPlanWithAGoal() async throws {
        try await withStore { db in
            let (_, l) = try await staff(db)
            let id = try await contacted(db, key: "p", by: l)
            try await Referrals().move(id, EpisodeMove(to: .whatMatters), by: l, now: testNow + 86_400, on: db)
            await #expect(throws: MoveRefused.self) { try await Referrals().move(id, EpisodeMove(to: .planAgreed), by: l, now: testNow + 86_400, on: db) }
            let person = try #require(try await Referrals().find(id, on: db)).personID
            try await Plans().save(CarePlan(whatMatters: "Company"), of: person, basedOn: nil, by: l, channel: "web", now: testNow, on: db)
            await #expect(throws: MoveRefused.self) { try await Referrals().move(id, EpisodeMove(to: .planAgreed), by: l, now: testNow + 86_400, on: db) }
            try await planWithAGoal(for: id, by: l, on: db)
            try await Referrals().move(id, EpisodeMove(to: .planAgreed), by: l, now: testNow + 86_400, on: db)
            #expect(try await Referrals().find(id, on: db)?.currentStage == .planAgreed)
        }
    }

    @Test func aPersonWhoSaidNoCanChangeTheirMindForFourteenDaysAndTheGPIsTold() async throws {
        try await withStore { db in
            let (_, l) = try await staff(db)
            let day = 86_400.0
            let id = try await contacted(db, key: "m", by: l)
            try await Referrals().move(id, EpisodeMove(to: .declinedByPerson), by: l, now: testNow + day, on: db)
            #expect(try await Referrals().episode(id, on: db)?.codes.map(\.code) == ["871731000000106", "871711000000103"])
            try await Referrals().changeMind(id, by: nil, now: testNow + 10 * day, on: db)
            let episode = try #require(try await Referrals().episode(id, on: db))
            #expect(episode.referral.currentStage == .contacted)
            #expect(episode.codes.map(\.code) == ["871731000000106"])
            #expect(episode.moves.last?.reason == "Changed their mind" && episode.moves.last?.fromStage == "declined_by_person")
            let messages = try await Referrals().gpMessages(id, on: db)
            #expect(messages.map(\.stage) == ["accepted", "declined_by_person", "contacted"])
            #expect(messages.last?.summary?.contains("changed their mind") == true && messages.last?.codes == "871731000000106")

            // Too late: fifteen days after saying no, nothing changes.
            try await Referrals().move(id, EpisodeMove(to: .declinedByPerson), by: l, now: testNow + 11 * day, on: db)
            await #expect(throws: MoveRefused.self) { try await Referrals().changeMind(id, by: nil, now: testNow + 26 * day, on: db) }
            #expect(try await Referrals().find(id, on: db)?.currentStage == .declinedByPerson)
        }
    }

    @Test func decliningOneReferralWhileSupportedInAnotherNeverCodesTheGPRecordWithoutSayingSo() async throws {
        try await withStore { db in
            let (_, l) = try await staff(db)
            let first = try await contacted(db, key: "one", by: l, gpSharing: "codes")
            let person = try #require(try await Referrals().find(first, on: db)).personID
            let second = try await contacted(db, personID: person, key: "two", by: l, gpSharing: "codes")
            try await Referrals().move(second, EpisodeMove(to: .declinedByPerson), by: l, now: testNow + 86_400, on: db)
            #expect(try await Referrals().episode(second, on: db)?.codes.map(\.code) == ["871731000000106"])

            // Where the GP may read a summary, the code goes with words saying the other support goes on.
            let third = try await contacted(db, personID: person, key: "three", by: l, gpSharing: "all")
            try await Referrals().move(third, EpisodeMove(to: .declinedByPerson), by: l, now: testNow + 86_400, on: db)
            #expect(try await Referrals().episode(third, on: db)?.codes.map(\.code) == ["871731000000106", "871711000000103"])
            let told = try await Referrals().gpMessages(third, on: db).last
            #expect(told?.stage == "declined_by_person" && told?.summary?.contains("still being supported") == true)
        }
    }

    @Test func theSameFormSentTwiceMakesOneReferralAndThePersonGetsARecord() async throws {
        try await withStore { db in
            let (c, _) = try await staff(db)
            let first = try await Referrals().create(try details(), personID: nil, referredBy: c, referrerName: "Dr Asha Clinician",
                                                     submissionKey: "form-1", now: testNow, on: db)
            let again = try await Referrals().create(try details(), personID: nil, referredBy: c, referrerName: "Dr Asha Clinician",
                                                     submissionKey: "form-1", now: testNow, on: db)
            #expect(first.isNew && !again.isNew)
            #expect(first.referral.id == again.referral.id)
            #expect(try await ReferralRecord.query(on: db).count() == 1)
            let person = try #require(try await PersonRecord.find(first.referral.personID, on: db))
            #expect(person.fullName == "Margaret Hodgson" && person.birthDate == "1948-02-11")
            #expect(try await Referrals().inbox(on: db).map(\.id) == [first.referral.id])
        }
    }

    @Test func aLikelyDuplicateIsFoundByNHSNumberOrByNameBirthAndPostcode() async throws {
        try await withStore { db in
            let (c, _) = try await staff(db)
            let a = try await Referrals().create(try details(), personID: nil, referredBy: c, referrerName: "x", submissionKey: "a", now: testNow, on: db).referral
            let b = try await Referrals().create(try details("margaret", nhs: nil), personID: nil, referredBy: c, referrerName: "x", submissionKey: "b", now: testNow, on: db).referral
            let other = try await Referrals().create(try details("Peter", nhs: "401 023 2137"), personID: nil, referredBy: c, referrerName: "x", submissionKey: "c", now: testNow, on: db).referral
            #expect(try await Referrals().likelyDuplicates(of: b, on: db).map(\.id) == [a.id])
            #expect(try await Referrals().likelyDuplicates(of: other, on: db).isEmpty)
        }
    }

    @Test func anEpisodeMovesOnlyAsAllowedAndRecordsSNOMEDOnce() async throws {
        try await withStore { db in
            let (c, l) = try await staff(db)
            let r = try await Referrals().create(try details(), personID: nil, referredBy: c, referrerName: "x", submissionKey: "k", now: testNow, on: db).referral
            let id = r.id!
            do {
                try await Referrals().move(id, EpisodeMove(to: .connected), by: l, now: testNow, on: db)
                Issue.record("should be refused")
            } catch let refused as MoveRefused {
                #expect(refused.allowed == [.accepted, .notAccepted, .redirected, .declinedByPerson, .withdrawnByReferrer])
            }
            #expect(try await Referrals().find(id, on: db)?.currentStage == .received)

            let day = 86_400.0
            try await Referrals().move(id, EpisodeMove(to: .accepted), by: l, now: testNow + day, on: db)
            #expect(try await Referrals().find(id, on: db)?.assignedTo == l)
            #expect(try await Referrals().caseload(of: l, on: db).map(\.id) == [id])
            // The caseload's narrow read gives the same rows as the records do.
            let narrow = try await Referrals().caseloadEntries(of: l, on: db)
            let record = try #require(try await Referrals().find(id, on: db))
            #expect(narrow.map(\.personID) == [record.personID])
            #expect(narrow.map(\.entry) == [CaseloadEntry(id: id, name: record.fullName, nhsNumber: record.nhsNumber, postcode: record.postcode,
                                                           stage: .accepted, needs: record.needList, nextContactOn: record.nextContactOn, carer: false,
                                                           watch: nil, stageChangedAt: record.stageChangedAt, referredAt: record.createdAt)])
            #expect(try await Referrals().referrals([id], on: db).map(\.id) == [id])
            #expect(try await Referrals().inbox(on: db).isEmpty)
            // An attempt that did not reach them leaves it where it is; the conversation moves it on, in the same action.
            #expect(try await Referrals().logContact(id, ContactLog(happenedAt: testNow + 2 * day, way: .phone, reached: false), by: l, now: testNow + 2 * day, on: db) == nil)
            #expect(try await Referrals().find(id, on: db)?.currentStage == .accepted)
            #expect(try await Referrals().logContact(id, ContactLog(happenedAt: testNow + 2 * day, way: .phone, minutes: 20, reached: true), by: l,
                                                     now: testNow + 2 * day, on: db) == .contacted)
            #expect(try await Referrals().find(id, on: db)?.currentStage == .contacted)
            try await Referrals().move(id, EpisodeMove(to: .declinedByPerson), by: l, now: testNow + 3 * day, on: db)
            let episode = try #require(try await Referrals().episode(id, on: db))
            #expect(episode.codes.map(\.code) == ["871731000000106", "871711000000103"])
            #expect(episode.moves.map(\.toStage) == ["received", "accepted", "contacted", "declined_by_person"])
            #expect(episode.moves.last?.fromStage == "contacted")
            #expect(try await Referrals().caseload(of: l, on: db).isEmpty)
        }
    }

    @Test func theGPRecordAndTheReferrerHearAtAcceptanceConnectionAndClosureAsConsentAllows() async throws {
        try await withStore { db in
            let account = try await Accounts().createStaff(givenName: "Asha", familyName: "Clinician", email: try EmailAddress("asha@example.org"),
                                                           passwordHash: "x", roles: [.clinician], organisationID: nil, now: testNow, on: db)
            let (_, l) = try await staff(db)
            let shared = try await Referrals().create(try details(), personID: nil, referredBy: account.$person.id, referrerName: "Dr Asha",
                                                      submissionKey: "a", now: testNow, on: db).referral.id!
            let codesOnly = try await Referrals().create(try details("Peter", nhs: nil), personID: nil, referredBy: account.$person.id, referrerName: "Dr Asha",
                                                         gpSharing: "codes", submissionKey: "b", now: testNow, on: db).referral.id!
            for id in [shared, codesOnly] {
                try await Referrals().move(id, EpisodeMove(to: .accepted), by: l, now: testNow + 86_400, on: db)
                try await Referrals().logContact(id, ContactLog(happenedAt: testNow + 2 * 86_400, way: .phone, minutes: 20, reached: true), by: l,
                                                 now: testNow + 2 * 86_400, on: db)
            }
            let first = try await Referrals().gpMessages(shared, on: db)
            #expect(first.count == 1)
            #expect(first[0].summary?.contains("Margaret Hodgson (born 11 February 1948, NHS number 943 476 5919) was accepted") == true)
            #expect(try await Referrals().gpMessages(codesOnly, on: db).first?.summary == nil)
            for id in [shared, codesOnly] {
                try await planWithAGoal(for: id, by: l, on: db)
                for stage in [EpisodeStage.whatMatters, .planAgreed, .connected] {
                    try await Referrals().move(id, EpisodeMove(to: stage), by: l, now: testNow + 3 * 86_400, on: db)
                }
                try await Referrals().move(id, EpisodeMove(to: .closed, outcome: .goalsMet), by: l, now: testNow + 40 * 86_400, on: db)
            }
            let all = try await Referrals().gpMessages(shared, on: db)
            #expect(all.map(\.stage) == ["accepted", "connected", "closed"])
            #expect(all.last?.summary?.hasSuffix("Outcome: goals met.") == true)
            #expect(all.last?.concepts == [.referralToSocialPrescribing])
            #expect(try await Referrals().gpMessages(codesOnly, on: db).allSatisfy { $0.summary == nil && $0.concepts == [.referralToSocialPrescribing] || $0.stage == "accepted" })
            // The referrer is told three times for each referral, and the emails name nobody.
            let emails = try await Outbox().messages(to: "asha@example.org", on: db)
            #expect(emails.count == 6)
            #expect(emails.allSatisfy { !$0.body.contains("Hodgson") && !$0.body.contains("Peter") })
        }
    }

    @Test func couldNotContactWaitsForTheAttempts() async throws {
        try await withStore { db in
            let (c, l) = try await staff(db)
            let id = try await Referrals().create(try details(), personID: nil, referredBy: c, referrerName: "x", submissionKey: "k", now: testNow, on: db).referral.id!
            try await Referrals().move(id, EpisodeMove(to: .accepted), by: l, now: testNow, on: db)
            for attempt in 1...3 {
                await #expect(throws: MoveRefused.self) { try await Referrals().move(id, EpisodeMove(to: .couldNotContact), by: l, now: testNow, on: db) }
                try await Referrals().logContact(id, ContactLog(happenedAt: testNow.addingTimeInterval(Double(attempt) * 86_400), way: .phone, reached: false),
                                                 by: l, now: testNow.addingTimeInterval(4 * 86_400), on: db)
            }
            try await Referrals().move(id, EpisodeMove(to: .couldNotContact), by: l, now: testNow, on: db)
            #expect(try await Referrals().find(id, on: db)?.currentStage == .couldNotContact)
        }
    }
}
