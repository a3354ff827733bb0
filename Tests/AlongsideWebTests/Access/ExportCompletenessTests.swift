@testable import AlongsideWeb
import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

/// "Download my data" holds every record about the person: the database's own list of tables is walked, so a
/// new kind of record fails here until it is in the download (or said to hold nothing about anyone).
@Suite struct ExportCompletenessTests {
    func tables(_ db: any Database) async throws -> Set<String> {
        let sql = StoreSQL.sql(db)
        let rows = StoreSQL.engine(of: db) == .postgres
            ? try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()").all()
            : try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all()
        return Set(try rows.map { try $0.decode(column: "name", as: String.self) }
            .filter { !$0.hasPrefix("sqlite_") && $0 != "_fluent_migrations" && $0 != "_fluent_enums" })
    }

    @Test func everyTableIsInTheDownloadOrSaidToHoldNothingAboutAPerson() async throws {
        try await withAlongside { app in
            let all = try await tables(app.db)
            let known = Set(PersonalDataCoverage.covered.keys).union(PersonalDataCoverage.notAboutAPerson.keys)
            #expect(all.subtracting(known).isEmpty, "tables neither in the download nor said to hold nothing about a person: \(all.subtracting(known).sorted())")
            // Every table said to be in the download exists (some of the others are one engine's own).
            #expect(Set(PersonalDataCoverage.covered.keys).subtracting(all).isEmpty, "listed but not in the database: \(Set(PersonalDataCoverage.covered.keys).subtracting(all).sorted())")
            #expect(Set(PersonalDataCoverage.covered.keys).isDisjoint(with: PersonalDataCoverage.notAboutAPerson.keys))
        }
    }

    /// How many items the download holds at a path such as `referrals[].moves` (an object counts as one).
    func count(_ json: Any?, _ path: [Substring]) -> Int {
        guard let first = path.first else {
            if let array = json as? [Any] { return array.count }
            return json == nil || json is NSNull ? 0 : 1
        }
        guard let object = json as? [String: Any] else { return 0 }
        if first.hasSuffix("[]") {
            let items = object[String(first.dropLast(2))] as? [Any] ?? []
            return items.reduce(0) { $0 + count($1, Array(path.dropFirst())) }
        }
        return count(object[String(first)], Array(path.dropFirst()))
    }

    /// Rows in `table` about the person, by the table's tie to them.
    func rows(_ table: String, _ link: PersonalDataCoverage.Link, person: UUID, emails: [String], on db: any Database) async throws -> Int {
        let sql = StoreSQL.sql(db)
        func count(_ query: SQLQueryString) async throws -> Int {
            try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        switch link {
        case .id:
            return try await count("SELECT COUNT(*) AS n FROM \(ident: table) WHERE id = \(bind: person)")
        case .person(let columns):
            var total = 0
            for column in columns { total += try await count("SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(ident: column) = \(bind: person)") }
            return total
        case .referral(let column):
            return try await count("SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(ident: column) IN (SELECT id FROM referrals WHERE person_id = \(bind: person))")
        case .account(let column):
            return try await count("SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(ident: column) IN (SELECT id FROM accounts WHERE person_id = \(bind: person))")
        case .email(let column):
            return try await count("SELECT COUNT(*) AS n FROM \(ident: table) WHERE LOWER(\(ident: column)) IN (\(binds: emails))")
        case .through(let owner, let column):
            return try await count("SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(ident: column) IN (SELECT id FROM \(ident: owner) WHERE person_id = \(bind: person))")
        }
    }

    @Test func theDownloadHoldsEveryRecordAboutThePerson() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            // A clinician refers Joan; the link worker accepts and invites her to follow online; she makes her account.
            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            let made = try await clinician.post(SiteURL.newReferral.path, ReferralPagesTests().referral(key: "export-1", [("given_name", "Joan"), ("email", "joan@example.org")]))
            #expect(made.status == .seeOther, "\(made.text.suffix(1500))")
            let referral = try #require(try await ReferralRecord.query(on: app.db).first())
            let id = referral.id!, person = referral.personID
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            _ = try await worker.post(SiteURL.referralMoves(id).path, [("to", "accepted")])
            #expect(try await worker.post(SiteURL.referralInvite(id).path, []).status == .seeOther)
            let invitation = try #require(try await OutboxMessageRecord.query(on: app.db).filter(\.$recipient == "joan@example.org").first())
            let token = try #require(invitation.body.firstMatch(of: /token=([A-Za-z0-9_\-]+)/)?.1)
            let joan = Browser(app)
            try await joan.get(SiteURL.acceptInvitation.with([("token", String(token))]))
            #expect(try await joan.post(SiteURL.acceptInvitation.path, [("token", String(token)), ("given_name", "Joan"), ("family_name", "Hodgson"),
                                                                         ("password", "otter meadow candle")]).status == .seeOther)
            // A wrong password once, a reset asked for, then signed in.
            _ = try await Browser(app).post("/sign-in", [("email", "joan@example.org"), ("password", "wrong wrong wrong")])
            _ = try await Browser(app).post(SiteURL.forgotPassword.path, [("email", "joan@example.org")])
            try await joan.signIn("joan@example.org", "otter meadow candle")

            // The episode: a conversation, what matters, a plan (twice), measures, a community service, caring.
            _ = try await worker.post(SiteURL.referralContacts(id).path, [("way", "phone"), ("reached", "yes"), ("notes", "Keen on walking.")])
            _ = try await worker.post(SiteURL.referralWhatMatters(id).path, [("good_day", "A walk on the prom"), ("needs[]", "inactivity")])
            let plan = CarePlan(whatMatters: "Company", goals: [Goal(words: "Walk with others", category: .connecting)])
            let first = try await Plans().save(plan, of: person, basedOn: nil, by: nil, channel: "web", now: Date(), on: app.db)
            _ = try await Plans().save(CarePlan(whatMatters: "Company and fresh air", goals: plan.goals), of: person, basedOn: first, by: nil,
                                       channel: "web", now: Date(), on: app.db)
            // Twice, so a start and a latest pair up in the episode.
            for answer in ["3", "4"] {
                _ = try await worker.post(SiteURL.measures(person).path, [("instrument", "swemwbs")] + (1...7).map { ("swemwbs-\($0)", answer) })
            }
            let organisation = try #require(try await OrganisationRecord.query(on: app.db).first())
            let service = ServiceListing(id: UUID(), organisationID: organisation.id!, organisationName: organisation.name, name: "Tuesday walk",
                                         description: "A walk.", phone: "01524 000000", schedules: [], lastModified: Date(), lastChecked: Date())
            try await Directory().save(service, on: app.db)
            _ = try await worker.post(SiteURL.referralCommunity(id).path, [("service_id", service.id.uuidString), ("hopes", "Company"), ("confirm_full[]", "yes")])
            // The organisation takes her on and marks a session.
            let sentTo = try #require(try await CommunityReferralRecord.query(on: app.db).first()?.id)
            try await CommunityReferrals().respond(sentTo, .accept, by: nil, now: Date(), on: app.db)
            try await CommunityReferrals().mark(sentTo, day: UKDates.isoDay(Date()), came: "yes", by: nil, now: Date(), on: app.db)
            _ = try await joan.post(SiteURL.caringLinks(person).path, [("cared_for_name", "Mum"), ("relationship", "parent")])
            _ = try await joan.post(SiteURL.contingencyEdit(person).path, [("who_steps_in", "My sister"), ("how_to_reach_them", "07700 900456"),
                                                                           ("what_they_need_to_know", "Mum needs her tablets")])
            #expect(try await joan.post(SiteURL.referralAdd(id).path, [("text", "I have lost my job too."), ("add_needs[]", "money")]).status == .seeOther)

            // She proposes something, and supports a neighbour's proposal.
            let draft = ProposalDraft(title: "Benches on the prom", body: "Somewhere to rest on a walk.", ward: nil, category: "walking")
            _ = try await Proposals().create(draft, author: person, now: Date(), on: app.db)
            let neighbour = try #require(try await PersonRecord.query(on: app.db).filter(\.$id != person).first())
            let theirs = try await Proposals().create(ProposalDraft(title: "A community garden", body: "Growing food together.", ward: nil, category: "gardening"),
                                                      author: neighbour.id!, now: Date(), on: app.db)
            try await Proposals().support(theirs, by: person, thresholds: .standard, now: Date(), on: app.db)
            try await ProposalModeration().report(theirs, by: person, reason: "It names someone.", now: Date(), on: app.db)
            try await ProposalComments().add(to: theirs, by: person, replyingTo: nil, body: "Good idea.", now: Date(), on: app.db)
            let neighbours = try await ProposalComments().add(to: theirs, by: neighbour.id!, replyingTo: nil, body: "Rude words.", now: Date(), on: app.db)
            _ = try await ProposalComments().report(neighbours, by: person, reason: "Rude.", now: Date(), on: app.db)

            // She puts an idea to a community budget round, and votes in it.
            let day = { (iso: String) in UKDates.parseISODay(iso)! }
            let round = try await BudgetRounds().create(BudgetRoundDraft(
                title: "Fund", description: "Small grants", budget: 100_000, wards: [], ideasFrom: "2026-01-01", feasibilityFrom: "2026-02-01",
                votingFrom: "2026-03-01", votingUntil: "2026-03-31", ballot: .approval(limit: nil), rule: .greedy), now: day("2025-12-01"), on: app.db)
            let idea = try await BudgetRounds().addIdea(to: round, title: "Tea after the walk", description: "A warm drink together.", ward: nil,
                                                        proposedBy: person, now: day("2026-01-10"), on: app.db)
            try await BudgetRounds().review(project: idea, cost: 20_000, reason: "", now: day("2026-02-10"), on: app.db)
            try await BudgetRounds().cast([idea], in: round, by: person, now: day("2026-03-10"), on: app.db)

            // She stands for a panel, votes (secretly), is elected and reports back.
            let panel = try await Panels().create(PanelDraft(name: "Panel", description: "D", wards: [], seats: 2, termMonths: 12), now: day("2025-12-01"), on: app.db)
            let election = try await Panels().createElection(for: panel, ElectionDays(nominationsFrom: "2026-01-01", votingFrom: "2026-02-01", votingUntil: "2026-02-14"),
                                                             now: day("2025-12-01"), on: app.db)
            let candidate = try await Panels().stand(in: election, person: person, Candidacy(statement: "I listen.", interests: "None"), now: day("2026-01-10"), on: app.db)
            try await Panels().vote(in: election, person: person, ranking: [candidate], now: day("2026-02-05"), on: app.db)
            // She pairs with the link worker on a project, and posts an update with her time.
            let linkWorker = try #require(try await Accounts().account(email: try EmailAddress(DemoLoader.email(for: .linkWorker)), on: app.db))
            let pair = try await CollaborativePairs().register(PairDraft(title: "Walk and talk", change: "More walkers", goals: "Ten", sessionsPlanned: 4), by: person,
                                                               asResident: true, partnerEmail: linkWorker.email, now: Date(), on: app.db)
            try await CollaborativePairs().confirm(pair, by: linkWorker.$person.id, now: Date(), on: app.db)
            try await CollaborativePairs().post(pair, by: person, text: "First walk", minutes: 60, now: Date(), on: app.db)
            try await Panels().ask(panel: panel, by: person, question: "When is the next meeting?", now: day("2026-03-01"), on: app.db)
            try await Panels().reportBack(panel: panel, by: person, heard: "Buses", raised: "Buses", answer: "None yet", now: day("2026-03-01"), on: app.db)

            // She joins the time bank: an exchange with her neighbour, a gift to the fund, an offer, a report; and she volunteers.
            for member in [person, neighbour.id!] { try await TimeBank().approve(person: member, by: UUID(), now: Date(), on: app.db) }
            let exchange = try await TimeBank().record(ExchangeDraft(with: neighbour.id!, minutes: 60, direction: .gave, note: "Gardening"), by: person, now: Date(), on: app.db)
            try await TimeBank().confirm(exchange, by: neighbour.id!, now: Date(), on: app.db)
            try await TimeBank().donate(15, from: person, note: "For newcomers", now: Date(), on: app.db)
            try await TimeBank().post(TimeBankPostDraft(kind: .offer, title: "Lifts", details: "To the RLI", category: "food", place: .canTravel, when: "Mornings"),
                                      by: person, now: Date(), on: app.db)
            try await TimeBank().report(neighbour.id!, by: person, reason: "Late twice", now: Date(), on: app.db)
            let role = try await Volunteering().post(VolunteerRoleDraft(title: "Walk leader", involves: "Walks", when: "Tuesdays", place: "Prom", access: "Flat",
                                                                        needsDBS: false, places: 2), for: organisation.id!, now: Date(), on: app.db)
            try await Volunteering().interested(in: role, person: person, now: Date(), on: app.db)
            try await Volunteering().decide(try #require(try await VolunteerRecord.query(on: app.db).first()).id!, accept: true, now: Date(), on: app.db)
            try await Volunteering().log(VolunteerHoursDraft(day: UKDates.isoDay(Date()), minutes: 90, note: "Led a walk"), role: role, person: person, now: Date(), on: app.db)
            // She leads the walking group, so she books training: one place, and a spot on another session's waiting list.
            for places in [1, 0] {
                let starts = Date().addingTimeInterval(10 * 86_400)
                let session = try await Training().offer(TrainingSessionDraft(title: "First aid", covers: "CPR", starts: starts, ends: starts.addingTimeInterval(3_600),
                                                                              place: "RLI", online: false, places: max(places, 1)), by: organisation.id!, now: Date(), on: app.db)
                if places == 0 { _ = try await Training().request(session, person: neighbour.id!, now: Date(), on: app.db) }
                _ = try await Training().request(session, person: person, now: Date(), on: app.db)
            }

            // She is also a practice nurse, on her GP practice's list.
            let link = PracticeClinicianRecord()
            link.practiceID = try #require(try await PracticeRecord.query(on: app.db).first()?.id)
            link.personID = person; link.addedAt = Date()
            try await link.create(on: app.db)

            let download = try await joan.get(SiteURL.myData.path)
            #expect(download.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: download.body))
            let emails = ["joan@example.org"]
            for (table, (section, link)) in PersonalDataCoverage.covered.sorted(by: { $0.key < $1.key }) {
                let stored = try await rows(table, link, person: person, emails: emails, on: app.db)
                #expect(stored > 0, "the test writes nothing to \(table): make it, so the download is checked for it")
                #expect(count(json, section.split(separator: ".")) == stored, "\(table): \(stored) rows about Joan, \(count(json, section.split(separator: "."))) at \(section)")
            }
            // What was written about her is there in words, and no one-use link is.
            #expect(download.body.string.contains("Keen on walking.") && download.body.string.contains("A walk on the prom")
                    && download.body.string.contains("I have lost my job too."))
            #expect(!download.body.string.contains(String(token)))
        }
    }
}
