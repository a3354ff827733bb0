import AlongsideCore
import Foundation
import Testing

@Suite struct CarePlanTests {
    let today = UKDates.parseISODay("2026-11-25")!

    @Test func aGoalWithNoWordsAStepOwnedByNobodyAndAPastReviewAreEachNamed() {
        let plan = CarePlan(whatMatters: "My garden", goals: [
            Goal(words: "  ", category: .connecting),
            Goal(words: "Walk to the shop", category: .activity, steps: [GoalStep(what: "Walk with Ann", who: " "), GoalStep(what: "", who: "Me", byWhen: "32/13/2026")],
                 progress: 11),
        ], reviewOn: "2026-11-01")
        do {
            _ = try plan.validated(today: today)
            Issue.record("should refuse")
        } catch let failure as ValidationFailure {
            #expect(failure.errors.map(\.field) == ["goals[0].words", "goals[1].progress", "goals[1].steps[0].who", "goals[1].steps[1].what",
                                                    "goals[1].steps[1].by_when", "review_on"])
            #expect(failure.message(for: "goals[1].steps[0].who") == "Step 1 of goal 2 needs someone who does it (it can be you)")
            #expect(failure.message(for: "review_on") == "The review date must be today or later")
        } catch { Issue.record("\(error)") }
    }

    @Test func aGoodPlanIsTidiedAndAnUnchangedPastReviewDateStands() throws {
        let plan = CarePlan(whatMatters: " My garden ", goals: [Goal(words: "Walk to the shop ", category: .activity,
                                                                      steps: [GoalStep(what: "Walk with Ann", who: "Ann", byWhen: "14/01/2027")], progress: 3)],
                            reviewOn: "2026-11-01")
        let tidy = try plan.validated(today: today, previousReviewOn: "2026-11-01")
        #expect(tidy.whatMatters == "My garden" && tidy.goals[0].words == "Walk to the shop" && tidy.goals[0].steps[0].byWhen == "2027-01-14")
    }

    @Test func aReviewDateMoreThanTwoYearsAwayOrThatDoesNotExistIsRefused() throws {
        for (typed, message) in [("9999-12-31", "Enter the review date like 14/03/2027"), ("2026-02-30", "Enter the review date like 14/03/2027"),
                                 ("26/11/2028", "The review date must be within two years: a plan is looked at again sooner than that")] {
            do {
                _ = try CarePlan(whatMatters: "My garden", reviewOn: typed).validated(today: today)
                Issue.record("\(typed) should be refused")
            } catch let failure as ValidationFailure {
                #expect(failure.message(for: "review_on") == message, "\(typed)")
            }
        }
        #expect(try CarePlan(whatMatters: "My garden", reviewOn: "25/11/2028").validated(today: today).reviewOn == "2028-11-25")
    }

    @Test func changesAreSaidInWords() {
        let goal = Goal(words: "Walk", category: .activity)
        let old = CarePlan(whatMatters: "A", goals: [goal, Goal(words: "Choir", category: .connecting)])
        var new = old
        new.goals[0].words = "Walk every day"
        new.goals[0].progress = 4
        new.goals.remove(at: 1)
        new.goals.append(Goal(words: "Learn to cook", category: .independence))
        new.reviewOn = "2027-01-01"
        #expect(new.changes(from: old) == ["review date", "goal 1", "progress on goal 1", "new goal 2", "a goal removed"])
    }
}

@Suite struct CaringTests {
    @Test func aCarerCannotBeTheirOwnCarerAndTheNameIsNeeded() {
        let me = UUID()
        do {
            _ = try CaringDetails(caredForName: " ", relationship: .parent, hoursPerWeek: 200).validated(carer: me, caredFor: me)
            Issue.record("should refuse")
        } catch let failure as ValidationFailure {
            #expect(failure.errors.map(\.field) == ["cares_for", "cared_for_name", "hours_per_week"])
        } catch { Issue.record("\(error)") }
    }

    @Test func youngCarersAreUnder18OnTheDay() {
        let today = UKDates.parseISODay("2026-11-25")!
        #expect(CaringDetails.isYoungCarer(birthDate: "2008-11-26", today: today))
        #expect(!CaringDetails.isYoungCarer(birthDate: "2008-11-25", today: today))
        #expect(!CaringDetails.isYoungCarer(birthDate: nil, today: today))
    }

    @Test func aContingencyPlanSaysWhoStepsIn() throws {
        #expect(throws: ValidationFailure.self) { try ContingencyPlan(whoStepsIn: " ", medicines: "Inhaler").validated() }
        #expect(try ContingencyPlan(whoStepsIn: "My brother Tom ").validated().whoStepsIn == "My brother Tom")
    }
}
