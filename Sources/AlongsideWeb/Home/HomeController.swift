import Vapor

/// The home page.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home.pathComponents, use: home)
        routes.get(SiteURL.stylesheet.pathComponents) { Stylesheet.response($0) }
    }

    func home(_ request: Request) async throws -> Response {
        let signedIn = request.signedIn != nil
        let start = signedIn ? NavigationLink(title: "Go to my account", path: SiteURL.myAccount.path)
            : NavigationLink(title: "Create an account", path: SiteURL.register.path)
        let ask = NavigationLink(title: "Ask for a link worker", path: signedIn ? SiteURL.newReferral.path : SiteURL.askForLinkWorker.path)
        let staff = signedIn ? nil : NavigationLink(title: "Staff sign in", path: SiteURL.signIn.path)
        let audiences: [HomePage.Audience] = [
            .init(title: "Residents and carers", text: "Find things to do and help nearby, refer yourself, see and shape your own plan, and see who has looked at your record.", links: [ask, start]),
            .init(title: "Link workers", text: "Your caseload: referrals in, what-matters conversations, plans, connections to community services and outcomes.", links: staff.map { [$0] } ?? []),
            .init(title: "GPs, nurses and therapists", text: "Refer someone in a minute and hear back what happened, coded for the GP record.", links: staff.map { [$0] } ?? []),
            .init(title: "Community organisations", text: "Keep your listings current, answer referrals, record attendance and book rooms.", links: staff.map { [$0] } ?? []),
            .init(title: "Commissioners", text: "See what works, for whom and where the gaps are, without seeing any person.", links: staff.map { [$0] } ?? []),
        ]
        return HomePage.render(audiences, PageContext(request, title: "Home")).response()
    }
}
