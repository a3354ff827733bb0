@testable import AlongsideCore
import Foundation
import Testing

@Suite struct ProposalTests {
    let today = UKDates.parseISODay("2026-12-04")!
    let wards: Set<String> = ["E05014890"]
    let categories: Set<String> = ["walking"]

    func errors(_ body: () throws -> Any) -> [String: String] {
        do { _ = try body(); return [:] } catch let failure as ValidationFailure {
            return Dictionary(failure.errors.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        } catch { return ["?": "\(error)"] }
    }

    @Test func aDraftIsTrimmedAndEveryFaultNamed() throws {
        let tidy = try ProposalDraft(title: "  Benches on the prom ", body: "So people can rest.\nAnd talk.", ward: "whole", category: "walking")
            .validated(wards: wards, categories: categories)
        #expect(tidy.title == "Benches on the prom" && tidy.ward == nil)
        let bad = errors { try ProposalDraft(title: "", body: String(repeating: "x", count: 20_000), ward: "E0500000", category: "chess")
            .validated(wards: wards, categories: categories) }
        #expect(bad["title"] == "Enter a title")
        #expect(bad["body"] == "What you propose and why must be 6000 characters or fewer")
        #expect(bad["ward"] == "Choose a ward from the list, or the whole place")
        #expect(bad["category"] == "Choose what the proposal is about from the list")
        #expect(errors { try ProposalDraft(title: "A\u{0}B", body: "x", ward: "whole", category: "walking").validated(wards: wards, categories: categories) }["title"] != nil)
        #expect(errors { try ProposalDraft(title: "A", body: "x", ward: "", category: "walking").validated(wards: wards, categories: categories) }["ward"]
                == "Choose a ward, or the whole place")
    }

    @Test func thresholdsRiseInOrder() throws {
        #expect(try ProposalThresholds.standard.validated() == .standard)
        let bad = errors { try ProposalThresholds(publish: 0, answer: 0, board: 0, answerDays: 200).validated() }
        #expect(Set(bad.keys) == ["publish", "answer", "board", "answer_days"])
    }

    @Test func anAnswerIsDueTwentyEightDaysAfterTheThresholdAndThenOverdue() {
        let reached = UKDates.parseDateTime("2026-11-01T15:30:00Z")!
        #expect(ProposalThresholds.standard.answerDue(reachedAt: reached) == "2026-11-29")
        let owed = ProposalStanding(supports: 50, thresholds: .standard, owedSince: reached, boardSince: nil, lastAnswer: nil, hidden: false, today: today)
        #expect(owed.state == .owedAnswer && owed.answerDue == "2026-11-29" && owed.overdue)
        // Supporters who withdraw later do not take the answer away.
        let fewer = ProposalStanding(supports: 12, thresholds: .standard, owedSince: reached, boardSince: nil, lastAnswer: nil, hidden: false, today: today)
        #expect(fewer.state == .owedAnswer)
        // An interim answer sets the new date; a final one ends the wait and closes supporting.
        let interim = ProposalStanding(supports: 50, thresholds: .standard, owedSince: reached, boardSince: nil,
                                       lastAnswer: .underConsideration(reasons: "Costing it", newDue: "2027-01-15"), hidden: false, today: today)
        #expect(interim.answerDue == "2027-01-15" && !interim.overdue && interim.supportsOpen)
        let done = ProposalStanding(supports: 50, thresholds: .standard, owedSince: reached, boardSince: reached,
                                    lastAnswer: .accepted(reasons: ""), hidden: false, today: today)
        #expect(done.state == .answered && !done.supportsOpen && done.onBoardAgenda)
    }

    @Test func aProposalIsPublishedAtFiveSupporters() {
        func state(_ n: Int) -> ProposalStanding.State {
            ProposalStanding(supports: n, thresholds: .standard, owedSince: nil, boardSince: nil, lastAnswer: nil, hidden: false, today: today).state
        }
        #expect(state(4) == .gathering && state(5) == .published)
        #expect(ProposalStanding(supports: 9, thresholds: .standard, owedSince: nil, boardSince: nil, lastAnswer: nil, hidden: true, today: today).state == .hidden)
    }

    @Test func answersNeedWhatTheirKindNeeds() throws {
        #expect(errors { try ProposalAnswer.from(kind: nil, reasons: nil, newDue: nil, service: nil, today: today) }["kind"] == "Choose the answer")
        #expect(errors { try ProposalAnswer.from(kind: "not_taken_forward", reasons: " ", newDue: nil, service: nil, today: today) }["reasons"]
                == "Give the reasons it is not taken forward")
        // An interim answer's new date: after today, and no more than three months on.
        #expect(errors { try ProposalAnswer.from(kind: "under_consideration", reasons: "Costing", newDue: "2027-03-05", service: nil, today: today) }["new_due"]
                == "The new date must be no more than three months from today (4 March 2027 at the latest)")
        #expect(errors { try ProposalAnswer.from(kind: "under_consideration", reasons: "Costing", newDue: "04/12/2026", service: nil, today: today) }["new_due"]
                == "The new date must be after today")
        #expect(try ProposalAnswer.from(kind: "under_consideration", reasons: "Costing", newDue: "04/03/2027", service: nil, today: today)
                == .underConsideration(reasons: "Costing", newDue: "2027-03-04"))
        #expect(errors { try ProposalAnswer.from(kind: "already_happening", reasons: nil, newDue: nil, service: "x", today: today) }["service"] != nil)
        let id = UUID()
        #expect(try ProposalAnswer.from(kind: "already_happening", reasons: nil, newDue: nil, service: id.uuidString, today: today)
                == .alreadyHappening(service: id, reasons: ""))
        #expect(try ProposalAnswer.from(kind: "accepted", reasons: nil, newDue: nil, service: nil, today: today).isFinal)
    }
}
