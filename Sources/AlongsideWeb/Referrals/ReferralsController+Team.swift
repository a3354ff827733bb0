import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The team lead's view: every caseload, and giving referrals out.
extension ReferralsController {
    /// The team lead's view: every link worker's open episodes, and one worker's caseload to reassign from.
    func team(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.leadTeam)
        let now = request.now
        let workers = try await Referrals().linkWorkers(on: request.db)
        let counts = try await Referrals().teamCounts(today: UKDates.isoDay(now), on: request.db)
        let chosen = (try? request.query.get(String.self, at: "worker")).flatMap(UUID.init(uuidString:)).flatMap { id in workers.first { $0.0 == id } }
        var rows: [ReferralPages.Row] = []
        var page: CaseloadPage?
        if let (id, _) = chosen {
            let caseload = try await Referrals().caseload(of: id, on: request.db)
            let entries = caseload.map { CaseloadEntry($0, showsNHSNumber: false) }
            let shown = CaseloadPage(entries, CaseloadQuery(page: (try? request.query.get(String.self, at: "page")).flatMap { Int($0.prefix(6)) } ?? 1),
                                     today: UKDates.isoDay(now))
            let byID = Dictionary(caseload.map { ($0.id!, $0) }, uniquingKeysWith: { first, _ in first })
            rows = shown.entries.compactMap { byID[$0.id] }.map { ReferralPages.Row($0, now: now) }
            page = shown
        }
        let model = ReferralPages.TeamModel(
            workers: workers.map { w in
                let c = counts[w.0]
                return (id: w.0, name: w.1, open: c?.open ?? 0, firstContact: c?.firstContact ?? 0, overdue: c?.overdue ?? 0)
            },
            waiting: try await Self.withDuplicatesMarked(try await Referrals().waitingSummaries(limit: CaseloadQuery.pageSize, on: request.db),
                                                         { ReferralPages.Row($0, now: now) }, request),
            waitingCount: try await Referrals().inboxCount(on: request.db), chosen: chosen, rows: rows, page: page)
        return ReferralPages.team(model, PageContext(request, title: "The team's caseloads")).response()
    }

    func assign(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.leadTeam)
        let episode = try await episode(request)
        struct AssignForm: Content { var assign_to: String?; var confirmed: String? }
        let workers = try await Referrals().linkWorkers(on: request.db)
        let form = try request.content.decode(AssignForm.self)
        guard let to = form.assign_to.flatMap(UUID.init(uuidString:)), let worker = workers.first(where: { $0.0 == to }) else {
            throw Abort(.badRequest, reason: "Choose a link worker from the list.")
        }
        let from = episode.referral.assignedTo
        if !Confirmation.isConfirmed(form.confirmed) {
            let current = from.flatMap { id in workers.first { $0.0 == id }?.1 }
            let confirmation = ReferralPages.reassignConfirmation(episode.referral, from: current, to: worker,
                                                                  openCount: try await Referrals().openCounts(on: request.db)[to] ?? 0)
            return confirmation.page(PageContext(request, title: confirmation.question,
                                                           breadcrumbs: [NavigationLink(title: "The team's caseloads", path: SiteURL.team.path)])).response()
        }
        try await Referrals().assign(episode.referral.id!, to: to, by: me.personID, now: request.now, on: request.db)
        return request.redirect(to: SiteURL.team.with([("worker", (from ?? to).uuidString.lowercased()), ("done", Notice.reassigned.rawValue)]))
    }
}
