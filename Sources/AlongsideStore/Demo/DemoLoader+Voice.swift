import AlongsideCore
import FluentKit
import Foundation

/// The demo place's community voice: proposals, budget rounds, results, pairs and panels, written through the store.
extension DemoLoader {
    /// `DemoProposals` written through the store: supporters drawn from the place's adults (never the author), spread
    /// over the days since each was written; answers given by the demo commissioner.
    static func loadProposals(people: [PersonRecord], postcodes: [String], now: Date, seed: UInt64, on db: any Database) async throws -> Int {
        guard people.count > 300, let commissioner = try await Accounts().account(email: try EmailAddress(email(for: .commissioner)), on: db) else { return 0 }
        var random = SeededGenerator(seed: seed &+ 23)
        let day = 86_400.0
        let newDue = UKDates.isoDay(now + 45 * day)
        var written = 0
        for (index, plan) in DemoProposals.proposals(newDue: newDue).enumerated() {
            var ward: String?
            if let district = plan.district, let postcode = postcodes.first(where: { PostTowns.district(of: $0) == district }) {
                ward = try await Geography().ward(of: postcode, on: db)
            }
            let author = people[(index * 37 + 11) % people.count].id!
            let writtenAt: Date = now.addingTimeInterval(-Double(plan.writtenDaysAgo) * day)
            // Supporters in the order they came: enough before the day it was owed an answer to be owed then.
            var pool = people.map { $0.id! }.filter { $0 != author && $0 != people[0].id! }
            pool.shuffle(using: &random)
            let owedDaysAgo: Int? = switch plan.plan {
            case .owed(let days), .answered(let days, _, _): days
            case .gathering, .published: nil
            }
            let threshold = ProposalThresholds.standard.answer
            let supporters: [(person: UUID, at: Date)] = pool.prefix(plan.supporters).enumerated().map { n, person in
                let share = Double(n + 1) / Double(plan.supporters + 1)
                guard let owedDaysAgo else {
                    let span: Double = Double(plan.writtenDaysAgo - 1) * day
                    return (person, writtenAt.addingTimeInterval(span * share))
                }
                let owedAt: Date = now.addingTimeInterval(-Double(owedDaysAgo) * day)
                if n < threshold {
                    let before: Double = owedAt.timeIntervalSince(writtenAt)
                    return (person, writtenAt.addingTimeInterval(before * Double(n + 1) / Double(threshold)))
                }
                let after: Double = now.timeIntervalSince(owedAt) - day
                return (person, owedAt.addingTimeInterval(after * Double(n - threshold + 1) / Double(plan.supporters - threshold + 1)))
            }
            let id = try await Proposals().loadDemo(ProposalDraft(title: plan.title, body: plan.body, ward: ward, category: plan.category),
                                                    author: author, writtenAt: writtenAt, supporters: supporters, thresholds: .standard, on: db)
            if case .answered(_, let answeredDaysAgo, let answer) = plan.plan {
                try await Proposals().answer(id, answer, organisation: nil, by: commissioner.$person.id, now: now - Double(answeredDaysAgo) * day, on: db)
            }
            written += 1
        }
        return written
    }

    /// `DemoBudgets` written through the store as they would have happened: ideas on their days, reviews, then ballots
    /// from the place's adults who may vote (the demo resident votes in the finished round, and not yet in the open one).
    static func loadBudgets(people: [PersonRecord], now: Date, seed: UInt64, on db: any Database) async throws -> Int {
        guard people.count > 300 else { return 0 }
        var random = SeededGenerator(seed: seed &+ 31)
        let day = 86_400.0
        let resident = try await Accounts().account(email: try EmailAddress(email(for: .resident)), on: db)?.$person.id
        let rounds = BudgetRounds()
        for (index, plan) in DemoBudgets.rounds.enumerated() {
            let on = { (offset: Int) in now + Double(offset) * day }
            let iso = { (offset: Int) in UKDates.isoDay(on(offset)) }
            let rules = BudgetRoundDraft(title: plan.title, description: plan.description, budget: plan.budget, wards: [], ideasFrom: iso(plan.days.ideas),
                                         feasibilityFrom: iso(plan.days.feasibility), votingFrom: iso(plan.days.voting), votingUntil: iso(plan.days.until),
                                         ballot: plan.ballot, rule: plan.rule)
            let id = try await rounds.create(rules, now: on(plan.days.ideas - 7), on: db)
            var projects: [(UUID, DemoBudgets.Project)] = []
            for (n, project) in plan.projects.enumerated() {
                let by = people[(n * 53 + index * 17 + 5) % people.count].id!
                let p = try await rounds.addIdea(to: id, title: project.title, description: project.description, ward: nil, proposedBy: by,
                                                 now: on(plan.days.ideas + 2 + n), on: db)
                try await rounds.review(project: p, cost: project.cost, reason: project.reason, now: on(plan.days.feasibility + 3), on: db)
                projects.append((p, project))
            }
            let feasible = projects.filter { $0.1.cost != nil }
            let votingDays = max(1, min(plan.days.until, 0) - plan.days.voting)
            var cast = 0
            for person in people.shuffled(using: &random) where cast < plan.voters && person.id != resident {
                var chosen: [UUID] = []
                var total = 0
                for (project, demo) in feasible where Int.random(in: 0..<100, using: &random) < demo.appeal {
                    // A knapsack ballot keeps within the budget.
                    if case .knapsack = plan.ballot, total + demo.cost! > plan.budget { continue }
                    total += demo.cost!
                    chosen.append(project)
                }
                if chosen.isEmpty { continue }
                let when = on(plan.days.voting) + Double(Int.random(in: 0..<votingDays, using: &random)) * day + 3_600 * 10
                do {
                    try await rounds.cast(chosen, in: id, by: person.id!, now: when, on: db)
                    cast += 1
                } catch is BudgetRefused { continue }
            }
            if let resident, plan.days.until < 0 {
                try? await rounds.cast([feasible[0].0, feasible[1].0], in: id, by: resident, now: on(plan.days.voting + 1), on: db)
            }
        }
        return DemoBudgets.rounds.count
    }

    /// `DemoPanels` through the store: candidates stand, residents vote (a ranking from each), the count elects,
    /// and the elected report back as the demo says (one never has, so theirs is overdue).
    static func loadPanels(people: [PersonRecord], now: Date, seed: UInt64, on db: any Database) async throws -> Int {
        guard people.count > 300 else { return 0 }
        var random = SeededGenerator(seed: seed &+ 41)
        let day = 86_400.0
        let on = { (offset: Int) in now + Double(offset) * day }
        let panels = Panels()
        let panel = try await panels.create(PanelDraft(name: DemoPanels.name, description: DemoPanels.description, wards: [], seats: DemoPanels.seats, termMonths: 24),
                                            now: on(DemoPanels.days.nominations - 10), on: db)
        let election = try await panels.createElection(
            for: panel, ElectionDays(nominationsFrom: UKDates.isoDay(on(DemoPanels.days.nominations)), votingFrom: UKDates.isoDay(on(DemoPanels.days.voting)),
                                     votingUntil: UKDates.isoDay(on(DemoPanels.days.until))), now: on(DemoPanels.days.nominations - 10), on: db)
        var pool = people.shuffled(using: &random)
        var standing: [(UUID, UUID, DemoPanels.Candidate)] = []
        while standing.count < DemoPanels.candidates.count, let person = pool.popLast() {
            let plan = DemoPanels.candidates[standing.count]
            if let candidate = try? await panels.stand(in: election, person: person.id!, Candidacy(statement: plan.statement, interests: plan.interests),
                                                       now: on(DemoPanels.days.nominations + 3), on: db) {
                standing.append((candidate, person.id!, plan))
            }
        }
        var cast = 0
        while cast < DemoPanels.voters, let person = pool.popLast() {
            // First choice by appeal, then the rest in a shuffled order, stopping at a random length.
            var left = standing
            var ranking: [UUID] = []
            let length = Int.random(in: 1...standing.count, using: &random)
            while ranking.count < length, !left.isEmpty {
                let total = left.reduce(0) { $0 + $1.2.appeal }
                var pick = Int.random(in: 0..<max(total, 1), using: &random)
                let index = left.firstIndex { pick -= $0.2.appeal; return pick < 0 } ?? 0
                ranking.append(left.remove(at: index).0)
            }
            let when = on(DemoPanels.days.voting + Int.random(in: 0...(DemoPanels.days.until - DemoPanels.days.voting), using: &random))
            do { try await panels.vote(in: election, person: person.id!, ranking: ranking, now: when, on: db); cast += 1 } catch is PanelRefused { continue }
        }
        // The second panel: candidates standing, voting open now (the demo resident has not voted).
        let resident = try await Accounts().account(email: try EmailAddress(email(for: .resident)), on: db)?.$person.id
        let second = try await panels.create(PanelDraft(name: DemoPanels.openName, description: DemoPanels.openDescription, wards: [], seats: 2, termMonths: 24),
                                             now: on(DemoPanels.openDays.nominations - 5), on: db)
        let open = try await panels.createElection(
            for: second, ElectionDays(nominationsFrom: UKDates.isoDay(on(DemoPanels.openDays.nominations)), votingFrom: UKDates.isoDay(on(DemoPanels.openDays.voting)),
                                      votingUntil: UKDates.isoDay(on(DemoPanels.openDays.until))), now: on(DemoPanels.openDays.nominations - 5), on: db)
        var openCandidates: [UUID] = []
        while openCandidates.count < DemoPanels.openStatements.count, let person = pool.popLast() {
            if person.id == resident { continue }
            if let c = try? await panels.stand(in: open, person: person.id!, Candidacy(statement: DemoPanels.openStatements[openCandidates.count], interests: "None"),
                                               now: on(DemoPanels.openDays.nominations + 2), on: db) {
                openCandidates.append(c)
            }
        }
        var openCast = 0
        while openCast < DemoPanels.openVoters, let person = pool.popLast() {
            if person.id == resident { continue }
            let ranking = openCandidates.shuffled(using: &random).prefix(Int.random(in: 1...openCandidates.count, using: &random))
            do { try await panels.vote(in: open, person: person.id!, ranking: Array(ranking), now: on(-1), on: db); openCast += 1 } catch is PanelRefused { continue }
        }

        guard let counted = try await panels.results(election, today: now, on: db) else { return 2 }
        let reports = ["Long waits for a GP appointment; people ringing at 8 every morning.", "Carers not knowing what breaks they can have.",
                       "Clinics closing before the last bus from the villages."]
        for (n, elected) in counted.elected.enumerated() {
            guard let plan = standing.first(where: { $0.0 == elected.id }), let person = elected.personID else { continue }
            for (k, daysAgo) in plan.2.reportedDaysAgo.sorted(by: >).enumerated() {
                try await panels.reportBack(panel: panel, by: person, heard: reports[(n + k) % reports.count],
                                            raised: "At the integrated care board's public meeting, and with the practice managers' forum.",
                                            answer: k == 0 ? "The board asked for figures by practice; they are due next month." : "None yet.",
                                            now: on(-daysAgo), on: db)
            }
        }
        return 2
    }

    /// The results the demo's answers and finished round became, with progress, and one milestone late.
    static func loadResults(now: Date, on db: any Database) async throws {
        let day = 86_400.0
        let results = CommunityResults()
        for result in try await results.all(on: db) where result.proposalID != nil {
            try await results.update(result.id, progress: 30, status: .inProgress, text: "The netball club has a coach; a hall in Heysham is being booked.",
                                     now: now - 10 * day, on: db)
            try await results.addMilestone(to: result.id, title: "Hall booked for a year", due: UKDates.isoDay(now - 5 * day), on: db)
            try await results.addMilestone(to: result.id, title: "First session", due: UKDates.isoDay(now + 30 * day), on: db)
        }
        for round in try await BudgetRounds().rounds(on: db) where round.phase(on: now) == .results {
            let parent = try await results.track(round: round.id, today: now, on: db)
            guard let view = try await results.result(parent, on: db) else { continue }
            for (n, child) in view.children.enumerated() {
                try await results.update(child, progress: [100, 60, 20][n % 3], status: n == 0 ? .done : .inProgress,
                                         text: n == 0 ? "Running every week since October." : "Under way.", now: now - Double(20 - n) * day, on: db)
                try await results.addMilestone(to: child, title: "Open to everyone", due: UKDates.isoDay(now + Double(14 * (n + 1) - 20) * day), on: db)
            }
        }
    }

    /// Two collaborative pairs, each a resident of the place and a demo professional, both confirmed, with updates.
    static func loadPairs(people: [PersonRecord], now: Date, on db: any Database) async throws {
        guard people.count > 300 else { return }
        let day = 86_400.0
        let pairs = CollaborativePairs()
        let plans: [(Role, PairDraft, [(String, Int?, Double)])] = [
            (.linkWorker, PairDraft(title: "Walk and talk for men in Morecambe", change: "Men over 50 in Morecambe rarely come to groups; a walk with a chat and no sign-up might reach them.",
                                    goals: "Ten men walking every week by spring; two of them leading walks.", sessionsPlanned: 8),
             [("First walk along the prom: six came, two brought a friend.", 90, 40), ("Planned a route that passes the health centre; one walker will lead from January.", 60, 12)]),
            (.organisationMember, PairDraft(title: "Carers' breaks that carers design", change: "Breaks for unpaid carers are offered at times and places that do not suit carers.",
                                            goals: "A timetable of breaks chosen by carers, tried for three months.", sessionsPlanned: 5),
             [("Met eight carers at the carers' centre and wrote down when they could take a break.", 120, 20)]),
        ]
        for (n, (role, draft, updates)) in plans.enumerated() {
            guard let staff = try await Accounts().account(email: try EmailAddress(email(for: role)), on: db) else { continue }
            let resident = people[(n * 97 + 31) % people.count].id!
            let id = try await pairs.register(draft, by: resident, asResident: true, partnerEmail: staff.email, now: now - 50 * day, on: db)
            try await pairs.confirm(id, by: staff.$person.id, now: now - 49 * day, on: db)
            for (text, minutes, daysAgo) in updates {
                try await pairs.post(id, by: resident, text: text, minutes: minutes, now: now - daysAgo * day, on: db)
            }
        }
    }
}
