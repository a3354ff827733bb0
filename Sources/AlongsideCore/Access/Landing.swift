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
    /// Proposals reported to the moderators.
    case moderationQueue
    /// The place's insight dashboards, for a commissioner.
    case insight
    /// The time bank's coordination page: people waiting to join, reports, the bank's totals.
    case timeBankQueue
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
        if roles.contains(.moderator) { return .moderationQueue }
        if roles.contains(.commissioner) { return .insight }
        if roles.contains(.coordinator) { return .timeBankQueue }
        if roles.contains(.resident) && hasSupport { return .mySupport }
        return .home
    }
}

/// The two or three things each person comes to Alongside for, first of all the work they land on, for the
/// signed-in home page. Only things that exist.
public enum HomeTask: String, CaseIterable, Equatable, Sendable {
    case team, caseload, refer, referralsMade, communityReferrals, ourListings, reviews, users, moderation, insight, budgets, timeBankQueue, timeBank, mySupport, myPlan, askForLinkWorker, findSupport

    /// At most three, for the roles held; someone with several roles sees their main role's first.
    public static func of(_ roles: Set<Role>, hasSupport: Bool) -> [HomeTask] {
        var tasks: [HomeTask] = []
        if roles.contains(.teamLead) { tasks += [.team, .caseload] }
        if roles.contains(.linkWorker) { tasks += [.caseload, .findSupport] }
        if roles.contains(.clinician) { tasks += [.refer, .referralsMade] }
        if roles.contains(.organisationMember) { tasks += [.communityReferrals, .ourListings] }
        if roles.contains(.administrator) { tasks += [.reviews, .users] }
        if roles.contains(.moderator) { tasks += [.moderation] }
        if roles.contains(.commissioner) { tasks += [.insight, .budgets] }
        if roles.contains(.coordinator) { tasks += [.timeBankQueue, .timeBank] }
        if roles.contains(.resident) { tasks += hasSupport ? [.mySupport, .myPlan, .findSupport] : [.findSupport, .askForLinkWorker, .myPlan] }
        if tasks.isEmpty { tasks = [.findSupport] }
        var seen: Set<HomeTask> = []
        return Array(tasks.filter { seen.insert($0).inserted }.prefix(3))
    }
}
