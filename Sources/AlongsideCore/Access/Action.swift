import Foundation

/// Everything a person can ask Alongside to do that the permission policy decides. Later areas add cases
/// here and rows to `PermissionPolicy`; anything not listed is denied.
public enum Action: Sendable, Equatable {
    // MARK: - Anyone
    case searchDirectory
    case readService
    case registerAsResident
    case lookUpPostcode

    // MARK: - One's own account and record
    case readPersonRecord(of: UUID)
    case exportPersonData(of: UUID)
    case closeAccount(of: UUID)
    case readAccessHistory(of: UUID)
    case changeOwnPassword

    // MARK: - Directory
    case editService(ofOrganisation: UUID)
    /// Putting a change live without review: administrators, and members of trusted organisations.
    case publishServiceChange(ofOrganisation: UUID, organisationTrusted: Bool)
    case reviewServiceChange

    // MARK: - Staff work
    case referSomeone(person: UUID)
    /// Seeing a referral and its episode.
    case readReferral(ReferralAccess)
    /// Moving it on, logging contacts, taking it from the team's inbox.
    case workOnReferral(ReferralAccess)
    /// The person themselves saying no, or the referrer withdrawing it.
    case declineOrWithdrawReferral(ReferralAccess)
    /// The link worker team's inbox and caseloads.
    case seeReferralInbox
    /// Every link worker's caseload, and giving an episode to another link worker.
    case leadTeam
    case recordAttendance(ofOrganisation: UUID)

    // MARK: - Plans, measures and carers
    /// Reading a person's plan, measures and caring details.
    case readPlan(PlanAccess)
    /// Changing the plan, recording a measure, recording caring details.
    case changePlan(PlanAccess)
    /// Choosing who else sees the plan: only the person.
    case sharePlan(of: UUID)
    case readAggregates
    /// The place's insight dashboards: figures about many people, suppressed.
    case readPlaceInsight
    /// The same dashboards over one's own caseload: exact counts, as the people in it are one's own work.
    case readCaseloadInsight
    /// The same dashboards over the referrals one's own GP practice made: suppressed, as a practice's patients are many.
    case readPracticeInsight
    case moderateContent

    // MARK: - Community voice
    /// Writing a proposal, supporting one or taking a support back: people who live in the place.
    case proposeOrSupport(residentOfPlace: Bool)
    /// Answering a proposal owed an answer, for the health system.
    case answerProposal
    /// Opening a community budget round, changing its rules before anyone votes, putting projects on it.
    case runBudgetRound
    /// Asking residents for proposals on one thing in one place (a call for proposals), often from a gap.
    case askForProposals
    /// Reviewing an idea's feasibility: its cost, or why it cannot be done.
    case reviewFeasibility
    /// Reporting progress on a result (an accepted proposal or a funded project): the health system, or the
    /// organisation responsible for it.
    case updateResult(responsible: UUID?)
    /// Setting up a panel of representatives and calling its elections.
    case runPanel
    /// Voting in a budget round: people the round's rules let vote (its area, its minimum age).
    case voteInBudgetRound(eligible: Bool)

    // MARK: - Time bank
    /// Asking to join the place's time bank: anyone signed in; a coordinator approves after meeting them.
    case joinTimeBank
    /// Posting offers and requests, recording and confirming exchanges, giving to the community fund: active members.
    case exchangeTime(activeMember: Bool)
    /// A member's balance and statement: the member, and the bank's coordinators.
    case readTimeBankAccount(of: UUID)
    /// Approving members, recording for them, giving from the fund, reversing, suspending, seeing the bank's totals.
    case coordinateTimeBank
    /// Asking for an organisation to join the time bank and seeing its statement: the organisation's members.
    case actForOrganisationInTimeBank(organisation: UUID)

    // MARK: - Shared rooms
    /// Booking a room for an organisation: its members, and administrators.
    case bookRoom(forOrganisation: UUID)
    /// Listing a room, approving its bookings: members of the organisation that owns it, and administrators.
    case manageRoom(ownedBy: UUID)

    // MARK: - Volunteering
    /// Posting roles, taking volunteers on and confirming their hours: members of the organisation, and administrators.
    case runVolunteering(organisation: UUID)
    /// Saying one is interested in a role and logging one's own hours: anyone signed in.
    case volunteer

    // MARK: - Training places
    /// Offering sessions, seeing who is booked and recording attendance: members of the organisation that runs the
    /// training (an NHS trust, the council), and administrators.
    case offerTraining(organisation: UUID)
    /// Booking a place kept for community members: leaders of community groups (members of an organisation in the
    /// directory), and administrators.
    case bookTrainingPlace
    // MARK: - Administration
    case manageUsers
    case inviteStaff
    case grantRole(Role)
    case manageTaxonomy
    case manageSettings
    /// Keeping the place's list of GP practices, their primary care networks and the clinicians at each.
    case managePractices
    case searchAuditLog

    /// One example of each case, for the table-driven test and the admin page that lists what roles can do.
    public static func examples(person: UUID, organisation: UUID) -> [Action] {
        [
            .searchDirectory, .readService, .registerAsResident, .lookUpPostcode,
            .readPersonRecord(of: person), .exportPersonData(of: person), .closeAccount(of: person),
            .readAccessHistory(of: person), .changeOwnPassword,
            .editService(ofOrganisation: organisation),
            .publishServiceChange(ofOrganisation: organisation, organisationTrusted: true), .reviewServiceChange,
            .referSomeone(person: person),
            .readReferral(ReferralAccess(personID: person, assignedTo: nil, referredBy: nil)),
            .workOnReferral(ReferralAccess(personID: person, assignedTo: nil, referredBy: nil)),
            .declineOrWithdrawReferral(ReferralAccess(personID: person, assignedTo: nil, referredBy: nil)),
            .seeReferralInbox, .leadTeam, .recordAttendance(ofOrganisation: organisation),
            .readPlan(PlanAccess(personID: person)), .changePlan(PlanAccess(personID: person)), .sharePlan(of: person),
            .readAggregates, .readPlaceInsight, .readCaseloadInsight, .readPracticeInsight, .moderateContent,
            .proposeOrSupport(residentOfPlace: true), .answerProposal, .runBudgetRound, .askForProposals, .runPanel, .updateResult(responsible: organisation), .reviewFeasibility, .voteInBudgetRound(eligible: true),
            .runVolunteering(organisation: organisation), .volunteer, .offerTraining(organisation: organisation), .bookTrainingPlace,
            .bookRoom(forOrganisation: organisation), .manageRoom(ownedBy: organisation),
            .joinTimeBank, .exchangeTime(activeMember: true), .readTimeBankAccount(of: person), .coordinateTimeBank, .actForOrganisationInTimeBank(organisation: organisation),
            .manageUsers, .inviteStaff, .grantRole(.linkWorker), .manageTaxonomy, .manageSettings, .managePractices,
            .searchAuditLog,
        ]
    }
}
