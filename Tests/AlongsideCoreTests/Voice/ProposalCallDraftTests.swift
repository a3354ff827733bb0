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

    /// A call in a ward concerns a service with a place within 3 km of one of the ward's postcodes, or one offered at no place.
    @Test func aCallInAWardConcernsTheServicesThatReachIt() {
        // Lancaster's Market Square; points 2.9 km and 3.1 km north of it (0.009° of latitude is about 1 km).
        let ward = [Coordinate(latitude: 54.0480, longitude: -2.8010), Coordinate(latitude: 54.0300, longitude: -2.8010)]
        let near = Coordinate(latitude: 54.0480 + 0.0261, longitude: -2.8010), far = Coordinate(latitude: 54.0480 + 0.0279, longitude: -2.8010)
        #expect(ward[0].distance(to: near) < 3_000 && ward[0].distance(to: far) > 3_000)
        #expect(ProposalCallDraft.concerns(servicePlaces: [near], ward: ward))
        #expect(!ProposalCallDraft.concerns(servicePlaces: [far], ward: ward))
        #expect(ProposalCallDraft.concerns(servicePlaces: [far, near], ward: ward))
        #expect(ProposalCallDraft.concerns(servicePlaces: [], ward: ward))
        #expect(!ProposalCallDraft.concerns(servicePlaces: [near], ward: []))
    }
}
