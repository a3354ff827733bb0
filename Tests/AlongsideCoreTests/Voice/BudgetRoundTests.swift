@testable import AlongsideCore
import Foundation
import Testing

@Suite struct BudgetRoundTests {
    let ward = "E05014890"
    let other = "E05014891"

    func errors(_ body: () throws -> Any) -> [String: String] {
        do { _ = try body(); return [:] } catch let failure as ValidationFailure {
            return Dictionary(failure.errors.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        } catch let error as FieldError { return [error.field: error.message] } catch { return ["?": "\(error)"] }
    }

    func draft(ballot: BallotKind = .approval(limit: nil), wards: [String] = []) -> BudgetRoundDraft {
        BudgetRoundDraft(title: "Morecambe wellbeing fund", description: "Small grants", budget: 2_500_000, wards: wards,
                         ideasFrom: "2027-01-04", feasibilityFrom: "2027-02-01", votingFrom: "2027-03-01", votingUntil: "2027-03-14",
                         ballot: ballot, rule: .equalSharesAdd1)
    }

    @Test func moneyIsWholePenceAsPeopleTypeAndReadIt() {
        #expect(Money.pence(from: "25,000") == 2_500_000)
        #expect(Money.pence(from: "£12,500.5") == 1_250_050)
        #expect(Money.pence(from: "0.07") == 7)
        #expect(Money.pence(from: "12.345") == nil && Money.pence(from: "-5") == nil && Money.pence(from: "ten") == nil && Money.pence(from: "") == nil)
        #expect(Money.pounds(2_500_000) == "£25,000.00")
        #expect(Money.pounds(7) == "£0.07")
        #expect(Money.pounds(123_456_789) == "£1,234,567.89")
        #expect(Money.exact(Rational(1041, 3)) == "£3.47")
        #expect(Money.exact(Rational(1042, 3)) == "£3.47 and 1/3 of a penny")
    }

    @Test func thePhaseFollowsTheDays() {
        let d = draft()
        let on = { (day: String) in d.phase(on: UKDates.parseISODay(day)!) }
        #expect(on("2027-01-03") == .upcoming)
        #expect(on("2027-01-04") == .ideas)
        #expect(on("2027-02-01") == .feasibility)
        #expect(on("2027-03-01") == .voting)
        #expect(on("2027-03-14") == .voting)
        #expect(on("2027-03-15") == .results)
    }

    @Test func aRoundAsTypedIsCheckedAndEveryFaultNamed() throws {
        let made = try BudgetRoundDraft.from(title: " Fund ", description: "For walking", amount: "£25,000", area: [ward], minimumAge: "16",
                                            ideasFrom: "2027-01-04", feasibilityFrom: "2027-02-01", votingFrom: "2027-03-01", votingUntil: "2027-03-14",
                                            ballot: "approval", limit: "3", rule: "equal-shares-add1", knownWards: [ward])
        #expect(made.title == "Fund" && made.budget == 2_500_000 && made.wards == [ward] && made.ballot == .approval(limit: 3) && made.rule == .equalSharesAdd1)
        let bad = errors {
            try BudgetRoundDraft.from(title: "", description: "", amount: "lots", area: [], minimumAge: "3",
                                      ideasFrom: "2027-02-01", feasibilityFrom: "2027-01-04", votingFrom: nil, votingUntil: "2027-03-14",
                                      ballot: "", limit: "", rule: "plurality", knownWards: [ward])
        }
        #expect(bad["title"] == "Enter a title")
        #expect(bad["amount"] == "Enter the amount in pounds and pence, like 25,000 or 25000.00")
        #expect(bad["area"] == "Choose the whole place or at least one ward")
        #expect(bad["minimum_age"] == "Enter the youngest age that may vote, from 11 to 25")
        #expect(bad["feasibility_from"] == "Feasibility review must start after ideas open")
        #expect(bad["voting_from"] == "Enter the day voting opens as a real date, like 14 3 2027")
        #expect(bad["ballot"] == "Choose the kind of ballot")
        #expect(bad["rule"] == "Choose how the votes are counted")
        #expect(errors { try BudgetRoundDraft.from(title: "A", description: "B", amount: "10", area: ["whole", ward], minimumAge: "16",
                                                   ideasFrom: "2027-01-04", feasibilityFrom: "2027-02-01", votingFrom: "2027-03-01", votingUntil: "2027-02-28",
                                                   ballot: "approval", limit: "0", rule: "greedy", knownWards: [ward]) }
                == ["area": "Choose the whole place, or wards, not both", "voting_until": "The last day of voting must be on or after the day voting opens",
                    "limit": "Enter how many projects each voter may choose, from 1 to 100, or leave it empty for any number"])
    }

    @Test func onlyResidentsOfTheAreaOldEnoughMayVote() {
        let today = UKDates.parseISODay("2027-03-02")!
        let d = draft(wards: [ward])
        #expect(d.whyNotEligible(birthDate: "1980-05-01", ward: ward, livesInPlace: true, today: today) == nil)
        #expect(d.whyNotEligible(birthDate: "1980-05-01", ward: other, livesInPlace: true, today: today) != nil)
        #expect(d.whyNotEligible(birthDate: "1980-05-01", ward: nil, livesInPlace: false, today: today) != nil)
        // 16 on the day is old enough; the day before is not.
        #expect(d.whyNotEligible(birthDate: "2011-03-02", ward: ward, livesInPlace: true, today: today) == nil)
        #expect(d.whyNotEligible(birthDate: "2011-03-03", ward: ward, livesInPlace: true, today: today) == "Voting in this round is from age 16.")
        #expect(d.whyNotEligible(birthDate: nil, ward: ward, livesInPlace: true, today: today)?.contains("date of birth") == true)
        #expect(draft().whyNotEligible(birthDate: "1980-05-01", ward: other, livesInPlace: true, today: today) == nil)
    }

    @Test func aBallotKeepsToItsRules() throws {
        let (a, b, c, x) = (UUID(), UUID(), UUID(), UUID())
        let costs = [a: 1_000_000, b: 1_000_000, c: 600_000]
        #expect(try draft().checkedBallot([a, b, a, c], costs: costs) == [a, b, c])
        #expect(errors { try draft().checkedBallot([], costs: costs) } == ["projects": "Choose at least one project"])
        #expect(errors { try draft().checkedBallot([a, x], costs: costs) } == ["projects": "Choose projects from this round's ballot"])
        #expect(errors { try draft(ballot: .approval(limit: 2)).checkedBallot([a, b, c], costs: costs) }
                == ["projects": "Choose no more than 2 projects: you chose 3"])
        #expect(try draft(ballot: .knapsack).checkedBallot([a, b], costs: costs) == [a, b])
        #expect(errors { try draft(ballot: .knapsack).checkedBallot([a, b, c], costs: costs) }
                == ["projects": "The projects you chose cost £26,000.00 together, more than the £25,000.00 to spend: take one off"])
    }

    @Test func resultsSayWhyEachProjectWasOrWasNotFunded() {
        // Three voters, £300: two want A (£200) and B (£100); one wants C (£150).
        let election = BudgetElection(budget: 30_000, projects: [.init(id: "1", name: "A", cost: 20_000), .init(id: "2", name: "B", cost: 10_000),
                                                                  .init(id: "3", name: "C", cost: 15_000), .init(id: "4", name: "D", cost: 1_000)],
                                      ballots: [[0, 1], [0, 1], [2]])
        let outcome = BudgetCount.count(election, rule: .equalShares)
        let lines = outcome.lines(of: election, rule: .equalShares)
        #expect(lines.map(\.project).count == 4)
        #expect(lines.filter(\.funded).map(\.project) == outcome.selected)
        #expect(lines.first { $0.project == 3 }?.why == "No one voted for it.")
        for line in lines where line.funded {
            #expect(line.why.contains("equal shares"))
        }
        let greedy = BudgetCount.count(election, rule: .greedy)
        #expect(greedy.selected == [1, 0]) // tied on votes: the lower cost first
        let greedyLines = greedy.lines(of: election, rule: .greedy)
        #expect(greedyLines.first { $0.project == 2 }?.why == "Not funded: it costs more than the £0.00 left once the projects above were funded.")
    }
}
