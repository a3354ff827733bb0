import AlongsideCore
import AlongsideStore
import Foundation

extension CaseloadEntry {
    /// A caseload row from a stored referral: the page, the team lead's view and the benchmark build it alike.
    /// `nhsNumber` is shown only to the episode's own link worker (the team lead's view passes `false`).
    init(_ r: ReferralRecord, carer: Bool = false, watch: MeasureWatch? = nil, showsNHSNumber: Bool = true) {
        self.init(id: r.id!, name: r.fullName, nhsNumber: showsNHSNumber ? r.nhsNumber : nil, postcode: r.postcode, stage: r.currentStage,
                  needs: r.needList, nextContactOn: r.nextContactOn, carer: carer, watch: watch, stageChangedAt: r.stageChangedAt,
                  referredAt: r.createdAt)
    }
}
