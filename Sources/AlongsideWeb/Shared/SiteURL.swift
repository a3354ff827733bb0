import Vapor

/// Every page and API address in one place. Routes are registered from these values and links are made from
/// them, so the two cannot drift apart.
public enum SiteURL: Sendable {
    case home
    case services, service(UUID)
    case ourListings, newListing, editListing(UUID), listingHistory(UUID), listingCapacity(UUID), listingStillCorrect(UUID), listingRestore(UUID)
    case reviews, review(UUID)
    case categories, category(UUID)
    case newReferral, referrals, referralsMade, referral(UUID), referralMoves(UUID), referralContacts(UUID), mySupport
    case referralConnect(UUID), referralCommunity(UUID), organisationReferrals, communityResponse(UUID), referralWhatMatters(UUID), referralAccessNeeds(UUID)
    case team, referralAssign(UUID), referralInvite(UUID), askForLinkWorker, referralDecline(UUID), referralChangeMind(UUID), referralAdd(UUID), referralOwnAccessNeeds(UUID)
    case apiCommunityReferrals(UUID), apiCommunityResponse(UUID)
    case signIn, signOut, register, registerSent, registerConfirm
    case forgotPassword, resetPassword, changePassword
    case acceptInvitation
    case myAccount, myRecordAccess, myData, myDataFHIR, closeAccount
    case adminUsers, adminInvite, adminGrant, adminAudit, staleListings, adminOrganisations, adminOrganisationTrust(UUID), adminRemoveRole(UUID), adminSuspension(UUID), adminResendInvitation(UUID)
    case stylesheet
    case health, healthReady, metrics
    case apiSessions, apiMe, apiPostcode(String), apiOpenAPI
    case apiReferrals, apiReferral(UUID), apiReferralTransitions(UUID), apiReferralContacts(UUID)
    case plan(UUID), planEdit(UUID), planHistory(UUID), planSharing(UUID), planServices(UUID)
    case measures(UUID), newMeasure(UUID)
    case caring(UUID), caringLinks(UUID), caringAgree(UUID), caringEnd(UUID), contingency(UUID), contingencyEdit(UUID)
    case apiMeasures(UUID), apiPlan(UUID), apiCarerLinks(UUID)

    /// The path, as linked to.
    public var path: String {
        switch self {
        case .home: "/"
        case .services: "/services"
        case .service(let id): "/services/" + id.uuidString.lowercased()
        case .ourListings: "/organisation/services"
        case .newListing: "/organisation/services/new"
        case .editListing(let id): "/services/" + id.uuidString.lowercased() + "/edit"
        case .listingHistory(let id): "/services/" + id.uuidString.lowercased() + "/history"
        case .listingCapacity(let id): "/services/" + id.uuidString.lowercased() + "/capacity"
        case .listingStillCorrect(let id): "/services/" + id.uuidString.lowercased() + "/still-correct"
        case .listingRestore(let id): "/services/" + id.uuidString.lowercased() + "/restore"
        case .reviews: "/admin/reviews"
        case .review(let id): "/admin/reviews/" + id.uuidString.lowercased()
        case .newReferral: "/referrals/new"
        case .referrals: "/referrals"
        case .referralsMade: "/referrals/made"
        case .referral(let id): "/referrals/" + id.uuidString.lowercased()
        case .referralMoves(let id): "/referrals/" + id.uuidString.lowercased() + "/moves"
        case .referralContacts(let id): "/referrals/" + id.uuidString.lowercased() + "/contacts"
        case .mySupport: "/my-support"
        case .referralDecline(let id): "/my-support/" + id.uuidString.lowercased() + "/decline"
        case .referralChangeMind(let id): "/my-support/" + id.uuidString.lowercased() + "/changed-my-mind"
        case .referralAdd(let id): "/my-support/" + id.uuidString.lowercased() + "/add"
        case .referralOwnAccessNeeds(let id): "/my-support/" + id.uuidString.lowercased() + "/access-needs"
        case .referralConnect(let id): "/referrals/" + id.uuidString.lowercased() + "/connect"
        case .referralCommunity(let id): "/referrals/" + id.uuidString.lowercased() + "/community-referrals"
        case .organisationReferrals: "/organisation/referrals"
        case .team: "/referrals/team"
        case .referralAssign(let id): "/referrals/" + id.uuidString.lowercased() + "/assign"
        case .referralInvite(let id): "/referrals/" + id.uuidString.lowercased() + "/invite"
        case .askForLinkWorker: "/ask-for-a-link-worker"
        case .referralWhatMatters(let id): "/referrals/" + id.uuidString.lowercased() + "/what-matters"
        case .referralAccessNeeds(let id): "/referrals/" + id.uuidString.lowercased() + "/access-needs"
        case .communityResponse(let id): "/organisation/referrals/" + id.uuidString.lowercased() + "/response"
        case .apiCommunityReferrals(let id): "/api/v1/referrals/" + id.uuidString.lowercased() + "/community-referrals"
        case .apiCommunityResponse(let id): "/api/v1/community-referrals/" + id.uuidString.lowercased() + "/response"
        case .categories: "/admin/categories"
        case .category(let id): "/admin/categories/" + id.uuidString.lowercased()
        case .signIn: "/sign-in"
        case .signOut: "/sign-out"
        case .register: "/register"
        case .registerSent: "/register/check-your-email"
        case .registerConfirm: "/register/confirm"
        case .forgotPassword: "/forgot-password"
        case .resetPassword: "/reset-password"
        case .changePassword: "/account/password"
        case .acceptInvitation: "/invitation"
        case .myAccount: "/account"
        case .myRecordAccess: "/account/who-has-seen-my-record"
        case .myData: "/account/my-data"
        case .myDataFHIR: "/account/my-data/fhir"
        case .closeAccount: "/account/close"
        case .adminUsers: "/admin/users"
        case .adminInvite: "/admin/users/invite"
        case .adminGrant: "/admin/users/grant"
        case .adminAudit: "/admin/audit"
        case .staleListings: "/admin/reviews/out-of-date"
        case .adminOrganisations: "/admin/organisations"
        case .adminRemoveRole(let id): "/admin/users/roles/" + id.uuidString.lowercased() + "/remove"
        case .adminSuspension(let id): "/admin/users/" + id.uuidString.lowercased() + "/suspension"
        case .adminResendInvitation(let id): "/admin/invitations/" + id.uuidString.lowercased() + "/resend"
        case .adminOrganisationTrust(let id): "/admin/organisations/" + id.uuidString.lowercased() + "/trust"
        case .stylesheet: "/assets/alongside.css"
        case .health: "/health"
        case .healthReady: "/health/ready"
        case .metrics: "/metrics"
        case .apiSessions: "/api/v1/sessions"
        case .apiMe: "/api/v1/me"
        case .apiPostcode(let postcode): "/api/v1/postcodes/" + (postcode.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? postcode)
        case .apiOpenAPI: "/api/v1/openapi.json"
        case .apiReferrals: "/api/v1/referrals"
        case .apiReferral(let id): "/api/v1/referrals/" + id.uuidString.lowercased()
        case .apiReferralTransitions(let id): "/api/v1/referrals/" + id.uuidString.lowercased() + "/transitions"
        case .apiReferralContacts(let id): "/api/v1/referrals/" + id.uuidString.lowercased() + "/contacts"
        case .plan(let id): "/people/" + id.uuidString.lowercased() + "/plan"
        case .planEdit(let id): "/people/" + id.uuidString.lowercased() + "/plan/edit"
        case .planHistory(let id): "/people/" + id.uuidString.lowercased() + "/plan/history"
        case .planSharing(let id): "/people/" + id.uuidString.lowercased() + "/plan/sharing"
        case .planServices(let id): "/people/" + id.uuidString.lowercased() + "/plan/services"
        case .measures(let id): "/people/" + id.uuidString.lowercased() + "/measures"
        case .newMeasure(let id): "/people/" + id.uuidString.lowercased() + "/measures/new"
        case .caring(let id): "/people/" + id.uuidString.lowercased() + "/caring"
        case .caringLinks(let id): "/people/" + id.uuidString.lowercased() + "/caring/links"
        case .contingency(let id): "/people/" + id.uuidString.lowercased() + "/caring/contingency"
        case .contingencyEdit(let id): "/people/" + id.uuidString.lowercased() + "/caring/contingency/edit"
        case .caringAgree(let id): "/carer-links/" + id.uuidString.lowercased() + "/agree"
        case .caringEnd(let id): "/carer-links/" + id.uuidString.lowercased() + "/end"
        case .apiMeasures(let id): "/api/v1/people/" + id.uuidString.lowercased() + "/measures"
        case .apiPlan(let id): "/api/v1/people/" + id.uuidString.lowercased() + "/plan"
        case .apiCarerLinks(let id): "/api/v1/people/" + id.uuidString.lowercased() + "/carer-links"
        }
    }

    /// The path's parts for registering a route (parameters as `:name`).
    public var pathComponents: [PathComponent] {
        switch self {
        case .apiPostcode: ["api", "v1", "postcodes", ":postcode"]
        case .apiReferral: ["api", "v1", "referrals", ":id"]
        case .apiReferralTransitions: ["api", "v1", "referrals", ":id", "transitions"]
        case .apiReferralContacts: ["api", "v1", "referrals", ":id", "contacts"]
        case .service: ["services", ":id"]
        case .editListing: ["services", ":id", "edit"]
        case .listingHistory: ["services", ":id", "history"]
        case .listingCapacity: ["services", ":id", "capacity"]
        case .listingStillCorrect: ["services", ":id", "still-correct"]
        case .listingRestore: ["services", ":id", "restore"]
        case .review: ["admin", "reviews", ":id"]
        case .adminOrganisationTrust: ["admin", "organisations", ":id", "trust"]
        case .adminRemoveRole: ["admin", "users", "roles", ":id", "remove"]
        case .adminSuspension: ["admin", "users", ":id", "suspension"]
        case .adminResendInvitation: ["admin", "invitations", ":id", "resend"]
        case .category: ["admin", "categories", ":id"]
        case .referral: ["referrals", ":id"]
        case .referralMoves: ["referrals", ":id", "moves"]
        case .referralContacts: ["referrals", ":id", "contacts"]
        case .referralConnect: ["referrals", ":id", "connect"]
        case .referralWhatMatters: ["referrals", ":id", "what-matters"]
        case .referralAccessNeeds: ["referrals", ":id", "access-needs"]
        case .referralAssign: ["referrals", ":id", "assign"]
        case .referralInvite: ["referrals", ":id", "invite"]
        case .referralDecline: ["my-support", ":id", "decline"]
        case .referralChangeMind: ["my-support", ":id", "changed-my-mind"]
        case .referralAdd: ["my-support", ":id", "add"]
        case .referralOwnAccessNeeds: ["my-support", ":id", "access-needs"]
        case .referralCommunity: ["referrals", ":id", "community-referrals"]
        case .communityResponse: ["organisation", "referrals", ":id", "response"]
        case .apiCommunityReferrals: ["api", "v1", "referrals", ":id", "community-referrals"]
        case .apiCommunityResponse: ["api", "v1", "community-referrals", ":id", "response"]
        case .plan, .planEdit, .planHistory, .planSharing, .planServices, .measures, .newMeasure, .caring, .caringLinks, .contingency, .contingencyEdit,
             .caringAgree, .caringEnd, .apiMeasures, .apiPlan, .apiCarerLinks:
            path.split(separator: "/").enumerated().map { $0.element.count == 36 && UUID(uuidString: String($0.element)) != nil ? ":id" : PathComponent(stringLiteral: String($0.element)) }
        case .home: []
        default: path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
        }
    }

    /// The path with a query string.
    public func with(_ query: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return path + "?" + (components.percentEncodedQuery ?? "")
    }
}
