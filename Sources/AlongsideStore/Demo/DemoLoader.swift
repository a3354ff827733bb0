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
    public var timeBankExchanges = 0
    public var roomBookings = 0
    public var trainingPlaces = 0
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

            progress?("Listing the GP practices, their networks and a clinician at each")
            let clinicians = try await DemoPractices.load(passwordHash: passwordHash, now: now, on: tx)

            if referralCount > 0 {
                progress?("Writing months of social prescribing: \(referralCount) referrals, their contacts and community referrals")
                summary.referrals = try await Self.loadReferrals(count: referralCount, people: adults, services: services, clinicians: clinicians,
                                                                 now: now, seed: seed, on: tx)
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
                progress?("Writing the time bank: members, offers and requests, and months of exchanges")
                summary.timeBankExchanges = try await Self.loadTimeBank(people: adults, now: now, seed: seed, on: tx)
                progress?("Listing shared rooms and booking their regular groups")
                summary.roomBookings = try await Self.loadRooms(now: now, on: tx)
                try await Self.loadVolunteering(resident: adults[0].id!, now: now, on: tx)
                progress?("Opening training sessions to community leaders, one with a waiting list")
                summary.trainingPlaces = try await Self.loadTraining(people: adults, now: now, on: tx)
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
    /// Clinicians' referrals are shared among `clinicians` (one at each demo practice) in turn.
    static func loadReferrals(count: Int, people: [PersonRecord], services: [ServiceListing], clinicians: [(UUID, String)], now: Date, seed: UInt64,
                              on db: any Database) async throws -> Int {
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
            // Early enough in the day that everything that follows it in the story, hours later, is still in the past
            // (a referral "0 days ago" made after 15:00 would otherwise be dated tomorrow).
            let created = now.addingTimeInterval(-Double(story.daysAgo) * day - 15 * 3_600)
            let details = ReferralDetails(
                givenName: person.givenName, familyName: person.familyName, birthDate: person.birthDate ?? "1960-01-01",
                postcode: person.postcode ?? "LA1 1AA", phone: String(format: "01524 %06d", 100_000 + index * 37), needs: story.needs,
                story: DemoReferrals.words(for: story.needs), consented: true, source: index == 0 ? .selfReferral : story.source)
            let referrer = index == 0 || story.source == .selfReferral ? (person.id!, person.fullName)
                : story.source == .organisation ? (member.$person.id, "Lancaster Carers' Network")
                : clinicians.isEmpty ? (clinician.$person.id, "\(clinicianGiven) \(clinicianFamily)") : clinicians[index % clinicians.count]
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
        case .coordinator: ("Beth", "Cragg")
        case .administrator: ("Sam", "Airey")
        }
    }
}
