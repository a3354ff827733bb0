@testable import AlongsideWeb
import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import VaporTesting

/// The organisation's day: referrals past the 14 days first and flagged, who referred them and how to reach
/// them, and a dated register of sessions instead of one status.
@Suite struct OrganisationInboxTests {
    @Test func pastTheFourteenDaysFirstWithWhoReferredThemAndARegisterOfSessions() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let (_, worker, person) = try await PlanPagesTests.onCaseload(app)
            let referral = try #require(try await ReferralRecord.query(on: app.db).filter(\.$personID == person).first()).id!
            let grant = try #require(try await RoleGrantRecord.query(on: app.db).filter(\.$role == Role.organisationMember.rawValue).first())
            let services = ["Tuesday walk", "Thursday choir"].map { name in
                ServiceListing(id: UUID(), organisationID: grant.$organisation.id!, organisationName: "Their group", name: name, description: "Together.",
                               phone: "01524 000000", schedules: [], lastModified: Date(), lastChecked: Date())
            }
            for service in services {
                try await Directory().save(service, on: app.db)
                #expect(try await worker.post(SiteURL.referralCommunity(referral).path, [("service_id", service.id.uuidString), ("hopes", "Company"),
                                                                                         ("confirm_full[]", "yes")]).status == .seeOther)
            }
            // The first was sent 20 days ago; the second today.
            let sent = try await CommunityReferralRecord.query(on: app.db).sort(\.$sentAt).all()
            sent[0].sentAt = Date().addingTimeInterval(-20 * 86_400)
            try await sent[0].save(on: app.db)

            let organisation = Browser(app)
            try await organisation.signIn("organisation@alongside.example")
            let inbox = try await organisation.get(SiteURL.organisationReferrals.path).text
            #expect(inbox.contains("1 referral has waited more than 14 days for your answer. It is first below."))
            let late = try #require(inbox.range(of: "id=\"r-\(sent[0].id!.uuidString.lowercased())\""))
            let recent = try #require(inbox.range(of: "id=\"r-\(sent[1].id!.uuidString.lowercased())\""))
            #expect(late.lowerBound < recent.lowerBound)
            #expect(inbox.contains("Past 14 days") && inbox.contains("waiting 20 days"))
            #expect(inbox.contains("Priya Lawson, link worker") && inbox.contains("mailto:link-worker@alongside.example"))

            // Accepted, then a register: a missed session, then two attended.
            let id = sent[1].id!
            _ = try await organisation.post(SiteURL.communityResponse(id).path, [("response", "accept")])
            let unanswered = try await organisation.post(SiteURL.communityResponse(id).path, [("response", "session"), ("session_on", UKDates.isoDay(Date()))])
            #expect(unanswered.status == .unprocessableEntity && unanswered.text.contains("Say whether they came to the session"))
            let future = try await organisation.post(SiteURL.communityResponse(id).path, [("response", "session"), ("came", "yes"),
                                                                                          ("session_on", UKDates.isoDay(Date().addingTimeInterval(3 * 86_400)))])
            #expect(future.status == .unprocessableEntity && future.text.contains("The session cannot be in the future"))
            #expect(try await AttendanceRecord.query(on: app.db).count() == 0)
            let today = UKDates.isoDay(Date())
            #expect(try await organisation.post(SiteURL.communityResponse(id).path, [("response", "session"), ("session_on", today), ("came", "no")]).status == .seeOther)
            #expect(try await CommunityReferralRecord.find(id, on: app.db)?.currentStatus == .didNotAttend)
            // The same day again corrects the mark rather than adding a second.
            #expect(try await organisation.post(SiteURL.communityResponse(id).path, [("response", "session"), ("session_on", today), ("came", "yes")]).status == .seeOther)
            #expect(try await AttendanceRecord.query(on: app.db).count() == 1)
            #expect(try await CommunityReferralRecord.find(id, on: app.db)?.currentStatus == .attendedFirst)
            let page = try await organisation.get(SiteURL.organisationReferrals.path).text
            #expect(page.contains("Sessions: ") && page.contains("<td>\(UKDates.day(Date()))</td><td>Came</td>"))
            // None of the register's answers is chosen for them.
            #expect(!page.contains(" checked"))

            // The link worker sees the status the register gives.
            let episode = try await worker.get(SiteURL.referral(referral).path).text
            #expect(episode.contains("Thursday choir</a>: went to the first session"))
            // The person's download holds the register.
            let stopped = try await organisation.post(SiteURL.communityResponse(id).path, [("response", "attendance"), ("attendance", "stopped")])
            let after = try await CommunityReferralRecord.find(id, on: app.db)?.currentStatus
            #expect(stopped.status == .seeOther && after == .stopped)
        }
    }
}
