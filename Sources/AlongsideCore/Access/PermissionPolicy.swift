import Foundation

/// The answer to "may this person do this?", with the reason when the answer is no.
public enum Decision: Equatable, Sendable {
    case allowed
    case denied(String)

    public var isAllowed: Bool { self == .allowed }
}

/// The one place that decides what each role may do (DESIGN.md, "Who may do what"). Everything not written
/// here is denied. Controllers ask; they never decide.
public struct PermissionPolicy: Sendable {
    public init() {}

    public func decide(_ action: Action, for actor: Actor) -> Decision {
        switch action {
        case .searchDirectory, .readService, .lookUpPostcode:
            return .allowed
        case .registerAsResident:
            return actor.isSignedIn ? .denied("You already have an account and are signed in.") : .allowed

        case .readPersonRecord(let person), .exportPersonData(let person), .closeAccount(let person),
            .readAccessHistory(let person):
            // Until caseloads and consent exist (later areas), only the person themselves has a reason.
            guard actor.isSignedIn else { return signInFirst }
            return actor.personID == person ? .allowed : .denied("This is someone else's record.")
        case .changeOwnPassword:
            return actor.isSignedIn ? .allowed : signInFirst

        case .editService(let organisation):
            guard actor.isSignedIn else { return signInFirst }
            if actor.has(.administrator) { return .allowed }
            if actor.has(.organisationMember) && actor.organisationIDs.contains(organisation) { return .allowed }
            return .denied("Only members of the organisation that runs this service can change it.")
        case .publishServiceChange(let organisation, let trusted):
            guard actor.isSignedIn else { return signInFirst }
            if actor.has(.administrator) { return .allowed }
            if trusted && actor.has(.organisationMember) && actor.organisationIDs.contains(organisation) { return .allowed }
            return .denied("Changes from this organisation are checked by an administrator before they go live.")
        case .reviewServiceChange:
            return requireAny([.administrator], actor, "Only administrators review changes to listings.")

        case .referSomeone(let person):
            guard actor.isSignedIn else { return signInFirst }
            if !actor.roles.isDisjoint(with: [.linkWorker, .teamLead, .clinician, .organisationMember]) { return .allowed }
            if actor.has(.resident) && actor.personID == person { return .allowed }
            return .denied("You can refer yourself; referring someone else needs a staff role.")
        case .readReferral(let referral):
            guard let me = actor.personID else { return signInFirst }
            if referral.personID == me || actor.has(.teamLead) { return .allowed }
            if actor.has(.linkWorker) && (referral.assignedTo == nil || referral.assignedTo == me) { return .allowed }
            if referral.referredBy == me { return .allowed }
            return .denied("Only the person, their link worker and whoever referred them can see a referral.")
        case .workOnReferral(let referral):
            guard let me = actor.personID else { return signInFirst }
            if actor.has(.teamLead) { return .allowed }
            if actor.has(.linkWorker) && (referral.assignedTo == nil || referral.assignedTo == me) { return .allowed }
            return .denied("Only the link worker looking after this person can change their episode.")
        case .declineOrWithdrawReferral(let referral):
            guard let me = actor.personID else { return signInFirst }
            if referral.personID == me || referral.referredBy == me || actor.has(.teamLead) { return .allowed }
            if actor.has(.linkWorker) && (referral.assignedTo == nil || referral.assignedTo == me) { return .allowed }
            return .denied("Only the person, whoever referred them, or their link worker can do this.")
        case .seeReferralInbox:
            return requireAny([.linkWorker, .teamLead], actor, "Only link workers see the team's referrals.")
        case .leadTeam:
            return requireAny([.teamLead], actor, "Only the link worker team's lead sees every caseload and reassigns.")
        case .recordAttendance(let organisation):
            guard actor.isSignedIn else { return signInFirst }
            if actor.has(.organisationMember) && actor.organisationIDs.contains(organisation) { return .allowed }
            return .denied("Only members of the organisation can record attendance.")
        case .readPlan(let plan):
            guard let me = actor.personID else { return signInFirst }
            if plan.personID == me { return .allowed }
            if actor.has(.linkWorker) && plan.linkWorkers.contains(me) { return .allowed }
            // The team's lead sees the plans of the people on the team's caseloads, and nobody else's.
            if actor.has(.teamLead) && !plan.linkWorkers.isEmpty { return .allowed }
            if actor.has(.clinician) && plan.sharing.gp && plan.referrers.contains(me) { return .allowed }
            if actor.has(.organisationMember) && !actor.organisationIDs.isDisjoint(with: plan.sharing.organisations) { return .allowed }
            if plan.sharing.carers.contains(me) { return .allowed }
            return .denied("Only the person, their link worker and those they chose to share with can see their plan and measures.")
        case .changePlan(let plan):
            guard let me = actor.personID else { return signInFirst }
            if plan.personID == me { return .allowed }
            if (actor.has(.linkWorker) || actor.has(.teamLead)) && plan.linkWorkers.contains(me) { return .allowed }
            return .denied("Only the person and their link worker can change their plan or record their measures.")
        case .sharePlan(let person):
            guard actor.isSignedIn else { return signInFirst }
            return actor.personID == person ? .allowed : .denied("Only the person decides who sees their plan.")
        case .readAggregates:
            // Residents see public figures; every signed-in role sees the aggregates of its own work.
            return .allowed
        case .readPlaceInsight:
            return requireAny([.commissioner, .administrator], actor, "Only commissioners and administrators see the place's insight dashboards.")
        case .readCaseloadInsight:
            return requireAny([.linkWorker, .teamLead], actor, "Only link workers see figures about their own caseload.")
        case .readPracticeInsight:
            return requireAny([.clinician], actor, "Only a practice's clinicians see figures about the referrals their practice made.")
        case .moderateContent:
            return requireAny([.moderator, .administrator], actor, "Only moderators can hide content or deal with reports.")

        case .proposeOrSupport(let residentOfPlace):
            guard actor.isSignedIn else { return signInFirst }
            return residentOfPlace ? .allowed : .denied("Proposals are for people who live here, and your account has no home postcode in this place.")
        case .answerProposal:
            return requireAny([.commissioner, .administrator], actor, "Only the health system's commissioners and administrators answer proposals.")
        case .runBudgetRound:
            return requireAny([.commissioner, .administrator], actor, "Only commissioners and administrators open and run budget rounds.")
        case .askForProposals:
            return requireAny([.commissioner, .administrator], actor, "Only commissioners and administrators ask the community for proposals.")
        case .updateResult(let responsible):
            guard actor.isSignedIn else { return signInFirst }
            if actor.has(.commissioner) || actor.has(.administrator) { return .allowed }
            if let responsible, actor.has(.organisationMember) && actor.organisationIDs.contains(responsible) { return .allowed }
            return .denied("Only the health system and the organisation responsible report on this result.")
        case .runPanel:
            return requireAny([.commissioner, .administrator], actor, "Only commissioners and administrators set up panels and call their elections.")
        case .reviewFeasibility:
            return requireAny([.organisationMember, .commissioner, .administrator], actor,
                              "Only organisations, commissioners and administrators review whether ideas can be done.")
        case .voteInBudgetRound(let eligible):
            guard actor.isSignedIn else { return signInFirst }
            return eligible ? .allowed : .denied("This round's rules do not let you vote in it.")

        case .runVolunteering(let organisation):
            guard actor.isSignedIn else { return signInFirst }
            if actor.has(.administrator) || (actor.has(.organisationMember) && actor.organisationIDs.contains(organisation)) { return .allowed }
            return .denied("Only the organisation's members post its roles, take volunteers on and confirm their hours.")
        case .volunteer:
            return actor.isSignedIn ? .allowed : signInFirst
        case .offerTraining(let organisation):
            guard actor.isSignedIn else { return signInFirst }
            if actor.has(.administrator) || (actor.has(.organisationMember) && actor.organisationIDs.contains(organisation)) { return .allowed }
            return .denied("Only the organisation that runs the training offers its sessions and records who came.")
        case .bookTrainingPlace:
            return requireAny([.organisationMember, .administrator], actor,
                              "Training places are kept for leaders of community groups: ask your group to add you as a member of its organisation.")
        case .bookRoom(let organisation):
            guard actor.isSignedIn else { return signInFirst }
            if actor.has(.administrator) || (actor.has(.organisationMember) && actor.organisationIDs.contains(organisation)) { return .allowed }
            return .denied("Rooms are booked by community groups: members of an organisation in the directory book for it.")
        case .manageRoom(let owner):
            guard actor.isSignedIn else { return signInFirst }
            if actor.has(.administrator) || (actor.has(.organisationMember) && actor.organisationIDs.contains(owner)) { return .allowed }
            return .denied("Only the organisation that owns the room manages it.")
        case .joinTimeBank:
            return actor.isSignedIn ? .allowed : signInFirst
        case .actForOrganisationInTimeBank(let organisation):
            guard actor.isSignedIn else { return signInFirst }
            if actor.has(.organisationMember) && actor.organisationIDs.contains(organisation) { return .allowed }
            return .denied("Only the organisation's own members act for it in the time bank.")
        case .exchangeTime(let active):
            guard actor.isSignedIn else { return signInFirst }
            return active ? .allowed : .denied("Only members of the time bank exchange time: ask to join, and a coordinator will meet you first.")
        case .readTimeBankAccount(let person):
            guard let me = actor.personID else { return signInFirst }
            if me == person || actor.has(.coordinator) || actor.has(.administrator) { return .allowed }
            return .denied("Only the member and the time bank's coordinators see a member's time account.")
        case .coordinateTimeBank:
            return requireAny([.coordinator, .administrator], actor, "Only the time bank's coordinators and administrators do this.")

        case .manageUsers, .inviteStaff, .grantRole, .manageTaxonomy, .manageSettings, .managePractices, .searchAuditLog:
            return requireAny([.administrator], actor, "Only administrators can do this.")
        }
    }

    /// Whether the actor may do this, for showing or hiding a link.
    public func allows(_ action: Action, for actor: Actor) -> Bool { decide(action, for: actor).isAllowed }

    private var signInFirst: Decision { .denied("Sign in first.") }

    private func requireAny(_ roles: Set<Role>, _ actor: Actor, _ reason: String) -> Decision {
        guard actor.isSignedIn else { return signInFirst }
        return actor.roles.isDisjoint(with: roles) ? .denied(reason) : .allowed
    }
}
