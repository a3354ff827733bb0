@testable import AlongsideCore
import Foundation
import Testing

@Suite struct ScottishSTVTests {
    func names(_ election: RankedElection, _ result: ScottishSTV.Result) -> [String] { result.elected.map { election.candidates[$0] } }

    /// Edinburgh's 2017 council election, three wards as the council published their preference profiles,
    /// and the councillors it declared elected.
    @Test(arguments: [
        ("ward_2_-_pentland_hills_-_preference_profile_report.blt", ["Graeme BRUCE", "Neil GARDINER", "Ricky HENDERSON", "Susan WEBBER"]),
        ("ward_6_-_corstorphinemurrayfield_-_preference_profile_report.blt", ["Scott DOUGLAS", "Gillian GLOYER", "Frank ROSS"]),
        ("ward_11_-_city_centre_-_preference_profile_report.blt", ["Karen DORAN", "Claire MILLER", "Jo MOWAT", "Alasdair RANKIN"]),
    ])
    func edinburghWardsElectWhomTheCouncilDeclared(file: String, declared: [String]) throws {
        let election = try BLT.parse(BudgetCountTests.fixture(file))
        let result = ScottishSTV.count(election)
        #expect(Set(names(election, result)) == Set(declared))
        #expect(result.quota == result.validVotes / (election.seats + 1) + 1)
        // Every stage accounts for every vote: candidates, non-transferable papers and fractions lost add up.
        for stage in result.stages {
            let total = stage.votes.reduce(0, +) + stage.nonTransferable + stage.lostToFractions
            #expect(total == result.validVotes * ScottishSTV.scale, "stage \(stage.number)")
        }
    }

    @Test func wardSixIsCountedAsPublished() throws {
        let election = try BLT.parse(BudgetCountTests.fixture("ward_6_-_corstorphinemurrayfield_-_preference_profile_report.blt"))
        #expect(election.candidates.count == 7)
        #expect(election.seats == 3)
        #expect(election.title == "Ward 6 - Corstorphine-Murrayfield")
        let result = ScottishSTV.count(election)
        #expect(result.stages[0].action == .firstPreferences)
    }

    /// A worked count by hand: 3 seats' worth of quota in a 2-seat election.
    /// 100 ballots, quota 100 ÷ 3 + 1 = 34. A has 60 first preferences (40 of them A>B, 20 A>C); B 10; C 30.
    /// A's surplus of 26 goes on at 26/60 = 0.43333 a paper: B gets 40 × 0.43333 = 17.33320, C 20 × 0.43333 = 8.66660.
    /// Then B 27.33320 against C 38.66660: C reaches the quota and is elected.
    @Test func aSurplusGoesOnAtTheWeightedInclusiveGregoryValue() {
        let election = RankedElection(candidates: ["A", "B", "C"], seats: 2, ballots: [
            .init(weight: 40, ranking: [0, 1]), .init(weight: 20, ranking: [0, 2]), .init(weight: 10, ranking: [1]), .init(weight: 30, ranking: [2]),
        ])
        let result = ScottishSTV.count(election)
        #expect(result.quota == 34)
        #expect(result.elected == [0, 2])
        let second = result.stages[1]
        #expect(second.action == .surplus(of: 0))
        #expect(ScottishSTV.decimal(second.votes[1]) == "27.33320")
        #expect(ScottishSTV.decimal(second.votes[2]) == "38.66660")
        #expect(ScottishSTV.decimal(second.lostToFractions) == "0.00020")
    }

    /// The lowest is excluded and their papers go on at full value; ties look back to the last stage that differed.
    @Test func theLowestIsExcludedAndTiesLookBack() {
        // 1 seat; quota 6. A 4, B 3, C 3 (C's papers go to B). B and C tie at 3 at the first stage with no earlier
        // stage: the first listed (B) goes on, so C is excluded; B then has 6 and is elected.
        let election = RankedElection(candidates: ["A", "B", "C"], seats: 1, ballots: [
            .init(weight: 4, ranking: [0]), .init(weight: 3, ranking: [1]), .init(weight: 3, ranking: [2, 1]),
        ])
        let result = ScottishSTV.count(election)
        #expect(result.stages[1].action == .exclusion(of: 2))
        #expect(result.elected == [1])
    }

    @Test func noMoreCandidatesThanSeatsAreElectedUnopposed() {
        let election = RankedElection(candidates: ["A", "B"], seats: 2, ballots: [.init(weight: 1, ranking: [0])])
        let result = ScottishSTV.count(election)
        #expect(result.unopposed)
        #expect(result.elected == [0, 1])
    }

    @Test(arguments: [
        ("", "line 1: the file is empty"),
        ("3\n", "line 1: the first line must be the number of candidates and the number of seats"),
        ("2 1\n1 1 3 0\n0\n\"A\"\n\"B\"\n", "line 2: \"3\" is not a candidate (they are numbered 1 to 2)"),
        ("2 1\n1 1 1 0\n0\n\"A\"\n\"B\"\n", "line 2: candidate 1 is ranked twice"),
        ("2 1\n1 1 2\n0\n\"A\"\n\"B\"\n", "line 2: a ballot line must end with 0"),
        ("2 1\n1 1 2 0\n0\n\"A\"\n", "line 4: 2 candidates are declared but 1 names follow"),
        ("2 1\n1 1=2 0\n0\n\"A\"\n\"B\"\n", "line 2: equal preferences (\"=\") cannot be counted by STV"),
    ])
    func aFileThatDoesNotParseSaysWhichLine(text: String, message: String) {
        do { _ = try BLT.parse(text); Issue.record("parsed") } catch { #expect("\(error)" == message) }
    }

    @Test func withdrawnCandidatesArePassedOver() throws {
        let election = try BLT.parse("3 1\n-1\n5 1 2 0\n4 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"Title\"\n")
        #expect(election.withdrawn == [0])
        let result = ScottishSTV.count(election)
        #expect(result.elected == [1])
        #expect(election.title == "Title")
    }
}
