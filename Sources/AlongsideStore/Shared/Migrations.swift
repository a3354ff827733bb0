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
            CreateTimeBank(), CreateRooms(), CreateVolunteering(), CreateTraining(), VolunteeringEarnsTimeCredit(), TimeBankOrganisations(), CreateTimeBankSettings(), TrainingCallOff(), AddBudgetRoundNeed(), CreatePractices(), IndexMeasurePairing(), CreateWellbeingPairs(), CreateProposalCalls(), AddPlanGoalNeeds(), AddProposalCallClosedAt(), KeepFirstReachedAndConnected(), AddWhatMattersNeeds(), AddReferralAccessNeeds(), AddServiceCostPence(),
        ]
    }
}
