/// Where someone lands after signing in: their own work, not their account settings. Someone with several
/// roles lands on the work that is most often waiting for them.
public enum Landing: Equatable, Sendable {
    /// The team's caseloads and the referrals waiting to be given out.
    case teamQueue
    /// Today's caseload.
    case caseload
    /// "Refer someone".
    case refer
    /// "People referred to you", for an organisation.
    case communityReferrals
    /// Listing changes waiting for review.
    case reviewQueue
    /// The person's own support.
    case mySupport
    /// The home page, when nothing else is theirs yet.
    case home

    /// `hasSupport`: the person has been referred (their "My support" has something in it).
    public static func of(_ roles: Set<Role>, hasSupport: Bool) -> Landing {
        if roles.contains(.teamLead) { return .teamQueue }
        if roles.contains(.linkWorker) { return .caseload }
        if roles.contains(.clinician) { return .refer }
        if roles.contains(.organisationMember) { return .communityReferrals }
        if roles.contains(.administrator) { return .reviewQueue }
        if roles.contains(.resident) && hasSupport { return .mySupport }
        return .home
    }
}
