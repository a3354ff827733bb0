import AlongsideCore
import Foundation
import Testing

/// Every role against every action that exists: the table in DESIGN.md, "Who may do what".
@Suite struct PermissionPolicyTests {
    let me = UUID()
    let someoneElse = UUID()
    let myOrganisation = UUID()
    let otherOrganisation = UUID()
    let policy = PermissionPolicy()

    func actor(_ roles: Role...) -> Actor {
        Actor(personID: me, roles: Set(roles), organisationIDs: roles.contains(.organisationMember) ? [myOrganisation] : [])
    }

    /// The expected answer for each action, by role, for a signed-in person acting on their own record and
    /// organisation. `true` = allowed.
    var table: [(String, Action, [Role: Bool])] {
        let all: [Role: Bool] = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, true) })
        let none: [Role: Bool] = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, false) })
        func only(_ roles: Role...) -> [Role: Bool] { none.merging(Dictionary(uniqueKeysWithValues: roles.map { ($0, true) })) { $1 } }
        return [
            ("search the directory", .searchDirectory, all),
            ("read a service", .readService, all),
            ("look up a postcode", .lookUpPostcode, all),
            ("register when already signed in", .registerAsResident, none),
            ("read own record", .readPersonRecord(of: me), all),
            ("read someone else's record", .readPersonRecord(of: someoneElse), none),
            ("export own data", .exportPersonData(of: me), all),
            ("export someone else's data", .exportPersonData(of: someoneElse), none),
            ("close own account", .closeAccount(of: me), all),
            ("close someone else's account", .closeAccount(of: someoneElse), none),
            ("see who has seen own record", .readAccessHistory(of: me), all),
            ("see who has seen someone else's record", .readAccessHistory(of: someoneElse), none),
            ("change own password", .changeOwnPassword, all),
            ("edit own organisation's service", .editService(ofOrganisation: myOrganisation), only(.organisationMember, .administrator)),
            ("edit another organisation's service", .editService(ofOrganisation: otherOrganisation), only(.administrator)),
            ("publish a change for a trusted own organisation", .publishServiceChange(ofOrganisation: myOrganisation, organisationTrusted: true), only(.organisationMember, .administrator)),
            ("publish a change for an untrusted own organisation", .publishServiceChange(ofOrganisation: myOrganisation, organisationTrusted: false), only(.administrator)),
            ("review a service change", .reviewServiceChange, only(.administrator)),
            ("refer oneself", .referSomeone(person: me), only(.resident, .linkWorker, .teamLead, .clinician, .organisationMember)),
            ("refer someone else", .referSomeone(person: someoneElse), only(.linkWorker, .teamLead, .clinician, .organisationMember)),
            ("read own referral", .readReferral(ReferralAccess(personID: me, assignedTo: someoneElse, referredBy: someoneElse)), all),
            ("read a referral waiting in the team's inbox", .readReferral(ReferralAccess(personID: someoneElse, assignedTo: nil, referredBy: someoneElse)), only(.linkWorker, .teamLead)),
            ("read a referral in one's own caseload", .readReferral(ReferralAccess(personID: someoneElse, assignedTo: me, referredBy: someoneElse)), only(.linkWorker, .teamLead)),
            ("read a referral one made", .readReferral(ReferralAccess(personID: someoneElse, assignedTo: someoneElse, referredBy: me)), all),
            ("read another link worker's referral", .readReferral(ReferralAccess(personID: someoneElse, assignedTo: someoneElse, referredBy: someoneElse)), only(.teamLead)),
            ("work on a referral in the inbox", .workOnReferral(ReferralAccess(personID: someoneElse, assignedTo: nil, referredBy: someoneElse)), only(.linkWorker, .teamLead)),
            ("work on another link worker's referral", .workOnReferral(ReferralAccess(personID: someoneElse, assignedTo: someoneElse, referredBy: someoneElse)), only(.teamLead)),
            ("work on own referral", .workOnReferral(ReferralAccess(personID: me, assignedTo: someoneElse, referredBy: someoneElse)), only(.teamLead)),
            ("decline own referral", .declineOrWithdrawReferral(ReferralAccess(personID: me, assignedTo: someoneElse, referredBy: someoneElse)), all),
            ("withdraw a referral one made", .declineOrWithdrawReferral(ReferralAccess(personID: someoneElse, assignedTo: someoneElse, referredBy: me)), all),
            ("decline someone else's referral", .declineOrWithdrawReferral(ReferralAccess(personID: someoneElse, assignedTo: someoneElse, referredBy: someoneElse)), only(.teamLead)),
            ("see the referral inbox", .seeReferralInbox, only(.linkWorker, .teamLead)),
            ("lead the team", .leadTeam, only(.teamLead)),
            ("record attendance for own organisation", .recordAttendance(ofOrganisation: myOrganisation), only(.organisationMember)),
            ("record attendance for another organisation", .recordAttendance(ofOrganisation: otherOrganisation), none),
            ("read own plan", .readPlan(PlanAccess(personID: me)), all),
            ("read the plan of someone in one's caseload", .readPlan(PlanAccess(personID: someoneElse, linkWorkers: [me])), only(.linkWorker, .teamLead)),
            ("read the plan of someone else's caseload", .readPlan(PlanAccess(personID: someoneElse, linkWorkers: [someoneElse], referrers: [me])), only(.teamLead)),
            ("read a plan shared with the GP, having referred them", .readPlan(PlanAccess(personID: someoneElse, referrers: [me], sharing: PlanSharing(gp: true))), only(.clinician)),
            ("read a plan shared with one's organisation", .readPlan(PlanAccess(personID: someoneElse, sharing: PlanSharing(organisations: [myOrganisation]))), only(.organisationMember)),
            ("read a plan shared with another organisation", .readPlan(PlanAccess(personID: someoneElse, sharing: PlanSharing(organisations: [otherOrganisation]))), none),
            ("read a plan shared with one as a carer", .readPlan(PlanAccess(personID: someoneElse, sharing: PlanSharing(carers: [me]))), all),
            ("change own plan", .changePlan(PlanAccess(personID: me)), all),
            ("change the plan of someone in one's caseload", .changePlan(PlanAccess(personID: someoneElse, linkWorkers: [me])), only(.linkWorker, .teamLead)),
            ("change a plan shared with one", .changePlan(PlanAccess(personID: someoneElse, referrers: [me], sharing: PlanSharing(gp: true, organisations: [myOrganisation], carers: [me]))), none),
            ("change the plan of someone on another link worker's caseload", .changePlan(PlanAccess(personID: someoneElse, linkWorkers: [someoneElse])), none),
            ("choose who sees own plan", .sharePlan(of: me), all),
            ("choose who sees someone else's plan", .sharePlan(of: someoneElse), none),
            ("read aggregates", .readAggregates, all),
            ("read the place's insight", .readPlaceInsight, only(.commissioner, .administrator)),
            ("read one's own caseload's insight", .readCaseloadInsight, only(.linkWorker, .teamLead)),
            ("read one's own practice's insight", .readPracticeInsight, only(.clinician)),
            ("moderate content", .moderateContent, only(.moderator, .administrator)),
            ("propose or support, living in the place", .proposeOrSupport(residentOfPlace: true), all),
            ("propose or support, living elsewhere", .proposeOrSupport(residentOfPlace: false), none),
            ("answer a proposal", .answerProposal, only(.commissioner, .administrator)),
            ("run a budget round", .runBudgetRound, only(.commissioner, .administrator)),
            ("ask for proposals", .askForProposals, only(.commissioner, .administrator)),
            ("report on a result one's organisation is responsible for", .updateResult(responsible: myOrganisation), only(.organisationMember, .commissioner, .administrator)),
            ("report on another organisation's result", .updateResult(responsible: otherOrganisation), only(.commissioner, .administrator)),
            ("set up a panel and call its elections", .runPanel, only(.commissioner, .administrator)),
            ("review an idea's feasibility", .reviewFeasibility, only(.organisationMember, .commissioner, .administrator)),
            ("vote in a budget round, eligible", .voteInBudgetRound(eligible: true), all),
            ("vote in a budget round, not eligible", .voteInBudgetRound(eligible: false), none),
            ("run one's own organisation's volunteering", .runVolunteering(organisation: myOrganisation), only(.organisationMember, .administrator)),
            ("run another organisation's volunteering", .runVolunteering(organisation: otherOrganisation), only(.administrator)),
            ("offer one's own organisation's training", .offerTraining(organisation: myOrganisation), only(.organisationMember, .administrator)),
            ("offer another organisation's training", .offerTraining(organisation: otherOrganisation), only(.administrator)),
            ("book a training place", .bookTrainingPlace, only(.organisationMember, .administrator)),
            ("act for one's own organisation in the time bank", .actForOrganisationInTimeBank(organisation: myOrganisation), only(.organisationMember)),
            ("act for another organisation in the time bank", .actForOrganisationInTimeBank(organisation: otherOrganisation), none),
            ("volunteer", .volunteer, all),
            ("book a room for one's own organisation", .bookRoom(forOrganisation: myOrganisation), only(.organisationMember, .administrator)),
            ("book a room for another organisation", .bookRoom(forOrganisation: otherOrganisation), only(.administrator)),
            ("manage a room one's organisation owns", .manageRoom(ownedBy: myOrganisation), only(.organisationMember, .administrator)),
            ("manage another organisation's room", .manageRoom(ownedBy: otherOrganisation), only(.administrator)),
            ("ask to join the time bank", .joinTimeBank, all),
            ("exchange time as an active member", .exchangeTime(activeMember: true), all),
            ("exchange time when not an active member", .exchangeTime(activeMember: false), none),
            ("read one's own time account", .readTimeBankAccount(of: me), all),
            ("read someone else's time account", .readTimeBankAccount(of: someoneElse), only(.coordinator, .administrator)),
            ("coordinate the time bank", .coordinateTimeBank, only(.coordinator, .administrator)),
            ("manage users", .manageUsers, only(.administrator)),
            ("invite staff", .inviteStaff, only(.administrator)),
            ("grant a role", .grantRole(.linkWorker), only(.administrator)),
            ("manage taxonomy", .manageTaxonomy, only(.administrator)),
            ("manage settings", .manageSettings, only(.administrator)),
            ("keep the practice list", .managePractices, only(.administrator)),
            ("search the audit log", .searchAuditLog, only(.administrator)),
        ]
    }

    @Test func everyRoleAgainstEveryActionMatchesTheTable() {
        for (name, action, expected) in table {
            for role in Role.allCases {
                let decision = policy.decide(action, for: actor(role))
                #expect(decision.isAllowed == expected[role], "\(role.rawValue) may \(expected[role]! ? "" : "not ")\(name)")
            }
        }
    }

    @Test func theTableCoversEveryActionThatExists() {
        let covered = table.map { String(describing: $0.1).prefix { $0 != "(" } }
        for action in Action.examples(person: me, organisation: myOrganisation) {
            let name = String(describing: action).prefix { $0 != "(" }
            #expect(covered.contains(name), "\(name) has no row in the permission table")
        }
    }

    @Test func someoneNotSignedInMayOnlyDoPublicThings() {
        let allowed = Action.examples(person: me, organisation: myOrganisation).filter { policy.allows($0, for: .anonymous) }
        #expect(allowed == [.searchDirectory, .readService, .registerAsResident, .lookUpPostcode, .readAggregates])
    }

    @Test func aRefusalSaysWhy() {
        let decision = policy.decide(.searchAuditLog, for: actor(.resident))
        #expect(decision == .denied("Only administrators can do this."))
        #expect(policy.decide(.manageUsers, for: .anonymous) == .denied("Sign in first."))
    }

    @Test func severalRolesAddUp() {
        let both = actor(.linkWorker, .administrator)
        #expect(policy.allows(.searchAuditLog, for: both))
        #expect(policy.allows(.referSomeone(person: someoneElse), for: both))
    }
}
