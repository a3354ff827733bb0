import Foundation

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
    case removedRole = "removed_role"
    case suspendedAccount = "suspended_account"
    case restoredAccount = "restored_account"
    case answeredProposal = "answered_proposal"
    case moderatedProposal = "moderated_proposal"
    /// Looked at a dashboard of figures about many people (never one person's record).
    case viewedInsight = "viewed_insight"
    /// Looked at a member's time bank balance and statement.
    case viewedTimeAccount = "viewed_time_account"
    /// Changed a member's place in the time bank: approved, refused, suspended or reinstated them.
    case changedTimeBankMembership = "changed_time_bank_membership"
    /// Looked at someone's request to join the time bank, or a report about them, on the coordinators' page.
    case viewedTimeBankDetails = "viewed_time_bank_details"
    /// Looked at someone's volunteering with an organisation: their interest and hours.
    case viewedVolunteering = "viewed_volunteering"
    /// Looked at who is booked on a training session, or on its waiting list, with their attendance.
    case viewedTrainingPlace = "viewed_training_place"
    /// Changed the place's list of GP practices, or which practice a clinician is counted to.
    case changedPractices = "changed_practices"

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
        case .removedRole: "took a role away from you"
        case .suspendedAccount: "suspended your account"
        case .restoredAccount: "restored your suspended account"
        case .answeredProposal: "answered your proposal"
        case .moderatedProposal: "moderated your proposal"
        case .viewedInsight: "looked at figures about many people"
        case .viewedTimeAccount: "looked at your time bank statement"
        case .changedTimeBankMembership: "changed your membership of the time bank"
        case .viewedTimeBankDetails: "looked at your request to join the time bank, or a report about you"
        case .viewedVolunteering: "looked at your volunteering and its hours"
        case .viewedTrainingPlace: "looked at your place on a training session"
        case .changedPractices: "changed which GP practice you are counted to"
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
        case .viewedTimeAccount: "looked at your own time bank statement"
        default: phrase
        }
    }
}

extension AuditAction {
    /// The entry as a sentence about named people, for the audit log: "Priya Lawson looked at Joseph
    /// Parker's plan". `whose` nil: no one's record in particular; the same as `who`: their own.
    public func sentence(who: String, whose: String?) -> String {
        let own = whose == who
        let of = whose.map { own ? "their own" : Self.possessive($0) } ?? "a"
        let them = whose.map { own ? "themselves" : $0 } ?? "someone"
        let what: String = switch self {
        case .viewedRecord: "looked at \(of) record"
        case .exportedData: "downloaded all the data held about \(them)"
        case .viewedAccessHistory: "looked at who has seen \(of) record"
        case .createdAccount: own ? "created their account" : "created \(of) account"
        case .changedPassword: "changed \(of) password"
        case .resetPassword: "reset \(of) password by emailed link"
        case .grantedRole: "gave \(them) a role"
        case .acceptedInvitation: "accepted an invitation to join"
        case .closedAccount: "closed \(of) account"
        case .signedIn: "signed in"
        case .madeReferral: "referred \(them) to a link worker"
        case .viewedReferral: "looked at \(of) referral"
        case .changedReferral: "updated \(of) referral"
        case .viewedPlan: "looked at \(of) plan"
        case .changedPlan: "changed \(of) plan"
        case .changedSharing: "changed who can see \(of) plan"
        case .viewedMeasures: "looked at \(of) wellbeing measures"
        case .recordedMeasure: own ? "answered a wellbeing measure" : "recorded a wellbeing measure with \(them)"
        case .viewedCarers: "looked at \(of) caring details"
        case .changedCarers: "changed \(of) caring details or contingency plan"
        case .removedRole: "took a role away from \(them)"
        case .suspendedAccount: "suspended \(of) account"
        case .restoredAccount: "restored \(of) suspended account"
        case .answeredProposal: "answered \(of) proposal"
        case .moderatedProposal: "moderated \(of) proposal"
        case .viewedInsight: "looked at figures about many people"
        case .viewedTimeAccount: "looked at \(of) time bank statement"
        case .changedTimeBankMembership: "changed \(of) membership of the time bank"
        case .viewedTimeBankDetails: "looked at \(of) time bank request or a report about \(them)"
        case .viewedVolunteering: "looked at \(of) volunteering and its hours"
        case .viewedTrainingPlace: "looked at \(of) place on a training session"
        case .changedPractices: whose == nil ? "changed the list of GP practices" : "changed which GP practice \(them) is counted to"
        }
        return "\(who) \(what)"
    }

    /// The action alone, for choosing it in a search: "Looked at someone's plan".
    public var title: String {
        let words = sentence(who: "", whose: "someone").trimmingCharacters(in: .whitespaces)
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// "Joseph Parker's", "James's".
    static func possessive(_ name: String) -> String { name + "\u{2019}s" }
}

/// One line of "Who has seen my record": who, what, through which page, and when — several of the
/// person's own looks in a row shown as one line with how many and over what time.
public struct AccessLine: Equatable, Sendable {
    public let who: String
    public let what: String
    public let through: String
    public let first: Date
    public let last: Date
    public let count: Int
    /// Done by the person themselves.
    public let own: Bool

    public init(who: String, what: String, through: String, first: Date, last: Date, count: Int, own: Bool) {
        self.who = who
        self.what = what
        self.through = through
        self.first = first
        self.last = last
        self.count = count
        self.own = own
    }

    /// Lines in the order given (newest first); the person's own entries that follow one another with the
    /// same words and page become one line. Anyone else's look is always a line of its own.
    public static func grouped(_ lines: [AccessLine]) -> [AccessLine] {
        var out: [AccessLine] = []
        for line in lines {
            if line.own, let previous = out.last, previous.own, previous.what == line.what, previous.through == line.through {
                out[out.count - 1] = AccessLine(who: previous.who, what: previous.what, through: previous.through,
                                                first: min(previous.first, line.first), last: max(previous.last, line.last),
                                                count: previous.count + line.count, own: true)
            } else {
                out.append(line)
            }
        }
        return out
    }
}
