import AlongsideCore
import Foundation
import Testing

@Suite struct SWEMWBSTests {
    /// The published conversion, every raw total 7–35, written out here independently of the code's table.
    static let published: [(Int, String)] = [
        (7, "7.00"), (8, "9.51"), (9, "11.25"), (10, "12.40"), (11, "13.33"), (12, "14.08"), (13, "14.75"), (14, "15.32"),
        (15, "15.84"), (16, "16.36"), (17, "16.88"), (18, "17.43"), (19, "17.98"), (20, "18.59"), (21, "19.25"), (22, "19.98"),
        (23, "20.73"), (24, "21.54"), (25, "22.35"), (26, "23.21"), (27, "24.11"), (28, "25.03"), (29, "26.02"), (30, "27.03"),
        (31, "28.13"), (32, "29.31"), (33, "30.70"), (34, "32.55"), (35, "35.00"),
    ]

    @Test(arguments: published)
    func everyRawTotalConvertsToItsPublishedMetricScore(_ raw: Int, _ metric: String) throws {
        // Build answers that sum to the raw total: as many 5s as fit, then the rest.
        var answers = Array(repeating: 1, count: 7)
        var left = raw - 7
        for i in answers.indices where left > 0 { let add = min(4, left); answers[i] += add; left -= add }
        let result = try MeasureResult(.swemwbs, answers: answers)
        #expect(result.swemwbs?.raw == raw)
        #expect(result.swemwbs?.metricText == metric)
        #expect(result.unscored == nil)
    }

    @Test func theIssueExampleScores() throws {
        let result = try MeasureResult(.swemwbs, answers: [4, 3, 3, 4, 3, 4, 4])
        #expect(result.swemwbs?.raw == 25 && result.swemwbs?.metric == 22.35)
        #expect(result.summary == "Wellbeing score 22.35 (raw 25 of 35)")
    }

    @Test func aMissingAnswerGivesNoScoreSaidPlainly() throws {
        let result = try MeasureResult(.swemwbs, answers: [4, 3, nil, 4, 3, 4, 4])
        #expect(result.swemwbs == nil)
        #expect(result.unscored == "No wellbeing score: question 3 was not answered, and SWEMWBS is only scored with all seven.")
        #expect(result.answers[2] == nil)
    }

    @Test func outOfRangeAndWrongCountsAreNamed() {
        do {
            _ = try MeasureResult(.swemwbs, answers: [4, 3, 6, 4, 0, 4, 4])
            Issue.record("should refuse")
        } catch let failure as ValidationFailure {
            #expect(failure.errors.map(\.field) == ["answers[2]", "answers[4]"])
            #expect(failure.errors[0].message.contains("Question 3 (\"I've been feeling relaxed\") must be a whole number from 1 to 5; 6 is not allowed."))
        } catch { Issue.record("\(error)") }
        #expect(throws: ValidationFailure.self) { try MeasureResult(.swemwbs, answers: [4, 3, 3]) }
    }

    @Test func aChangeOfThreePointsOrMoreIsMeaningful() throws {
        let base = try #require(SWEMWBSScore(raw: 22)), better = try #require(SWEMWBSScore(raw: 26))
        #expect(MeasureChange.direction(from: base, to: better) == .better)  // 19.98 → 23.21: 3.23
        #expect(MeasureChange.direction(from: better, to: base) == .worse)
        // 19.98 → 22.35 is 2.37: not meaningful. 14.08 → 17.43 is 3.35 (raw 12 → 18).
        #expect(MeasureChange.direction(from: base, to: try #require(SWEMWBSScore(raw: 25))) == .same)
        #expect(MeasureChange.direction(from: try #require(SWEMWBSScore(raw: 12)), to: try #require(SWEMWBSScore(raw: 18))) == .better)
        #expect(MeasureChange.direction(from: try #require(SWEMWBSScore(raw: 21)), to: try #require(SWEMWBSScore(raw: 24))) == .same)  // 2.29
        // At the threshold itself: 3.00 counts, 2.99 does not; the same going down.
        #expect(MeasureChange.direction(metricChange: 3.0) == .better && MeasureChange.direction(metricChange: 2.99) == .same)
        #expect(MeasureChange.direction(metricChange: -3.0) == .worse && MeasureChange.direction(metricChange: -2.99) == .same)
        #expect(MeasureChange.direction(metricChange: 23.21 - 20.21) == .better)  // floating-point 2.9999999 is 3.00
        let a = try MeasureResult(.swemwbs, answers: [3, 3, 3, 3, 3, 3, 4]), b = try MeasureResult(.swemwbs, answers: [4, 4, 4, 4, 3, 4, 3])
        #expect(MeasureChange.sentence(from: a, to: b) == "Your wellbeing score went from 19.98 to 23.21 — a meaningful improvement.")
        // No change is said as such, not "from 19.98 to 19.98".
        #expect(MeasureChange.sentence(from: a, to: a)?.hasPrefix("Your wellbeing score stayed at 19.98 — about the same") == true)
        let lonely = try MeasureResult(.ucla3, answers: [2, 2, 1, 3])
        #expect(MeasureChange.sentence(from: lonely, to: lonely)?.hasPrefix("Your loneliness score stayed at 5") == true)
    }
}

@Suite struct ONS4Tests {
    @Test func everyValueToItsBandForEachQuestion() {
        let positive: [ONS4Band] = [.low, .low, .low, .low, .low, .medium, .medium, .high, .high, .veryHigh, .veryHigh]
        let anxiety: [ONS4Band] = [.veryLow, .veryLow, .low, .low, .medium, .medium, .high, .high, .high, .high, .high]
        for value in 0...10 {
            for question in [ONS4Question.lifeSatisfaction, .worthwhile, .happiness] { #expect(question.band(value) == positive[value]) }
            #expect(ONS4Question.anxiety.band(value) == anxiety[value])
        }
        #expect(ONS4Question.happiness.band(11) == nil && ONS4Question.anxiety.band(-1) == nil)
    }

    @Test func fourSeparateScoresNeverSummed() throws {
        let result = try MeasureResult(.ons4, answers: [7, 8, 5, 6])
        #expect(result.ons4.map(\.value) == [7, 8, 5, 6])
        #expect(result.ons4.map(\.band) == [.high, .high, .medium, .high])
        #expect(result.summary.contains("Anxiety yesterday 6 (high)"))
        let partial = try MeasureResult(.ons4, answers: [7, nil, 5, 6])
        #expect(partial.ons4.count == 3 && partial.unscored == "No score for feeling that what you do is worthwhile: not answered.")
    }
}

@Suite struct UCLA3Tests {
    @Test func totalsAndTheLonelyLabel() throws {
        for a in 1...3 { for b in 1...3 { for c in 1...3 {
            let result = try MeasureResult(.ucla3, answers: [a, b, c, 3])
            #expect(result.ucla3?.total == a + b + c)
            #expect(result.ucla3?.lonely == (a + b + c >= 6))
            #expect(result.lonelinessDirect == .occasionally)
        } } }
        #expect(throws: ValidationFailure.self) { try MeasureResult(.ucla3, answers: [4, 1, 1, 1]) }
        let missing = try MeasureResult(.ucla3, answers: [2, nil, 2, nil])
        #expect(missing.ucla3 == nil && missing.unscored == "No loneliness score: question 2 was not answered, and the scale needs all three.")
    }

    @Test func theChangeSentence() throws {
        let a = try MeasureResult(.ucla3, answers: [3, 3, 2, 1]), b = try MeasureResult(.ucla3, answers: [2, 1, 2, 3])
        #expect(MeasureChange.sentence(from: a, to: b) == "Your loneliness score went from 8 to 5 (lower is better) — out of the lonely range now.")
    }
}

@Suite struct MeasureWatchTests {
    @Test func whatALinkWorkerSeesAtAGlance() throws {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let day = 86_400.0
        let low = SWEMWBSScore(raw: 18), mid = SWEMWBSScore(raw: 22), high = SWEMWBSScore(raw: 26)
        #expect(MeasureWatch.of([], now: now) == .noBaseline)
        #expect(MeasureWatch.of([(now, nil)], now: now) == .noBaseline)
        #expect(MeasureWatch.of([(now.addingTimeInterval(-10 * day), mid)], now: now) == .onTrack)
        #expect(MeasureWatch.of([(now.addingTimeInterval(-90 * day), mid)], now: now) == .followUpDue)
        #expect(MeasureWatch.of([(now.addingTimeInterval(-90 * day), high), (now.addingTimeInterval(-2 * day), low)], now: now) == .gotWorse)
        #expect(MeasureWatch.of([(now.addingTimeInterval(-90 * day), low), (now.addingTimeInterval(-2 * day), high)], now: now) == .onTrack)
    }
}

@Suite struct MeasurePairingTests {
    @Test func baselineAndFollowUpPairWithinTheLatestEpisode() throws {
        let first = UUID(), second = UUID()
        let a = try MeasureResult(.swemwbs, answers: [2, 2, 2, 2, 2, 2, 2]), b = try MeasureResult(.swemwbs, answers: [3, 3, 3, 3, 3, 3, 4])
        let c = try MeasureResult(.swemwbs, answers: [4, 4, 4, 4, 3, 4, 3])
        // Two in the latest episode: compared with each other, not with the earlier episode's.
        #expect(MeasureChange.sentence(over: [(first, a), (second, b), (second, c)])
                == "Your wellbeing score went from 19.98 to 23.21 — a meaningful improvement.")
        // Only one in the latest episode: compared with the first ever.
        #expect(MeasureChange.sentence(over: [(first, a), (second, c)])?.hasPrefix("Your wellbeing score went from 15.32 to 23.21") == true)
        #expect(MeasureChange.sentence(over: [(first, a)]) == nil)
    }
}

