import AlongsideCore
import AlongsideStore
import Vapor

/// The home page.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home.pathComponents, use: home)
        routes.get(SiteURL.stylesheet.pathComponents) { Stylesheet.response($0) }
    }

    func home(_ request: Request) async throws -> Response {
        if let me = request.signedIn {
            let roles = Set(me.actor.roles)
            let hasSupport = roles.contains(.resident) ? !(try await Referrals().about(person: me.personID, on: request.db).isEmpty) : false
            let tasks = HomeTask.of(roles, hasSupport: hasSupport).map { Self.card($0, me) }
            return HomePage.signedIn(name: me.name, tasks, PageContext(request, title: "Home")).response()
        }
        let signedIn = false
        let start = signedIn ? NavigationLink(title: "Go to my account", path: SiteURL.myAccount.path)
            : NavigationLink(title: "Create an account", path: SiteURL.register.path)
        let ask = NavigationLink(title: "Ask for a link worker", path: signedIn ? SiteURL.newReferral.path : SiteURL.askForLinkWorker.path)
        let staff = signedIn ? nil : NavigationLink(title: "Staff sign in", path: SiteURL.signIn.path)
        let audiences: [HomePage.Audience] = [
            .init(title: "Residents and carers", text: "Find things to do and help nearby, refer yourself, see and shape your own plan, propose local action and support your neighbours' proposals, decide how community budgets are spent, choose the neighbours who speak for you on panels, and see who has looked at your record.",
                  links: [ask, NavigationLink(title: "Proposals", path: VoiceURL.proposals.path), NavigationLink(title: "Community budgets", path: BudgetURL.rounds.path),
                          NavigationLink(title: "Panels", path: PanelURL.panels.path), start]),
            .init(title: "Link workers", text: "Your caseload: referrals in, what-matters conversations, plans, connections to community services and outcomes.", links: staff.map { [$0] } ?? []),
            .init(title: "GPs, nurses and therapists", text: "Refer someone in a minute and hear back what happened, coded for the GP record.", links: staff.map { [$0] } ?? []),
            .init(title: "Community organisations", text: "Keep your listings current, answer referrals and keep a register of who came.", links: staff.map { [$0] } ?? []),
        ]
        return HomePage.render(audiences, PageContext(request, title: "Home")).response()
    }

    /// One thing the person came for, as a link with a line saying what is there.
    static func card(_ task: HomeTask, _ me: SignedIn) -> HomePage.Audience {
        let (title, path, text): (String, String, String) = switch task {
        case .team: ("The team's caseloads", SiteURL.team.path, "Referrals waiting to be given out, oldest first, and each link worker's open and overdue episodes.")
        case .caseload: ("Referrals", SiteURL.referrals.path, "Who is due a contact today, your caseload to search and filter, and referrals waiting for the team.")
        case .refer: ("Refer someone to a link worker", SiteURL.newReferral.path, "About a minute. You hear back what happened, coded for the GP record.")
        case .referralsMade: ("Referrals you made", SiteURL.referralsMade.path, "Where each one is now.")
        case .communityReferrals: ("People referred to you", SiteURL.organisationReferrals.path, "Answer new referrals within 14 days, and mark who came to each session.")
        case .ourListings: ("Your listings", SiteURL.ourListings.path, "Keep them current: spaces, changes, and \u{201C}still correct\u{201D} in one click.")
        case .reviews: ("Listing reviews", SiteURL.reviews.path, "Changes from organisations waiting to go live.")
        case .users: ("Users", SiteURL.adminUsers.path, "Invite staff, give and take away roles, suspend an account.")
        case .mySupport: ("My support", SiteURL.mySupport.path, "Your referral, your link worker and when you next hear from them.")
        case .myPlan: ("My plan", SiteURL.plan(me.personID).path, "What matters to you and your goals, in your own words.")
        case .askForLinkWorker: ("Ask for a link worker", SiteURL.newReferral.path, "Someone to give you time to talk about what matters to you.")
        case .findSupport: ("Find support", SiteURL.services.path, "Groups, activities and help near you.")
        case .moderation: ("Waiting for a moderator", VoiceURL.moderation.path, "Proposals people have reported, with their reasons.")
        case .insight: ("Insight", InsightURL.dashboards.path, "Who is referred and who is missed, by deprivation, age, sex, ethnic group and caring.")
        case .budgets: ("Community budgets", BudgetURL.rounds.path, "Rounds where residents decide how money is spent.")
        case .timeBankQueue: ("Coordinate the time bank", TimeBankURL.coordinate.path, "People waiting to join, reports, and exchanges to record for members.")
        case .timeBank: ("The time bank", TimeBankURL.offers.path, "Offers and requests: an hour given is an hour earned.")
        }
        return HomePage.Audience(title: title, text: text, links: [NavigationLink(title: title, path: path)])
    }
}
