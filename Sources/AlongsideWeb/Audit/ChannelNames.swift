import AlongsideCore
import Foundation

/// Plain-English names for the pages and APIs that audit rows record ("GET /people/<id>/plan" is "their
/// plan page"), never the raw address.
enum ChannelNames {
    /// Address patterns (ids as `:id`) and their names; the longest pattern that starts the address wins.
    static let pages: [(String, String)] = [
        (SiteURL.myAccount.path, "My account page"),
        (SiteURL.myRecordAccess.path, "Who has seen my record page"),
        (SiteURL.myData.path, "Download my data"),
        (SiteURL.myDataFHIR.path, "Download my data (FHIR)"),
        (SiteURL.register.path, "Create an account page"),
        (SiteURL.changePassword.path, "Change password page"),
        (SiteURL.resetPassword.path, "Password reset link"),
        (SiteURL.closeAccount.path, "Close my account page"),
        (SiteURL.acceptInvitation.path, "Invitation link"),
        (SiteURL.adminUsers.path, "Users page (administrator)"),
        (SiteURL.adminGrant.path, "Users page (administrator)"),
        (SiteURL.adminAudit.path, "Audit log (administrator)"),
        (SiteURL.newReferral.path, "Referral form"),
        (SiteURL.askForLinkWorker.path, "Ask for a link worker form"),
        (SiteURL.referrals.path, "Referrals and caseload page"),
        (SiteURL.referralsMade.path, "Referrals you made page"),
        (SiteURL.team.path, "The team's caseloads page"),
        ("/referrals/:id", "Referral page"),
        (SiteURL.mySupport.path, "My support page"),
        (SiteURL.organisationReferrals.path, "People referred to you page"),
        ("/people/:id/plan", "Plan page"),
        ("/people/:id/plan/edit", "Plan editing page"),
        ("/people/:id/measures", "Wellbeing measures page"),
        ("/people/:id/caring", "Caring page"),
        ("/fhir", "FHIR (another NHS system)"),
        ("/api", "App (API)"),
    ]

    static func describe(_ channel: String) -> String {
        let path = channel.split(separator: " ", maxSplits: 1).last.map(String.init) ?? channel
        switch path {
        case "command": return "Command line"
        case "demo": return "Demo set-up"
        case "web": return "Alongside"
        default: break
        }
        let shape = "/" + path.split(separator: "/").map { UUID(uuidString: String($0)) == nil ? String($0) : ":id" }.joined(separator: "/")
        let match = pages.filter { pattern, _ in shape == pattern || shape.hasPrefix(pattern == "/" ? pattern : pattern + "/") }
            .max { $0.0.count < $1.0.count }
        return match?.1 ?? "Alongside"
    }
}
