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
        default: phrase
        }
    }
}
