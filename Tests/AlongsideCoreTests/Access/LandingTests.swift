import AlongsideCore
import Foundation
import Testing

@Suite struct LandingTests {
    @Test func eachRoleLandsOnItsOwnWork() {
        #expect(Landing.of([.linkWorker], hasSupport: false) == .caseload)
        #expect(Landing.of([.teamLead, .linkWorker], hasSupport: false) == .teamQueue)
        #expect(Landing.of([.clinician], hasSupport: false) == .refer)
        #expect(Landing.of([.organisationMember], hasSupport: false) == .communityReferrals)
        #expect(Landing.of([.administrator], hasSupport: false) == .reviewQueue)
        #expect(Landing.of([.moderator], hasSupport: false) == .moderationQueue)
        #expect(Landing.of([.resident], hasSupport: true) == .mySupport)
        #expect(Landing.of([.resident], hasSupport: false) == .home)
        #expect(Landing.of([.commissioner], hasSupport: false) == .insight)
        // Staff who are also residents land on their work; their own support is a link away.
        #expect(Landing.of([.resident, .linkWorker], hasSupport: true) == .caseload)
    }
}

@Suite struct AuditWordsTests {
    @Test func theAuditLogSpeaksInTheThirdPerson() {
        #expect(AuditAction.viewedPlan.sentence(who: "Priya Lawson", whose: "Joseph Parker") == "Priya Lawson looked at Joseph Parker\u{2019}s plan")
        #expect(AuditAction.viewedPlan.sentence(who: "Joseph Parker", whose: "Joseph Parker") == "Joseph Parker looked at their own plan")
        #expect(AuditAction.madeReferral.sentence(who: "Noah Rigg", whose: "Joan Whittaker") == "Noah Rigg referred Joan Whittaker to a link worker")
        #expect(AuditAction.signedIn.sentence(who: "Ruth Gardner", whose: nil) == "Ruth Gardner signed in")
        // Every action reads as a sentence naming whose record it was.
        // Looking at insight is about many people, never one record.
        for action in AuditAction.allCases where ![.signedIn, .acceptedInvitation, .viewedInsight].contains(action) {
            #expect(action.sentence(who: "A", whose: "Bea Example").contains("Bea Example"), "\(action)")
        }
    }

    @Test func thePersonsOwnLooksInARowAreOneLine() {
        let t = Date(timeIntervalSince1970: 1_790_000_000)
        func line(_ who: String, _ what: String, _ minutes: Double, own: Bool) -> AccessLine {
            AccessLine(who: who, what: what, through: "My plan page", first: t - minutes * 60, last: t - minutes * 60, count: 1, own: own)
        }
        let lines = [line("You", "looked at your own plan", 0, own: true), line("You", "looked at your own plan", 5, own: true),
                     line("You", "looked at your own plan", 9, own: true), line("Priya Lawson", "looked at your plan", 20, own: false),
                     line("Priya Lawson", "looked at your plan", 25, own: false), line("You", "looked at your own plan", 30, own: true)]
        let grouped = AccessLine.grouped(lines)
        #expect(grouped.map(\.count) == [3, 1, 1, 1])
        #expect(grouped[0].first == t - 540 && grouped[0].last == t)
        #expect(grouped.filter { !$0.own }.count == 2, "someone else's looks are never merged")
    }
}

@Suite struct HomeTaskTests {
    @Test func eachPersonSeesTwoOrThreeThingsStartingWithTheirWork() {
        #expect(HomeTask.of([.linkWorker], hasSupport: false) == [.caseload, .findSupport])
        #expect(HomeTask.of([.clinician], hasSupport: false) == [.refer, .referralsMade])
        #expect(HomeTask.of([.resident], hasSupport: true) == [.mySupport, .myPlan, .findSupport])
        #expect(HomeTask.of([.commissioner], hasSupport: false) == [.insight, .budgets])
        #expect(HomeTask.of([.resident], hasSupport: false) == [.findSupport, .askForLinkWorker, .myPlan])
        #expect(HomeTask.of([.teamLead, .linkWorker], hasSupport: false) == [.team, .caseload, .findSupport])
        for roles in [[Role.administrator], [.organisationMember], [.commissioner], [.linkWorker, .clinician, .resident]] {
            let tasks = HomeTask.of(Set(roles), hasSupport: false)
            #expect((1...3).contains(tasks.count) && Set(tasks).count == tasks.count, "\(roles)")
        }
    }
}
