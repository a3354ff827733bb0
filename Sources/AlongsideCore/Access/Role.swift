/// What a person does in Alongside. One person may hold several roles.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case resident
    case linkWorker = "link_worker"
    /// Leads the link worker team: sees every episode and reassigns.
    case teamLead = "team_lead"
    case clinician
    case organisationMember = "organisation_member"
    case commissioner
    case moderator
    /// Runs the time bank: meets and approves new members, records exchanges for members who do not use computers,
    /// gives from the community fund, puts mistakes right and deals with reports.
    case coordinator
    case administrator

    /// The role's name as people say it.
    public var title: String {
        switch self {
        case .resident: "Resident"
        case .linkWorker: "Link worker"
        case .teamLead: "Link worker team lead"
        case .clinician: "Clinician"
        case .organisationMember: "Organisation member"
        case .commissioner: "Commissioner"
        case .moderator: "Moderator"
        case .coordinator: "Time bank coordinator"
        case .administrator: "Administrator"
        }
    }

    /// The part of the demo account's email before the @, e.g. `link-worker`.
    public var demoMailbox: String {
        switch self {
        case .linkWorker: "link-worker"
        case .teamLead: "team-lead"
        case .organisationMember: "organisation"
        case .administrator: "admin"
        default: rawValue
        }
    }

    /// Roles only an administrator may grant (every role but resident, which anyone may take by registering).
    public var isStaff: Bool { self != .resident }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
