import Foundation

/// Money as people read and type it, kept exactly in whole pence.
public enum Money {
    /// "£12,500.00".
    public static func pounds(_ pence: Int) -> String {
        let sign = pence < 0 ? "-" : ""
        let whole = abs(pence) / 100, part = abs(pence) % 100
        let grouped = String(whole).reversed().enumerated().reduce(into: "") { text, item in
            if item.offset > 0 && item.offset % 3 == 0 { text.append(",") }
            text.append(item.element)
        }
        return sign + "£" + String(grouped.reversed()) + "." + (part < 10 ? "0" : "") + String(part)
    }

    /// An amount that may hold a fraction of a penny (what each supporter paid under equal shares), exactly:
    /// "£3.47", or "£3.47 and 1/3 of a penny".
    public static func exact(_ pence: Rational) -> String {
        let whole = pence.floor
        let rest = pence - Rational(whole)
        let shown = pounds(Int(whole))
        return rest.isZero ? shown : shown + " and \(rest) of a penny"
    }

    /// Pounds as typed ("12500", "12,500.50", "£12,500.5") in pence; nil when it is not an amount of money.
    public static func pence(from text: String) -> Int? {
        var t = text.trimmed.replacingOccurrences(of: ",", with: "")
        if t.hasPrefix("£") { t.removeFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 12, whole.allSatisfy(\.isASCII),
              let pounds = Int(whole), pounds >= 0 else { return nil }
        var pence = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(fraction) else { return nil }
            pence = fraction.count == 1 ? value * 10 : value
        }
        return pounds * 100 + pence
    }
}

/// The phases of a participatory budgeting round, in order. Each starts on its day (UK civil days) and the
/// results follow the last day of voting.
public enum BudgetPhase: String, CaseIterable, Sendable, Codable {
    case upcoming, ideas, feasibility, voting, results

    public var title: String {
        switch self {
        case .upcoming: "Not open yet"
        case .ideas: "Ideas"
        case .feasibility: "Feasibility review"
        case .voting: "Voting"
        case .results: "Results"
        }
    }
}

/// What a ballot may hold.
public enum BallotKind: Equatable, Sendable {
    /// Choose any projects (`limit` nil) or up to `limit` of them.
    case approval(limit: Int?)
    /// Choose projects whose costs together fit the budget.
    case knapsack

    public var code: String {
        switch self {
        case .approval: "approval"
        case .knapsack: "knapsack"
        }
    }

    /// The ballot in plain English, as the round's page and the ballot say it.
    public func explanation(budget: Int) -> String {
        switch self {
        case .approval(nil): "Choose every project you would like funded: as many as you like."
        case .approval(let limit?): "Choose up to \(limit) project\(limit == 1 ? "" : "s") you would like funded."
        case .knapsack: "Choose the projects you would fund if the \(Money.pounds(budget)) were yours to spend: together they must cost no more than that."
        }
    }
}

/// A round as a commissioner sets it up: the money, the area, who may vote, the phases' dates, the ballot and the
/// counting rule. Once the first ballot is cast these are fixed.
public struct BudgetRoundDraft: Equatable, Sendable {
    public static let titleLimit = 150
    public static let descriptionLimit = 6_000
    public static let standardMinimumAge = 16

    public var title: String
    public var description: String
    /// Pence.
    public var budget: Int
    /// Wards' ONS codes; empty for the whole place.
    public var wards: [String]
    public var minimumAge: Int
    /// `YYYY-MM-DD`: the first day of each phase, and the last day of voting.
    public var ideasFrom: String
    public var feasibilityFrom: String
    public var votingFrom: String
    public var votingUntil: String
    public var ballot: BallotKind
    public var rule: BudgetRule

    public init(title: String, description: String, budget: Int, wards: [String], minimumAge: Int = Self.standardMinimumAge,
                ideasFrom: String, feasibilityFrom: String, votingFrom: String, votingUntil: String, ballot: BallotKind, rule: BudgetRule) {
        self.title = title; self.description = description; self.budget = budget; self.wards = wards; self.minimumAge = minimumAge
        self.ideasFrom = ideasFrom; self.feasibilityFrom = feasibilityFrom; self.votingFrom = votingFrom; self.votingUntil = votingUntil
        self.ballot = ballot; self.rule = rule
    }

    /// The round's phase on `today`.
    public func phase(on today: Date) -> BudgetPhase {
        let day = UKDates.isoDay(today)
        if day < ideasFrom { return .upcoming }
        if day < feasibilityFrom { return .ideas }
        if day < votingFrom { return .feasibility }
        if day <= votingUntil { return .voting }
        return .results
    }

    /// The form as typed, checked: every problem named at once. Amount in pounds, dates as `YYYY-MM-DD` (nil when
    /// what was typed is not a date), the area as ward codes or `ProposalDraft.wholePlace`.
    public static func from(title: String, description: String, amount: String, area: [String], minimumAge: String,
                            ideasFrom: String?, feasibilityFrom: String?, votingFrom: String?, votingUntil: String?,
                            ballot: String, limit: String, rule: String, knownWards: Set<String>) throws -> BudgetRoundDraft {
        var checks = FieldChecks()
        let title = checks.check { try Text.required(title, field: "title", label: "a title", maxLength: titleLimit) } ?? ""
        let description = checks.check {
            try Text.required(description, field: "description", label: "what the round is for", maxLength: descriptionLimit, multiline: true)
        } ?? ""
        var budget = 0
        if amount.trimmed.isEmpty { checks.add("amount", "Enter the amount to be shared, in pounds") } else if let pence = Money.pence(from: amount), pence > 0 {
            budget = pence
        } else { checks.add("amount", "Enter the amount in pounds and pence, like 25,000 or 25000.00") }
        let chosen = area.map(\.trimmed).filter { !$0.isEmpty }
        var wards: [String] = []
        if chosen.isEmpty { checks.add("area", "Choose the whole place or at least one ward") } else if chosen.contains(ProposalDraft.wholePlace) {
            if chosen.count > 1 { checks.add("area", "Choose the whole place, or wards, not both") }
        } else if chosen.allSatisfy(knownWards.contains) { wards = Array(Set(chosen)).sorted() } else {
            checks.add("area", "Choose wards from the list")
        }
        var age = standardMinimumAge
        if minimumAge.trimmed.isEmpty {
            age = standardMinimumAge
        } else if let typed = Int(minimumAge.trimmed), (11...25).contains(typed) { age = typed } else {
            checks.add("minimum_age", "Enter the youngest age that may vote, from 11 to 25")
        }
        let days = [("ideas_from", ideasFrom, "the day ideas open"), ("feasibility_from", feasibilityFrom, "the day feasibility review starts"),
                    ("voting_from", votingFrom, "the day voting opens"), ("voting_until", votingUntil, "the last day of voting")]
        for (field, value, label) in days where value == nil { checks.add(field, "Enter \(label) as a real date, like 14 3 2027") }
        let (i, f, v, u) = (ideasFrom ?? "", feasibilityFrom ?? "", votingFrom ?? "", votingUntil ?? "")
        if !i.isEmpty && !f.isEmpty && f <= i { checks.add("feasibility_from", "Feasibility review must start after ideas open") }
        if !f.isEmpty && !v.isEmpty && v <= f { checks.add("voting_from", "Voting must open after feasibility review starts") }
        if !v.isEmpty && !u.isEmpty && u < v { checks.add("voting_until", "The last day of voting must be on or after the day voting opens") }
        var kind = BallotKind.approval(limit: nil)
        switch ballot {
        case "approval":
            let typed = limit.trimmed
            if !typed.isEmpty {
                if let n = Int(typed), (1...100).contains(n) { kind = .approval(limit: n) } else {
                    checks.add("limit", "Enter how many projects each voter may choose, from 1 to 100, or leave it empty for any number")
                }
            }
        case "knapsack": kind = .knapsack
        default: checks.add("ballot", "Choose the kind of ballot")
        }
        let counting = BudgetRule(rawValue: rule)
        if counting == nil { checks.add("rule", "Choose how the votes are counted") }
        try checks.finish()
        return BudgetRoundDraft(title: title, description: description, budget: budget, wards: wards, minimumAge: age,
                                ideasFrom: i, feasibilityFrom: f, votingFrom: v, votingUntil: u, ballot: kind, rule: counting!)
    }

    /// Whether the person may vote: old enough on `today` and living in the round's area. The reason when not.
    /// `ward` is the ward of their home postcode; `livesInPlace` whether the place knows that postcode at all.
    public func whyNotEligible(birthDate: String?, ward: String?, livesInPlace: Bool, today: Date) -> String? {
        guard livesInPlace else { return "Voting is for people who live here, and your account has no home postcode in this place." }
        if !wards.isEmpty, !(ward.map(wards.contains) ?? false) { return "This round is for people who live in its wards, and your home postcode is in another." }
        guard let age = UKDates.yearsOld(bornOn: birthDate, on: today) else {
            return "Voting in this round is from age \(minimumAge): add your date of birth to your account to vote."
        }
        return age >= minimumAge ? nil : "Voting in this round is from age \(minimumAge)."
    }

    /// A ballot's projects checked against the ballot's rules. `costs` holds the projects on the ballot (those found
    /// feasible) with their costs in pence. The ballot's projects, each once, in the order given.
    public func checkedBallot(_ chosen: [UUID], costs: [UUID: Int]) throws -> [UUID] {
        var seen = Set<UUID>()
        var ballot: [UUID] = []
        for id in chosen where seen.insert(id).inserted { ballot.append(id) }
        if ballot.isEmpty { throw FieldError("projects", "Choose at least one project") }
        if ballot.contains(where: { costs[$0] == nil }) { throw FieldError("projects", "Choose projects from this round's ballot") }
        switch self.ballot {
        case .approval(let limit?) where ballot.count > limit:
            throw FieldError("projects", "Choose no more than \(limit) project\(limit == 1 ? "" : "s"): you chose \(ballot.count)")
        case .knapsack:
            let total = ballot.reduce(0) { $0 + costs[$1]! }
            if total > budget {
                throw FieldError("projects", "The projects you chose cost \(Money.pounds(total)) together, more than the \(Money.pounds(budget)) to spend: take one off")
            }
        default: break
        }
        return ballot
    }
}

/// One project's line in a round's results: its votes and cost, whether it was funded and why.
public struct BudgetResultLine: Equatable, Sendable {
    public let project: Int
    public let votes: Int
    public let cost: Int
    public let funded: Bool
    /// Why it was or was not funded, in plain English.
    public let why: String
}

extension BudgetOutcome {
    /// Each project's line, funded ones first in the order they were chosen, then the rest by votes.
    public func lines(of election: BudgetElection, rule: BudgetRule) -> [BudgetResultLine] {
        let chosen = Set(selected)
        let funded = selected.map { p -> BudgetResultLine in
            let why: String
            switch fundedBy[p] {
            case .equalShares:
                let paid = payment[p] ?? .zero
                why = "Its voters (\(votes[p])) paid for it from their equal shares: each paid \(Money.exact(paid)), or all they had left if less."
            case .whatWasLeft: why = "Funded from the money left after equal shares, in order of votes."
            default: why = "Funded in order of votes."
            }
            return BudgetResultLine(project: p, votes: votes[p], cost: election.projects[p].cost, funded: true, why: why)
        }
        let left = election.budget - cost
        let rest = election.projects.indices.filter { !chosen.contains($0) }.sorted { (votes[$1], $0) < (votes[$0], $1) }.map { p in
            let cost = election.projects[p].cost
            let why = votes[p] == 0 ? "No one voted for it."
                : cost > left ? "Not funded: it costs more than the \(Money.pounds(left)) left once the projects above were funded."
                : "Not funded: its voters could not pay for it from their shares, and the money left went to projects with more votes."
            return BudgetResultLine(project: p, votes: votes[p], cost: cost, funded: false, why: why)
        }
        return funded + rest
    }
}
