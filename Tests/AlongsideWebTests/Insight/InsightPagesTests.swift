import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// A commissioner lands on insight, sees referrals by deprivation fifth — suppressed, equal to a recount of the raw
/// rows — and downloads the same as CSV and JSON; nobody else gets the figures; every view is audited.
@Suite struct InsightPagesTests {
    /// Referrals by IMD fifth, recounted from the records one by one (not through Insight's query).
    func recount(_ app: Application) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for referral in try await ReferralRecord.query(on: app.db).all() {
            var group = "unknown"
            if let lsoa = try await PostcodeRecord.find(referral.postcode, on: app.db)?.lsoa,
               let decile = try await LSOARecord.find(lsoa, on: app.db)?.imdDecile {
                group = String((decile + 1) / 2)
            }
            counts[group, default: 0] += 1
        }
        return counts
    }

    @Test func aCommissionerSeesReferralsByDeprivationSuppressedAndDownloadsThem() async throws {
        try await withAlongside(demo: true, demoReferrals: 120) { app in
            let commissioner = Browser(app)
            try await commissioner.get("/sign-in")
            let landed = try await commissioner.post("/sign-in", [("email", DemoLoader.email(for: .commissioner)), ("password", DemoLoader.password)])
            #expect(landed.location == InsightURL.dashboards.path)
            let index = try await commissioner.get(InsightURL.dashboards.path)
            #expect(index.status == .ok && index.text.contains("href=\"/insight/referrals\""))

            let page = try await commissioner.get(InsightURL.page(.referrals).path)
            #expect(page.status == .ok, "\(page.text.prefix(300))")
            let truth = try await recount(app)
            #expect(truth.values.reduce(0, +) == 120)
            for (group, count) in truth {
                let name = InsightSplit.imdQuintile.groups.first { $0.key == group }!.name
                // The row shows the suppressed count as its first figure.
                #expect(page.text.contains("<th scope=\"row\">\(name)</th><td>\(try InsightValue(suppressing: count).description)</td>"), "\(group): \(count)")
            }
            #expect(page.text.contains("<th scope=\"row\">All</th><td>120</td>"))
            #expect(page.text.contains("Core20 ratio"))

            // The JSON and CSV say the same; a suppressed count is "*".
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .commissioner))
            let json = try await api.send(app, .GET, InsightURL.api(.referrals).path + "?by=imd_quintile", token: token)
            #expect(json.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            let rows = try #require(body["rows"] as? [[String: Any]])
            #expect(rows.map { $0["group"] as? String } == ["1", "2", "3", "4", "5", "unknown"])
            for row in rows {
                let group = row["group"] as! String, value = (row["values"] as! [String: Any])["referrals"]
                let shown = try InsightValue(suppressing: truth[group] ?? 0)
                switch shown {
                case .hidden: #expect(value as? String == "*", "\(group)")
                case .count(let n): #expect(value as? Int == n, "\(group)")
                default: Issue.record("a count shown as days")
                }
            }
            let csv = try await commissioner.get(InsightURL.csv(.referrals).path + "?by=sex")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            #expect(csv.text.hasPrefix("sex,name,referrals,people,from_clinicians") && csv.text.contains("\r\ntotal,All,120,"))

            // Other splits all count every referral once.
            for split in InsightSplit.allCases {
                let table = try await commissioner.get(InsightURL.page(.referrals).with([("by", split.rawValue)]))
                #expect(table.status == .ok && table.text.contains("<th scope=\"row\">All</th><td>120</td>"), "\(split)")
            }

            // Each view was audited as a read of figures about many people.
            let audited = try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.viewedInsight.rawValue).count()
            #expect(audited == 3 + InsightSplit.allCases.count)
        }
    }

    /// The waits shown equal waits worked out from the contacts and moves themselves.
    @Test func waitsAreCountedFromWhatWasRecorded() async throws {
        try await withAlongside(demo: true, demoReferrals: 120) { app in
            // A contact logged late for an earlier day moves the first time reached back; a later one, or an attempt, leaves it.
            let someone = try #require(try await ReferralRecord.query(on: app.db).filter(\.$firstReachedAt != nil).sort(\.$id).first())
            let first = try #require(someone.firstReachedAt)
            let earlier = max(someone.createdAt, first.addingTimeInterval(-3_600))
            for (at, reached) in [(earlier, true), (first.addingTimeInterval(60), true), (someone.createdAt, false)] {
                try await Referrals().logContact(someone.id!, ContactLog(happenedAt: at, way: .phone, reached: reached), by: nil, now: Date(), on: app.db)
            }
            // A database from before they were kept: the migration works them out from the contacts and moves.
            let kept = try await ReferralRecord.query(on: app.db).all().map { ($0.id!, $0.firstReachedAt, $0.firstConnectedAt) }
            try await StoreSQL.sql(app.db).raw("UPDATE referrals SET first_reached_at = NULL, first_connected_at = NULL").run()
            try await KeepFirstReachedAndConnected.workOut(on: app.db)
            let workedOut = try await ReferralRecord.query(on: app.db).all().map { ($0.id!, $0.firstReachedAt, $0.firstConnectedAt) }
            #expect(kept.count == workedOut.count && zip(kept.sorted { $0.0.uuidString < $1.0.uuidString }, workedOut.sorted { $0.0.uuidString < $1.0.uuidString })
                .allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 })
            var toContact: [Int] = [], toConnection: [Int] = []
            for referral in try await ReferralRecord.query(on: app.db).all() {
                let contacts = try await EpisodeContactRecord.query(on: app.db).filter(\.$referralID == referral.id!).filter(\.$reached == true).all()
                if let first = contacts.map(\.happenedAt).min() { toContact.append(max(0, Int(first.timeIntervalSince(referral.createdAt) / 86_400))) }
                let moves = try await EpisodeMoveRecord.query(on: app.db).filter(\.$referralID == referral.id!).filter(\.$toStage == "connected").all()
                if let first = moves.map(\.movedAt).min() { toConnection.append(max(0, Int(first.timeIntervalSince(referral.createdAt) / 86_400))) }
                // What the referral keeps is what its raw contacts and moves say.
                #expect(referral.firstReachedAt == contacts.map(\.happenedAt).min() && referral.firstConnectedAt == moves.map(\.movedAt).min(), "\(referral.id!)")
            }
            #expect(try await ReferralRecord.find(someone.id!, on: app.db)?.firstReachedAt != first || earlier == first)
            #expect(toContact.count >= 8, "the demo has people reached")
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .commissioner))
            let json = try await api.send(app, .GET, InsightURL.api(.waiting).path + "?by=sex", token: token)
            #expect(json.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            let total = try #require(body["total"] as? [String: Any])
            let contact = Waits(days: toContact), connection = Waits(days: toConnection)
            #expect(total["reached"] as? Int == SmallNumbers.rounded(toContact.count))
            #expect(total["median_days_to_contact"] as? Double == contact.median)
            #expect(total["p90_days_to_contact"] as? Double == contact.ninetieth)
            if toConnection.count >= 8 { #expect(total["median_days_to_connection"] as? Double == connection.median) }
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let page = try await commissioner.get(InsightURL.page(.waiting).with([("by", "age_band")]))
            #expect(page.status == .ok && page.text.contains("Median days to being reached") && page.text.contains(String(format: "%.1f", contact.median!)))
            #expect(try await commissioner.get(InsightURL.csv(.waiting).path).text.hasPrefix("imd_quintile,name,reached,median_days_to_contact"))
        }
    }

    /// What happened, recounted from the referrals and community referrals themselves.
    @Test func outcomesAreCountedFromWhatWasRecorded() async throws {
        try await withAlongside(demo: true, directory: true, demoReferrals: 150) { app in
            var truth = Array(repeating: 0, count: InsightDashboard.outcomes.measures.count)
            for referral in try await ReferralRecord.query(on: app.db).all() {
                let sent = try await CommunityReferralRecord.query(on: app.db).filter(\.$referralID == referral.id!).all()
                let went = sent.contains { ["attended_first", "attending_regularly", "stopped"].contains($0.status) }
                let turnedAway = sent.contains { $0.status == "declined" && $0.declineReason == "no_capacity" }
                let closed = referral.stage == "closed"
                for (i, flag) in [true, went, closed, closed && referral.outcome == "goals_met", closed && referral.outcome == "goals_partly_met",
                                  referral.stage == "declined_by_person", referral.stage == "could_not_contact", turnedAway].enumerated() where flag {
                    truth[i] += 1
                }
            }
            #expect(truth[1] > 0 && truth[2] > 0, "the demo has people who went to a service and whose support ended: \(truth)")
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .commissioner))
            let json = try await api.send(app, .GET, InsightURL.api(.outcomes).path + "?by=ethnicity", token: token)
            #expect(json.status == .ok)
            let total = try #require((try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])?["total"] as? [String: Any])
            for (i, measure) in InsightDashboard.outcomes.measures.enumerated() {
                let expected = try InsightValue(suppressing: truth[i])
                switch expected {
                case .count(let n): #expect(total[measure.key] as? Int == n, "\(measure.key)")
                default: #expect(total[measure.key] as? String == "*", "\(measure.key)")
                }
            }
            // Shares come from the counts as shown, each with its Wilson interval; the CSV carries the same.
            let shares = try #require((try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])?["total_shares"] as? [String: Any])
            let went = try InsightValue(suppressing: truth[1]), referred = try InsightValue(suppressing: truth[0])
            guard case .share(let p, let interval) = InsightShare(went, of: referred) else { Issue.record("the demo's share who went"); return }
            let shown = try #require(shares["went_to_a_service"] as? [String: Double])
            #expect(abs(shown["share"]! - p) < 0.0001 && abs(shown["lower"]! - interval.lower) < 0.0001 && abs(shown["upper"]! - interval.upper) < 0.0001)
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let page = try await commissioner.get(InsightURL.page(.outcomes).path)
            #expect(page.status == .ok && page.text.contains("Went to a service at least once"))
            #expect(page.text.contains("As shares, with 95% intervals") && page.text.contains(InsightShare(went, of: referred).description))
            let csv = try await commissioner.get(InsightURL.csv(.outcomes).path).text
            #expect(csv.hasPrefix("imd_quintile,name,referrals,went_to_a_service,closed") && csv.contains("went_to_a_service_share_percent,went_to_a_service_lower_percent"))
            #expect(csv.contains(",All,") && csv.split(separator: "\r\n").last?.contains(String(format: "%.1f", p * 100)) == true)

            // Declines by the service's category and reason, recounted from each declined community referral.
            var byCategory: [String: [Int]] = [:], declinedTotal = [0, 0, 0]
            let reasons = DeclineReason.allCases.map(\.rawValue)
            for sent in try await CommunityReferralRecord.query(on: app.db).filter(\.$status == "declined").all() {
                let reason = reasons.firstIndex(of: sent.declineReason ?? "") ?? 2
                declinedTotal[reason] += 1
                let terms = try await ServiceTermRecord.query(on: app.db).filter(\.$service.$id == sent.serviceID).with(\.$term).all()
                for code in Set(terms.map(\.term.code)).sorted() { byCategory[code, default: [0, 0, 0]][reason] += 1 }
                if terms.isEmpty { byCategory["", default: [0, 0, 0]][reason] += 1 }
            }
            #expect(declinedTotal[0] > 0, "the demo has services that declined for lack of space")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            let rows = try #require(body["declines_by_category"] as? [[String: Any]])
            func suppressed(_ n: Int) throws -> AnyHashable {
                switch try InsightValue(suppressing: n) { case .count(let c): c; default: "*" }
            }
            #expect(Set(rows.compactMap { $0["category"] as? String }) == Set(byCategory.keys))
            for row in rows {
                let truth = try #require(byCategory[row["category"] as? String ?? "?"])
                let values = try #require(row["values"] as? [String: AnyHashable])
                let all = try suppressed(truth.reduce(0, +))
                #expect(values["declined"] == all)
                for (i, reason) in reasons.enumerated() {
                    let expected = try suppressed(truth[i])
                    #expect(values[reason] == expected, "\(row["category"] ?? "") \(reason)")
                }
            }
            let declinesTotal = try #require(body["declines_total"] as? [String: AnyHashable])
            let (noSpace, declinedAll) = (try suppressed(declinedTotal[0]), try suppressed(declinedTotal.reduce(0, +)))
            #expect(declinesTotal["no_capacity"] == noSpace && declinesTotal["declined"] == declinedAll)
            #expect(page.text.contains("Turned away: by the kind of service and the reason"))
            let declinesCSV = try await commissioner.get(InsightURL.declinesCSV.path)
            #expect(declinesCSV.status == .ok && declinesCSV.text.hasPrefix("category,name,declined,no_capacity,not_eligible,other\r\n"))
            #expect(declinesCSV.text.split(separator: "\r\n").count == rows.count + 2)
            // The declines are figures like the rest: nobody without insight gets them.
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            #expect(try await resident.get(InsightURL.declinesCSV.path).status == .forbidden)
        }
    }

    /// Who takes part, recounted record by record: people living here, and those who proposed, supported or commented,
    /// voted, gave or received time, had volunteering hours confirmed or attended training in the period.
    @Test func participationIsCountedFromWhatPeopleDid() async throws {
        try await withAlongside(demo: true, demoReferrals: 150) { app in
            let today = UKDates.isoDay(Date())
            let period = try InsightPeriod.parse(from: "2017-01-01", to: today, today: Date())
            func within(_ date: Date) -> Bool { date >= period.from && date < period.until }
            // Two residents write and support a proposal (the demo writes proposals only for a larger place).
            let two = try await PersonRecord.query(on: app.db).filter(\.$postcode != nil).sort(\.$id).range(..<2).all()
            let proposal = ProposalRecord()
            proposal.authorID = two[0].id!; proposal.title = "Benches on the prom"; proposal.body = "Somewhere to rest"; proposal.category = "physical-activity"
            proposal.createdAt = Date().addingTimeInterval(-86_400); proposal.notifyAuthor = false
            try await proposal.create(on: app.db)
            let support = ProposalSupportRecord()
            support.proposalID = proposal.id!; support.personID = two[1].id!; support.createdAt = Date().addingTimeInterval(-3_600); support.notify = false
            try await support.create(on: app.db)
            var residents: Set<UUID> = []
            for person in try await PersonRecord.query(on: app.db).filter(\.$postcode != nil).all()
            where try await PostcodeRecord.find(person.postcode!, on: app.db) != nil { residents.insert(person.id!) }
            var voice: Set<UUID> = []
            for p in try await ProposalRecord.query(on: app.db).all() where within(p.createdAt) { voice.insert(p.authorID) }
            for s in try await ProposalSupportRecord.query(on: app.db).all() where within(s.createdAt) { voice.insert(s.personID) }
            for c in try await ProposalCommentRecord.query(on: app.db).all() where within(c.createdAt) { if let a = c.authorID { voice.insert(a) } }
            let voted = Set(try await BudgetBallotRecord.query(on: app.db).all().filter { within($0.castAt) }.compactMap(\.personID))
            var timeBank: Set<UUID> = []
            for t in try await TransferRecord.query(on: app.db).all() where within(t.at) { timeBank.insert(t.fromAccount); timeBank.insert(t.toAccount) }
            var volunteered: Set<UUID> = []
            for h in try await VolunteerHoursRecord.query(on: app.db).filter(\.$status == "confirmed").all()
            where h.day >= period.fromText && h.day <= period.toText {
                if let v = try await VolunteerRecord.find(h.volunteerID, on: app.db) { volunteered.insert(v.personID) }
            }
            var trained: Set<UUID> = []
            for place in try await TrainingPlaceRecord.query(on: app.db).filter(\.$status == "attended").all() {
                if let session = try await TrainingSessionRecord.find(place.sessionID, on: app.db), within(session.startsAt) { trained.insert(place.personID) }
            }
            let sets = [voice, voted, timeBank, volunteered, trained].map { $0.intersection(residents) }
            let truth = [residents.count, sets.reduce(Set<UUID>()) { $0.union($1) }.count] + sets.map(\.count)
            // (With 100 residents the demo writes no proposals or ballots: those columns are checked as zero.)
            #expect(truth[2] == 2 && truth[4] > 0 && truth[5] > 0 && truth[6] > 0, "the demo has people who take part: \(truth)")
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .commissioner))
            let json = try await api.send(app, .GET, InsightURL.api(.participation).path + "?by=sex&from=2017-01-01&to=\(today)", token: token)
            #expect(json.status == .ok)
            let total = try #require((try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])?["total"] as? [String: Any])
            for (i, measure) in InsightDashboard.participation.measures.enumerated() {
                switch try InsightValue(suppressing: truth[i]) {
                case .count(let n): #expect(total[measure.key] as? Int == n, "\(measure.key)")
                default: #expect(total[measure.key] as? String == "*", "\(measure.key)")
                }
            }
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let page = try await commissioner.get(InsightURL.page(.participation).path)
            #expect(page.status == .ok && page.text.contains("Gave or received time in the time bank"))
        }
    }

    /// Wellbeing change from each episode's own first and latest answers, recounted from the measures themselves.
    @Test func wellbeingIsPairedWithinEachEpisode() async throws {
        try await withAlongside(demo: true, demoReferrals: 150) { app in
            var changes: [Double] = [], anxiety: [Int] = [], involved = (asked: 0, yes: 0)
            for referral in try await ReferralRecord.query(on: app.db).all() {
                let taken = try await MeasureRecord.query(on: app.db).filter(\.$referralID == referral.id!).filter(\.$instrument == "swemwbs")
                    .sort(\.$takenAt).sort(\.$id).all().compactMap { $0.result?.swemwbs?.metric }
                if taken.count >= 2 { changes.append(taken.last! - taken.first!) }
                let anxious = try await MeasureRecord.query(on: app.db).filter(\.$referralID == referral.id!).filter(\.$instrument == "ons4")
                    .sort(\.$takenAt).sort(\.$id).all().compactMap { $0.result?.ons4.first { $0.question == .anxiety }?.value }
                if anxious.count >= 2 { anxiety.append(anxious.last! - anxious.first!) }
                let latest = try await MeasureRecord.query(on: app.db).filter(\.$referralID == referral.id!).filter(\.$instrument == "involvement")
                    .sort(\.$takenAt).sort(\.$id).all().last?.result?.answers.first ?? nil
                if let latest, (1...3).contains(latest) {
                    involved.asked += 1
                    if latest <= 2 { involved.yes += 1 }
                }
            }
            #expect(anxiety.count >= 8 && involved.asked >= 8, "the demo has ONS4 pairs and involvement answers")
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .commissioner))
            let json = try await api.send(app, .GET, InsightURL.api(.wellbeing).path + "?by=age_band", token: token)
            #expect(json.status == .ok)
            let total = try #require((try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])?["total"] as? [String: Any])
            if changes.count >= 8 {
                #expect(total["swemwbs_pairs"] as? Int == SmallNumbers.rounded(changes.count))
                let mean = changes.reduce(0, +) / Double(changes.count)
                #expect(abs((total["swemwbs_mean_change"] as? Double ?? .nan) - (mean * 100).rounded() / 100) < 1e-9)
            } else {
                #expect(total["swemwbs_mean_change"] as? String == "*")
            }
            let anxietyMean = Double(anxiety.reduce(0, +)) / Double(anxiety.count)
            #expect(abs((total["anxiety_mean_change"] as? Double ?? .nan) - (anxietyMean * 100).rounded() / 100) < 1e-9)
            #expect(total["involvement_asked"] as? Int == SmallNumbers.rounded(involved.asked))
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let page = try await commissioner.get(InsightURL.page(.wellbeing).path)
            #expect(page.status == .ok && page.text.contains("Mean change in wellbeing (SWEMWBS)"))
        }
    }

    /// A link worker sees the same dashboards over their own caseload only, with exact counts.
    @Test func aLinkWorkerSeesTheirOwnCaseloadExactly() async throws {
        try await withAlongside(demo: true, demoReferrals: 150) { app in
            let worker = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == DemoLoader.email(for: .linkWorker)).first()?.$person.id)
            let mine = try await ReferralRecord.query(on: app.db).filter(\.$assignedTo == worker).count()
            let all = try await ReferralRecord.query(on: app.db).count()
            #expect(mine > 0 && mine < all)
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .linkWorker))
            let json = try await api.send(app, .GET, InsightURL.api(.referrals).path, token: token)
            #expect(json.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            #expect(body["scope"] as? String == "own_caseload")
            #expect((body["total"] as? [String: Any])?["referrals"] as? Int == mine)
            let browser = Browser(app)
            try await browser.signIn(DemoLoader.email(for: .linkWorker))
            let page = try await browser.get(InsightURL.page(.referrals).path)
            #expect(page.status == .ok && page.text.contains("Your caseload only.") && page.text.contains("<th scope=\"row\">All</th><td>\(mine)</td>"))
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.viewedInsight.rawValue).all()
            #expect(audit.count == 2 && audit.allSatisfy { $0.detail.hasSuffix("own caseload") })
        }
    }

    /// Unmet need recounted by brute force: every referral's needs and ward, and every service's places measured.
    @Test func unmetNeedIsCountedAgainstEveryServicesPlaces() async throws {
        try await withAlongside(demo: true, directory: true, demoReferrals: 150) { app in
            // One service in three is full.
            let services = try await ServiceRecord.query(on: app.db).sort(\.$id).all()
            for (i, service) in services.enumerated() where i % 3 == 0 {
                try await StoreSQL.sql(app.db).raw("UPDATE services SET capacity = 'full' WHERE id = \(bind: service.id!)").run()
            }
            // Full: those, and any the demo's directory lists as full already.
            let full = Set(try await ServiceRecord.query(on: app.db).filter(\.$capacity == "full").all().map { $0.id! })
            #expect(full.count >= services.count / 3)
            // Only free services that run at least weekly count as within reach — or, when asked, those costing up to £3 a session.
            let directory = try await DirectorySearchCache.facts(ids: nil, on: app.db).values
            let counted = Dictionary(uniqueKeysWithValues: [0, 300].map { line in
                (line, directory.filter { UnmetNeed.counts(isFree: $0.isFree, costPence: $0.costPence, lowCostUpTo: line, schedules: $0.schedules) })
            })
            #expect(counted[0]!.count < services.count && !counted[0]!.isEmpty && counted[300]!.count > counted[0]!.count)
            let codes = Dictionary(uniqueKeysWithValues: try await TaxonomyTermRecord.query(on: app.db).all().map { ($0.id!, $0.code) })
            // A goal in a person's plan counts as a need they said matters, though their referral does not name it.
            let someone = try #require(try await ReferralRecord.query(on: app.db).sort(\.$id).all().first { !$0.needList.contains(.housing) })
            let stored = try await Plans().plan(of: someone.personID, on: app.db)
            var plan = stored.plan
            plan.goals.append(Goal(words: "Somewhere warm to live", category: .housing))
            try await Plans().save(plan, of: someone.personID, basedOn: stored.version, by: nil, channel: "test", now: Date(), on: app.db)
            // And what a "what matters" conversation was agreed to point to, though neither the referral nor a plan names it.
            let talked = try #require(try await ReferralRecord.query(on: app.db).sort(\.$id).all().first { !$0.needList.contains(.bereavement) })
            try await Referrals().recordWhatMatters(talked.id!, WhatMatters(goodDay: "Tea with the friends Bill and I had", needs: [.bereavement]),
                                                    by: nil, now: Date(), on: app.db)
            // Some people need a place to have things: a service is within reach for them only at a place that has them all.
            for (i, referral) in try await ReferralRecord.query(on: app.db).sort(\.$id).all().enumerated() where i % 4 == 0 {
                try await Referrals().recordAccessNeeds(referral.id!, i % 8 == 0 ? [.stepFree, .hearingLoop] : [.changingPlaces], by: nil, now: Date(), on: app.db)
            }
            var truths: [Int: [String: (people: Int, nothing: Int, full: Int, away: Int)]] = [:]
            var fromPlansOnly = 0, fromConversationsOnly = 0, narrowedByAccess = 0
            for (line, facts) in counted {
                var truth: [String: (people: Int, nothing: Int, full: Int, away: Int)] = [:]
                for referral in try await ReferralRecord.query(on: app.db).all() {
                    let place = try await PostcodeRecord.find(referral.postcode, on: app.db)
                    let planned = try await PlanRecord.query(on: app.db).filter(\.$personID == referral.personID).first().map { UnmetNeed.needs(of: $0.plan) } ?? []
                    fromPlansOnly += Set(planned).subtracting(referral.needList).count
                    let said = try await Referrals().whatMatters(referral.id!, on: app.db)?.needs ?? []
                    fromConversationsOnly += Set(said).subtracting(referral.needList + planned).count
                    let turnedAway = try await CommunityReferralRecord.query(on: app.db).filter(\.$referralID == referral.id!).all()
                        .contains { $0.status == "declined" && $0.declineReason == "no_capacity" }
                    for need in Set(referral.needList + planned + said) {
                        let home = place.map { Coordinate(latitude: $0.latitude, longitude: $0.longitude) }
                        let wanted = Set(UnmetNeed.categories(for: need))
                        func within(having needed: Set<AccessibilityFeature>) -> [SearchableService]? {
                            home.map { home in
                                facts.filter { service in
                                    !Set(service.termIDs.compactMap { codes[$0] }).isDisjoint(with: wanted)
                                        && service.places.contains { $0.coordinate.distance(to: home) <= 3_000 && needed.isSubset(of: $0.accessibility) }
                                }
                            }
                        }
                        let reachable = within(having: Set(referral.accessNeedList))
                        if reachable?.isEmpty == true && within(having: [])?.isEmpty == false { narrowedByAccess += 1 }
                        let key = need.rawValue + "|" + (place?.ward ?? "unknown")
                        var t = truth[key] ?? (0, 0, 0, 0)
                        t.people += 1
                        if turnedAway { t.away += 1 }
                        if let reachable, reachable.isEmpty { t.nothing += 1 }
                        if let reachable, !reachable.isEmpty, reachable.allSatisfy({ full.contains($0.id) }) { t.full += 1 }
                        truth[key] = t
                    }
                }
                truths[line] = truth
            }
            let truth = truths[0]!
            #expect(truths[300]!.values.reduce(0) { $0 + $1.nothing } < truth.values.reduce(0) { $0 + $1.nothing },
                    "services costing up to £3 leave fewer people with nothing near")
            #expect(truth.values.contains { $0.full > 0 }, "the test makes no one's services all full")
            #expect(fromPlansOnly > 0, "a need is counted from a plan's goal alone")
            #expect(fromConversationsOnly > 0, "a need is counted from a conversation's coding alone")
            #expect(narrowedByAccess > 0, "someone has a service near, but none at a place with what they need")
            #expect(truth.values.contains { $0.away > 0 }, "the demo has people turned away for lack of space")
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .commissioner))
            let wrongLine = try await api.send(app, .GET, InsightURL.apiUnmetNeed.with([("low_cost", "£3")]), token: token)
            #expect(wrongLine.status == .badRequest && wrongLine.body.string.contains("\"field\":\"low_cost\""))
            var gaps: [[String: Any]] = []
            for line in [300, 0] {
            let truth = truths[line]!
            let json = try await api.send(app, .GET, InsightURL.apiUnmetNeed.with(line > 0 ? [("low_cost", String(line))] : []), token: token)
            #expect(json.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            #expect(body["low_cost"] as? Int == line)
            gaps = try #require(body["gaps"] as? [[String: Any]])
            #expect(gaps.count == truth.count)
            for gap in gaps {
                let t = try #require(truth[(gap["need"] as! String) + "|" + (gap["ward"] as! String)])
                if t.people < 8 {
                    #expect(gap["too_few"] as? Bool == true && gap["people"] == nil)
                } else {
                    #expect(gap["people"] as? Int == SmallNumbers.rounded(t.people))
                    let nothing = try InsightValue(suppressing: t.nothing)
                    #expect(nothing == .hidden ? gap["nothing_near"] as? String == "*" : gap["nothing_near"] as? Int == SmallNumbers.rounded(t.nothing))
                    let onlyFull = try InsightValue(suppressing: t.full)
                    #expect(onlyFull == .hidden ? gap["only_full"] as? String == "*" : gap["only_full"] as? Int == SmallNumbers.rounded(t.full))
                    let away = try InsightValue(suppressing: t.away)
                    #expect(away == .hidden ? gap["turned_away"] as? String == "*" : gap["turned_away"] as? Int == SmallNumbers.rounded(t.away))
                }
            }
            }
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let page = try await commissioner.get(InsightURL.unmetNeed.path)
            #expect(page.status == .ok && page.text.contains("Where the gaps are") && page.text.contains("By need, the whole place"))
            #expect(page.text.contains("within 3 km of their postcode that is free, runs"))
            // Low cost, when chosen, is said on the page and carried by its links.
            let lowCost = try await commissioner.get(InsightURL.unmetNeed.with([("low_cost", "300")]))
            #expect(lowCost.text.contains("that is free or costing up to £3.00 a session, runs") && lowCost.text.contains("<option value=\"300\" selected>"))
            #expect(lowCost.text.contains("low_cost=300"))
            #expect(try await commissioner.get(InsightURL.unmetNeedCSV.path).text.hasPrefix("need,need_name,ward,ward_name,people,nothing_near,turned_away,only_full"))

            // The map of the wards, drawn here, with each ward's figure for one need as shown, and the same in a table.
            let mapped = try #require(gaps.first { $0["too_few"] as? Bool == false && $0["ward"] as? String != "unknown" })
            let mappedNeed = try #require(Need(rawValue: mapped["need"] as! String))
            let onMap = try await commissioner.get(InsightURL.unmetNeed.with([("map", mappedNeed.rawValue)]))
            #expect(onMap.status == .ok && onMap.text.contains("<h2 id=\"map\">Map: nothing within reach for \(mappedNeed.title.lowercased()), by ward</h2>"))
            #expect(onMap.text.contains("aria-labelledby=\"gap-map-title\"") && onMap.text.contains("<path d=\"M"))
            let shownFigure = mapped["nothing_near"].map { "\($0)" } ?? "?"
            #expect(onMap.text.contains("<td>\(shownFigure)</td>"), "\(shownFigure)")
            // A ward with the need but too few people to show says so; it is not "no one with the need".
            if let few = gaps.first(where: { $0["need"] as? String == mappedNeed.rawValue && $0["too_few"] as? Bool == true && $0["ward"] as? String != "unknown" }) {
                let name = try #require(few["ward_name"] as? String)
                #expect(onMap.text.contains("<th scope=\"row\">\(name)</th><td>too few to show</td>"), "\(name)")
            }
            let wrongMap = try await commissioner.get(InsightURL.unmetNeed.with([("map", "unicorns")]))
            #expect(wrongMap.status == .badRequest && wrongMap.text.contains("Choose a need to map"))

            // From the largest need, a budget round starts with its area and the figures as shown.
            let need = try #require(truth.reduce(into: [String: Int]()) { $0[String($1.key.split(separator: "|")[0]), default: 0] += $1.value.people }
                .max { $0.value < $1.value })
            #expect(page.text.contains("Open a budget round for this"))
            let round = try await commissioner.get(BudgetURL.newRound.with([("need", need.key)]))
            let title = "\(Need(rawValue: need.key)!.title) in the whole place"
            #expect(round.status == .ok && round.text.contains("value=\"\(title)\"") && round.text.contains("\(SmallNumbers.rounded(need.value)) people referred in the whole place"))
            // A need with no such gap, or no need named, is the plain form.
            #expect(!(try await commissioner.get(BudgetURL.newRound.with([("need", "no-such-need")]))).text.contains("people referred in"))
        }
    }

    @Test func badPeriodsAreasAndSplitsAreNamed() async throws {
        try await withAlongside(demo: true) { app in
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let backwards = try await commissioner.get(InsightURL.page(.referrals).with([("from", "2026-06-01"), ("to", "2026-01-01")]))
            #expect(backwards.status == .badRequest && backwards.text.contains("The last day must be on or after the first day"))
            let impossible = try await commissioner.get(InsightURL.page(.referrals).with([("from", "2026-02-30")]))
            #expect(impossible.status == .badRequest && impossible.text.contains("Enter the first day as a real date"))
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .commissioner))
            let area = try await api.send(app, .GET, InsightURL.api(.referrals).with([("area", "E05999999")]), token: token)
            #expect(area.status == .badRequest && area.body.string.contains("\"field\":\"area\""))
            let split = try await api.send(app, .GET, InsightURL.api(.referrals).with([("by", "income")]), token: token)
            #expect(split.status == .badRequest && split.body.string.contains("\"field\":\"by\""))
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.viewedInsight.rawValue).count() == 0)
        }
    }

    @Test func nobodyElseGetsTheFigures() async throws {
        try await withAlongside(demo: true) { app in
            let api = ReferralAPITests()
            // (A clinician on a practice's list sees that practice's figures: PracticeInsightTests.)
            for role in [Role.resident, .organisationMember, .moderator] {
                let browser = Browser(app)
                try await browser.signIn(DemoLoader.email(for: role))
                for path in [InsightURL.dashboards.path, InsightURL.page(.referrals).path, InsightURL.csv(.referrals).path] {
                    #expect(try await browser.get(path).status == .forbidden, "\(role) \(path)")
                }
                let token = try await api.token(app, DemoLoader.email(for: role))
                #expect(try await api.send(app, .GET, InsightURL.api(.referrals).path, token: token).status == .forbidden, "\(role)")
                #expect(!(try await browser.get("/")).text.contains("href=\"/insight\""), "\(role)")
            }
            #expect(try await Browser(app).get(InsightURL.api(.referrals).path).status == .unauthorized)
        }
    }
}
