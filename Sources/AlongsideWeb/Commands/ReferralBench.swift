import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// `alongside bench referrals [--link-workers 250] [--episodes 250] [--queries 500]`: a team of link workers each
/// with a full caseload across every stage, on a new database (SQLite or PostgreSQL); times the caseload page's queries and the
/// store's work for a whole closed loop, each against a baseline from the same run.
enum ReferralBench {
    static func chunks<T>(_ items: [T], _ size: Int) -> [[T]] {
        stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min(items.count, $0 + size)]) }
    }

    static func run(_ context: CommandContext, workers: Int, episodes: Int, queries: Int) async throws {
        guard (1...2_000).contains(workers), (1...2_000).contains(episodes), (1...100_000).contains(queries) else {
            throw ConfigurationError("--link-workers and --episodes must be 1 to 2000, --queries 1 to 100000")
        }
        let app = context.application
        let console = context.console
        try await BenchCommand.freshDatabase(app, example: "referrals", empty: try await ReferralRecord.query(on: app.db).count() == 0)
        try await BundledGeography.load(on: app.db)
        let now = Date()
        var random = SeededGenerator(seed: 250)
        console.print("Writing \(workers) link workers and \(workers * episodes) episodes")
        var clock = ContinuousClock.now
        var team: [UUID] = []
        for batch in chunks(Array(0..<workers), 500) {
            let people = batch.map { i in PersonRecord(givenName: "Worker", familyName: "\(i + 1)", postcode: nil, createdAt: now) }
            try await people.create(on: app.db)
            team += people.map { $0.id! }
        }
        let stages = EpisodeStage.allCases
        let total = workers * episodes
        for start in stride(from: 0, to: total, by: 2_000) {
            var people: [PersonRecord] = [], referrals: [ReferralRecord] = []
            do {
                for i in start..<min(total, start + 2_000) {
                    let person = PersonRecord(id: SeededGenerator.uuid(&random), givenName: "Person", familyName: "\(i)", postcode: "LA1 1AA", createdAt: now)
                    // Born on days spread over 70 years, as a district's people are: with one birthday for all,
                    // every referral would look like a possible duplicate of every other.
                    let born = UKDates.isoDay(Date(timeIntervalSince1970: -1_262_304_000 + Double((i &* 7_919) % 25_567) * 86_400))
                    person.birthDate = born
                    people.append(person)
                    let r = ReferralRecord()
                    r.id = SeededGenerator.uuid(&random)
                    r.personID = person.id!
                    r.givenName = "Person"; r.familyName = "\(i)"; r.birthDate = born; r.postcode = "LA1 1AA"
                    r.phone = "01524 000000"; r.preferredContact = "phone"; r.needs = "loneliness"; r.accessNeeds = ""; r.story = ""; r.consented = true
                    r.source = "clinician"; r.referrerName = "Dr Bench"; r.gpSharing = "all"; r.submissionKey = "bench-\(i)"
                    let stage = stages[Int.random(in: 0..<stages.count, using: &random)]
                    r.stage = stage.rawValue
                    r.assignedTo = stage == .received && i % 3 == 0 ? nil : team[i % workers]
                    r.createdAt = now.addingTimeInterval(-Double(Int.random(in: 0...365, using: &random)) * 86_400)
                    r.stageChangedAt = r.createdAt
                    r.nextContactOn = UKDates.isoDay(now.addingTimeInterval(Double(Int.random(in: -10...30, using: &random)) * 86_400))
                    referrals.append(r)
                }
            }
            let moves = referrals.filter { $0.assignedTo != nil }.map { r in
                let m = EpisodeMoveRecord()
                m.referralID = r.id!; m.fromStage = "received"; m.toStage = "accepted"; m.movedBy = r.assignedTo; m.movedAt = r.createdAt
                return m
            }
            // A baseline SWEMWBS from the first conversation on, a follow-up once connected; one person in ten a carer.
            let reached: Set<EpisodeStage> = [.contacted, .whatMatters, .planAgreed, .connected, .followingUp, .closed]
            var measures: [MeasureRecord] = [], carers: [CarerLinkRecord] = []
            for (n, r) in referrals.enumerated() where reached.contains(r.currentStage) {
                for (offset, raw) in [(1.0, 18 + n % 6)] + ([.connected, .followingUp, .closed].contains(r.currentStage) ? [(30.0, 16 + n % 12)] : []) {
                    let m = MeasureRecord()
                    m.personID = r.personID; m.referralID = r.id; m.instrument = Instrument.swemwbs.rawValue
                    m.answers = (0..<7).map { String(1 + (raw - 7 + $0) / 7) }.joined(separator: ",")
                    m.takenAt = r.createdAt.addingTimeInterval(offset * 86_400); m.metric = SWEMWBSScore(raw: raw)?.metric
                    measures.append(m)
                }
            }
            for (n, person) in people.enumerated() where n % 10 == 0 {
                let link = CarerLinkRecord()
                link.carerID = person.id!; link.caredForName = "Mum"; link.relationship = CaringRelationship.parent.rawValue
                link.whatICareWith = ""; link.carerAgreedAt = now; link.createdAt = now
                carers.append(link)
            }
            try await app.db.writeTransaction { [people, referrals, moves, measures, carers] tx in
                for chunk in chunks(people, 400) { try await chunk.create(on: tx) }
                for chunk in chunks(referrals, 200) { try await chunk.create(on: tx) }
                for chunk in chunks(moves, 400) { try await chunk.create(on: tx) }
                for chunk in chunks(measures, 400) { try await chunk.create(on: tx) }
                try await WellbeingPairs.refresh(measures.compactMap(\.referralID), on: tx)
                for chunk in chunks(carers, 400) { try await chunk.create(on: tx) }
            }
            console.print("… \(min(total, start + 2_000)) of \(total) episodes written")
        }
        let writeSeconds = BenchCommand.seconds(since: clock)
        if StoreSQL.engine(of: app.db) == .postgres {
            // What autovacuum does soon after a bulk load on a real server: without the tables' statistics the
            // planner joins and scans whole tables for the caseload's small questions.
            try await StoreSQL.sql(app.db).raw("ANALYZE").run()
        }

        console.print("Timing the caseload page's queries \(queries) times")
        var pageTimes: [Double] = [], baseline: [Double] = []
        let startOfYear = Calendar.ukCivil.date(from: Calendar.ukCivil.dateComponents([.year], from: now)) ?? now
        var shown = 0
        var steps: [String: [Double]] = [:]
        var lap = ContinuousClock.now
        func mark(_ step: String) {
            steps[step, default: []].append(BenchCommand.seconds(since: lap) * 1000)
            lap = ContinuousClock.now
        }
        for _ in 0..<queries {
            let worker = team[Int.random(in: 0..<team.count, using: &random)]
            let t0 = ContinuousClock.now
            lap = t0
            // What the caseload page asks, with a filter a link worker might choose (none, a stage, a need, due today, overdue, carers, a name).
            let waiting = try await Referrals().waitingSummaries(limit: CaseloadQuery.pageSize, on: app.db)
            _ = try await Referrals().inboxCount(on: app.db)
            mark("the team's 25 waiting and how many wait")
            _ = try await Referrals().likelyDuplicates(among: waiting, on: app.db)
            mark("likely duplicates among them")
            let mine = try await Referrals().caseloadEntries(of: worker, on: app.db)
            mark("the link worker's open episodes")
            _ = try await Referrals().takenOn(by: worker, since: startOfYear, on: app.db)
            mark("taken on this year")
            let carers = try await Carers().carersAmong(mine.map(\.personID) + waiting.map(\.personID), on: app.db)
            mark("carers among them")
            let watch = try await Measures().watch(mine.map { ($0.personID, $0.entry.id) }, now: now, on: app.db)
            mark("measures at a glance")
            let entries = mine.map { $0.entry.with(carer: carers.contains($0.personID), watch: watch[$0.personID]) }
            let filters = [CaseloadQuery(), CaseloadQuery(stage: .contacted), CaseloadQuery(need: .loneliness), CaseloadQuery(show: .dueToday),
                           CaseloadQuery(show: .overdue), CaseloadQuery(show: .carers), CaseloadQuery(search: entries.first.map { String($0.name.prefix(4)) } ?? "")]
            let page = CaseloadPage(entries, filters[Int.random(in: 0..<filters.count, using: &random)], today: UKDates.isoDay(now))
            mark("filtered, sorted and paged in memory")
            let today = UKDates.isoDay(now)
            _ = try await Referrals().summaries(Array(Set(page.entries.map(\.id) + entries.filter { $0.nextContactOn == today }.map(\.id))), on: app.db)
            mark("the rows shown, read in full")
            pageTimes.append(BenchCommand.seconds(since: t0) * 1000)
            shown += page.entries.count + waiting.count
            let t1 = ContinuousClock.now
            _ = try await StoreSQL.sql(app.db).raw("SELECT 1 AS one").all()
            baseline.append(BenchCommand.seconds(since: t1) * 1000)
        }

        console.print("Timing a whole closed loop through the store, 20 times")
        var loopTimes: [Double] = []
        let org = OrganisationRecord(name: "Bench walking group", description: "Walks", postcode: nil, createdAt: now)
        try await org.create(on: app.db)
        let service = ServiceListing(id: UUID(), organisationID: org.id!, organisationName: org.name, name: "Bench walk", description: "A walk.",
                                     phone: "01524 000000", schedules: [.weekly(.tuesday, from: TimeOfDay(hour: 10, minute: 0), to: TimeOfDay(hour: 11, minute: 0))],
                                     lastModified: now, lastChecked: now)
        try await Directory().save(service, on: app.db)
        let details = try ReferralDetails(givenName: "Loop", familyName: "Person", birthDate: "1950-01-01", postcode: "LA1 1AA", phone: "01524 123456",
                                          needs: [.loneliness], consented: true, source: .clinician).validated(today: now)
        let worker = team[0]
        var actions = 0
        for run in 0..<20 {
            clock = ContinuousClock.now
            actions = 0
            let made = try await Referrals().create(details, personID: nil, referredBy: nil, referrerName: "Dr Bench", submissionKey: "loop-\(run)",
                                                    now: now, on: app.db).referral
            let id = made.id!
            actions += 1
            try await Referrals().move(id, EpisodeMove(to: .accepted), by: worker, now: now, on: app.db)
            actions += 1
            // Logging the conversation moves the episode to "contacted".
            try await Referrals().logContact(id, ContactLog(happenedAt: now, way: .phone, minutes: 20, reached: true), by: worker, now: now, on: app.db)
            actions += 1
            try await Referrals().move(id, EpisodeMove(to: .whatMatters), by: worker, now: now, on: app.db)
            actions += 1
            let plan = CarePlan(whatMatters: "Company", goals: [Goal(id: UUID(), words: "Get out twice a week", category: .connecting)])
            try await Plans().save(plan, of: made.personID, basedOn: nil, by: worker, channel: "bench", now: now, on: app.db)
            actions += 1
            try await Referrals().move(id, EpisodeMove(to: .planAgreed), by: worker, now: now, on: app.db)
            actions += 1
            let sent = try await CommunityReferrals().send(from: id, to: service.id, hopes: "Company", accessNeeds: nil, confirmFull: true,
                                                           by: worker, now: now, on: app.db)
            actions += 1
            for response in [CommunityResponse.accept, .attendance(.attendedFirst)] {
                try await CommunityReferrals().respond(sent.id!, response, by: nil, now: now, on: app.db)
                actions += 1
            }
            for move in [EpisodeMove(to: .connected), EpisodeMove(to: .followingUp), EpisodeMove(to: .closed, outcome: .goalsMet)] {
                try await Referrals().move(id, move, by: worker, now: now, on: app.db)
                actions += 1
            }
            loopTimes.append(BenchCommand.seconds(since: clock) * 1000)
        }

        let p50 = BenchCommand.percentile(pageTimes, 0.5), p99 = BenchCommand.percentile(pageTimes, 0.99)
        let b50 = BenchCommand.percentile(baseline, 0.5), b99 = BenchCommand.percentile(baseline, 0.99)
        let l50 = BenchCommand.percentile(loopTimes, 0.5)
        console.print("")
        console.print("| what | figure | baseline (same run) | ratio | target |")
        console.print("| --- | --- | --- | --- | --- |")
        console.print("| writing \(workers) link workers' \(total) episodes (multi-row inserts) | \(String(format: "%.1f", writeSeconds)) s | — | — | — |")
        console.print("| caseload page p50 (the 25 longest waiting, how many wait and which look like duplicates; own caseload, taken on this year, carers among them, their measures at a glance; filtered and paged 25 at a time by a filter drawn at random) | \(String(format: "%.2f", p50)) ms | `SELECT 1`: \(String(format: "%.3f", b50)) ms | \(String(format: "%.0f", p50 / max(b50, 0.001)))× | — |")
        console.print("| caseload page p99 | \(String(format: "%.2f", p99)) ms | `SELECT 1` p99: \(String(format: "%.3f", b99)) ms | \(String(format: "%.0f", p99 / max(b99, 0.001)))× | under 25 ms (issue 10) |")
        console.print("| a whole closed loop through the store (\(actions) actions: refer, accept, contact, 3 moves, refer to a service, its 2 answers, connect, follow up, close), median of 20 | \(String(format: "%.1f", l50)) ms | one caseload page: \(String(format: "%.2f", p50)) ms | \(String(format: "%.0f", l50 / max(p50, 0.001)))× | — |")
        console.print("(\(shown / max(queries, 1)) referrals on a caseload page on average)")
        for step in ["the team's 25 waiting and how many wait", "likely duplicates among them", "the link worker's open episodes", "taken on this year",
                     "carers among them", "measures at a glance", "filtered, sorted and paged in memory", "the rows shown, read in full"] {
            let times = steps[step] ?? []
            console.print("  \(step): p50 \(String(format: "%.2f", BenchCommand.percentile(times, 0.5))) ms, p99 \(String(format: "%.2f", BenchCommand.percentile(times, 0.99))) ms")
        }
    }
}
