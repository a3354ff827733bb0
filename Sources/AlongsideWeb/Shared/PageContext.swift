import AlongsideCore
import Vapor

/// A link in the main navigation.
struct NavigationLink: Sendable, Equatable {
    let title: String
    let path: String
}

/// What every page's layout shows, worked out from the request before the view runs, so views never read
/// the request, the database or the environment.
struct PageContext: Sendable {
    var title: String
    var signedInName: String?
    var navigation: [NavigationLink]
    var csrfToken: String
    var breadcrumbs: [NavigationLink] = []
    var notice: String?
    var currentPath: String
    var hasErrors = false

    init(_ request: Request, title: String, breadcrumbs: [NavigationLink] = []) {
        self.title = title
        self.signedInName = request.signedIn?.name
        self.navigation = PageContext.navigation(for: request.actor, policy: request.alongside.policy)
        self.csrfToken = request.csrfToken
        self.breadcrumbs = breadcrumbs
        self.currentPath = request.url.path
        self.notice = (try? request.query.get(String.self, at: "done")).flatMap(Notice.text(for:))
    }

    /// Only the links the person may follow.
    static func navigation(for actor: Actor, policy: PermissionPolicy) -> [NavigationLink] {
        var links = [NavigationLink(title: "Home", path: SiteURL.home.path)]
        if policy.allows(.searchDirectory, for: actor) {
            links.append(NavigationLink(title: "Find support", path: SiteURL.services.path))
        }
        links.append(NavigationLink(title: "Proposals", path: VoiceURL.proposals.path))
        links.append(NavigationLink(title: "Community budgets", path: BudgetURL.rounds.path))
        links.append(NavigationLink(title: "Panels", path: PanelURL.panels.path))
        guard let person = actor.personID else {
            links.append(NavigationLink(title: "Register", path: SiteURL.register.path))
            links.append(NavigationLink(title: "Sign in", path: SiteURL.signIn.path))
            return links
        }
        links.append(NavigationLink(title: "My account", path: SiteURL.myAccount.path))
        if policy.allows(.coordinateTimeBank, for: actor) {
            links.append(NavigationLink(title: "Time bank", path: TimeBankURL.coordinate.path))
        } else if actor.has(.organisationMember) && !actor.has(.resident) {
            links.append(NavigationLink(title: "Time bank", path: TimeBankURL.home.path))
        }
        if policy.allows(.moderateContent, for: actor) { links.append(NavigationLink(title: "Moderation", path: VoiceURL.moderation.path)) }
        if [.readPlaceInsight, .readCaseloadInsight, .readPracticeInsight].contains(where: { policy.allows($0, for: actor) }) { links.append(NavigationLink(title: "Insight", path: InsightURL.dashboards.path)) }
        if policy.allows(.readAccessHistory(of: person), for: actor) {
            links.append(NavigationLink(title: "Who has seen my record", path: SiteURL.myRecordAccess.path))
        }
        if policy.allows(.seeReferralInbox, for: actor) {
            links.append(NavigationLink(title: "Referrals", path: SiteURL.referrals.path))
            if policy.allows(.leadTeam, for: actor) { links.append(NavigationLink(title: "Team", path: SiteURL.team.path)) }
        } else if !actor.roles.isDisjoint(with: [.clinician, .organisationMember]) {
            links.append(NavigationLink(title: "Referrals you made", path: SiteURL.referralsMade.path))
        }
        if actor.has(.resident) {
            links.append(NavigationLink(title: "My support", path: SiteURL.mySupport.path))
            links.append(NavigationLink(title: "My plan", path: SiteURL.plan(person).path))
            links.append(NavigationLink(title: "How am I doing?", path: SiteURL.measures(person).path))
            links.append(NavigationLink(title: "Caring", path: SiteURL.caring(person).path))
            links.append(NavigationLink(title: "Time bank", path: TimeBankURL.home.path))
        }
        if actor.organisationIDs.contains(where: { policy.allows(.recordAttendance(ofOrganisation: $0), for: actor) }) {
            links.append(NavigationLink(title: "People referred to you", path: SiteURL.organisationReferrals.path))
        }
        if actor.organisationIDs.contains(where: { policy.allows(.editService(ofOrganisation: $0), for: actor) }) {
            links.append(NavigationLink(title: "Your listings", path: SiteURL.ourListings.path))
            links.append(NavigationLink(title: "Rooms", path: RoomsURL.rooms.path))
            links.append(NavigationLink(title: "Volunteers", path: VolunteeringURL.organisation.path))
            links.append(NavigationLink(title: "Training", path: TrainingURL.sessions.path))
        }
        if policy.allows(.reviewServiceChange, for: actor) {
            links.append(NavigationLink(title: "Listing reviews", path: SiteURL.reviews.path))
        }
        if policy.allows(.manageTaxonomy, for: actor) {
            links.append(NavigationLink(title: "Categories", path: SiteURL.categories.path))
        }
        if policy.allows(.manageUsers, for: actor) {
            links.append(NavigationLink(title: "Users", path: SiteURL.adminUsers.path))
            links.append(NavigationLink(title: "Training", path: TrainingURL.organisation.path))
        }
        if policy.allows(.searchAuditLog, for: actor) {
            links.append(NavigationLink(title: "Audit log", path: SiteURL.adminAudit.path))
        }
        return links
    }
}

/// Confirmation messages shown after a change, chosen by a short code in the address (never free text).
enum Notice: String {
    case signedIn = "signed-in"
    case signedOut = "signed-out"
    case registered
    case passwordChanged = "password-changed"
    case passwordReset = "password-reset"
    case resetSent = "reset-sent"
    case invited
    case roleGranted = "role-granted"
    case accountClosed = "account-closed"
    case invitationAccepted = "invitation-accepted"
    case listingPublished = "listing-published"
    case listingSent = "listing-sent"
    case capacitySaved = "capacity-saved"
    case listingChecked = "listing-checked"
    case trustSaved = "trust-saved"
    case roleRemoved = "role-removed"
    case suspended = "suspended"
    case restored = "restored"
    case invitationResent = "invitation-resent"
    case changeApproved = "change-approved"
    case changeRejected = "change-rejected"
    case categorySaved = "category-saved"
    case referralSent = "referral-sent"
    case referralDeclined = "referral-declined"
    case changedMind = "changed-mind"
    case addedToRequest = "added-to-request"
    case episodeReopened = "episode-reopened"
    case contactedNow = "contacted-now"
    case moveRefused = "move-refused"
    case episodeMoved = "episode-moved"
    case contactLogged = "contact-logged"
    case communityReferralSent = "community-referral-sent"
    case responseSaved = "response-saved"
    case whatMattersSaved = "what-matters-saved"
    case accessNeedsSaved = "access-needs-saved"
    case ownAccessNeedsSaved = "own-access-needs-saved"
    case reassigned
    case supportInvited = "support-invited"
    case planSaved = "plan-saved"
    case firstPlanSaved = "first-plan-saved"
    case addedToPlan = "added-to-plan"
    case sharingSaved = "sharing-saved"
    case measureSaved = "measure-saved"
    case caringSaved = "caring-saved"
    case linkAgreed = "link-agreed"
    case linkEnded = "link-ended"
    case contingencySaved = "contingency-saved"
    case proposalSaved = "proposal-saved"
    case callOpened = "call-opened"
    case callClosed = "call-closed"
    case callChanged = "call-changed"
    case callOpenedAndTold = "call-opened-told"
    case proposalSupported = "proposal-supported"
    case supportWithdrawn = "support-withdrawn"
    case proposalAnswered = "proposal-answered"
    case roundOpened = "round-opened"
    case roundChanged = "round-changed"
    case ideaAdded = "idea-added"
    case projectReviewed = "project-reviewed"
    case ballotCast = "ballot-cast"
    case panelMade = "panel-made"
    case electionCalled = "election-called"
    case standing = "standing"
    case voted = "voted"
    case reportedBack = "reported-back"
    case proposalReported = "proposal-reported"
    case secondLookAsked = "second-look-asked"
    case moderated = "moderated"
    case settingsSaved = "settings-saved"
    case resultUpdated = "result-updated"
    case pairRegistered = "pair-registered"
    case commented = "commented"
    case asked = "asked"
    case pairUpdated = "pair-updated"
    case timeBankAsked = "time-bank-asked"
    case exchangeRecorded = "exchange-recorded"
    case groupExchangeRecorded = "group-exchange-recorded"
    case lowestBalanceChanged = "lowest-balance-changed"
    case exchangeConfirmed = "exchange-confirmed"
    case exchangeDeclined = "exchange-declined"
    case donated = "donated"
    case offerPosted = "offer-posted"
    case offerClosed = "offer-closed"
    case memberReported = "member-reported"
    case timeBankSaved = "time-bank-saved"
    case roomBooked = "room-booked"
    case volunteerInterested = "volunteer-interested"
    case hoursLogged = "hours-logged"
    case trainingBooked = "training-booked"
    case hoursCredited = "hours-credited"
    case hoursNotCreditedNotMember = "hours-not-credited-member"
    case hoursNotCreditedFundShort = "hours-not-credited-fund"
    case trainingWaiting = "training-waiting"
    case trainingGivenUp = "training-given-up"
    case trainingOffered = "training-offered"
    case trainingCalledOff = "training-called-off"
    case attendanceRecorded = "attendance-recorded"
    case roomBookedFreeDates = "room-booked-free-dates"
    case roomRequested = "room-requested"
    case roomCancelled = "room-cancelled"
    case roomApproved = "room-approved"
    case roomListed = "room-listed"
    case roomChanged = "room-changed"
    case listingScheduleSent = "listing-schedule-sent"
    case listingSchedulePublished = "listing-schedule-published"
    case practiceSaved = "practice-saved"
    case practicesImported = "practices-imported"
    case practiceRemoved = "practice-removed"
    case clinicianAdded = "clinician-added"
    case clinicianRemoved = "clinician-removed"

    static func text(for code: String) -> String? {
        switch Notice(rawValue: code) {
        case .signedIn: "You are signed in."
        case .signedOut: "You have signed out."
        case .registered: "Your account has been created and you are signed in."
        case .passwordChanged: "Your password has been changed. Other devices have been signed out."
        case .passwordReset: "Your password has been reset. Sign in with your new password."
        case .resetSent: "If an account uses that email address, we have sent it a link to reset the password. The link works for 2 hours."
        case .invited: "Invitation sent. The link works once, for 7 days."
        case .roleGranted: "Role given."
        case .accountClosed: "Your account is closed and your personal details have been erased."
        case .invitationAccepted: "Welcome to Alongside. Your account is ready and you are signed in."
        case .listingPublished: "Saved. The listing is live."
        case .listingSent: "Sent for checking. An administrator will look at it; the listing stays as it was until then."
        case .capacitySaved: "Spaces saved, and the listing counted as checked today."
        case .listingChecked: "Thank you. The listing is marked as checked today."
        case .trustSaved: "Saved. It applies to the next change they make."
        case .roleRemoved: "Role taken away. It applies from their next page."
        case .suspended: "Account suspended. They have been signed out everywhere."
        case .restored: "Account restored. They can sign in again."
        case .invitationResent: "Invitation sent again with a new link, for another 7 days. The old link no longer works."
        case .changeApproved: "Approved. The change is live."
        case .changeRejected: "Sent back to the organisation with your reason."
        case .categorySaved: "Category saved."
        case .referralSent: "Referral sent. The link worker team will pick it up; you can follow it here."
        case .referralDeclined: "Done. Your referral now says you do not want this support, and your link worker sees that on their list. You can change your mind for \(EpisodeLifecycle.changeOfMindDays) days."
        case .changedMind: "Done. Your referral is back where it was, and your link worker sees that on their list."
        case .addedToRequest: "Added to your request. Your link worker sees what you added, dated, beside what you first said."
        case .episodeReopened: "Back where it was before they said no. The decline no longer stands."
        case .contactedNow: "Contact logged. You spoke with them, so the episode is now at contacted."
        case .moveRefused: "That could not be done at this stage of your referral."
        case .episodeMoved: "Episode moved on."
        case .contactLogged: "Contact logged."
        case .communityReferralSent: "Referral sent to the organisation. They have 14 days to answer."
        case .responseSaved: "Saved. The link worker can see it."
        case .whatMattersSaved: "Saved in their words."
        case .accessNeedsSaved: "Access needs saved: services are matched against them."
        case .ownAccessNeedsSaved: "Saved. Your link worker will look for places that have what you need."
        case .reassigned: "Given to the other link worker. They see it in their caseload now."
        case .planSaved: "Plan saved. The earlier version is kept."
        case .firstPlanSaved: "Plan saved."
        case .addedToPlan: "Added to your plan."
        case .sharingSaved: "Saved. Only the people you chose can see your plan and how you are doing."
        case .measureSaved: "Saved. Thank you."
        case .caringSaved: "Saved."
        case .linkAgreed: "Agreed. The link between you is in place."
        case .linkEnded: "The link has ended. They can no longer see anything you had shared with them."
        case .contingencySaved: "Contingency plan saved. Print it and keep a copy where it can be found."
        case .supportInvited: "Invitation sent. When they make their account they see their support on \"My support\"."
        case .callChanged: "The call is changed. Proposals already made in answer stay as they were."
        case .callOpenedAndTold: "The call is open. It is listed on the proposals page until its last day, and on the gap's page if it came from one. The members of each organisation with a service listed under its category were told of it by email."
        case .callClosed: "The call is closed: it takes no more proposals. Those made in answer stay, and are supported, published and answered as before."
        case .callOpened: "The call is open. It is listed on the proposals page until its last day, and on the gap's page if it came from one. No organisation has a service listed under its category, so no one was told of it by email."
        case .proposalSaved: "Your proposal is saved. Share this page's address with people who live here: it is published when enough of them support it."
        case .proposalSupported: "You support this proposal."
        case .supportWithdrawn: "Your support is taken back."
        case .proposalAnswered: "The answer is published on the proposal."
        case .roundOpened: "The round is set up. Everyone can see it and its dates."
        case .roundChanged: "The round's rules are changed."
        case .ideaAdded: "Your idea is on the round. It goes to the ballot if the feasibility review finds it can be done."
        case .projectReviewed: "The review is saved and shown on the round."
        case .ballotCast: "Your ballot is saved. It will be counted when voting closes; you can change it until then."
        case .panelMade: "The panel is set up. Call its first election below."
        case .electionCalled: "The election is called. Its days are on the panel's page for everyone."
        case .standing: "You are standing. Your statement and interests are on the election's page."
        case .voted: "Your ballot is in the ballot box. It is secret: nothing ties it to you, so it cannot be changed."
        case .reportedBack: "Your report-back is published on the panel's page."
        case .proposalReported: "Thank you. A moderator will look at it; your name is not shown to anyone."
        case .secondLookAsked: "You have asked for another moderator to look. You will be emailed their decision, which is final."
        case .moderated: "The decision is made and the author told."
        case .settingsSaved: "Saved. New thresholds apply to supports from now on."
        case .resultUpdated: "Saved and shown to everyone."
        case .pairRegistered: "The pair is registered. It is shown to everyone when your partner confirms it on this page."
        case .pairUpdated: "Saved on the pair's page."
        case .timeBankAsked: "You have asked to join. A coordinator will get in touch to meet you before you start."
        case .exchangeRecorded: "Recorded. It counts once the other member confirms it."
        case .groupExchangeRecorded: "Recorded: an exchange with each member of the group. Each counts once that member confirms it."
        case .lowestBalanceChanged: "The lowest balance is changed. It applies to transfers from now on."
        case .exchangeConfirmed: "Confirmed. The time is on both statements."
        case .exchangeDeclined: "Declined. No time moved."
        case .donated: "Thank you. The time is in the community fund."
        case .offerPosted: "Posted. Other members can see it now."
        case .offerClosed: "Taken down."
        case .memberReported: "Thank you for telling us. A coordinator will look at it; the member is not told who reported them."
        case .timeBankSaved: "Saved."
        case .roomBooked: "Booked. It is on the room's calendar."
        case .volunteerInterested: "Thank you. The organisation has your name and will get in touch."
        case .hoursLogged: "Logged. They count once the organisation confirms them."
        case .trainingBooked: "Your place is booked."
        case .hoursCredited: "Confirmed, and the same time was given to the volunteer's time bank account from the community fund."
        case .hoursNotCreditedNotMember: "Confirmed. No time credit was given: the volunteer is not an active member of the time bank."
        case .hoursNotCreditedFundShort: "Confirmed. No time credit was given: the community fund does not hold enough. A coordinator can give it later."
        case .trainingWaiting: "The session is full, so you are on the waiting list. If a place comes free it is yours at once, and we email you."
        case .trainingGivenUp: "Done: you no longer have a place, and the next person on the waiting list has been offered it."
        case .trainingOffered: "The session is open for booking."
        case .trainingCalledOff: "The session is called off, and everyone who had a place or was waiting has been emailed."
        case .attendanceRecorded: "Attendance recorded."
        case .roomBookedFreeDates: "Booked on the dates that were free; the dates that clashed were left out."
        case .roomRequested: "Asked for. The room's owner approves each booking; it is not confirmed until they do."
        case .roomCancelled: "Cancelled. The time is free for others."
        case .roomApproved: "Approved and confirmed."
        case .roomListed: "The room is listed: community groups can book it now."
        case .roomChanged: "Saved. Bookings already made stay as they are."
        case .listingScheduleSent: "The new schedule is sent for review, and goes on the listing once it is approved."
        case .listingSchedulePublished: "The listing now shows the meeting's schedule."
        case .practicesImported: "The practice list is updated from the file."
        case .practiceRemoved: "The practice is off the list, and so are its clinicians."
        case .practiceSaved: "Saved. Referrals its clinicians make are counted to it from now on."
        case .clinicianAdded: "Added. The referrals they make from now on are counted to this practice, and they see its figures."
        case .clinicianRemoved: "Taken off the list. Referrals they made stay counted to this practice."
        case .commented: "Your comment is published, without your name."
        case .asked: "Published on the panel's page."
        case nil: nil
        }
    }
}
