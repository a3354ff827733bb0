import AlongsideCore
import AlongsideStore
import Foundation

/// The referral pages, one file each by what they do: the form (ReferralFormPages.swift), the team's inbox and
/// caseloads (CaseloadPages.swift), the episode (EpisodePage.swift) and "My support" (MySupportPage.swift).
enum ReferralPages {
    struct Row {
        let id: UUID
        let name: String
        let stage: String
        let needs: String
        let waitingDays: Int
        let since: String
        let referrer: String
        let next: String?
        /// Looks after someone (carer status, shown on caseloads and counted for commissioners).
        var carer = false
        /// A carer under 18.
        var youngCarer = false
        /// The person's own plan and measures, for a link worker's caseload.
        var personID: UUID?
    }
}

extension ReferralPages.Row {
    /// A referral as one row of a caseload or list; `now` gives how long it has waited.
    init(_ r: ReferralRecord, now: Date) {
        let waitingSince = r.currentStage == .received ? r.createdAt : r.stageChangedAt
        self.init(id: r.id!, name: r.fullName, stage: r.currentStage.title, needs: r.needList.map(\.title).joined(separator: ", "),
                  waitingDays: max(0, Calendar.ukCivil.dateComponents([.day], from: waitingSince, to: now).day ?? 0),
                  since: UKDates.day(r.stageChangedAt), referrer: r.referrerName,
                  next: r.nextContactOn.flatMap(UKDates.parseISODay).map(UKDates.day), personID: r.personID)
    }
}
