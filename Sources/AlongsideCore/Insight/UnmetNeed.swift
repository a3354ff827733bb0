import Foundation

/// Where people said something matters that nothing nearby offers: for each need coded on a referral and each ward,
/// how many people had it, how many had no directory service for it within reach of their postcode, and how many
/// were turned away by a service with no space. A ward with fewer than 8 people with a need is "too few" to show.
public enum UnmetNeed {
    /// "Within reach": a service's place within this many metres of the person's postcode.
    public static let reachMetres = 3_000.0

    /// The directory categories that meet each need a referral codes.
    public static func categories(for need: Need) -> [String] {
        switch need {
        case .loneliness: ["social-connection", "peer-support"]
        case .lowMood: ["mental-wellbeing", "peer-support"]
        case .inactivity: ["physical-activity", "nature-and-green-space"]
        case .money: ["money-and-debt"]
        case .housing: ["housing"]
        case .employment: ["employment-and-skills", "learning"]
        case .caring: ["carers-support"]
        case .bereavement: ["peer-support", "mental-wellbeing"]
        case .longTermCondition: ["health-condition-support"]
        case .weightOrDiet: ["food", "physical-activity"]
        case .substanceUse: ["peer-support", "health-condition-support"]
        }
    }

    /// The need a plan goal's category speaks to, so a goal the person set counts as something they said matters;
    /// nil for "doing things for myself" and "something else", which no one need names.
    public static func need(for goal: GoalCategory) -> Need? {
        switch goal {
        case .connecting: .loneliness
        case .activity: .inactivity
        case .mentalWellbeing: .lowMood
        case .money: .money
        case .housing: .housing
        case .work: .employment
        case .caring: .caring
        case .health: .longTermCondition
        case .independence, .other: nil
        }
    }

    /// The needs a plan's goals speak to, each once, in the order needs are listed.
    public static func needs(of plan: CarePlan) -> [Need] {
        let named = Set(plan.goals.compactMap { need(for: $0.category) })
        return Need.allCases.filter(named.contains)
    }

    /// One person with needs: where they live (nil: postcode not placed), in which ward, which needs a service
    /// turned them away from for lack of space, and what a place must have for them (`access`: a service is within
    /// reach only at a place that has all of it). `count`: how many people had exactly this, counted as one here.
    public struct Person: Sendable {
        public var needs: [Need]
        public var ward: String?
        public var home: Coordinate?
        public var turnedAway: Set<Need>
        public var access: Set<AccessibilityFeature>
        public var count: Int

        public init(needs: [Need], ward: String?, home: Coordinate?, turnedAway: Set<Need> = [], access: Set<AccessibilityFeature> = [],
                    count: Int = 1) {
            self.needs = needs; self.ward = ward; self.home = home; self.turnedAway = turnedAway; self.access = access; self.count = count
        }
    }

    /// A need in a ward, as counted.
    public struct Gap: Equatable, Sendable {
        public let need: Need
        public let ward: String
        public let people: Int
        public let nothingNear: Int
        public let turnedAway: Int
        /// People whose only services within reach for the need were full.
        public let onlyFull: Int

        public init(need: Need, ward: String, people: Int, nothingNear: Int, turnedAway: Int, onlyFull: Int = 0) {
            self.need = need; self.ward = ward; self.people = people; self.nothingNear = nothingNear; self.turnedAway = turnedAway
            self.onlyFull = onlyFull
        }

        /// As shown: nil when fewer than 8 people had the need there ("too few"), else each count suppressed.
        public func shown() throws -> (people: InsightValue, nothingNear: InsightValue, turnedAway: InsightValue, onlyFull: InsightValue)? {
            guard people >= 8 else { return nil }
            return (try InsightValue(suppressing: people), try InsightValue(suppressing: nothingNear), try InsightValue(suppressing: turnedAway),
                    try InsightValue(suppressing: onlyFull))
        }
    }

    /// Whether a service is counted as meeting a need within reach, apart from where it is and whether it has space:
    /// free to use — or, when `lowCostUpTo` is more than 0, costing no more than that many pence a session, as the
    /// listing's amount says (a fee given only in words is not counted) — and running at least one day a week: a weekly
    /// schedule, or no times given (by arrangement). A service that meets only monthly is not counted. Access needs are
    /// matched place by place (`ServicesNearby.reach`).
    public static func counts(isFree: Bool, costPence: Int? = nil, lowCostUpTo: Int = 0, schedules: [Schedule]) -> Bool {
        let affordable = isFree || (lowCostUpTo > 0 && costPence.map { $0 <= lowCostUpTo } == true)
        return affordable && (schedules.isEmpty || schedules.contains { $0.frequency == .weekly && $0.interval == 1 })
    }

    /// The most a session may cost, in pence, for a service to count as low cost: 0 (free only) to £10.
    public static let lowCostLimit = 1_000

    /// The lines for low cost a page offers, in pence (any other up to the limit may be asked for).
    public static let usualLowCostLines = [0, 200, 300, 500]

    /// The line for low cost as asked (`low_cost`, in pence): empty is 0, free only.
    public static func lowCost(_ text: String?) throws -> Int {
        let typed = (text ?? "").trimmed
        guard !typed.isEmpty else { return 0 }
        guard let pence = Int(typed), (0...lowCostLimit).contains(pence) else {
            throw FieldError("low_cost", "Give the most a session may cost to count as low cost, in pence from 0 (free only) to \(lowCostLimit) (\(Money.pounds(lowCostLimit))): \"\(typed.prefix(40))\" is not")
        }
        return pence
    }

    /// "free", or "free or costing up to £3.00 a session".
    public static func affordablePhrase(lowCostUpTo: Int) -> String {
        lowCostUpTo > 0 ? "free or costing up to \(Money.pounds(lowCostUpTo)) a session" : "free"
    }

    /// Each need in each ward, the most people with nothing near first. People whose ward is unknown are counted under
    /// "unknown"; a person whose home cannot be placed is not counted as having nothing near.
    public static func gaps(_ people: [Person], services: ServicesNearby) -> [Gap] {
        struct Place: Hashable { let need: Need, ward: String }
        var counts: [Place: (people: Int, nothing: Int, away: Int, full: Int)] = [:]
        // What is within reach of a home is worked out once for each home, for every need at once, however many live
        // there; each set of access needs is then matched against that short list.
        struct Home: Hashable { let latitude: Double, longitude: Double }
        var near: [Home: [ServicesNearby.InReach]] = [:]
        for person in people where person.count > 0 {
            for need in Set(person.needs) {
                let key = Place(need: need, ward: person.ward ?? "unknown")
                var c = counts[key] ?? (0, 0, 0, 0)
                c.people += person.count
                if let home = person.home {
                    let asked = Home(latitude: home.latitude, longitude: home.longitude)
                    let inReach: [ServicesNearby.InReach]
                    if let known = near[asked] { inReach = known } else {
                        inReach = services.inReachForEachNeed(within: reachMetres, of: home)
                        near[asked] = inReach
                    }
                    let reach = inReach[need.index].reach(having: person.access)
                    if reach == .nothing { c.nothing += person.count }
                    if reach == .onlyFull { c.full += person.count }
                }
                if person.turnedAway.contains(need) { c.away += person.count }
                counts[key] = c
            }
        }
        return counts.map { key, c in
            Gap(need: key.need, ward: key.ward, people: c.people, nothingNear: c.nothing, turnedAway: c.away, onlyFull: c.full)
        }.sorted { ($0.nothingNear, $0.people, $1.need.rawValue, $1.ward) > ($1.nothingNear, $1.people, $0.need.rawValue, $0.ward) }
    }
}

extension UnmetNeed {
    /// Gaps as a page lists them: the most people with nothing near first, by the figures shown — never by the true
    /// counts behind a `*`, whose order would tell them apart. A hidden count ranks between 0 and 10, where it lies;
    /// rows too few to show go last. Ties by need, then ward name.
    public static func orderedAsShown<Row>(_ rows: [Row], figures: (Row) -> [InsightValue]?, names: (Row) -> (String, String)) -> [Row] {
        func rank(_ value: InsightValue?) -> Int {
            switch value {
            case .count(let n): n
            case .hidden: 1
            default: -1
            }
        }
        return rows.sorted { a, b in
            let (fa, fb) = (figures(a), figures(b)), (na, nb) = (names(a), names(b))
            return (rank(fa?[1]), rank(fa?[0]), nb.0, nb.1) > (rank(fb?[1]), rank(fb?[0]), na.0, na.1)
        }
    }

    /// The same gaps for the whole area, one a need (ward "all"), the most people with nothing near first.
    public static func byNeed(_ gaps: [Gap]) -> [Gap] {
        Dictionary(grouping: gaps, by: \.need).map { need, gaps in
            Gap(need: need, ward: "all", people: gaps.reduce(0) { $0 + $1.people }, nothingNear: gaps.reduce(0) { $0 + $1.nothingNear },
                turnedAway: gaps.reduce(0) { $0 + $1.turnedAway }, onlyFull: gaps.reduce(0) { $0 + $1.onlyFull })
        }.sorted { ($0.nothingNear, $0.people, $1.need.rawValue) > ($1.nothingNear, $1.people, $0.need.rawValue) }
    }
}

/// The directory's services where they are, by category, on a grid of squares about the reach across, so a person's
/// nearby services are found among a few squares rather than all.
public struct ServicesNearby: Sendable {
    private var cells: [Cell: [Offer]] = [:]
    /// The needs each set of categories offered meets, as `Need.index` bits, worked out once.
    private var needsMet: [Set<String>: Int] = [:]
    private static let cellDegrees = 0.03

    struct Cell: Hashable { let x: Int, y: Int }

    /// What is within reach of a home for a need: a service with space, only full ones, or nothing.
    public enum Reach: Sendable, Equatable { case open, onlyFull, nothing }

    /// `places`: each place a service is offered at, with the service's category codes (all with space).
    public init(_ places: [(Coordinate, Set<String>)]) {
        self.init(offers: places.map { ($0.0, $0.1, false) })
    }

    /// A place a service counted as meeting needs (`UnmetNeed.counts`) is offered at: the service's categories,
    /// whether it is full, and the features the place has for people with access needs.
    public struct Offer: Sendable {
        public var place: Coordinate
        public var categories: Set<String>
        public var full: Bool
        public var access: Set<AccessibilityFeature>

        public init(place: Coordinate, categories: Set<String>, full: Bool = false, access: Set<AccessibilityFeature> = []) {
            self.place = place; self.categories = categories; self.full = full; self.access = access
        }
    }

    /// `offers`: each place a service counted as meeting needs is offered at, with its categories and whether it is
    /// full (places with no features recorded).
    public init(offers: [(Coordinate, Set<String>, full: Bool)]) {
        self.init(offering: offers.map { Offer(place: $0.0, categories: $0.1, full: $0.full) })
    }

    public init(offering offers: [Offer]) {
        for offer in offers {
            cells[Self.cell(offer.place), default: []].append(offer)
            if needsMet[offer.categories] == nil { needsMet[offer.categories] = Self.needsMet(by: offer.categories) }
        }
    }

    /// The needs (as `Need.index` bits) a service in `categories` meets (`UnmetNeed.categories(for:)`).
    static func needsMet(by categories: Set<String>) -> Int {
        Need.allCases.reduce(0) { bits, need in
            UnmetNeed.categories(for: need).contains(where: categories.contains) ? bits | 1 << need.index : bits
        }
    }

    static func cell(_ c: Coordinate) -> Cell { Cell(x: Int((c.longitude / cellDegrees).rounded(.down)), y: Int((c.latitude / cellDegrees).rounded(.down))) }

    /// Whether a service in any of `categories` has a place within `metres` of `home` (full or not).
    public func any(of categories: Set<String>, within metres: Double, of home: Coordinate) -> Bool {
        reach(of: categories, within: metres, of: home) != .nothing
    }

    /// What a service in any of `categories` offers within `metres` of `home`, at a place `having` every feature
    /// the person needs: one with space, only full ones, or none.
    public func reach(of categories: Set<String>, within metres: Double, of home: Coordinate, having needed: Set<AccessibilityFeature> = []) -> Reach {
        inReach(of: categories, within: metres, of: home).reach(having: needed)
    }

    /// The places within reach, as what matters for a person's reach: each distinct set of features a place has,
    /// and whether all such places are full.
    public struct InReach: Sendable {
        /// Each set of features found, and whether a place with it has space.
        var places: [Set<AccessibilityFeature>: Bool] = [:]

        /// One with space at a place having every feature `needed`, only full ones, or none.
        /// Counts a place: its features, with space if it or another place with the same features has it.
        mutating func add(_ offer: Offer) { places[offer.access] = (places[offer.access] ?? false) || !offer.full }

        public func reach(having needed: Set<AccessibilityFeature>) -> Reach {
            var found = Reach.nothing
            for (features, open) in places where needed.isSubset(of: features) {
                if open { return .open }
                found = .onlyFull
            }
            return found
        }
    }

    /// For each need, in `Need.allCases` order, what is within `metres` of `home` for it: the same as `inReach(of:)`
    /// with the need's categories (`UnmetNeed.categories(for:)`), each place's distance worked out once for all needs.
    public func inReachForEachNeed(within metres: Double, of home: Coordinate) -> [InReach] {
        var found = Array(repeating: InReach(), count: Need.allCases.count)
        for offer in offers(within: metres, of: home) {
            let needs = needsMet[offer.categories] ?? 0
            for need in Need.allCases where needs & 1 << need.index != 0 { found[need.index].add(offer) }
        }
        return found
    }

    /// The places of services in any of `categories` within `metres` of `home`.
    public func inReach(of categories: Set<String>, within metres: Double, of home: Coordinate) -> InReach {
        var found = InReach()
        for offer in offers(within: metres, of: home) where !offer.categories.isDisjoint(with: categories) { found.add(offer) }
        return found
    }

    /// Every offer at a place within `metres` of `home`, found among the squares near it.
    private func offers(within metres: Double, of home: Coordinate) -> [Offer] {
        // A square is at least 0.03° of latitude (3.3 km) tall and, at British latitudes, 1.7 km wide: look far enough.
        let centre = Self.cell(home), reachX = 2 + Int(metres / 1_700), reachY = 1 + Int(metres / 3_300)
        var found: [Offer] = []
        for dx in -reachX...reachX {
            for dy in -reachY...reachY {
                for offer in cells[Cell(x: centre.x + dx, y: centre.y + dy)] ?? [] where offer.place.distance(to: home) <= metres {
                    found.append(offer)
                }
            }
        }
        return found
    }
}

/// How a ward is shaded on the unmet need map, from its figure as shown (never from the true count behind it), in
/// fixed bands so the same shade means the same numbers on every map.
public enum GapShade: Int, CaseIterable, Sendable, Equatable {
    /// Fewer than 8 people with the need there, or none at all: nothing to show.
    case tooFew
    /// Nobody with the need lacked a service within reach.
    case none
    /// 1 to 7 people, shown as *.
    case few
    case tenToTwenty, upToFifty, overFifty

    public init(_ shown: InsightValue?) {
        switch shown {
        case .count(0): self = .none
        case .hidden: self = .few
        case .count(let n): self = n <= 20 ? .tenToTwenty : n <= 50 ? .upToFifty : .overFifty
        default: self = .tooFew
        }
    }

    public var title: String {
        switch self {
        case .tooFew: "Too few to show, or no one with the need"
        case .none: "None"
        case .few: "1 to 7 (shown as *)"
        case .tenToTwenty: "10 to 20"
        case .upToFifty: "25 to 50"
        case .overFifty: "More than 50"
        }
    }
}
