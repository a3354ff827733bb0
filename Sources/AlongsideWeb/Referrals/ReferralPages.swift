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
        /// Another open episode that is probably the same person, and what they share — for the team to check
        /// before giving it out.
        var duplicate: Duplicate?
    }

    struct Duplicate {
        let id: UUID
        let name: String
        let stage: String
        let made: String
        let reason: DuplicateReason
    }

    /// "Possibly the same person as Joan Whittaker (Contacted, referred 3 November 2026): the same NHS number."
    static func duplicateNote(_ d: Duplicate) -> Node {
        el("span", .class("duplicate")) {
            el("strong", .class("tag tag-warning")) { "Possible duplicate" }
            " The same person as "
            el("a", .href(SiteURL.referral(d.id).path)) { d.name }
            " (\(d.stage), referred \(d.made))? They have \(d.reason.words)."
        }
    }
}

extension ReferralPages.Row {
    /// A referral as one row of a caseload or list; `now` gives how long it has waited.
    init(_ r: ReferralRecord, now: Date) { self.init(ReferralSummary(r), now: now) }

    init(_ r: ReferralSummary, now: Date) {
        let waitingSince = r.stage == .received ? r.createdAt : r.stageChangedAt
        self.init(id: r.id, name: r.fullName, stage: r.stage.title, needs: r.needs.map(\.title).joined(separator: ", "),
                  waitingDays: max(0, Calendar.ukCivil.dateComponents([.day], from: waitingSince, to: now).day ?? 0),
                  since: UKDates.day(r.stageChangedAt), referrer: r.referrerName,
                  next: r.nextContactOn.flatMap(UKDates.parseISODay).map(UKDates.day), personID: r.personID)
    }
}
