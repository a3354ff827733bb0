import AlongsideCore
import FluentKit
import Foundation

/// What loading the demo place made, for the summary printed at the end.
public struct DemoSummary: Sendable, Equatable {
    public var postcodes = 0
    public var residents = 0
    public var referrals = 0
    public var measures = 0
    public var plans = 0
    public var carers = 0
    public var organisations = 0
    public var services = 0
    public var proposals = 0
    public var budgetRounds = 0
    public var panels = 0
    public var accounts: [(email: String, role: Role)] = []

    public static func == (lhs: DemoSummary, rhs: DemoSummary) -> Bool {
        lhs.postcodes == rhs.postcodes && lhs.residents == rhs.residents && lhs.organisations == rhs.organisations
            && lhs.accounts.map(\.email) == rhs.accounts.map(\.email)
    }
}

/// Writes the demo place into an empty database: the district's geography, synthetic residents, community
/// organisations and one sign-in per role.
public struct DemoLoader: Sendable {
    public static let domain = "alongside.example"
    public static let password = "alongside-demo"

    public init() {}

    public static func email(for role: Role) -> String { "\(role.demoMailbox)@\(domain)" }

    public func isLoaded(on db: any Database) async throws -> Bool {
        try await AccountRecord.query(on: db).filter(\.$email == Self.email(for: .administrator)).first() != nil
    }

    /// Loads the place. `passwordHash` is the Bcrypt hash of `DemoLoader.password`, made once by the caller.
    public func load(passwordHash: String, now: Date, residentCount: Int = 3000, serviceCount: Int = 300, referralCount: Int = 150,
                     seed: UInt64 = 2019, progress: (@Sendable (String) -> Void)? = nil, on db: any Database) async throws -> DemoSummary {
        var summary = DemoSummary()
        progress?("Loading Lancaster district postcodes, LSOAs and deprivation deciles")
        try await BundledGeography.load(on: db)
        let postcodes = try await Geography().allPostcodes(on: db)
        summary.postcodes = postcodes.count
        progress?("Generating \(residentCount) residents over \(postcodes.count) postcodes")
        let place = DemoPlace.generate(postcodes: postcodes, residentCount: residentCount, seed: seed)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        summary = try await db.writeTransaction { [summary] tx in
            var summary = summary
            var random = SeededGenerator(seed: seed &+ 1)
            var people: [PersonRecord] = []
            for resident in place.residents {
                let person = PersonRecord(id: SeededGenerator.uuid(&random), givenName: resident.givenName,
                                          familyName: resident.familyName, postcode: resident.postcode, createdAt: now)
                let b = resident.birthDate
                person.birthDate = String(format: "%04d-%02d-%02d", b.year!, b.month!, b.day!)
                person.sex = resident.sex.rawValue
                person.ethnicity = resident.ethnicity.rawValue
                person.isCarer = resident.isCarer
                people.append(person)
            }
            for batch in people.chunked(500) { try await Array(batch).create(on: tx) }
            summary.residents = people.count
            // Referrals, plans and the resident sign-in are for adults; one young person aged 16 or 17 is a young carer.
            func age(_ person: PersonRecord) -> Int { UKDates.yearsOld(bornOn: person.birthDate, on: now) ?? 0 }
            let adults = people.filter { age($0) >= 18 }
            let youngCarer = people.first { (16...17).contains(age($0)) }
            progress?("Writing \(place.organisations.count) community organisations")
            var organisations: [OrganisationRecord] = []
            for org in place.organisations {
                let record = OrganisationRecord(id: SeededGenerator.uuid(&random), name: org.name, description: org.description,
                                                postcode: org.postcode, createdAt: now)
                try await record.create(on: tx)
                organisations.append(record)
            }
            summary.organisations = organisations.count

            progress?("Writing the directory: \(serviceCount) community services")
            let positions = try await Geography().allPositions(on: tx)
            let services = DemoDirectory.generate(
                postcodes: positions, organisations: organisations.map { ($0.id!, $0.name) }, count: serviceCount,
                now: now, seed: seed)
            for service in services { try await ListingEditor().publish(service, by: nil, now: now, summary: "Listed", on: tx) }
            if let trusted = organisations.first(where: { $0.name == "Lancaster Carers' Network" }) {
                try await ListingEditor().setTrusted(trusted.id!, true, on: tx)
            }
            summary.services = services.count

            progress?("Creating one sign-in for each role")
            let accounts = Accounts()
            for role in Role.allCases {
                let email = try EmailAddress(Self.email(for: role))
                let account: AccountRecord
                if role == .resident {
                    // The demo resident is one of the generated residents, so their record has a postcode.
                    let person = adults[0]
                    account = AccountRecord(personID: person.id!, email: email.value, passwordHash: passwordHash, createdAt: now)
                    try await account.create(on: tx)
                    try await accounts.grant(.resident, organisationID: nil, to: account, by: nil, now: now,
                                             channel: "demo", on: tx)
                } else {
                    let (given, family) = DemoStaff.name(for: role)
                    account = try await accounts.createStaff(
                        givenName: given, familyName: family, email: email, passwordHash: passwordHash,
                        roles: role == .teamLead ? [.linkWorker, .teamLead] : [role], organisationID: organisations.first?.id, now: now, on: tx)
                }
                summary.accounts.append((email.value, role))
            }

            if referralCount > 0 {
                progress?("Writing months of social prescribing: \(referralCount) referrals, their contacts and community referrals")
                summary.referrals = try await Self.loadReferrals(count: referralCount, people: adults, services: services, now: now, seed: seed, on: tx)
                if let youngCarer {
                    try await Self.loadYoungCarer(youngCarer, now: now, on: tx)
                    summary.referrals += 1
                }
                progress?("Writing the place's proposals, their supporters and answers")
                summary.proposals = try await Self.loadProposals(people: adults, postcodes: postcodes, now: now, seed: seed, on: tx)
                progress?("Writing the community budget rounds, their ideas and ballots")
                summary.budgetRounds = try await Self.loadBudgets(people: adults, now: now, seed: seed, on: tx)
                try await Self.loadResults(now: now, on: tx)
                try await Self.loadPairs(people: adults, now: now, on: tx)
                progress?("Electing the demo panel by STV, and its report-backs")
                summary.panels = try await Self.loadPanels(people: adults, now: now, seed: seed, on: tx)
                summary.measures = try await MeasureRecord.query(on: tx).count()
                summary.plans = try await PlanRecord.query(on: tx).count()
                summary.carers = try await CarerLinkRecord.query(on: tx).count()
            }
            return summary
        }
        return summary
    }
}

extension DemoLoader {
    /// Referrals for the demo link worker's caseload, from `DemoReferrals`, written through the same code as real ones.
    static func loadReferrals(count: Int, people: [PersonRecord], services: [ServiceListing], now: Date, seed: UInt64, on db: any Database) async throws -> Int {
        guard let worker = try await Accounts().account(email: try EmailAddress(email(for: .linkWorker)), on: db),
              let clinician = try await Accounts().account(email: try EmailAddress(email(for: .clinician)), on: db),
              let member = try await Accounts().account(email: try EmailAddress(email(for: .organisationMember)), on: db)
        else { return 0 }
        let (clinicianGiven, clinicianFamily) = DemoStaff.name(for: .clinician)
        let stories = DemoReferrals.generate(count: count, residents: people.count, services: services.count, seed: seed &+ 7)
        let day = 86_400.0
        var wellbeing = SeededGenerator(seed: seed &+ 11)
        var planned: Set<UUID> = [], carers: Set<UUID> = []
        for (index, story) in stories.enumerated() {
            let person = people[story.resident]
            let created = now.addingTimeInterval(-Double(story.daysAgo) * day + 9 * 3_600)
            let details = ReferralDetails(
                givenName: person.givenName, familyName: person.familyName, birthDate: person.birthDate ?? "1960-01-01",
                postcode: person.postcode ?? "LA1 1AA", phone: String(format: "01524 %06d", 100_000 + index * 37), needs: story.needs,
                story: DemoReferrals.words(for: story.needs), consented: true, source: index == 0 ? .selfReferral : story.source)
            let referrer = index == 0 || story.source == .selfReferral ? (person.id!, person.fullName)
                : story.source == .organisation ? (member.$person.id, "Lancaster Carers' Network") : (clinician.$person.id, "\(clinicianGiven) \(clinicianFamily)")
            let r = try await Referrals().create(details, personID: person.id, referredBy: referrer.0, referrerName: referrer.1,
                                                 submissionKey: "demo-\(seed)-\(index)", now: created, on: db).referral
            for attempt in story.failedAttempts {
                try await Referrals().logContact(r.id!, ContactLog(happenedAt: created + Double(attempt) * day, way: .phone, reached: false,
                                                                   notes: "No answer; left a message."), by: worker.$person.id, now: created + Double(attempt) * day, on: db)
            }
            var wellbeingLoaded = false
            for (move, after) in story.moves {
                let when = created + Double(after) * day + 3_600
                if move.to == .contacted {
                    // Logging the conversation is what moves the episode to "contacted".
                    try await Referrals().logContact(r.id!, ContactLog(happenedAt: when, way: .phone, minutes: 25, reached: true,
                                                                       notes: "First conversation; agreed to meet."), by: worker.$person.id, now: when, on: db)
                    continue
                }
                if move.to == .planAgreed {
                    // The plan is written down before it is called agreed.
                    try await loadWellbeing(story, person: person, created: created, worker: worker.$person.id, now: now,
                                            planned: &planned, carers: &carers, random: &wellbeing, on: db)
                    wellbeingLoaded = true
                }
                try await Referrals().move(r.id!, move, by: worker.$person.id, assignTo: worker.$person.id, now: when, on: db)
                guard move.to == .connected else { continue }
                for (serviceIndex, after, status) in story.community where !services.isEmpty {
                    let when = created + Double(after) * day + 7_200
                    let sent = try await CommunityReferrals().send(from: r.id!, to: services[serviceIndex % services.count].id, hopes: "To meet people and get out more",
                                                                   accessNeeds: nil, confirmFull: true, by: worker.$person.id, now: when, on: db)
                    let steps: [CommunityResponse] = switch status {
                    case .sent: []
                    case .accepted: [.accept]
                    case .declined: [.decline(.noCapacity, note: nil)]
                    case .attendedFirst: [.accept, .attendance(.attendedFirst)]
                    case .attendingRegularly: [.accept, .attendance(.attendedFirst), .attendance(.attendingRegularly)]
                    case .stopped: [.accept, .attendance(.attendedFirst), .attendance(.stopped)]
                    case .didNotAttend: [.accept, .attendance(.didNotAttend)]
                    }
                    for (n, response) in steps.enumerated() {
                        try await CommunityReferrals().respond(sent.id!, response, by: member.$person.id, now: min(now, when + Double(n + 2) * day), on: db)
                    }
                }
            }
            if !wellbeingLoaded {
                try await loadWellbeing(story, person: person, created: created, worker: worker.$person.id, now: now,
                                        planned: &planned, carers: &carers, random: &wellbeing, on: db)
            }
        }
        // Next contacts across the coming weeks, a few today and a few overdue, as a real caseload has.
        for (index, referral) in try await ReferralRecord.query(on: db).sort(\.$createdAt).all().enumerated()
        where referral.currentStage.isOpen && referral.assignedTo != nil {
            referral.nextContactOn = UKDates.isoDay(now.addingTimeInterval(Double(index % 24 - 4) * day))
            try await referral.save(on: db)
        }
        return stories.count
    }
}

extension DemoLoader {
    /// One story's measures, plan and caring, from `DemoWellbeing`, written through the same code as real ones.
    static func loadWellbeing(_ story: DemoReferrals.Story, person: PersonRecord, created: Date, worker: UUID, now: Date,
                              planned: inout Set<UUID>, carers: inout Set<UUID>, random: inout SeededGenerator, on db: any Database) async throws {
        let day = 86_400.0
        let contacted = story.moves.first { $0.0.to == .contacted }?.1
        let connected = story.moves.first { $0.0.to == .connected }?.1
        for m in DemoWellbeing.measures(needs: story.needs, contactedDay: contacted, connectedDay: connected, daysAgo: story.daysAgo,
                                                    alwaysFollowUp: story.resident == 0, random: &random) {
            let when = created + Double(m.day) * day + 5_400
            guard when <= now else { continue }
            try await Measures().record(try MeasureResult(m.instrument, answers: m.answers), of: person.id!, by: worker, channel: "demo",
                                        takenAt: when, now: when, on: db)
        }
        if let agreed = story.moves.first(where: { $0.0.to == .planAgreed })?.1, !planned.contains(person.id!) {
            let review = UKDates.isoDay(now + Double(Int.random(in: 20...90, using: &random)) * day)
            let plan = DemoWellbeing.plan(needs: story.needs, whatMatters: DemoReferrals.words(for: story.needs), reviewOn: review,
                                          progressed: connected != nil, random: &random)
            try await Plans().save(plan, of: person.id!, basedOn: nil, by: worker, channel: "demo", now: min(now, created + Double(agreed) * day + 1_800), on: db)
            planned.insert(person.id!)
        }
        if !carers.contains(person.id!), let caring = DemoWellbeing.caring(needs: story.needs, random: &random) {
            try await Carers().link(carer: person.id!, caredFor: nil, caring, recordedBy: worker, channel: "demo", now: created, on: db)
            if random.next() % 2 == 0 {
                try await Carers().saveContingency(ContingencyPlan(whoStepsIn: "My sister Carol", howToReachThem: "07700 900456",
                                                                   whatTheyNeedToKnow: "\(caring.caredForName) needs help getting up and with meals.",
                                                                   medicines: "Tablets at 8am and 6pm, in the blister pack in the kitchen"),
                                                   of: person.id!, by: worker, channel: "demo", now: created, on: db)
            }
            carers.insert(person.id!)
        }
    }
}

extension DemoLoader {
    /// A young carer: referred by the school nurse, spoken to, caring for their mum, with a contingency plan.
    static func loadYoungCarer(_ person: PersonRecord, now: Date, on db: any Database) async throws {
        guard let worker = try await Accounts().account(email: try EmailAddress(email(for: .linkWorker)), on: db),
              let clinician = try await Accounts().account(email: try EmailAddress(email(for: .clinician)), on: db) else { return }
        let created = now.addingTimeInterval(-20 * 86_400)
        let details = ReferralDetails(givenName: person.givenName, familyName: person.familyName, birthDate: person.birthDate ?? "2009-01-01",
                                      postcode: person.postcode ?? "LA1 1AA", phone: "07700 900777", needs: [.caring, .lowMood],
                                      story: "Looks after their mum after school since her stroke; tired and falling behind at college.",
                                      consented: true, source: .clinician)
        let r = try await Referrals().create(details, personID: person.id, referredBy: clinician.$person.id, referrerName: "School nurse, via Dr Hartley",
                                             submissionKey: "demo-young-carer", now: created, on: db).referral
        try await Referrals().move(r.id!, EpisodeMove(to: .accepted), by: worker.$person.id, assignTo: worker.$person.id, now: created + 86_400, on: db)
        try await Referrals().logContact(r.id!, ContactLog(happenedAt: created + 3 * 86_400, way: .faceToFace, minutes: 40, reached: true,
                                                           notes: "Met at college with their tutor."), by: worker.$person.id, now: created + 3 * 86_400, on: db)
        try await Carers().link(carer: person.id!, caredFor: nil, CaringDetails(caredForName: "Mum", relationship: .parent,
                                                                                whatICareWith: "Getting her up, meals and tablets", hoursPerWeek: 25),
                                recordedBy: worker.$person.id, channel: "demo", now: created + 3 * 86_400, on: db)
        try await Measures().record(try MeasureResult(.swemwbs, answers: [2, 3, 2, 3, 2, 2, 3]), of: person.id!, by: worker.$person.id, channel: "demo",
                                    takenAt: created + 3 * 86_400, now: created + 3 * 86_400, on: db)
        try await Carers().saveContingency(ContingencyPlan(whoStepsIn: "Auntie Sue, who lives round the corner", howToReachThem: "07700 900888",
                                                           whatTheyNeedToKnow: "Mum needs help standing up; the key safe code is with the GP practice.",
                                                           medicines: "Tablets at 8am and 8pm, in the kitchen cupboard"),
                                           of: person.id!, by: worker.$person.id, channel: "demo", now: created + 3 * 86_400, on: db)
    }
}

/// The demo staff's names.
enum DemoStaff {
    static func name(for role: Role) -> (String, String) {
        switch role {
        case .resident: ("Demo", "Resident")
        case .linkWorker: ("Priya", "Lawson")
        case .teamLead: ("Ruth", "Gardner")
        case .clinician: ("Dr Tom", "Hartley")
        case .organisationMember: ("Jen", "Procter")
        case .commissioner: ("Alan", "Whiteside")
        case .moderator: ("Maya", "Croft")
        case .administrator: ("Sam", "Airey")
        }
    }
}

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
