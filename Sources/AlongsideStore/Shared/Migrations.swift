import FluentKit

/// Every migration in the order it runs. Names are fixed forever once released; add, never rename.
public enum AlongsideMigrations {
    public static var all: [any Migration] {
        [
            CreatePeople(), CreateOrganisations(), CreateAccounts(), CreateRoleGrants(), CreateSessions(),
            CreateInvitationsResetsAndAttempts(), CreateAuditEvents(), CreateOutboxMessages(),
            CreateGeography(), CreateJobLeases(), CreateDirectory(), CreateListingChanges(), CreateDirectorySearch(), AddScheduleBankHolidays(), CreateReferrals(), CreateIdempotencyKeys(), CreateCommunityReferrals(), CreateGPMessages(), AddNextContact(), CreateWhatMatters(), AddInvitationPerson(), CreatePlans(), CreatePublicSubmissions(),
            ScopeIdempotencyKeys(), AddCarerLinkInvitedEmail(), CreateEpisodeAdditions(), CreateCommunityAttendance(), AddAccountSuspension(),
            CreatePendingRegistrations(), IndexOutboxRecipients(), AddServiceContacts(), IndexCaseloadQueries(), AddPostcodeWard(), CreateProposals(), CreateBudgetRounds(), CreatePanels(), AddProposalModeration(), CreateVoiceSettings(), CreateCommunityResults(), CreateCollaborativePairs(), CreateProposalComments(), CreatePanelQuestions(), AddCommentModeration(),
            CreateTimeBank(), CreateRooms(), CreateVolunteering(), CreateTraining(), VolunteeringEarnsTimeCredit(), TimeBankOrganisations(), CreateTimeBankSettings(), TrainingCallOff(), AddBudgetRoundNeed(), CreatePractices(), IndexMeasurePairing(), CreateWellbeingPairs(), CreateProposalCalls(), AddPlanGoalNeeds(), AddProposalCallClosedAt(), KeepFirstReachedAndConnected(), AddColumn.whatMattersNeeds, AddColumn.referralAccessNeeds, AddColumn.serviceCostPence,
        ]
    }
}

/// One column added to a table, and dropped again on revert: what a slice that records one more fact needs.
struct AddColumn: AsyncMigration {
    let name: String
    let table: String
    let column: String
    let type: DatabaseSchema.DataType
    /// The column's default for existing rows (and so `NOT NULL`); nil for a column that may be empty.
    let fallback: String?

    func prepare(on database: any Database) async throws {
        if let fallback {
            try await database.schema(table).field(.string(column), type, .required, .sql(.default(fallback))).update()
        } else {
            try await database.schema(table).field(.string(column), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(table).deleteField(.string(column)).update()
    }

    /// The needs a referral's "what matters" conversation points to, coded with the person; none for conversations recorded before.
    static let whatMattersNeeds = AddColumn(name: "2026-12-08-01-AddReferralWhatMattersNeeds", table: "referrals", column: "what_matters_needs",
                                            type: .string, fallback: "")
    /// What a place must have for each person referred; none for referrals made before it was asked.
    static let referralAccessNeeds = AddColumn(name: "2026-12-08-02-AddReferralAccessNeeds", table: "referrals", column: "access_needs", type: .string, fallback: "")
    /// What a session costs, in pence, where a listing gives an amount; none for listings saved before.
    static let serviceCostPence = AddColumn(name: "2026-12-08-03-AddServiceCostPence", table: "services", column: "cost_pence", type: .int, fallback: nil)
}
