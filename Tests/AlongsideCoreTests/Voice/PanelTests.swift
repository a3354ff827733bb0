@testable import AlongsideCore
import Foundation
import Testing

@Suite struct PanelTests {
    func errors(_ body: () throws -> Any) -> [String: String] {
        do { _ = try body(); return [:] } catch let failure as ValidationFailure {
            return Dictionary(failure.errors.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        } catch let error as FieldError { return [error.field: error.message] } catch { return ["?": "\(error)"] }
    }

    @Test func aPanelAsTypedIsCheckedWithEveryFaultNamed() throws {
        let panel = try PanelDraft.from(name: " Morecambe panel ", description: "Health in Morecambe", area: ["whole"], seats: "5", termMonths: "24",
                                        reportEveryWeeks: "", knownWards: [])
        #expect(panel.name == "Morecambe panel" && panel.wards.isEmpty && panel.seats == 5 && panel.reportEveryWeeks == 8)
        let bad = errors { try PanelDraft.from(name: "", description: "", area: [], seats: "40", termMonths: "x", reportEveryWeeks: "1", knownWards: []) }
        #expect(bad == ["name": "Enter a name", "description": "Enter what the panel is for", "area": "Choose the whole place or at least one ward",
                        "seats": "Enter the number of seats, from 1 to 15", "term_months": "Enter the term in months, from 3 to 60",
                        "report_weeks": "Enter how often representatives report back, from 2 to 26 weeks, or leave it empty for 8"])
    }

    @Test func aReportBackIsDueEveryFewWeeksAndLateAfterThat() {
        let panel = PanelDraft(name: "P", description: "D", wards: [], seats: 3, termMonths: 12)
        let today = UKDates.parseISODay("2026-12-05")!
        #expect(panel.reportDue(termFrom: "2026-11-01", lastReport: nil, today: today) == ("2026-12-27", false))
        #expect(panel.reportDue(termFrom: "2026-09-01", lastReport: nil, today: today) == ("2026-10-27", true))
        #expect(panel.reportDue(termFrom: "2026-09-01", lastReport: UKDates.parseISODay("2026-10-20"), today: today) == ("2026-12-15", false))
    }

    @Test func anElectionGoesThroughItsPhasesByItsDays() throws {
        let days = try ElectionDays.from(nominationsFrom: "2027-01-04", votingFrom: "2027-02-01", votingUntil: "2027-02-14")
        #expect(days.phase(on: UKDates.parseISODay("2027-01-03")!) == .upcoming)
        #expect(days.phase(on: UKDates.parseISODay("2027-01-04")!) == .nominations)
        #expect(days.phase(on: UKDates.parseISODay("2027-02-14")!) == .voting)
        #expect(days.phase(on: UKDates.parseISODay("2027-02-15")!) == .results)
        #expect(errors { try ElectionDays.from(nominationsFrom: "2027-02-04", votingFrom: "2027-02-01", votingUntil: nil) }
                == ["voting_from": "Voting must open after people start to stand", "voting_until": "Enter the last day of voting as a real date, like 14 3 2027"])
    }

    @Test func aRankingHoldsEachStandingCandidateOnce() throws {
        let (a, b, c) = (UUID(), UUID(), UUID())
        #expect(try checkedRanking([b, a], standing: [a, b], names: [:]) == [b, a])
        #expect(errors { try checkedRanking([], standing: [a], names: [:]) } == ["ranking": "Rank at least one candidate"])
        #expect(errors { try checkedRanking([a, a], standing: [a, b], names: [a: "Ann Smith"]) } == ["ranking": "Rank each candidate once: Ann Smith is ranked twice"])
        #expect(errors { try checkedRanking([c], standing: [a, b], names: [:]) } == ["ranking": "Rank only the candidates standing in this election"])
    }

    @Test func aCandidacyNeedsAStatementAndDeclaredInterests() {
        #expect(errors { try Candidacy(statement: "", interests: "").validated() }
                == ["statement": "Enter why you are standing", "interests": "Enter your interests, or \"None\""])
    }
}
