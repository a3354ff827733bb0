import AlongsideCore
import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import Testing

@Suite struct CommunityReferralsTests {
    /// An accepted episode and a walking group run by an organisation with one member.
    func setUp(_ db: any Database, capacity: Capacity = .unknown) async throws -> (referral: UUID, service: UUID, worker: UUID) {
        let org = OrganisationRecord(name: "Prom Walkers", description: "Walks", postcode: nil, createdAt: testNow)
        try await org.create(on: db)
        _ = try await Accounts().createStaff(givenName: "Olu", familyName: "Member", email: try EmailAddress("olu@example.org"), passwordHash: "x",
                                             roles: [.organisationMember], organisationID: org.id!, now: testNow, on: db)
        let service = ServiceListing(id: UUID(), organisationID: org.id!, organisationName: org.name, name: "Prom health walk",
                                     description: "A gentle walk.", phone: "01524 000000", capacity: capacity,
                                     schedules: [.weekly(.tuesday, from: TimeOfDay(hour: 10, minute: 0), to: TimeOfDay(hour: 11, minute: 0))],
                                     lastModified: testNow, lastChecked: testNow)
        try await Directory().save(service, on: db)
        let worker = PersonRecord(givenName: "Lee", familyName: "Worker", postcode: nil, createdAt: testNow)
        try await worker.create(on: db)
        let details = try ReferralDetails(givenName: "Margaret", familyName: "Hodgson", birthDate: "1948-02-11", postcode: "LA1 1AA",
                                          phone: "01524 123456", needs: [.loneliness], consented: true, source: .clinician).validated(today: testNow)
        let referral = try await Referrals().create(details, personID: nil, referredBy: nil, referrerName: "Dr X", submissionKey: "k",
                                                    now: testNow, on: db).referral.id!
        return (referral, service.id, worker.id!)
    }

    @Test func aServiceIsReferredToOnlyOnceTheEpisodeIsAcceptedAndAFullOneWarnsFirst() async throws {
        try await withStore { db in
            let (referral, service, worker) = try await setUp(db, capacity: .full)
            await #expect(throws: ValidationFailure.self) {
                try await CommunityReferrals().send(from: referral, to: service, hopes: "Company on a walk", accessNeeds: nil, confirmFull: true,
                                                    by: worker, now: testNow, on: db)
            }
            try await Referrals().move(referral, EpisodeMove(to: .accepted), by: worker, now: testNow, on: db)
            do {
                try await CommunityReferrals().send(from: referral, to: service, hopes: "Company on a walk", accessNeeds: nil, confirmFull: false,
                                                    by: worker, now: testNow, on: db)
                Issue.record("a full service should warn")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["confirm_full"])
                #expect(failure.errors[0].message.contains("Prom health walk says it is full"))
            }
            let sent = try await CommunityReferrals().send(from: referral, to: service, hopes: "Company on a walk", accessNeeds: "Walks slowly",
                                                           confirmFull: true, by: worker, now: testNow, on: db)
            #expect(sent.currentStatus == .sent)
            #expect(try await Outbox().messages(to: "olu@example.org", on: db).count == 1)
            let seen = try await CommunityReferrals().forOrganisations([sent.organisationID], on: db)
            #expect(seen.map(\.name) == ["Margaret Hodgson"] && seen.first?.phone == "01524 123456")
        }
    }

    @Test func theOrganisationAnswersOnceAndRecordsAttendance() async throws {
        try await withStore { db in
            let (referral, service, worker) = try await setUp(db)
            try await Referrals().move(referral, EpisodeMove(to: .accepted), by: worker, now: testNow, on: db)
            let sent = try await CommunityReferrals().send(from: referral, to: service, hopes: "Company", accessNeeds: nil, confirmFull: false,
                                                           by: worker, now: testNow, on: db)
            try await CommunityReferrals().respond(sent.id!, .accept, by: nil, now: testNow, on: db)
            await #expect(throws: FieldError.self) { try await CommunityReferrals().respond(sent.id!, .decline(.noCapacity, note: nil), by: nil, now: testNow, on: db) }
            try await CommunityReferrals().respond(sent.id!, .attendance(.attendedFirst), by: nil, now: testNow, on: db)
            #expect(try await CommunityReferrals().find(sent.id!, on: db)?.currentStatus == .attendedFirst)
        }
    }

    @Test func anUnansweredReferralGoesBackOnceEvenWhenTwoServersTryAtOnce() async throws {
        try await withStore { db in
            let (referral, service, worker) = try await setUp(db)
            try await Referrals().move(referral, EpisodeMove(to: .accepted), by: worker, now: testNow, on: db)
            let sent = try await CommunityReferrals().send(from: referral, to: service, hopes: "Company", accessNeeds: nil, confirmFull: false,
                                                           by: worker, now: testNow, on: db)
            #expect(try await CommunityReferrals().escalateOverdue(now: testNow + 13 * 86_400, on: db) == 0)
            let later = testNow + 15 * 86_400
            async let first = CommunityReferrals().escalateOverdue(now: later, on: db)
            async let second = CommunityReferrals().escalateOverdue(now: later, on: db)
            #expect(try await first + second == 1)
            #expect(try await CommunityReferrals().escalateOverdue(now: later + 3_600, on: db) == 0)
            #expect(try await CommunityReferrals().find(sent.id!, on: db)?.escalatedAt != nil)
            // One email when it was sent, one nudge.
            #expect(try await Outbox().messages(to: "olu@example.org", on: db).count == 2)
        }
    }
}
