import Foundation

/// Who a referral is about, as far as telling two referrals apart needs: the NHS number when given, the name,
/// the date of birth and the postcode.
public struct ReferralIdentity: Equatable, Sendable {
    public var nhsNumber: String?
    public var givenName: String
    public var familyName: String
    public var birthDate: String
    public var postcode: String

    public init(nhsNumber: String?, givenName: String, familyName: String, birthDate: String, postcode: String) {
        self.nhsNumber = nhsNumber
        self.givenName = givenName
        self.familyName = familyName
        self.birthDate = birthDate
        self.postcode = postcode
    }

    /// Why two referrals are probably about the same person, or nil when nothing says so. Two different NHS
    /// numbers are two people, whatever the names; the same NHS number is one person, whatever else differs
    /// (a misspelt name, a move of house). Without both NHS numbers: the same date of birth and family name,
    /// and either the same given name (people move) or, at the same postcode, a given name that is short for
    /// the other ("Jo" and "Joan"). Two people at one address born on one day with other names are two people.
    public func likelySame(as other: ReferralIdentity) -> DuplicateReason? {
        if let a = nhsNumber.map(Self.digits), let b = other.nhsNumber.map(Self.digits), !a.isEmpty, !b.isEmpty {
            return a == b ? .sameNHSNumber : nil
        }
        guard birthDate == other.birthDate, Self.folded(familyName) == Self.folded(other.familyName) else { return nil }
        if Self.folded(givenName) == Self.folded(other.givenName) {
            return Self.folded(postcode) == Self.folded(other.postcode) ? .sameNameBirthDateAndPostcode : .sameNameAndBirthDate
        }
        let (a, b) = (Self.folded(givenName), Self.folded(other.givenName))
        let shortened = min(a.count, b.count) >= 2 && (a.hasPrefix(b) || b.hasPrefix(a))
        return shortened && Self.folded(postcode) == Self.folded(other.postcode) ? .similarNameSameBirthDateAndPostcode : nil
    }

    static func digits(_ text: String) -> String { text.filter(\.isNumber) }

    /// Case, accents, spaces and punctuation do not tell people apart: "O'Brien" is "obrien", "LA1 1AA" is "la11aa".
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).filter { $0.isLetter || $0.isNumber }
    }
}

/// What two referrals share that makes them probably the same person, in words for the team's inbox.
public enum DuplicateReason: String, Equatable, Sendable {
    case sameNHSNumber, sameNameBirthDateAndPostcode, sameNameAndBirthDate, similarNameSameBirthDateAndPostcode

    public var words: String {
        switch self {
        case .sameNHSNumber: "the same NHS number"
        case .sameNameBirthDateAndPostcode: "the same name, date of birth and postcode"
        case .sameNameAndBirthDate: "the same name and date of birth"
        case .similarNameSameBirthDateAndPostcode: "a shortened name and the same date of birth and postcode"
        }
    }
}

/// What a person adds to their own open request rather than asking again: more of what is going on in their
/// words, and needs the request did not have.
public struct ReferralAddition: Equatable, Sendable {
    public var text: String
    public var needs: [Need]

    public init(text: String, needs: [Need]) {
        self.text = text
        self.needs = needs
    }

    /// Trimmed and checked against the request: something to add, no more than the request's own 4,000
    /// characters; needs already on the request are dropped, as they say nothing new.
    public func validated(against existing: [Need]) throws -> ReferralAddition {
        var checks = FieldChecks()
        let tidy = text.trimmed
        let added = needs.filter { !existing.contains($0) }.reduce(into: [Need]()) { if !$0.contains($1) { $0.append($1) } }
        if tidy.isEmpty && added.isEmpty { checks.add("text", "Write what you would like to add, or choose what else is going on") }
        if tidy.count > 4_000 { checks.add("text", "Keep what you add to 4,000 characters or fewer") }
        try checks.finish()
        return ReferralAddition(text: tidy, needs: added)
    }
}
