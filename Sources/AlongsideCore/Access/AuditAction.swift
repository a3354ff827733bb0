/// What someone did to a person's record, as the audit log stores it and as the person reads it.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case viewedRecord = "viewed_record"
    case exportedData = "exported_data"
    case viewedAccessHistory = "viewed_access_history"
    case createdAccount = "created_account"
    case changedPassword = "changed_password"
    case resetPassword = "reset_password"
    case grantedRole = "granted_role"
    case acceptedInvitation = "accepted_invitation"
    case closedAccount = "closed_account"
    case signedIn = "signed_in"
    case madeReferral = "made_referral"
    case viewedReferral = "viewed_referral"
    case changedReferral = "changed_referral"
    case viewedPlan = "viewed_plan"
    case changedPlan = "changed_plan"
    case changedSharing = "changed_sharing"
    case viewedMeasures = "viewed_measures"
    case recordedMeasure = "recorded_measure"
    case viewedCarers = "viewed_carers"
    case changedCarers = "changed_carers"

    /// The words shown on "Who has seen my record": "<who> <phrase>".
    public var phrase: String {
        switch self {
        case .viewedRecord: "looked at your record"
        case .exportedData: "downloaded all the data held about you"
        case .viewedAccessHistory: "looked at who has seen your record"
        case .createdAccount: "created your account"
        case .changedPassword: "changed your password"
        case .resetPassword: "reset your password by emailed link"
        case .grantedRole: "gave you a role"
        case .acceptedInvitation: "accepted an invitation to join"
        case .closedAccount: "closed your account"
        case .signedIn: "signed in"
        case .madeReferral: "referred you to a link worker"
        case .viewedReferral: "looked at your referral"
        case .changedReferral: "updated your referral"
        case .viewedPlan: "looked at your plan"
        case .changedPlan: "changed your plan"
        case .changedSharing: "changed who can see your plan"
        case .viewedMeasures: "looked at how you are doing (your wellbeing measures)"
        case .recordedMeasure: "recorded a wellbeing measure with you"
        case .viewedCarers: "looked at who you care for and who cares for you"
        case .changedCarers: "changed who you care for or your contingency plan"
        }
    }

    /// The words when the person did it themselves ("You looked at your own record").
    public var ownPhrase: String {
        switch self {
        case .viewedRecord: "looked at your own record"
        case .viewedAccessHistory: "looked at who has seen your record"
        case .madeReferral: "referred yourself to a link worker"
        case .viewedReferral: "looked at your own referral"
        case .changedReferral: "changed your own referral"
        case .viewedPlan: "looked at your own plan"
        case .viewedMeasures: "looked at your own wellbeing measures"
        case .recordedMeasure: "answered a wellbeing measure"
        case .viewedCarers: "looked at your caring details"
        default: phrase
        }
    }
}
