import AlongsideCore
import Testing

@Suite struct LandingTests {
    @Test func eachRoleLandsOnItsOwnWork() {
        #expect(Landing.of([.linkWorker], hasSupport: false) == .caseload)
        #expect(Landing.of([.teamLead, .linkWorker], hasSupport: false) == .teamQueue)
        #expect(Landing.of([.clinician], hasSupport: false) == .refer)
        #expect(Landing.of([.organisationMember], hasSupport: false) == .communityReferrals)
        #expect(Landing.of([.administrator], hasSupport: false) == .reviewQueue)
        #expect(Landing.of([.resident], hasSupport: true) == .mySupport)
        #expect(Landing.of([.resident], hasSupport: false) == .home)
        #expect(Landing.of([.commissioner], hasSupport: false) == .home)
        // Staff who are also residents land on their work; their own support is a link away.
        #expect(Landing.of([.resident, .linkWorker], hasSupport: true) == .caseload)
    }
}
