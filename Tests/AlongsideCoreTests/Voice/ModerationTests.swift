@testable import AlongsideCore
import Testing
import Foundation

@Suite struct ModerationTests {
    @Test func reportsHideUntilAModeratorLooksAndTheAuthorMayAskOnceForASecondLook() {
        #expect(Moderation.standing(reports: 2, decisions: [], secondLookAsked: false) == .visible)
        #expect(Moderation.standing(reports: 3, decisions: [], secondLookAsked: false) == .waitingForModerator)
        #expect(Moderation.standing(reports: 3, decisions: [(.restore, "Fair comment", false)], secondLookAsked: false) == .visible)
        #expect(Moderation.standing(reports: 3, decisions: [(.hide, "Names a person", false)], secondLookAsked: false)
                == .hidden(reason: "Names a person", mayAskAgain: true))
        #expect(Moderation.standing(reports: 3, decisions: [(.hide, "Names a person", false)], secondLookAsked: true)
                == .secondLookAsked(reason: "Names a person"))
        // The second look is final either way.
        #expect(Moderation.standing(reports: 3, decisions: [(.hide, "Names a person", false), (.hide, "It does", true)], secondLookAsked: true)
                == .hidden(reason: "It does", mayAskAgain: false))
        #expect(Moderation.standing(reports: 3, decisions: [(.hide, "Names a person", false), (.restore, "It does not", true)], secondLookAsked: true) == .visible)
    }

    @Test func aReasonIsRequired() {
        #expect(throws: FieldError("reason", "Enter the reason")) { try Moderation.reason("  ") }
    }

    @Test func aSecondLookIsBySomeoneElseAndIsFinal() {
        let first = UUID(), other = UUID()
        #expect(Moderation.whyNotDecide(by: first, lastBy: nil, lastWasSecondLook: false, secondLookAsked: false) == nil)
        #expect(Moderation.whyNotDecide(by: first, lastBy: first, lastWasSecondLook: false, secondLookAsked: false) == nil)
        #expect(Moderation.whyNotDecide(by: first, lastBy: first, lastWasSecondLook: false, secondLookAsked: true)?.contains("someone other than you") == true)
        #expect(Moderation.whyNotDecide(by: other, lastBy: first, lastWasSecondLook: false, secondLookAsked: true) == nil)
        #expect(Moderation.whyNotDecide(by: first, lastBy: other, lastWasSecondLook: true, secondLookAsked: true)?.contains("final") == true)
    }

    @Test func onlyAHiddenThingMayBeLookedAtAgainAndOnlyOnce() {
        #expect(Moderation.whyNotAskAgain(last: nil, alreadyAsked: false, what: "comment") == "A moderator has not hidden this comment.")
        #expect(Moderation.whyNotAskAgain(last: .restore, alreadyAsked: false, what: "comment") == "A moderator has not hidden this comment.")
        #expect(Moderation.whyNotAskAgain(last: .hide, alreadyAsked: false, what: "comment") == nil)
        #expect(Moderation.whyNotAskAgain(last: .hide, alreadyAsked: true, what: "comment")?.contains("already asked") == true)
    }
}
