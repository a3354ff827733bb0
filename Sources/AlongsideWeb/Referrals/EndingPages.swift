import AlongsideCore
import AlongsideStore
import Foundation

/// Asking first, before anything that ends an episode or changes who holds it: in the person's words on
/// "My support", in the link worker's on the episode.
extension ReferralPages {
    /// What reaches the GP record when this episode is declined, in the words of whoever is reading.
    static func declineReachesGP(_ r: ReferralRecord, elsewhere: ReferralRecord?, yours: Bool) -> String {
        let their = yours ? "your" : "their"
        switch (r.gpSharing == "all", elsewhere) {
        case (false, .some(let other)):
            return "nothing is added to \(their) GP record, because \(yours ? "you are" : "they are") still being supported through \(their) referral of \(UKDates.day(other.createdAt))"
        case (true, .some):
            return "\(their) GP practice is told \(yours ? "you" : "they") did not want this referral, and that \(their) other support goes on"
        case (false, nil):
            return "a code is added to \(their) GP record to show \(yours ? "you" : "they") chose not to have this support (no message in words, as \(yours ? "you" : "they") asked)"
        case (true, nil):
            return "\(their) GP practice is told, so \(their) record shows \(yours ? "you" : "they") chose not to have this support"
        }
    }

    /// The person saying no on their own page, with what follows and their 14 days to change their mind.
    static func declineConfirmation(_ r: ReferralRecord, elsewhere: ReferralRecord?, now: Date) -> Confirmation {
        let until = UKDates.day(now.addingTimeInterval(Double(EpisodeLifecycle.changeOfMindDays) * 86_400))
        return Confirmation(
            question: "Are you sure you do not want this support?",
            consequences: [
                "the link worker team stops working on your referral of \(UKDates.day(r.createdAt))",
                declineReachesGP(r, elsewhere: elsewhere, yours: true),
                "you can change your mind until \(until): come back to My support and choose \"I have changed my mind\"",
                "after that, you can ask for a link worker again at any time",
            ],
            action: SiteURL.referralMoves(r.id!).path, hidden: [("to", EpisodeStage.declinedByPerson.rawValue)],
            button: "Yes, I do not want this support", back: SiteURL.mySupport.path,
            reason: (name: "reason", label: "If you would like to say why, your link worker will read it (optional)", value: ""))
    }

    /// A link worker or referrer ending an episode: what the ending does, to the record, the GP and the referrer.
    static func endingConfirmation(_ r: ReferralRecord, _ move: EpisodeMove, byReferrer: Bool, elsewhere: ReferralRecord?) -> Confirmation {
        let name = r.fullName
        let (question, button): (String, String) = switch move.to {
        case .closed: ("Close \(name)'s episode?", "Yes, close the episode")
        case .declinedByPerson: ("Record that \(name) does not want this support?", "Yes, they do not want it")
        case .couldNotContact: ("Record that you could not contact \(name)?", "Yes, we could not contact them")
        case .notAccepted: ("Record that the team cannot take \(name)'s referral?", "Yes, we cannot take it")
        case .redirected: ("Pass \(name)'s referral to a better-placed service?", "Yes, redirect it")
        case .withdrawnByReferrer: ("Withdraw your referral of \(name)?", "Yes, withdraw the referral")
        default: ("Move \(name)'s episode to \(move.to.title.lowercased())?", "Yes, move it")
        }
        var lines = ["the episode ends" + (byReferrer ? "" : " and leaves the caseload") + "; it cannot be moved on again"]
        if move.to == .declinedByPerson {
            lines[0] = "the episode ends and leaves the caseload"
            lines.append("\(r.givenName) can change their mind within \(EpisodeLifecycle.changeOfMindDays) days and pick up where they left off; after that, a new referral is needed")
            lines.append(declineReachesGP(r, elsewhere: elsewhere, yours: false))
        }
        if move.to == .closed {
            lines.append(r.gpSharing == "all"
                         ? "a message goes to their GP record saying their time with the link worker has finished" + (move.outcome.map { " (\($0.title.lowercased()))" } ?? "")
                         : "the codes recorded so far go to their GP record (codes only, as they chose)")
        }
        if !byReferrer, GPMessage.stages.contains(move.to), let referrer = r.referredBy, referrer != r.personID {
            lines.append("\(r.referrerName) is told by email that the referral has moved on")
        }
        if let reason = move.reason?.trimmed, !reason.isEmpty { lines.append("the reason you gave is kept with it: “\(reason)”") }
        return Confirmation(question: question, consequences: lines, action: SiteURL.referralMoves(r.id!).path,
                            hidden: [("to", move.to.rawValue), ("outcome", move.outcome?.rawValue ?? ""), ("reason", move.reason ?? "")],
                            button: button, back: SiteURL.referral(r.id!).path)
    }

    /// A team lead giving an episode to another link worker.
    static func reassignConfirmation(_ r: ReferralRecord, from: String?, to: (UUID, String), openCount: Int) -> Confirmation {
        Confirmation(
            question: "Give \(r.fullName) to \(to.1)?",
            consequences: [
                "\(to.1) sees \(r.givenName) on their caseload at once (they have \(openCount) open now)",
                from.map { "\($0) no longer has \(r.givenName) on theirs" } ?? "it leaves the waiting list",
                "everything recorded so far stays with the episode",
            ],
            action: SiteURL.referralAssign(r.id!).path, hidden: [("assign_to", to.0.uuidString.lowercased())],
            button: "Yes, give to \(to.1)", back: SiteURL.team.with(r.assignedTo.map { [("worker", $0.uuidString.lowercased())] } ?? []),
            warning: false)
    }
}
