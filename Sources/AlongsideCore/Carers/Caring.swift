import Foundation

/// Who the cared-for person is to the carer.
public enum CaringRelationship: String, CaseIterable, Codable, Sendable {
    case parent, partner, child, sibling, grandparent, otherRelative = "other_relative", friend, neighbour, other

    /// As in "I look after my mother": the words after "my".
    public var title: String {
        switch self {
        case .parent: "parent"
        case .partner: "partner"
        case .child: "child"
        case .sibling: "brother or sister"
        case .grandparent: "grandparent"
        case .otherRelative: "other relative"
        case .friend: "friend"
        case .neighbour: "neighbour"
        case .other: "someone else"
        }
    }

    /// The FHIR v3-RoleCode for the relationship (from the cared-for person's side the carer is their …).
    public var roleCode: (code: String, display: String)? {
        switch self {
        case .parent: ("CHILD", "child")
        case .partner: ("SIGOTHR", "significant other")
        case .child: ("PRN", "parent")
        case .sibling: ("SIB", "sibling")
        case .grandparent: ("GRNDCHILD", "grandchild")
        case .otherRelative: ("FAMMEMB", "family member")
        case .friend: ("FRND", "unrelated friend")
        case .neighbour: ("NBOR", "neighbor")
        case .other: nil
        }
    }
}

/// "I look after someone": what a carer, or staff with them, says about one person they care for.
public struct CaringDetails: Equatable, Sendable {
    public var caredForName: String
    public var relationship: CaringRelationship
    /// What caring involves, in the carer's words.
    public var whatICareWith: String
    /// Hours a week, roughly.
    public var hoursPerWeek: Int?

    public init(caredForName: String, relationship: CaringRelationship, whatICareWith: String = "", hoursPerWeek: Int? = nil) {
        self.caredForName = caredForName
        self.relationship = relationship
        self.whatICareWith = whatICareWith
        self.hoursPerWeek = hoursPerWeek
    }

    /// Tidied, or every problem named. A carer cannot be linked to themselves.
    public func validated(carer: UUID, caredFor: UUID?) throws -> CaringDetails {
        var v = FieldChecks()
        var tidy = self
        tidy.caredForName = caredForName.trimmed
        tidy.whatICareWith = whatICareWith.trimmed
        if let caredFor, caredFor == carer { v.add("cares_for", "You cannot be linked as your own carer: choose the person you look after") }
        if tidy.caredForName.isEmpty { v.add("cared_for_name", "Enter the name of the person you look after") }
        if tidy.caredForName.count > 200 { v.add("cared_for_name", "Keep the name under 200 characters") }
        if tidy.whatICareWith.count > 2_000 { v.add("what_i_care_with", "Keep this under 2,000 characters") }
        if let hours = hoursPerWeek, !(0...168).contains(hours) { v.add("hours_per_week", "Hours a week must be from 0 to 168") }
        try v.finish()
        return tidy
    }

    /// Under 18 on the day: a young carer, flagged so they get the support meant for them.
    public static func isYoungCarer(birthDate: String?, today: Date) -> Bool {
        guard let age = UKDates.yearsOld(bornOn: birthDate, on: today) else { return false }
        return age < 18
    }
}

/// What should happen if the carer cannot care for a while: who steps in and what they need to know.
public struct ContingencyPlan: Codable, Equatable, Sendable {
    public var whoStepsIn: String
    public var howToReachThem: String
    public var whatTheyNeedToKnow: String
    public var medicines: String
    public var routines: String

    public init(whoStepsIn: String = "", howToReachThem: String = "", whatTheyNeedToKnow: String = "", medicines: String = "", routines: String = "") {
        self.whoStepsIn = whoStepsIn
        self.howToReachThem = howToReachThem
        self.whatTheyNeedToKnow = whatTheyNeedToKnow
        self.medicines = medicines
        self.routines = routines
    }

    public func validated() throws -> ContingencyPlan {
        var v = FieldChecks()
        let tidy = ContingencyPlan(whoStepsIn: whoStepsIn.trimmed, howToReachThem: howToReachThem.trimmed, whatTheyNeedToKnow: whatTheyNeedToKnow.trimmed,
                                   medicines: medicines.trimmed, routines: routines.trimmed)
        if tidy.whoStepsIn.isEmpty { v.add("who_steps_in", "Say who steps in if you cannot care (a name, or \"nobody yet\")") }
        for (field, text) in [("who_steps_in", tidy.whoStepsIn), ("how_to_reach_them", tidy.howToReachThem), ("what_they_need_to_know", tidy.whatTheyNeedToKnow),
                              ("medicines", tidy.medicines), ("routines", tidy.routines)] where text.count > 4_000 {
            v.add(field, "Keep this under 4,000 characters")
        }
        try v.finish()
        return tidy
    }
}
