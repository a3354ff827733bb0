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
