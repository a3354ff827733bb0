@testable import AlongsideCore
import Testing

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
}
