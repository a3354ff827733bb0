@testable import AlongsideCore
import Foundation
import Testing

@Suite struct CommunityResultTests {
    @Test func aParentsProgressIsItsChildrensWeightedAverage() {
        // A £6,000 project at 50% and a £2,000 one at 100%: (6000×50 + 2000×100) / 8000 = 62.5, shown as 63.
        #expect(ResultProgress.weighted([(50, 600_000), (100, 200_000)]) == 63)
        #expect(ResultProgress.weighted([(0, 0), (100, 0)]) == 50)
        #expect(ResultProgress.weighted([]) == nil)
    }

    @Test func aMilestoneIsLateWhenItsDayHasPassedUndone() {
        let today = UKDates.parseISODay("2026-12-05")!
        #expect(Milestone(title: "Hall booked", due: "2026-12-04", doneOn: nil).isLate(today: today))
        #expect(!Milestone(title: "Hall booked", due: "2026-12-04", doneOn: "2026-12-03").isLate(today: today))
        #expect(!Milestone(title: "Hall booked", due: "2026-12-05", doneOn: nil).isLate(today: today))
    }

    @Test func anUpdateIsChecked() {
        #expect(throws: ValidationFailure([FieldError("progress", "Enter how far it has got, from 0 to 100"), FieldError("status", "Choose where it stands"),
                                           FieldError("text", "Enter what has happened")])) {
            try ResultProgress.update(progress: "140", status: "", text: "")
        }
    }
}
