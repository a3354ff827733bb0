import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Every route the application has, tried by every role on records that belong to someone else: nothing personal
/// reaches a role without a reason (DESIGN.md's table), nothing is changed by one, and every read of a personal
/// record by someone with a reason writes exactly one audit row. Generated from the route table: a route added
/// without a row here fails the test.
@Suite struct LeakMatrixTests {
    /// What a route's `:id` names, so the matrix can put in the id of someone else's record.
    enum Names: Hashable {
        /// Nothing: the route is about the caller, or public.
        case nothing
        case referral, person, measure, observation, goal, carerLink, communityReferral
        case listing, account, roleGrant, organisation, category, invitation, review, practice
        case exchange, timeBankPost, timeBankMember, transfer, timeBankReport, roomBooking, volunteer, volunteerHours, trainingSession, trainingPlace, room, roomSeries
        /// Public reference data (a service anyone may read, a postcode, a questionnaire): not personal.
        case publicData
    }

    struct Row {
        var names: [Names]
        /// Who, besides the record's owner, has a reason to reach it (DESIGN.md's table).
        var reason: Set<Role> = []
        /// A read of a personal record: its owner's read (the person, or their link worker) is audited once.
        var audited = false
        /// A write that acts only on the caller's own account or makes something new: not about someone else's record.
        var open = false

        static func about(_ names: Names..., reason: Set<Role> = [], audited: Bool = false) -> Row { Row(names: names, reason: reason, audited: audited) }
        static let nothing = Row(names: [.nothing])
        static let open = Row(names: [.nothing], open: true)
        static let publicData = Row(names: [.publicData])
        static func only(_ roles: Set<Role>) -> Row { Row(names: [.nothing], reason: roles) }
    }

    /// Who makes the request.
    enum Actor: Hashable, CustomStringConvertible {
        case anonymous, role(Role)
        /// The link worker whose caseload the victim's episode is on.
        case theirWorker
        /// The resident whose own plan, measures and carer link the matrix reaches for.
        case theResident

        var description: String {
            switch self {
            case .anonymous: "anonymous"
            case .role(let role): role.rawValue
            case .theirWorker: "their link worker"
            case .theResident: "the resident"
            }
        }
    }

    /// Words only the victims' records hold: found in an answer to someone without a reason, they are a leak.
    static let personal = ["Thistlewood", "thistle-", "Quillfeather", "zephyr-"]

    static let admin: Set<Role> = [.administrator]
    static let insight: Row = .only([.commissioner, .administrator, .linkWorker, .teamLead, .clinician])
    static let team: Set<Role> = [.teamLead]
    static let timeBank: Set<Role> = [.coordinator, .administrator]

    /// One row per route.
    static let rows: [String: Row] = [
        "GET /": .nothing, "GET /assets/alongside.css": .nothing, "GET /health": .nothing, "GET /health/ready": .nothing, "GET /metrics": .nothing,
        "GET /sign-in": .nothing, "GET /register": .nothing, "GET /register/check-your-email": .nothing, "GET /register/confirm": .nothing,
        "GET /forgot-password": .nothing, "GET /reset-password": .nothing, "GET /invitation": .nothing, "GET /ask-for-a-link-worker": .nothing,
        "GET /account": .nothing, "GET /account/close": .nothing, "GET /account/my-data": .nothing, "GET /account/my-data/fhir": .nothing,
        "GET /account/password": .nothing, "GET /account/who-has-seen-my-record": .nothing, "GET /my-support": .nothing,
        "GET /referrals": .nothing, "GET /referrals/made": .nothing, "GET /referrals/new": .nothing, "GET /referrals/team": .only(team),
        "GET /organisation/referrals": .nothing, "GET /organisation/services": .nothing, "GET /organisation/services/new": .nothing,
        "GET /admin/audit": .only(admin), "GET /admin/categories": .only(admin), "GET /admin/organisations": .only(admin),
        "GET /admin/reviews": .only(admin), "GET /admin/reviews/out-of-date": .only(admin), "GET /admin/users": .only(admin),
        "GET /admin/categories/:id": .about(.category, reason: admin),
        "GET /services": .nothing, "GET /services/:id": .publicData,
        "GET /services/:id/edit": .about(.listing, reason: admin), "GET /services/:id/history": .about(.listing, reason: admin),
        "GET /referrals/:id": .about(.referral, reason: team, audited: true), "GET /referrals/:id/connect": .about(.referral, reason: team, audited: true),
        "GET /my-support/:id/decline": .about(.referral),
        "GET /people/:id/plan": .about(.person, audited: true), "GET /people/:id/plan/edit": .about(.person, audited: true),
        "GET /people/:id/plan/history": .about(.person, audited: true), "GET /people/:id/measures": .about(.person, audited: true),
        "GET /people/:id/measures/new": .about(.person), "GET /people/:id/caring": .about(.person, audited: true),
        "GET /people/:id/caring/contingency": .about(.person, audited: true), "GET /people/:id/caring/contingency/edit": .about(.person, audited: true),
        "GET /api/v1/me": .nothing, "GET /api/v1/openapi.json": .nothing, "GET /api/v1/postcodes/:postcode": .publicData,
        "GET /api/v1/referrals/:id": .about(.referral, reason: team, audited: true),
        "GET /api/v1/people/:id/measures": .about(.person, audited: true), "GET /api/v1/people/:id/plan": .about(.person, audited: true),
        "GET /fhir/metadata": .nothing, "GET /fhir/Questionnaire/:id": .publicData, "GET /fhir/Task": .nothing,
        "GET /fhir/ServiceRequest/:id": .about(.referral, reason: team, audited: true),
        "GET /fhir/Task/:id": .about(.referral, .communityReferral, reason: team, audited: true),
        "GET /fhir/Patient/:id": .about(.person, audited: true), "GET /fhir/Patient/:id/$everything": .about(.person, audited: true),
        "GET /fhir/CarePlan/:id": .about(.person, audited: true), "GET /fhir/Goal/:id": .about(.goal, audited: true),
        "GET /fhir/QuestionnaireResponse/:id": .about(.measure, audited: true), "GET /fhir/Observation/:id": .about(.observation, audited: true),
        "GET /fhir/RelatedPerson/:id": .about(.carerLink, audited: true),
        "GET /oruk": .publicData, "GET /oruk/openapi.json": .publicData, "GET /oruk/organizations": .publicData,
        "GET /oruk/organizations/:id": .publicData, "GET /oruk/service_at_locations": .publicData, "GET /oruk/service_at_locations/:id": .publicData,
        "GET /oruk/services": .publicData, "GET /oruk/services/:id": .publicData, "GET /oruk/taxonomies": .publicData,
        "GET /oruk/taxonomies/:id": .publicData, "GET /oruk/taxonomy_terms": .publicData, "GET /oruk/taxonomy_terms/:id": .publicData,

        "POST /sign-in": .open, "POST /sign-out": .open, "POST /register": .open, "POST /register/confirm": .open,
        "POST /forgot-password": .open, "POST /reset-password": .open, "POST /invitation": .open, "POST /ask-for-a-link-worker": .open,
        "POST /account/close": .open, "POST /account/password": .open, "POST /referrals/new": .open, "POST /api/v1/sessions": .open,
        "POST /api/v1/referrals": .open, "POST /organisation/services/new": .only([.organisationMember, .administrator]),
        "POST /admin/categories": .only(admin), "POST /admin/users/grant": .only(admin), "POST /admin/users/invite": .only(admin),
        "POST /admin/categories/:id": .about(.category, reason: admin), "POST /admin/invitations/:id/resend": .about(.invitation, reason: admin),
        "POST /admin/organisations/:id/trust": .about(.organisation, reason: admin), "POST /admin/reviews/:id": .about(.review, reason: admin),
        "POST /admin/users/:id/suspension": .about(.account, reason: admin), "POST /admin/users/roles/:id/remove": .about(.roleGrant, reason: admin),
        "POST /services/:id/capacity": .about(.listing, reason: admin), "POST /services/:id/edit": .about(.listing, reason: admin),
        "POST /services/:id/restore": .about(.listing, reason: admin), "POST /services/:id/still-correct": .about(.listing, reason: admin),
        "POST /referrals/:id/assign": .about(.referral, reason: team), "POST /referrals/:id/community-referrals": .about(.referral, reason: team),
        "POST /referrals/:id/contacts": .about(.referral, reason: team), "POST /referrals/:id/invite": .about(.referral, reason: team),
        "POST /referrals/:id/moves": .about(.referral, reason: team), "POST /referrals/:id/what-matters": .about(.referral, reason: team),
        "POST /referrals/:id/access-needs": .about(.referral, reason: team),
        "POST /my-support/:id/add": .about(.referral), "POST /my-support/:id/access-needs": .about(.referral),
        "POST /my-support/:id/changed-my-mind": .about(.referral, reason: team),
        "POST /organisation/referrals/:id/response": .about(.communityReferral),
        "POST /carer-links/:id/agree": .about(.carerLink), "POST /carer-links/:id/end": .about(.carerLink),
        "POST /people/:id/plan/edit": .about(.person), "POST /people/:id/plan/services": .about(.person), "POST /people/:id/plan/sharing": .about(.person),
        "POST /people/:id/measures": .about(.person), "POST /people/:id/caring/links": .about(.person),
        "POST /people/:id/caring/contingency/edit": .about(.person),
        "POST /api/v1/referrals/:id/transitions": .about(.referral, reason: team), "POST /api/v1/referrals/:id/contacts": .about(.referral, reason: team),
        "POST /api/v1/referrals/:id/community-referrals": .about(.referral, reason: team),
        "POST /api/v1/community-referrals/:id/response": .about(.communityReferral),
        "POST /api/v1/people/:id/measures": .about(.person), "POST /api/v1/people/:id/carer-links": .about(.person),
        "PUT /api/v1/people/:id/plan": .about(.person),
        // Community voice: proposals are public, supports are shown only as counts, and answering is the health system's.
        "GET /proposals": .nothing, "GET /proposals/new": .nothing, "GET /proposals/answers-overdue": .nothing, "GET /proposals/:id": .publicData,
        "POST /proposals/new": .open, "POST /proposals/:id/support": .publicData, "POST /proposals/:id/withdraw": .publicData,
        "POST /proposals/:id/answer": .only([.commissioner, .administrator]),
        "POST /api/v1/proposals": .open, "GET /api/v1/proposals/:id": .publicData, "POST /api/v1/proposals/:id/support": .publicData,
        "DELETE /api/v1/proposals/:id/support": .publicData, "POST /api/v1/proposals/:id/answer": .only([.commissioner, .administrator]),
        "POST /proposals/:id/report": .publicData, "POST /proposals/:id/second-look": .publicData,
        "POST /proposals/:id/moderate": .only([.moderator, .administrator]), "GET /moderation": .only([.moderator, .administrator]),
        "GET /admin/voice": .only(admin), "POST /admin/voice": .only(admin),
        "POST /proposals/:id/comments": .publicData, "POST /comments/:id/report": .publicData,
        "POST /comments/:id/moderate": .only([.moderator, .administrator]), "POST /comments/:id/second-look": .publicData,
        // Insight: counts about many people — the place's, suppressed, for commissioners and administrators; a link worker's
        // own caseload, exact, for link workers and team leads; a clinician's own practice's, suppressed.
        // The practice list and who works at each practice: administrators keep it.
        "GET /insight/practices": .only(admin), "POST /insight/practices": .only(admin),
        "GET /insight/practices/:id": .about(.practice, reason: admin), "POST /insight/practices/:id": .about(.practice, reason: admin),
        "POST /insight/practices/:id/clinicians": .about(.practice, reason: admin),
        "POST /insight/practices/:id/clinicians/remove": .about(.practice, reason: admin),
        "POST /insight/practices/import": .only(admin), "POST /insight/practices/:id/remove": .about(.practice, reason: admin),
        // The public summary: the place's figures, suppressed, as anyone may read them.
        "GET /insight/summary": .nothing,
        // A gap's page: place-wide figures and what the rounds opened from it funded, for the place's commissioners.
        "GET /insight/unmet-need/:need": .only([.commissioner, .administrator]),
        "GET /insight": insight, "GET /insight/referrals": insight,
        "GET /insight/referrals.csv": insight, "GET /api/v1/insight/referrals": insight,
        "GET /api/v1/insight/referrals.csv": insight,
        "GET /insight/outcomes": insight, "GET /insight/outcomes.csv": insight,
        "GET /api/v1/insight/outcomes": insight, "GET /api/v1/insight/outcomes.csv": insight,
        "GET /insight/outcomes/declines.csv": insight, "GET /api/v1/insight/outcomes/declines.csv": insight,
        "GET /insight/participation": insight, "GET /insight/participation.csv": insight,
        "GET /api/v1/insight/participation": insight, "GET /api/v1/insight/participation.csv": insight,
        "GET /insight/wellbeing": insight, "GET /insight/wellbeing.csv": insight,
        "GET /api/v1/insight/wellbeing": insight, "GET /api/v1/insight/wellbeing.csv": insight,
        "GET /insight/unmet-need": insight, "GET /insight/unmet-need.csv": insight,
        "GET /api/v1/insight/unmet-need": insight, "GET /api/v1/insight/unmet-need.csv": insight,
        "GET /insight/waiting": insight, "GET /insight/waiting.csv": insight,
        "GET /api/v1/insight/waiting": insight, "GET /api/v1/insight/waiting.csv": insight,
        "GET /results": .nothing, "GET /results/:id": .publicData,
        "GET /pairs": .nothing, "GET /pairs/new": .nothing, "POST /pairs/new": .open, "GET /pairs/:id": .publicData,
        "POST /pairs/:id/confirm": .publicData, "POST /pairs/:id/updates": .publicData, "POST /pairs/:id/links": .publicData,
        "POST /results/:id/updates": .only([.commissioner, .administrator]), "POST /results/:id/milestones": .only([.commissioner, .administrator]),
        "POST /results/:id/service": .only([.commissioner, .administrator]), "POST /milestones/:id/done": .only([.commissioner, .administrator]),
        "POST /budgets/:id/track": .only([.commissioner, .administrator]),
        // Budget rounds are public; a ballot is the caller's own; setting a round up and reviewing ideas are for their roles.
        "GET /budgets": .nothing, "GET /budgets/:id": .publicData, "GET /budgets/:id/results": .publicData, "GET /budgets/:id/results.pb": .publicData,
        "GET /budgets/new": .only([.commissioner, .administrator]), "POST /budgets/new": .only([.commissioner, .administrator]),
        // A call for proposals is public; asking for proposals is for commissioners and administrators.
        "GET /calls/:id": .publicData, "GET /api/v1/proposal-calls/:id": .publicData, "GET /calls/new": .only([.commissioner, .administrator]), "POST /calls/new": .only([.commissioner, .administrator]),
        "POST /calls/:id/close": .only([.commissioner, .administrator]),
        "GET /calls/:id/edit": .only([.commissioner, .administrator]), "POST /calls/:id/edit": .only([.commissioner, .administrator]),
        "GET /budgets/:id/edit": .only([.commissioner, .administrator]), "POST /budgets/:id/edit": .only([.commissioner, .administrator]),
        "POST /budgets/:id/ideas": .publicData, "POST /budgets/:id/ballot": .publicData,
        "POST /budget-projects/:id/review": .only([.organisationMember, .commissioner, .administrator]),
        "GET /api/v1/budget-rounds": .nothing, "GET /api/v1/budget-rounds/:id": .publicData, "GET /api/v1/budget-rounds/:id/ballot": .publicData,
        "PUT /api/v1/budget-rounds/:id/ballot": .publicData, "GET /api/v1/budget-rounds/:id/results": .publicData,
        "GET /api/v1/budget-rounds/:id/results.pb": .publicData,
        // Panels and their elections are public; standing, voting and reporting back act for the caller only.
        "GET /panels": .nothing, "GET /panels/:id": .publicData, "GET /elections/:id": .publicData, "GET /elections/:id/results": .publicData,
        "GET /panels/new": .only([.commissioner, .administrator]), "POST /panels/new": .only([.commissioner, .administrator]),
        "POST /panels/:id/elections": .only([.commissioner, .administrator]), "POST /panels/:id/report-backs": .publicData,
        "POST /panels/:id/questions": .publicData, "POST /panel-questions/:id/answer": .publicData,
        "POST /elections/:id/stand": .publicData, "POST /elections/:id/ballot": .publicData,
        "PUT /api/v1/elections/:id/ballot": .publicData, "GET /api/v1/elections/:id/results": .publicData,
        // The time bank: a member's own pages act for the caller; accounts and statements are the member's and the coordinators'.
        "GET /time-bank": .nothing, "POST /time-bank/join": .open, "POST /time-bank/exchanges": .open, "POST /time-bank/donate": .open,
        "GET /time-bank/statement": .nothing, "GET /time-bank/statement.csv": .nothing, "GET /time-bank/offers": .nothing,
        "GET /time-bank/offers/new": .nothing, "POST /time-bank/offers/new": .open,
        "POST /time-bank/exchanges/:id/confirm": .about(.exchange), "POST /time-bank/exchanges/:id/decline": .about(.exchange),
        "POST /time-bank/offers/:id/close": .about(.timeBankPost, reason: timeBank), "POST /time-bank/members/:id/report": .open,
        "POST /time-bank/exchanges/group": .open, "GET /time-bank/organisations": .nothing,
        "POST /time-bank/organisations/:id/join": .about(.organisation), "GET /time-bank/organisations/:id/statement": .about(.organisation, reason: timeBank), "POST /time-bank/coordinate/group-exchanges": .only(timeBank),
        "POST /time-bank/coordinate/lowest-balance": .only(timeBank), "POST /time-bank/coordinate/members/:id/lowest-balance": .about(.timeBankMember, reason: timeBank),
        "GET /time-bank/coordinate": .only(timeBank), "POST /time-bank/coordinate/exchanges": .only(timeBank), "POST /time-bank/coordinate/fund": .only(timeBank),
        "POST /time-bank/coordinate/members/:id": .about(.timeBankMember, reason: timeBank),
        "POST /time-bank/coordinate/transfers/:id/reverse": .about(.transfer, reason: timeBank),
        "POST /time-bank/coordinate/reports/:id/dealt": .about(.timeBankReport, reason: timeBank),
        "GET /time-bank/coordinate/members/:id/statement": .about(.timeBankMember, reason: timeBank, audited: true),
        "POST /api/v1/timebank/members": .open, "POST /api/v1/timebank/exchanges": .open,
        "GET /api/v1/timebank/accounts/:id": .about(.timeBankMember, reason: timeBank, audited: true),
        "GET /api/v1/timebank/accounts/:id/statement": .about(.timeBankMember, reason: timeBank, audited: true),
        "POST /api/v1/timebank/exchanges/:id/confirm": .about(.exchange),
        // Shared rooms: rooms and who meets there are public; booking is for a group's members, approving for the owner's.
        "GET /rooms": .nothing, "GET /rooms/:id": .publicData, "GET /rooms/:id/calendar.ics": .publicData,
        "GET /organisations/:id/calendar.ics": .publicData, "POST /rooms/:id/bookings": .publicData,
        "GET /rooms/manage": .only([.organisationMember, .administrator]), "POST /rooms/manage": .only([.organisationMember, .administrator]),
        "GET /rooms/:id/edit": .about(.room, reason: admin), "POST /rooms/:id/edit": .about(.room, reason: admin),
        "POST /room-series/:id/listing-schedule": .about(.roomSeries, reason: admin),
        "POST /room-bookings/:id/cancel": .about(.roomBooking, reason: admin), "POST /room-bookings/:id/approve": .about(.roomBooking, reason: admin),
        // Volunteering: roles are public; one's own volunteering is the caller's; an organisation decides for its own volunteers.
        "GET /volunteering": .nothing, "GET /volunteering/mine": .nothing, "GET /volunteering/mine/record": .nothing,
        "GET /volunteering/organisation": .only([.organisationMember, .administrator]),
        "POST /volunteering/organisation/roles": .only([.organisationMember, .administrator]),
        "GET /volunteering/:id": .publicData, "POST /volunteering/:id/interest": .publicData, "POST /volunteering/:id/hours": .publicData,
        "POST /volunteers/:id/decision": .about(.volunteer, reason: admin), "POST /volunteer-hours/:id/decision": .about(.volunteerHours, reason: admin),
        "GET /api/v1/volunteering/roles": .nothing, "GET /api/v1/volunteering/record": .nothing,
        "POST /api/v1/volunteering/roles/:id/interest": .publicData, "POST /api/v1/volunteering/roles/:id/hours": .publicData,
        "GET /api/v1/rooms": .nothing, "GET /api/v1/rooms/:id/bookings": .publicData, "POST /api/v1/rooms/:id/bookings": .publicData,
        // Training places: sessions are public; a place is its holder's; who is coming is for the organisation running the session.
        "GET /training": .nothing, "GET /training/mine": .nothing, "GET /training/:id": .publicData, "POST /training/:id/places": .publicData,
        "GET /training/organisation": .only([.organisationMember, .administrator]),
        "POST /training/organisation/sessions": .only([.organisationMember, .administrator]),
        "GET /training/:id/people": .about(.trainingSession, reason: admin), "POST /training/:id/call-off": .about(.trainingSession, reason: admin),
        "POST /training-places/:id/give-up": .about(.trainingPlace), "GET /training-places/:id/certificate": .about(.trainingPlace),
        "POST /training-places/:id/attendance": .about(.trainingPlace, reason: admin),
        "GET /api/v1/training/sessions": .nothing, "POST /api/v1/training/sessions/:id/places": .publicData, "GET /api/v1/training/places": .nothing,
        "POST /api/v1/training/places/:id/give-up": .about(.trainingPlace),
    ]

    /// The records the matrix reaches for, each with whose it is (the actor with the first reason to see it).
    struct Victims {
        /// Each record: its id, whose it is, and who else may read it (the team's lead, for someone on a caseload).
        var ids: [Names: [(id: String, owner: Actor, reads: Set<Role>)]] = [:]
    }

    /// An actor's way in: a browser session for pages, a bearer token for /api/v1 and /fhir.
    struct Caller {
        var browser: Browser
        var token: String?
    }

    @Test func noRoleReachesAnotherPersonsRecordAndEveryPersonalReadIsAuditedOnce() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let routes = app.routes.all.map { (method: $0.method, path: "/" + $0.path.map(\.description).joined(separator: "/")) }
            let keys = routes.map { "\($0.method.rawValue) \($0.path)" }
            let missing = keys.filter { Self.rows[$0] == nil }.sorted()
            let rowsToAdd = missing.map { "\"\($0)\": .nothing," }.joined(separator: "\n")
            #expect(missing.isEmpty, "Add a row to LeakMatrixTests.rows for each new route:\n\(rowsToAdd)")
            let stale = Set(Self.rows.keys).subtracting(keys).sorted()
            #expect(stale.isEmpty, "Rows for routes that no longer exist: \(stale)")

            let (victims, callers) = try await Self.world(app)
            let before = try await Self.fingerprint(app)
            var tried = 0, leaks: [String] = [], unaudited: [String] = []
            for route in routes.sorted(by: { "\($0.method.rawValue) \($0.path)" < "\($1.method.rawValue) \($1.path)" }) {
                let key = "\(route.method.rawValue) \(route.path)"
                guard let row = Self.rows[key], !row.open, row.names != [.publicData] || route.method == .GET else { continue }
                let targets: [(id: String, owner: Actor?, reads: Set<Role>)] = row.names.flatMap { names -> [(id: String, owner: Actor?, reads: Set<Role>)] in
                    switch names {
                    case .nothing: return [(id: "", owner: nil, reads: [])]
                    case .publicData: return [(id: "x", owner: nil, reads: [])]
                    default: return (victims.ids[names] ?? []).map { (id: $0.id, owner: Optional($0.owner), reads: $0.reads) }
                    }
                }
                for target in targets {
                    let path = route.path.replacingOccurrences(of: ":id", with: target.id).replacingOccurrences(of: ":postcode", with: "LA11AA")
                    for (actor, caller) in callers where actor != .theirWorker && actor != .theResident {
                        if case .role(let role) = actor, row.reason.contains(role) || (route.method == .GET && target.reads.contains(role)) { continue }
                        let answer = try await Self.send(route.method, path, as: caller, app)
                        tried += 1
                        let body = answer.body.string
                        if let word = Self.personal.first(where: { body.contains($0) }) {
                            leaks.append("\(key) as \(actor): the answer holds \"\(word)\" (\(answer.status.code))")
                        } else if row.names != [.nothing] && row.names != [.publicData] && !Self.refused(answer, actor: actor) {
                            leaks.append("\(key) as \(actor): \(answer.status.code) \(answer.location ?? "") \(body.prefix(120))")
                        }
                    }
                    // The owner's read is allowed, and audited exactly once.
                    if row.audited, route.method == .GET, let owner = target.owner, let caller = callers[owner] {
                        let audits = try await AuditEventRecord.query(on: app.db).count()
                        let answer = try await Self.send(.GET, path, as: caller, app)
                        let written = try await AuditEventRecord.query(on: app.db).count() - audits
                        if answer.status != .ok || written != 1 {
                            unaudited.append("\(key) as \(owner): \(answer.status.code), \(written) audit rows")
                        }
                    }
                }
            }
            let reached = leaks.joined(separator: "\n"), notAudited = unaudited.joined(separator: "\n")
            #expect(leaks.isEmpty, "Reached without a reason:\n\(reached)")
            #expect(unaudited.isEmpty, "A personal read not audited exactly once:\n\(notAudited)")
            #expect(try await Self.fingerprint(app) == before, "a refused request changed something")
            #expect(tried > 500)
            print("Leak matrix: \(routes.count) routes, \(tried) requests by \(callers.count - 2) roles without a reason, \(leaks.count) leaks")
        }
    }

    /// Refused as it should be: not signed in, forbidden, or not found (never a hint that the record exists).
    static func refused(_ answer: TestingHTTPResponse, actor: Actor) -> Bool {
        switch answer.status {
        case .unauthorized, .forbidden, .notFound: true
        case .seeOther: actor == .anonymous && (answer.location ?? "").hasPrefix("/sign-in")
        default: false
        }
    }

    static func send(_ method: HTTPMethod, _ path: String, as caller: Caller, _ app: Application) async throws -> TestingHTTPResponse {
        if path.hasPrefix("/api/") || path.hasPrefix("/fhir/") {
            return try await app.testing().sendRequest(method, path, beforeRequest: { req in
                if let token = caller.token { req.headers.bearerAuthorization = .init(token: token) }
                if method != .GET {
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: "{}")
                }
            })
        }
        return method == .GET ? try await caller.browser.get(path) : try await caller.browser.post(path, [])
    }

    /// What a refused write would change: rows in every table people's records live in, and the fields that a
    /// one-click action flips.
    static func fingerprint(_ app: Application) async throws -> String {
        let moving: Set<String> = ["audit_events", "sessions", "sign_in_attempts", "idempotency_keys", "outbox_messages", "public_submissions", "job_leases"]
        let tables = try await Integrity.tables(on: app.db).filter { !moving.contains($0) }.sorted()
        let sql = StoreSQL.sql(app.db)
        var parts: [String] = []
        for table in tables {
            let n = try await sql.raw(SQLQueryString("SELECT COUNT(*) AS n FROM \"\(table)\"")).first()?.decode(column: "n", as: Int.self) ?? 0
            parts.append("\(table)=\(n)")
        }
        parts += try await ReferralRecord.query(on: app.db).all().map { "\($0.stage) \($0.assignedTo?.uuidString ?? "-")" }.sorted()
        parts += try await AccountRecord.query(on: app.db).all().map { "\($0.email) \($0.suspendedAt != nil)" }.sorted()
        parts += try await TrainingPlaceRecord.query(on: app.db).all().map { "\($0.id!) \($0.status)" }.sorted()
        parts += try await sql.raw("SELECT trusted FROM organisations").all().map { "\(try $0.decode(column: "trusted", as: Bool.self))" }.sorted()
        return parts.joined(separator: " ")
    }

    /// The demo place, plus two people whose records no demo sign-in has a reason to see: Thistlewood, referred
    /// by another clinician and on another link worker's caseload (with a contact, a plan, a measure and a community
    /// referral to an organisation the demo member is not in), and Quillfeather, a resident with their own plan,
    /// measure and carer link.
    static func world(_ app: Application) async throws -> (Victims, [Actor: Caller]) {
        let api = ReferralAPITests()
        let hash = try Bcrypt.hash(DemoLoader.password, cost: 4)
        _ = try await Accounts().createStaff(givenName: "Olwen", familyName: "Okafor", email: try EmailAddress("other-clinician@alongside.example"),
                                             passwordHash: hash, roles: [.clinician], organisationID: nil, now: Date(), on: app.db)
        _ = try await Accounts().createStaff(givenName: "Tomasz", familyName: "Nowak", email: try EmailAddress("other-worker@alongside.example"),
                                             passwordHash: hash, roles: [.linkWorker], organisationID: nil, now: Date(), on: app.db)
        let clinician = try await api.token(app, "other-clinician@alongside.example")
        let worker = try await api.token(app, "other-worker@alongside.example")
        func json(_ response: TestingHTTPResponse, _ status: HTTPResponseStatus, _ what: String) throws -> [String: Any] {
            #expect(response.status == status, "\(what): \(response.body.string)")
            return try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
        }
        let made = try json(try await api.send(app, .POST, "/api/v1/referrals", token: clinician, json: """
            {"given_name": "Bryony", "family_name": "Thistlewood", "birth_date": "1951-03-09", "postcode": "LA1 1AA", "phone": "01524 765432",
             "needs": ["loneliness"], "story": "thistle-story: would like company", "consented": true, "preferred_contact": "phone", "gp_sharing": "codes"}
            """), .created, "the referral")
        let referral = try #require(made["id"] as? String), person = try #require(made["person_id"] as? String)
        _ = try json(try await api.send(app, .POST, "/api/v1/referrals/\(referral)/transitions", token: worker, json: #"{"to": "accepted"}"#), .ok, "accepting")
        _ = try json(try await api.send(app, .POST, "/api/v1/referrals/\(referral)/contacts", token: worker,
                                         json: #"{"way": "phone", "minutes": 10, "reached": true, "notes": "thistle-contact"}"#), .created, "a contact")
        let theirPlan = try json(try await api.send(app, .PUT, "/api/v1/people/\(person)/plan", token: worker, json: """
            {"version": 0, "what_matters": "thistle-plan", "goals": [{"words": "thistle-goal", "category": "activity", "steps": []}]}
            """), .ok, "their plan")
        let theirMeasure = try json(try await api.send(app, .POST, "/api/v1/people/\(person)/measures", token: worker,
                                                        json: #"{"instrument": "swemwbs", "answers": [4, 3, 3, 4, 3, 4, 4]}"#), .created, "their measure")
        let memberOrganisation = try await RoleGrantRecord.query(on: app.db).filter(\.$role == Role.organisationMember.rawValue).first()?.$organisation.id
        let elsewhere = try #require(try await ServiceRecord.query(on: app.db).filter(\.$organisation.$id != memberOrganisation!).first())
        let sent = try json(try await api.send(app, .POST, "/api/v1/referrals/\(referral)/community-referrals", token: worker, json: """
            {"service_id": "\(elsewhere.id!.uuidString)", "hopes": "thistle-hopes", "confirm_full": true}
            """), .created, "a community referral")

        let resident = Browser(app)
        try await resident.register([("given_name", "Zephyrine"), ("family_name", "Quillfeather"), ("email", "zephyrine@example.org"),
                                     ("postcode", "LA1 1AA"), ("password", "a long zephyr passphrase 7"), ("password_confirmation", "a long zephyr passphrase 7")])
        let residentToken = try await Self.token(app, "zephyrine@example.org", "a long zephyr passphrase 7")
        let account = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == "zephyrine@example.org").first())
        let own = account.$person.id.uuidString.lowercased()
        let ownPlan = try json(try await api.send(app, .PUT, "/api/v1/people/\(own)/plan", token: residentToken, json: """
            {"version": 0, "what_matters": "zephyr-plan", "goals": [{"words": "zephyr-goal", "category": "activity", "steps": []}]}
            """), .ok, "their own plan")
        let ownMeasure = try json(try await api.send(app, .POST, "/api/v1/people/\(own)/measures", token: residentToken,
                                                      json: #"{"instrument": "swemwbs", "answers": [3, 3, 3, 3, 3, 3, 3]}"#), .created, "their own measure")
        let link = try json(try await api.send(app, .POST, "/api/v1/people/\(own)/carer-links", token: residentToken,
                                               json: #"{"cared_for_name": "Marigold Quillfeather", "relationship": "parent", "hours_per_week": 20}"#),
                            .created, "a carer link")
        func goal(_ plan: [String: Any]) -> String { ((plan["goals"] as? [[String: Any]])?.first?["id"] as? String) ?? "" }
        let grant = try #require(try await RoleGrantRecord.query(on: app.db).filter(\.$account.$id == account.id!).first())

        // Quillfeather is a time bank member with an exchange waiting for another member, an offer and a report about them.
        let coordinatorID = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == DemoLoader.email(for: .coordinator)).first()).$person.id
        let other = PersonRecord(givenName: "Ottoline", familyName: "Ashdown", postcode: "LA1 1AA", createdAt: Date())
        try await other.create(on: app.db)
        for member in [account.$person.id, other.id!] { try await TimeBank().approve(person: member, by: coordinatorID, now: Date(), on: app.db) }
        let exchange = try await TimeBank().record(ExchangeDraft(with: other.id!, minutes: 60, direction: .gave, note: "zephyr-exchange"), by: account.$person.id,
                                                   now: Date(), on: app.db)
        let (_, transfer) = try await TimeBank().recordForMembers(payer: other.id!, receiver: account.$person.id, minutes: 30, note: "zephyr-transfer",
                                                                  by: coordinatorID, now: Date(), on: app.db)
        let offer = try await TimeBank().post(TimeBankPostDraft(kind: .offer, title: "Gardening", details: "An hour in the garden", category: "nature-and-green-space", place: .online,
                                                                when: "Mornings"), by: account.$person.id, now: Date(), on: app.db)
        try await TimeBank().report(account.$person.id, by: other.id!, reason: "zephyr-report", now: Date(), on: app.db)
        let report = try #require(try await TimeBankReportRecord.query(on: app.db).first()).id!

        // A room owned by an organisation the demo member is not in, booked by that organisation.
        let rules = RoomRules(openDays: Set(Weekday.allCases), opens: TimeOfDay(hour: 8, minute: 0), closes: TimeOfDay(hour: 22, minute: 0), needsApproval: true)
        let room = try await Rooms().create(RoomDraft(name: "Vestry", place: "Lancaster", description: "A room", capacity: 10, access: "Steps", equipment: "Chairs",
                                                      pricePence: 0, rules: rules), owner: elsewhere.$organisation.id, on: app.db)
        _ = try await Rooms().book(room, for: elsewhere.$organisation.id, title: "Vestry meeting",
                                   try BookingRequest.from(starts: "2030-01-08T10:00", ends: "2030-01-08T11:00", repeats: nil, until: nil),
                                   skipClashes: false, now: Date(), on: app.db)
        let booking = try #require(try await RoomBookingRecord.query(on: app.db).first()).id!
        let regular = try await Rooms().book(room, for: elsewhere.$organisation.id, title: "Vestry choir",
                                             try BookingRequest.from(starts: "2030-01-09T18:00", ends: "2030-01-09T19:00", repeats: "week", until: "2030-02-27"),
                                             skipClashes: false, now: Date(), on: app.db)

        // Quillfeather volunteers with that organisation and logged hours it has not confirmed.
        let role = try await Volunteering().post(VolunteerRoleDraft(title: "Vestry tidying", involves: "Tidying", when: "Mondays", place: "Lancaster",
                                                                    access: "Steps", needsDBS: false, places: 3), for: elsewhere.$organisation.id, now: Date(), on: app.db)
        try await Volunteering().interested(in: role, person: account.$person.id, now: Date(), on: app.db)
        let volunteer = try #require(try await VolunteerRecord.query(on: app.db).first()).id!
        try await Volunteering().decide(volunteer, accept: true, now: Date(), on: app.db)
        try await Volunteering().log(VolunteerHoursDraft(day: UKDates.isoDay(Date()), minutes: 60, note: "zephyr-hours"), role: role, person: account.$person.id,
                                     now: Date(), on: app.db)
        let hours = try #require(try await VolunteerHoursRecord.query(on: app.db).first()).id!

        // Quillfeather has a place on a session that organisation runs.
        let session = try await Training().offer(TrainingSessionDraft(title: "Vestry first aid", covers: "First aid", starts: Date().addingTimeInterval(30 * 86_400),
                                                                      ends: Date().addingTimeInterval(30 * 86_400 + 3_600), place: "Lancaster", online: false, places: 5),
                                                 by: elsewhere.$organisation.id, now: Date(), on: app.db)
        let place = try await Training().request(session, person: account.$person.id, now: Date(), on: app.db).place

        var victims = Victims()
        victims.ids[.room] = [(room.uuidString.lowercased(), .anonymous, [])]
        victims.ids[.roomSeries] = [(regular.seriesID!.uuidString.lowercased(), .anonymous, [])]
        victims.ids[.trainingSession] = [(session.uuidString.lowercased(), .anonymous, [])]
        victims.ids[.trainingPlace] = [(place.uuidString.lowercased(), .theResident, [])]
        victims.ids[.volunteer] = [(volunteer.uuidString.lowercased(), .theResident, [])]
        victims.ids[.volunteerHours] = [(hours.uuidString.lowercased(), .theResident, [])]
        victims.ids[.roomBooking] = [(booking.uuidString.lowercased(), .anonymous, [])]
        victims.ids[.exchange] = [(exchange.uuidString.lowercased(), .theResident, [])]
        victims.ids[.timeBankPost] = [(offer.uuidString.lowercased(), .theResident, [])]
        victims.ids[.timeBankMember] = [(own, .theResident, [])]
        victims.ids[.transfer] = [(transfer.uuidString.lowercased(), .theResident, [])]
        victims.ids[.timeBankReport] = [(report.uuidString.lowercased(), .theResident, [])]
        victims.ids[.referral] = [(referral, .theirWorker, team)]
        victims.ids[.person] = [(person, .theirWorker, team), (own, .theResident, [])]
        victims.ids[.measure] = [(theirMeasure["id"] as! String, .theirWorker, team), (ownMeasure["id"] as! String, .theResident, [])]
        victims.ids[.observation] = [((theirMeasure["id"] as! String) + "-swemwbs", .theirWorker, team), ((ownMeasure["id"] as! String) + "-swemwbs", .theResident, [])]
        victims.ids[.goal] = [(goal(theirPlan), .theirWorker, team), (goal(ownPlan), .theResident, [])]
        victims.ids[.carerLink] = [(link["id"] as! String, .theResident, [])]
        victims.ids[.communityReferral] = [(sent["id"] as! String, .theirWorker, team)]
        victims.ids[.listing] = [(elsewhere.id!.uuidString.lowercased(), .anonymous, [])]
        victims.ids[.account] = [(account.id!.uuidString.lowercased(), .theResident, [])]
        victims.ids[.roleGrant] = [(grant.id!.uuidString.lowercased(), .theResident, [])]
        victims.ids[.organisation] = [(elsewhere.$organisation.id.uuidString.lowercased(), .anonymous, [])]
        for unknown in [Names.category, .invitation, .review, .practice] { victims.ids[unknown] = [(UUID().uuidString.lowercased(), .anonymous, [])] }

        var callers: [Actor: Caller] = [.anonymous: Caller(browser: Browser(app), token: nil)]
        for role in Role.allCases {
            let browser = Browser(app)
            try await browser.signIn(DemoLoader.email(for: role))
            callers[.role(role)] = Caller(browser: browser, token: try await api.token(app, DemoLoader.email(for: role)))
        }
        let theirs = Browser(app)
        try await theirs.signIn("other-worker@alongside.example")
        callers[.theirWorker] = Caller(browser: theirs, token: worker)
        callers[.theResident] = Caller(browser: resident, token: residentToken)
        return (victims, callers)
    }

    static func token(_ app: Application, _ email: String, _ password: String) async throws -> String {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/sessions", beforeRequest: { req in
            try req.content.encode(["email": email, "password": password], as: .json)
        })
        let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return try #require(body?["token"] as? String)
    }
}
