import Foundation

/// What a goal is about, for counting across a place; the goal itself is in the person's words.
public enum GoalCategory: String, CaseIterable, Codable, Sendable {
    case connecting, activity, mentalWellbeing = "mental_wellbeing", money, housing, work, caring, health, independence, other

    public var title: String {
        switch self {
        case .connecting: "Meeting people and feeling connected"
        case .activity: "Being more active"
        case .mentalWellbeing: "Feeling better in myself"
        case .money: "Money and debt"
        case .housing: "Housing"
        case .work: "Work, learning or volunteering"
        case .caring: "Caring for someone"
        case .health: "Managing a health condition"
        case .independence: "Doing things for myself"
        case .other: "Something else"
        }
    }
}

/// One step towards a goal: what, who helps (it can be the person), and by when.
public struct GoalStep: Codable, Equatable, Sendable {
    public var what: String
    public var who: String
    /// An ISO day, or nil for no date.
    public var byWhen: String?

    public init(what: String, who: String, byWhen: String? = nil) {
        self.what = what
        self.who = who
        self.byWhen = byWhen
    }
}

/// A goal in the person's own words, with how far along they feel they are (0–10).
public struct Goal: Codable, Equatable, Sendable, Identifiable {
    public var id: UUID
    public var words: String
    public var category: GoalCategory
    public var steps: [GoalStep]
    /// How far along, 0 (not started) to 10 (done), as the person rates it; nil until rated.
    public var progress: Int?

    public init(id: UUID = UUID(), words: String, category: GoalCategory, steps: [GoalStep] = [], progress: Int? = nil) {
        self.id = id
        self.words = words
        self.category = category
        self.steps = steps
        self.progress = progress
    }
}

/// A personalised care and support plan that the person owns.
public struct CarePlan: Codable, Equatable, Sendable {
    public var whatMatters: String
    public var strengths: String
    public var goals: [Goal]
    /// The people and groups who support me, in my words.
    public var supporters: String
    /// An ISO day.
    public var reviewOn: String?
    /// Services the person chose from the directory for their plan (those they were referred to come from their
    /// referrals).
    public var services: [UUID]

    public init(whatMatters: String = "", strengths: String = "", goals: [Goal] = [], supporters: String = "", reviewOn: String? = nil,
                services: [UUID] = []) {
        self.whatMatters = whatMatters
        self.strengths = strengths
        self.goals = goals
        self.supporters = supporters
        self.reviewOn = reviewOn
        self.services = services
    }

    enum CodingKeys: String, CodingKey { case whatMatters, strengths, goals, supporters, reviewOn, services }

    /// Reads every saved version, including those written before a field existed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        whatMatters = try c.decodeIfPresent(String.self, forKey: .whatMatters) ?? ""
        strengths = try c.decodeIfPresent(String.self, forKey: .strengths) ?? ""
        goals = try c.decodeIfPresent([Goal].self, forKey: .goals) ?? []
        supporters = try c.decodeIfPresent(String.self, forKey: .supporters) ?? ""
        reviewOn = try c.decodeIfPresent(String.self, forKey: .reviewOn)
        services = try c.decodeIfPresent([UUID].self, forKey: .services) ?? []
    }

    public static let maxGoals = 12
    public static let maxSteps = 12

    /// The plan tidied (spaces trimmed, dates as ISO days), or every problem named by the field it is in, e.g.
    /// `goals[0].words` or `goals[1].steps[0].who`. A review date must not be in the past.
    public func validated(today: Date, previousReviewOn: String? = nil) throws -> CarePlan {
        var v = FieldChecks()
        var tidy = self
        tidy.whatMatters = whatMatters.trimmed
        tidy.strengths = strengths.trimmed
        tidy.supporters = supporters.trimmed
        for (name, text) in [("what_matters", tidy.whatMatters), ("strengths", tidy.strengths), ("supporters", tidy.supporters)] where text.count > 4_000 {
            v.add(name, "Keep this under 4,000 characters")
        }
        if goals.count > Self.maxGoals { v.add("goals", "A plan can hold up to \(Self.maxGoals) goals") }
        if services.count > 50 { v.add("services", "A plan can hold up to 50 services") }
        tidy.services = services.reduce(into: []) { kept, id in if !kept.contains(id) { kept.append(id) } }
        for (g, goal) in goals.enumerated() {
            let field = "goals[\(g)]"
            tidy.goals[g].words = goal.words.trimmed
            if tidy.goals[g].words.isEmpty { v.add(field + ".words", "Goal \(g + 1) needs words: what you want, in your own words") }
            if tidy.goals[g].words.count > 1_000 { v.add(field + ".words", "Goal \(g + 1) is too long: keep it under 1,000 characters") }
            if let progress = goal.progress, !(0...10).contains(progress) {
                v.add(field + ".progress", "How far along goal \(g + 1) is must be from 0 to 10")
            }
            if goal.steps.count > Self.maxSteps { v.add(field + ".steps", "Goal \(g + 1) can have up to \(Self.maxSteps) steps") }
            for (s, step) in goal.steps.enumerated() {
                let sf = "\(field).steps[\(s)]"
                tidy.goals[g].steps[s].what = step.what.trimmed
                tidy.goals[g].steps[s].who = step.who.trimmed
                if step.what.trimmed.isEmpty { v.add(sf + ".what", "Step \(s + 1) of goal \(g + 1) needs to say what will happen") }
                if step.who.trimmed.isEmpty { v.add(sf + ".who", "Step \(s + 1) of goal \(g + 1) needs someone who does it (it can be you)") }
                if let text = step.byWhen?.trimmed, !text.isEmpty {
                    if let day = UKDates.parseTypedDay(text) { tidy.goals[g].steps[s].byWhen = UKDates.isoDay(day) } else {
                        v.add(sf + ".by_when", "Step \(s + 1) of goal \(g + 1): enter the date like 14/03/2027")
                    }
                } else {
                    tidy.goals[g].steps[s].byWhen = nil
                }
            }
        }
        if let text = reviewOn?.trimmed, !text.isEmpty {
            if let day = UKDates.parseTypedDay(text) {
                let iso = UKDates.isoDay(day)
                // An unchanged review date may have passed since it was set; a new one must not be in the past.
                if iso < UKDates.isoDay(today) && iso != previousReviewOn {
                    v.add("review_on", "The review date must be today or later")
                } else if iso > UKDates.isoDay(Calendar.ukCivil.date(byAdding: .year, value: 2, to: today)!) {
                    v.add("review_on", "The review date must be within two years: a plan is looked at again sooner than that")
                }
                tidy.reviewOn = iso
            } else {
                v.add("review_on", "Enter the review date like 14/03/2027")
            }
        } else {
            tidy.reviewOn = nil
        }
        try v.finish()
        return tidy
    }

    /// What changed from an earlier version, in words, for the plan's history.
    public func changes(from old: CarePlan) -> [String] {
        var said: [String] = []
        if whatMatters != old.whatMatters { said.append("what matters") }
        if strengths != old.strengths { said.append("strengths") }
        if supporters != old.supporters { said.append("who supports me") }
        if reviewOn != old.reviewOn { said.append("review date") }
        if services != old.services { said.append("services chosen") }
        let before = Dictionary(uniqueKeysWithValues: old.goals.map { ($0.id, $0) })
        for (index, goal) in goals.enumerated() {
            guard let was = before[goal.id] else { said.append("new goal \(index + 1)"); continue }
            if was.words != goal.words || was.category != goal.category { said.append("goal \(index + 1)") }
            if was.steps != goal.steps { said.append("steps of goal \(index + 1)") }
            if was.progress != goal.progress { said.append("progress on goal \(index + 1)") }
        }
        let removed = old.goals.filter { g in !goals.contains { $0.id == g.id } }.count
        if removed > 0 { said.append(removed == 1 ? "a goal removed" : "\(removed) goals removed") }
        return said
    }
}

/// Whom the person chose to share their plan and measures with, beside their link worker.
public struct PlanSharing: Codable, Equatable, Sendable {
    /// Their GP: the clinicians who referred them.
    public var gp: Bool
    public var organisations: [UUID]
    /// Carers, by their person id.
    public var carers: [UUID]

    public init(gp: Bool = false, organisations: [UUID] = [], carers: [UUID] = []) {
        self.gp = gp
        self.organisations = organisations
        self.carers = carers
    }
}

/// Who has a reason to see or change one person's plan and measures, for the permission policy.
public struct PlanAccess: Equatable, Sendable {
    public let personID: UUID
    /// Link workers given any of the person's episodes.
    public let linkWorkers: Set<UUID>
    /// Whoever referred the person (the GP's side).
    public let referrers: Set<UUID>
    public let sharing: PlanSharing

    public init(personID: UUID, linkWorkers: Set<UUID> = [], referrers: Set<UUID> = [], sharing: PlanSharing = PlanSharing()) {
        self.personID = personID
        self.linkWorkers = linkWorkers
        self.referrers = referrers
        self.sharing = sharing
    }
}
