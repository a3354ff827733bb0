import AlongsideCore
import AlongsideStore

/// The emails Alongside sends, in plain English, each with the one link it is about.
enum Emails {
    static func invitation(to email: EmailAddress, roles: [Role], organisation: String?, link: String) -> EmailDraft {
        let roleList = roles.map { $0 == .organisationMember && organisation != nil ? "\($0.title) of \(organisation!)" : $0.title }
            .joined(separator: ", ")
        return EmailDraft(to: email.value, subject: "You have been invited to Alongside", body: """
            Hello,

            You have been invited to join Alongside as: \(roleList).

            To accept, open this link and choose a password. It works once, for 7 days:
            \(link)

            If you were not expecting this, you can ignore this email.
            """)
    }

    static func passwordReset(to email: String, link: String) -> EmailDraft {
        EmailDraft(to: email, subject: "Reset your Alongside password", body: """
            Hello,

            Someone asked to reset the password for the Alongside account that uses this email address.

            To choose a new password, open this link. It works once, for 2 hours:
            \(link)

            If this was not you, you can ignore this email: your password has not changed.
            """)
    }

    /// To a person a link worker is helping: follow your support online. Names nobody else and says nothing of
    /// why they were referred, in case someone else reads their email.
    static func followYourSupport(to email: EmailAddress, link: String) -> EmailDraft {
        EmailDraft(to: email.value, subject: "Follow your support from your link worker online", body: """
            Hello,

            Your link worker has invited you to Alongside, where you can see how your support is going: who your
            link worker is, when you next speak, and what you said matters to you.

            To make your account, open this link and choose a password. It works once, for 7 days:
            \(link)

            If you were not expecting this, you can ignore this email.
            """)
    }

    /// To the address someone registered with: the link that makes the account.
    static func confirmRegistration(to email: EmailAddress, link: String) -> EmailDraft {
        EmailDraft(to: email.value, subject: "Finish creating your Alongside account", body: """
            Hello,

            Someone, we hope you, asked to create an Alongside account with this email address.

            To finish creating it, open this link. It works once, for 24 hours:
            \(link)

            If this was not you, you can ignore this email: no account is made unless the link is used.
            """)
    }

    /// To an address that already has an account, when someone tries to register it again: how to get in.
    static func alreadyRegistered(to email: EmailAddress, signIn: String, reset: String) -> EmailDraft {
        EmailDraft(to: email.value, subject: "You already have an Alongside account", body: """
            Hello,

            Someone, we hope you, tried to create an Alongside account with this email address. It already has one,
            so nothing has changed.

            To sign in: \(signIn)
            If you have forgotten your password, you can choose a new one: \(reset)

            If this was not you, you can ignore this email.
            """)
    }

    /// To each member of an organisation with a service listed under a call's category, when the call opens.
    static func callForProposals(organisation: String, title: String, place: String, category: String, closesOn: String,
                                 link: String) -> (subject: String, body: String) {
        ("A call for proposals about \(category.lowercased())", """
            Hello,

            The health system is asking people who live in \(place) for proposals: "\(title)". It closes on \(closesOn).

            \(organisation) has a service listed under "\(category)" in the directory, so the people you work with may have ideas. \
            Anyone who lives here can read the call and answer it: \(link)

            You are getting this because you are a member of \(organisation) in Alongside.
            """)
    }

    /// To the author, or a supporter who chose to be told: the proposal has its answer (or an interim one), with
    /// the link to read it.
    static func proposalAnswered(isAuthor: Bool, title: String, answer: ProposalAnswer, link: String) -> (subject: String, body: String) {
        let what = switch answer {
        case .underConsideration(_, let due):
            "It is under consideration: a full answer is due by \(UKDates.parseISODay(due).map(UKDates.day) ?? due)."
        case .accepted: "It has been accepted."
        case .notTakenForward: "It will not be taken forward, and the answer says why."
        case .alreadyHappening: "It is already happening: the answer links to the service that does it."
        }
        return (isAuthor ? "Your proposal has an answer" : "A proposal you support has an answer", """
            Hello,

            \(isAuthor ? "Your proposal" : "The proposal you support"), "\(title)", has been answered. \(what)

            Read the answer: \(link)

            You are getting this because you asked to be told when it was answered.
            """)
    }

    /// To the author when a moderator hides their proposal or comment, or shows it again. `final` when it was
    /// the second look the author asked for, which cannot be asked again.
    static func moderated(_ what: String, decision: Moderation.Decision, reason: String, link: String, final: Bool) -> (subject: String, body: String) {
        switch decision {
        case .hide:
            let next = final
                ? "This was the second look you asked for, by another moderator, and it is final."
                : "If you think this is wrong, you can ask once for another moderator to look, on the proposal's page: \(link)"
            return ("A moderator has hidden your \(what)", """
                Hello,

                A moderator has hidden your \(what). Their reason, which is shown in its place:

                \(reason)

                \(next)
                """)
        case .restore:
            return ("Your \(what) is shown again", """
                Hello,

                A moderator has looked at your \(what), and it is shown again. Their reason:

                \(reason)

                See it: \(link)
                """)
        }
    }
}
