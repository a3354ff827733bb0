import AlongsideCore
import Foundation
import Testing

/// A call for proposals closes on a day from today to a year ahead, and takes proposals to the end of that day.
@Suite struct ProposalCallDraftTests {
    @Test func aCallsClosingDayIsCheckedAgainstToday() throws {
        let today = try #require(UKDates.parseISODay("2026-12-06"))
        func draft(_ closes: String) -> ProposalCallDraft {
            ProposalCallDraft(title: "Ideas", body: "Please", ward: "whole", category: "food", closesOn: closes)
        }
        #expect(try draft("2026-12-06").validated(wards: [], categories: ["food"], today: today).closesOn == "2026-12-06")
        #expect(try draft("2027-12-07").validated(wards: [], categories: ["food"], today: today).ward == nil)
        #expect(throws: ValidationFailure.self) { try draft("2027-12-08").validated(wards: [], categories: ["food"], today: today) }
        #expect(throws: ValidationFailure.self) { try draft("2026-12-05").validated(wards: [], categories: ["food"], today: today) }
        #expect(throws: ValidationFailure.self) { try draft("2026-02-30").validated(wards: [], categories: ["food"], today: today) }
        #expect(ProposalCallDraft.isOpen(closesOn: "2026-12-06", today: today.addingTimeInterval(86_399)))
        #expect(!ProposalCallDraft.isOpen(closesOn: "2026-12-05", today: today))
        // Closed early: no longer open, whatever its last day.
        #expect(!ProposalCallDraft.isOpen(closesOn: "2026-12-06", closedAt: today, today: today))
    }
}
