@testable import AlongsideCore
import Foundation
import Testing

@Suite struct UnmetNeedTests {
    // Lancaster's Market Square, a point 2 km north and one 5 km north.
    let town = Coordinate(latitude: 54.0480, longitude: -2.8010)
    let near = Coordinate(latitude: 54.0660, longitude: -2.8010)
    let far = Coordinate(latitude: 54.0930, longitude: -2.8010)

    @Test func aServiceCountsWhenItsCategoryMeetsTheNeedWithinThreeKilometres() {
        let services = ServicesNearby([(near, Set(["social-connection"])), (far, Set(["money-and-debt"]))])
        #expect(services.any(of: ["social-connection"], within: 3_000, of: town))
        #expect(!services.any(of: ["money-and-debt"], within: 3_000, of: town))
        #expect(!services.any(of: ["housing"], within: 3_000, of: town))
        #expect(services.any(of: ["money-and-debt"], within: 6_000, of: town))
    }

    @Test func gapsCountPeopleWithNothingNearAndThoseTurnedAway() throws {
        let services = ServicesNearby([(near, Set(["social-connection"]))])
        var people = Array(repeating: UnmetNeed.Person(needs: [.loneliness, .money], ward: "E05001", home: town), count: 9)
        people[0].turnedAway = [.loneliness]
        people.append(UnmetNeed.Person(needs: [.money], ward: "E05002", home: town))
        people.append(UnmetNeed.Person(needs: [.money, .money], ward: "E05001", home: nil))
        let gaps = UnmetNeed.gaps(people, services: services)
        #expect(gaps.first == UnmetNeed.Gap(need: .money, ward: "E05001", people: 10, nothingNear: 9, turnedAway: 0))
        let lonely = try #require(gaps.first { $0.need == .loneliness })
        #expect(lonely == UnmetNeed.Gap(need: .loneliness, ward: "E05001", people: 9, nothingNear: 0, turnedAway: 1))
        #expect(try lonely.shown().map { [$0.people, $0.nothingNear, $0.turnedAway] } == [.count(10), .count(0), .hidden])
        // One person in a ward is too few to show, but counts in the whole area's figure for the need.
        #expect(try gaps.first { $0.ward == "E05002" }?.shown() == nil)
        #expect(UnmetNeed.byNeed(gaps).first == UnmetNeed.Gap(need: .money, ward: "all", people: 11, nothingNear: 10, turnedAway: 0))
    }

    /// Within reach, a service with space is enough; where every one near is full, the person is counted apart from
    /// those with nothing near at all.
    @Test func onlyFullServicesAreCountedApartFromNothingNear() throws {
        let services = ServicesNearby(offers: [(near, Set(["social-connection"]), full: true), (near, Set(["money-and-debt"]), full: true),
                                               (near, Set(["money-and-debt"]), full: false)])
        #expect(services.reach(of: ["social-connection"], within: 3_000, of: town) == .onlyFull)
        #expect(services.reach(of: ["money-and-debt"], within: 3_000, of: town) == .open)
        #expect(services.reach(of: ["housing"], within: 3_000, of: town) == .nothing)
        let people = Array(repeating: UnmetNeed.Person(needs: [.loneliness, .money, .housing], ward: "E05001", home: town), count: 3)
            + [UnmetNeed.Person(needs: [.loneliness], ward: "E05001", home: town, count: 7)]
        let gaps = UnmetNeed.gaps(people, services: services)
        #expect(gaps.first { $0.need == .loneliness } == UnmetNeed.Gap(need: .loneliness, ward: "E05001", people: 10, nothingNear: 0, turnedAway: 0, onlyFull: 10))
        #expect(gaps.first { $0.need == .money } == UnmetNeed.Gap(need: .money, ward: "E05001", people: 3, nothingNear: 0, turnedAway: 0, onlyFull: 0))
        #expect(gaps.first { $0.need == .housing } == UnmetNeed.Gap(need: .housing, ward: "E05001", people: 3, nothingNear: 3, turnedAway: 0, onlyFull: 0))
        #expect(try gaps.first { $0.need == .loneliness }?.shown()?.onlyFull == .count(10))
    }

    /// A person with access needs has a service within reach only at a place that has all of them; the same
    /// home counts differently for a neighbour who needs nothing.
    @Test func aPlaceMustHaveEverythingThePersonNeeds() throws {
        let services = ServicesNearby(offering: [
            .init(place: near, categories: ["social-connection"], access: [.stepFree]),
            .init(place: near, categories: ["social-connection"], full: true, access: [.stepFree, .hearingLoop]),
            .init(place: far, categories: ["social-connection"], access: [.stepFree, .hearingLoop]),
        ])
        #expect(services.reach(of: ["social-connection"], within: 3_000, of: town) == .open)
        #expect(services.reach(of: ["social-connection"], within: 3_000, of: town, having: [.stepFree]) == .open)
        #expect(services.reach(of: ["social-connection"], within: 3_000, of: town, having: [.stepFree, .hearingLoop]) == .onlyFull)
        #expect(services.reach(of: ["social-connection"], within: 3_000, of: town, having: [.quietSpace]) == .nothing)
        #expect(services.reach(of: ["social-connection"], within: 6_000, of: town, having: [.stepFree, .hearingLoop]) == .open)
        let people = [UnmetNeed.Person(needs: [.loneliness], ward: "E05001", home: town, count: 5),
                      UnmetNeed.Person(needs: [.loneliness], ward: "E05001", home: town, access: [.hearingLoop], count: 2),
                      UnmetNeed.Person(needs: [.loneliness], ward: "E05001", home: town, access: [.changingPlaces], count: 3)]
        #expect(UnmetNeed.gaps(people, services: services)
                == [UnmetNeed.Gap(need: .loneliness, ward: "E05001", people: 10, nothingNear: 3, turnedAway: 0, onlyFull: 2)])
    }

    /// What is within reach of a home for every need at once (each place's distance worked out once) is what asking
    /// need by need finds, for every set of access needs: on 400 places scattered over 12 km, some full, some with features.
    @Test func everyNeedAtOnceIsWhatAskingNeedByNeedFinds() {
        var generator = SeededGenerator(seed: 14)
        let categories = Array(Set(Need.allCases.flatMap(UnmetNeed.categories(for:)))).sorted() + ["something-else"]
        let features = AccessibilityFeature.allCases
        let offers = (0..<400).map { _ in
            ServicesNearby.Offer(
                place: Coordinate(latitude: town.latitude + Double.random(in: -0.06...0.06, using: &generator),
                                  longitude: town.longitude + Double.random(in: -0.1...0.1, using: &generator)),
                categories: Set((0..<Int.random(in: 1...2, using: &generator)).map { _ in categories.randomElement(using: &generator)! }),
                full: Bool.random(using: &generator),
                access: Set(features.filter { _ in Int.random(in: 0..<3, using: &generator) == 0 }))
        }
        let services = ServicesNearby(offering: offers)
        let asked: [Set<AccessibilityFeature>] = [[], [.stepFree], [.hearingLoop, .quietSpace], Set(features)]
        var seen: Set<String> = []
        for home in [town, near, far, Coordinate(latitude: 54.03, longitude: -2.85)] {
            let atOnce = services.inReachForEachNeed(within: UnmetNeed.reachMetres, of: home)
            #expect(atOnce.count == Need.allCases.count)
            for need in Need.allCases {
                let oneByOne = services.inReach(of: Set(UnmetNeed.categories(for: need)), within: UnmetNeed.reachMetres, of: home)
                for having in asked {
                    #expect(atOnce[need.index].reach(having: having) == oneByOne.reach(having: having), "\(need) \(having)")
                    seen.insert("\(oneByOne.reach(having: having))")
                }
            }
        }
        // The places are such that every answer is met somewhere.
        #expect(seen == ["open", "onlyFull", "nothing"])
    }

    /// A service's places against what a person needs of a place: all of it at one place, or the needs no place has.
    @Test func aServicesPlacesAreMatchedAgainstWhatThePersonNeeds() throws {
        let needed: [AccessibilityFeature] = [.stepFree, .hearingLoop]
        #expect(try #require(AccessibilityFeature.match(needed, at: [[.stepFree], [.stepFree, .hearingLoop, .parking]])) == (true, []))
        #expect(try #require(AccessibilityFeature.match(needed, at: [[.stepFree], [.hearingLoop]])) == (false, []))
        #expect(try #require(AccessibilityFeature.match(needed, at: [[.stepFree]])) == (false, [.hearingLoop]))
        #expect(AccessibilityFeature.match([], at: [[]]) == nil && AccessibilityFeature.match(needed, at: []) == nil)
        // Kept as one column and read back, in the order given; a value no longer a code is left out.
        #expect(StoredCodes.text([Need.money, .loneliness]) == "money,loneliness")
        #expect(StoredCodes.codes("money,unicorns,loneliness") == [Need.money, .loneliness])
        #expect(AccessibilityFeature.tidy([.quietSpace, .stepFree, .quietSpace]) == [.stepFree, .quietSpace])
    }

    /// A service meets a need within reach when it is free and runs at least one day a week, or gives no times.
    @Test func aServiceCountsWhenFreeAndAtLeastWeekly() {
        let weekly = Schedule(frequency: .weekly, interval: 1, days: [.init(.tuesday)])
        let fortnightly = Schedule(frequency: .weekly, interval: 2, days: [.init(.tuesday)])
        let monthly = Schedule(frequency: .monthly, interval: 1, days: [.init(.tuesday, position: 1)])
        #expect(UnmetNeed.counts(isFree: true, schedules: [weekly]))
        #expect(UnmetNeed.counts(isFree: true, schedules: []))
        #expect(UnmetNeed.counts(isFree: true, schedules: [monthly, weekly]))
        #expect(!UnmetNeed.counts(isFree: true, schedules: [monthly]))
        #expect(!UnmetNeed.counts(isFree: true, schedules: [fortnightly]))
        #expect(!UnmetNeed.counts(isFree: false, schedules: [weekly]))
        // Low cost, when asked for: an amount up to the line counts; a cost only in words, or above the line, does not.
        #expect(UnmetNeed.counts(isFree: false, costPence: 300, lowCostUpTo: 300, schedules: [weekly]))
        #expect(UnmetNeed.counts(isFree: false, costPence: 0, lowCostUpTo: 200, schedules: []))
        #expect(!UnmetNeed.counts(isFree: false, costPence: 301, lowCostUpTo: 300, schedules: [weekly]))
        #expect(!UnmetNeed.counts(isFree: false, costPence: nil, lowCostUpTo: 500, schedules: [weekly]))
        #expect(!UnmetNeed.counts(isFree: false, costPence: 100, lowCostUpTo: 0, schedules: [weekly]))
        #expect(!UnmetNeed.counts(isFree: false, costPence: 100, lowCostUpTo: 300, schedules: [monthly]))
    }

    /// The line for low cost is whole pence from 0 (free only) to £10; anything else is named.
    @Test func theLineForLowCostIsWholePenceUpToTenPounds() throws {
        #expect(try UnmetNeed.lowCost(nil) == 0 && UnmetNeed.lowCost(" ") == 0 && UnmetNeed.lowCost("300") == 300 && UnmetNeed.lowCost("1000") == 1_000)
        for bad in ["-1", "1001", "2.50", "£3", "three", "99999999999999999999"] {
            #expect(throws: FieldError.self, "\(bad)") { try UnmetNeed.lowCost(bad) }
        }
        #expect((try? UnmetNeed.lowCost("abc")) == nil)
        #expect(UnmetNeed.affordablePhrase(lowCostUpTo: 0) == "free" && UnmetNeed.affordablePhrase(lowCostUpTo: 250) == "free or costing up to £2.50 a session")
    }

    @Test func everyNeedHasCategoriesThatExist() {
        for need in Need.allCases {
            #expect(!UnmetNeed.categories(for: need).isEmpty)
            for code in UnmetNeed.categories(for: need) { #expect(SocialPrescribingTaxonomy.term(code: code) != nil, "\(code)") }
        }
    }

    /// Two hidden counts (say 2 and 7) must not be told apart by their order.
    @Test func gapsAreOrderedByWhatIsShownNeverByTheCountsBehindAStar() {
        let rows: [(String, [InsightValue]?)] = [("Bereavement", [.count(10), .hidden]), ("Housing", [.count(10), .hidden]),
                                                 ("Money", [.count(20), .count(10)]), ("Caring", nil), ("Food", [.count(10), .count(0)])]
        let ordered = UnmetNeed.orderedAsShown(rows, figures: \.1, names: { ($0.0, "") }).map(\.0)
        #expect(ordered == ["Money", "Bereavement", "Housing", "Food", "Caring"])
    }

    /// The map's shade comes from the figure as shown, in fixed bands; a ward too few to show is never shaded as a count.
    @Test func aWardIsShadedFromItsFigureAsShown() {
        #expect(GapShade(nil) == .tooFew)
        #expect(GapShade(.count(0)) == GapShade.none)
        #expect(GapShade(.hidden) == .few)
        #expect([10, 20, 25, 50, 55].map { GapShade(.count($0)) } == [.tenToTwenty, .tenToTwenty, .upToFifty, .upToFifty, .overFifty])
        #expect(GapShade(.days(3)) == .tooFew)
    }

    /// A plan's goals count as what the person said matters: each goal's category to the need it speaks to, once.
    @Test func planGoalsSpeakToNeeds() {
        let plan = CarePlan(goals: [Goal(words: "See people", category: .connecting), Goal(words: "Walk", category: .activity),
                                    Goal(words: "Meet more people", category: .connecting), Goal(words: "Cook for myself", category: .independence),
                                    Goal(words: "Sort the bills", category: .money)])
        #expect(UnmetNeed.needs(of: plan) == [.loneliness, .inactivity, .money])
        #expect(UnmetNeed.needs(of: CarePlan()) == [])
        // Every category but "doing things for myself" and "something else" names a need that some directory category meets.
        for category in GoalCategory.allCases {
            let need = UnmetNeed.need(for: category)
            #expect((need == nil) == [.independence, .other].contains(category), "\(category)")
            if let need { #expect(!UnmetNeed.categories(for: need).isEmpty) }
        }
    }

    /// Unmet need finds a need in a comma-separated list by its word alone: that holds only while no need's word is
    /// found inside another's, or in the separator.
    @Test func noNeedsWordIsFoundInsideAnothers() {
        for a in Need.allCases {
            #expect(!a.rawValue.contains(","), "\(a)")
            for b in Need.allCases where a != b { #expect(!b.rawValue.contains(a.rawValue), "\(a.rawValue) is inside \(b.rawValue)") }
        }
    }
}
