@testable import AlongsideCore
import Foundation
import Testing

@Suite struct BudgetCountTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    func ids(_ election: BudgetElection, _ outcome: BudgetOutcome) -> Set<String> {
        Set(outcome.selected.map { election.projects[$0].id })
    }

    /// Ten voters, a budget of 100: six want A and B, four want C; each costs 50.
    var sixAndFour: BudgetElection {
        BudgetElection(budget: 100, projects: [.init(id: "A", name: "A", cost: 50), .init(id: "B", name: "B", cost: 50), .init(id: "C", name: "C", cost: 50)],
                       ballots: Array(repeating: [0, 1], count: 6) + Array(repeating: [2], count: 4))
    }

    @Test func greedyFundsTheMostVotedThatFit() {
        let outcome = BudgetCount.count(sixAndFour, rule: .greedy)
        #expect(outcome.selected == [0, 1])
        #expect(outcome.cost == 100)
        #expect(outcome.fundedBy[0] == .votes)
    }

    /// Each voter holds 10. A's six voters pay 50/6 each (A before B on the tie: same cost and votes, lower id);
    /// the 5/3 each has left cannot buy B, and C's four voters hold 40 of its 50.
    @Test func equalSharesFundsWhatItsVotersCanPayFor() {
        let outcome = BudgetCount.count(sixAndFour, rule: .equalShares)
        #expect(outcome.selected == [0])
        #expect(outcome.share == Rational(10))
        #expect(outcome.payment[0] == Rational(25, 3))
    }

    /// From 10 a voter, shares rise by 1; at 13 C's four voters can pay 52 ≥ 50, and A then C spend all 100.
    /// equalshares.net's own explanation (https://equalshares.net/explanation): a budget of 1,000,000 among 100,000
    /// voters gives each a share of 10; a project costing 10,000 with 500 votes has a combined share of 5,000, cannot be
    /// funded, and is removed from consideration. (A project of 5,000 with the same 500 votes can be: its voters pay all.)
    @Test func equalSharesFollowsEqualsharesNetsOwnExample() {
        let voters = 100_000
        var ballots = Array(repeating: [Int](), count: voters)
        for v in 0..<500 { ballots[v] = [0] }
        for v in 500..<1_000 { ballots[v] = [1] }
        let election = BudgetElection(budget: 1_000_000, projects: [.init(id: "1", name: "Costs 10,000", cost: 10_000),
                                                                    .init(id: "2", name: "Costs 5,000", cost: 5_000)], ballots: ballots)
        let outcome = BudgetCount.count(election, rule: .equalShares)
        #expect(outcome.share == Rational(10))
        #expect(outcome.selected == [1])
        #expect(outcome.payment[1] == Rational(10))
    }

    @Test func addOneRaisesTheSharesUntilTheBudgetIsUsed() {
        let outcome = BudgetCount.count(sixAndFour, rule: .equalSharesAdd1)
        #expect(outcome.selected == [0, 2])
        #expect(outcome.share == Rational(13))
        #expect(outcome.payment[2] == Rational(25, 2))
        #expect(outcome.cost == 100)
    }

    /// After add1, money left goes to the rest by votes, each if it fits.
    @Test func addOneFillsWhatIsLeftByVotes() {
        // A budget of 120: equal shares stops at A and C (120 − 100 leaves 20); D (cost 20, one vote) fills it.
        var election = sixAndFour
        election.budget = 120
        election.projects.append(.init(id: "D", name: "D", cost: 20))
        election.ballots[9] = [2, 3]
        let outcome = BudgetCount.count(election, rule: .equalSharesAdd1)
        #expect(Set(outcome.selected) == [0, 2, 3])
        #expect(outcome.cost == 120)
    }

    /// Ties in votes go to the cheaper project, then to the lower id.
    @Test func tiesGoToTheCheaperThenTheLowerID() {
        let election = BudgetElection(budget: 10, projects: [.init(id: "2", name: "", cost: 10), .init(id: "10", name: "", cost: 10), .init(id: "3", name: "", cost: 5)],
                                      ballots: [[0, 1, 2]])
        #expect(BudgetCount.count(election, rule: .greedy).selected == [2])
        var pricey = election
        pricey.projects[2].cost = 10
        // All three cost 10 with one vote: ids compare as numbers, so 2 comes before 3 and 10.
        #expect(BudgetCount.count(pricey, rule: .greedy).selected == [0])
        #expect(BudgetCount.count(pricey, rule: .equalShares).selected == [0])
    }

    /// Real rounds from Pabulib, against pabutools 1.2.3's counts of the same files.
    @Test(arguments: [
        ("poland_warszawa_2019_wawrzyszew.pb", ["1118", "1273", "1902", "320", "362", "391", "394", "395", "396", "466", "495", "737"],
         ["1118", "1273", "1902", "362", "391", "394", "395", "396", "495", "737"]),
        ("poland_gdynia_2020_obluze-small.pb", ["1", "2", "3", "4", "5"], ["1", "2", "3", "4", "5"]),
        ("poland_lodz_2020_nad-nerem.pb", ["G021NN", "G030NN", "G032NN", "G042NN", "G081NN"], ["G021NN", "G030NN", "G042NN", "G081NN"]),
    ])
    func pabulibRoundsCountAsPabutoolsCountsThem(file: String, greedy: [String], equalShares: [String]) throws {
        let election = try Pabulib.parse(Self.fixture(file))
        #expect(ids(election, BudgetCount.count(election, rule: .greedy)) == Set(greedy))
        let mes = BudgetCount.count(election, rule: .equalShares)
        #expect(ids(election, mes) == Set(equalShares))
        // Nobody pays more than their share, and what supporters pay adds up to the cost.
        for p in mes.selected {
            let cost = Rational(election.projects[p].cost)
            #expect(mes.payment[p]! <= mes.share!)
            #expect(mes.payment[p]! * mes.votes[p] >= cost)
        }
        let add1 = BudgetCount.count(election, rule: .equalSharesAdd1)
        #expect(add1.cost <= election.budget)
        #expect(Set(mes.selected).isSubset(of: Set(add1.selected)) || add1.cost >= mes.cost)
    }

    @Test func theWarsawRoundParsesWhole() throws {
        let election = try Pabulib.parse(Self.fixture("poland_warszawa_2019_wawrzyszew.pb"))
        #expect(election.projects.count == 17)
        #expect(election.ballots.count == 1_837)
        #expect(election.budget == 700_000)
    }

    @Test func aWrittenRoundReadsBackTheSame() throws {
        let election = try Pabulib.parse(Self.fixture("poland_lodz_2020_nad-nerem.pb"))
        let outcome = BudgetCount.count(election, rule: .equalSharesAdd1)
        let written = Pabulib.write(election, selected: Set(outcome.selected))
        let again = try Pabulib.parse(written)
        #expect(again.projects == election.projects)
        #expect(again.ballots == election.ballots)
        #expect(again.budget == election.budget)
        #expect(BudgetCount.count(again, rule: .equalSharesAdd1).selected == outcome.selected)
        #expect(written.contains("project_id;cost;votes;name;selected"))
    }

    @Test(arguments: [
        ("PROJECTS\nproject_id;cost\n1;10\n", "line 4: META has no budget"),
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;ten\n", "line 6: project 1 has no cost in whole units (\"ten\")"),
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\n1;1,2\n", "line 9: voter 1 chose project 2, which is not listed"),
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\n1;1\n1;1\n", "line 10: voter 1 voted twice"),
        ("META\nkey;value\nbudget;10\nvote_type;ordinal\nPROJECTS\nproject_id;cost\n1;5\n", "line 8: this round's ballots are ordinal; only approval ballots can be counted"),
        ("hello\n", "line 1: expected META, PROJECTS or VOTES"),
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;name\n", "line 5: the PROJECTS header has no \"cost\" column"),
    ])
    func aFileThatDoesNotParseSaysWhichLine(text: String, message: String) {
        #expect(throws: Pabulib.ParseError.self) { try Pabulib.parse(text) }
        do { _ = try Pabulib.parse(text) } catch { #expect("\(error)" == message) }
    }

    @Test func quotedFieldsMayHoldSemicolons() throws {
        let election = try Pabulib.parse("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost;name\n1;5;\"Benches; and bins\"\nVOTES\nvoter_id;vote\n7;\"1\"\n")
        #expect(election.projects[0].name == "Benches; and bins")
        #expect(election.ballots == [[0]])
    }

    @Test func fractionsAreExact() {
        let share = Rational(700_000, 1_837)
        #expect(share * 1_837 == Rational(700_000))
        #expect(Rational(1, 3) + Rational(1, 6) == Rational(1, 2))
        #expect(Rational(-7, 2).floor == -4)
        #expect(Rational(2, 3).decimal(places: 5) == "0.66667")
        #expect(Rational(6, -4) == Rational(-3, 2))
        #expect(Rational(1, 3) < Rational(1, 2))
    }
}
