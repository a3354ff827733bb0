import Foundation

/// What is going on for the person, coded for counting (several may apply), beside their own words.
public enum Need: String, CaseIterable, Codable, Sendable {
    case loneliness, lowMood = "low_mood", inactivity, money, housing, employment, caring, bereavement
    case longTermCondition = "long_term_condition", weightOrDiet = "weight_or_diet", substanceUse = "substance_use"

    /// Where it is in `allCases`.
    public var index: Int { Self.indices[self]! }
    private static let indices = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    public var title: String {
        switch self {
        case .loneliness: "Loneliness or isolation"
        case .lowMood: "Low mood or anxiety"
        case .inactivity: "Physical inactivity"
        case .money: "Money or debt"
        case .housing: "Housing"
        case .employment: "Employment"
        case .caring: "Caring responsibilities"
        case .bereavement: "Bereavement"
        case .longTermCondition: "Managing a long-term condition"
        case .weightOrDiet: "Weight or diet"
        case .substanceUse: "Alcohol or drug use"
        }
    }
}

/// How the person would like to be contacted.
public enum ContactMethod: String, CaseIterable, Codable, Sendable {
    case phone, text, email

    public var title: String {
        switch self {
        case .phone: "Phone call"
        case .text: "Text message"
        case .email: "Email"
        }
    }
}

/// Who made the referral.
public enum ReferralSource: String, CaseIterable, Codable, Sendable {
    case clinician, selfReferral = "self", organisation, linkWorker = "link_worker"

    public var title: String {
        switch self {
        case .clinician: "A clinician"
        case .selfReferral: "The person themselves"
        case .organisation: "A community organisation"
        case .linkWorker: "A link worker"
        }
    }

    /// Who a person refers as, from their roles: staff refer others; a resident refers only themselves.
    public static func of(_ roles: Set<Role>) -> ReferralSource {
        if roles.contains(.clinician) { return .clinician }
        if roles.contains(.linkWorker) || roles.contains(.teamLead) { return .linkWorker }
        if roles.contains(.organisationMember) { return .organisation }
        return .selfReferral
    }
}

/// Everything a referral says about the person and why, as the form takes it.
public struct ReferralDetails: Equatable, Sendable, Codable {
    public var givenName: String
    public var familyName: String
    /// `YYYY-MM-DD`.
    public var birthDate: String
    public var postcode: String
    public var nhsNumber: String?
    public var phone: String?
    public var email: String?
    public var preferredContact: ContactMethod
    /// The language an interpreter is needed for, if one is.
    public var interpreter: String?
    /// What a place must have for the person to use it (none unless chosen): services are matched against them.
    public var accessNeeds: [AccessibilityFeature]
    public var needs: [Need]
    /// What is going on, in the referrer's or the person's words.
    public var story: String
    /// What the link worker must know first: risks, safeguarding, "do not visit alone".
    public var mustKnow: String?
    public var consented: Bool
    public var source: ReferralSource

    public init(givenName: String, familyName: String, birthDate: String, postcode: String, nhsNumber: String? = nil,
                phone: String? = nil, email: String? = nil, preferredContact: ContactMethod = .phone, interpreter: String? = nil,
                accessNeeds: [AccessibilityFeature] = [], needs: [Need] = [], story: String = "", mustKnow: String? = nil, consented: Bool,
                source: ReferralSource) {
        self.givenName = givenName
        self.familyName = familyName
        self.birthDate = birthDate
        self.postcode = postcode
        self.nhsNumber = nhsNumber
        self.phone = phone
        self.email = email
        self.preferredContact = preferredContact
        self.interpreter = interpreter
        self.accessNeeds = accessNeeds
        self.needs = needs
        self.story = story
        self.mustKnow = mustKnow
        self.consented = consented
        self.source = source
    }

    /// The details made tidy (trimmed, the NHS number as ten digits, the postcode formatted) and checked, naming
    /// every field that is wrong. `today` bounds the date of birth (not in the future, not over 120 years ago).
    public func validated(today: Date) throws -> ReferralDetails {
        var checks = FieldChecks()
        var tidy = self
        func optional(_ v: String?) -> String? { v.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 } }
        tidy.givenName = checks.check { try Text.required(givenName, field: "given_name", label: "their first name", maxLength: 100) } ?? ""
        tidy.familyName = checks.check { try Text.required(familyName, field: "family_name", label: "their last name", maxLength: 100) } ?? ""
        if let born = UKDates.parseTypedDay(birthDate) {
            tidy.birthDate = UKDates.isoDay(born)
            let calendar = Calendar.ukCivil
            if born > today {
                checks.add("birth_date", "The date of birth must be in the past")
            } else if let oldest = calendar.date(byAdding: .year, value: -120, to: today), born < oldest {
                checks.add("birth_date", "The date of birth must be within the last 120 years")
            }
        } else {
            checks.add("birth_date", "Enter the date of birth, like 14/03/1956")
        }
        tidy.postcode = checks.check { try Postcode(postcode).value } ?? postcode
        if let text = optional(nhsNumber) { tidy.nhsNumber = checks.check { try NHSNumber(text).digits } } else { tidy.nhsNumber = nil }
        tidy.phone = optional(phone)
        if let phone = tidy.phone, phone.filter(\.isNumber).count < 10 || phone.count > 20 {
            checks.add("phone", "Enter a phone number with its area code, like 01524 123456")
        }
        if let text = optional(email) { tidy.email = checks.check { try EmailAddress(text).value } } else { tidy.email = nil }
        if tidy.phone == nil && tidy.email == nil {
            checks.add("phone", "Give a phone number or an email address, so the link worker can get in touch")
        } else if (preferredContact == .phone || preferredContact == .text) && tidy.phone == nil {
            checks.add("preferred_contact", "\(preferredContact.title) needs a phone number")
        } else if preferredContact == .email && tidy.email == nil {
            checks.add("preferred_contact", "Email needs an email address")
        }
        tidy.interpreter = optional(interpreter)
        tidy.accessNeeds = AccessibilityFeature.tidy(accessNeeds)
        tidy.story = story.trimmed
        if needs.isEmpty && tidy.story.isEmpty { checks.add("needs", "Choose what is going on, or describe it") }
        if tidy.story.count > 4_000 { checks.add("story", "Keep what is going on to 4,000 characters or fewer") }
        tidy.mustKnow = optional(mustKnow)
        if !consented { checks.add("consented", "The person must agree to be referred: confirm they have") }
        try checks.finish()
        return tidy
    }
}

/// What the permission policy needs to know of a referral to decide who may see or work on it.
public struct ReferralAccess: Equatable, Sendable {
    /// The person referred.
    public let personID: UUID
    /// The link worker it is assigned to; nil while it waits in the team's inbox.
    public let assignedTo: UUID?
    /// Whoever made the referral.
    public let referredBy: UUID?

    public init(personID: UUID, assignedTo: UUID?, referredBy: UUID?) {
        self.personID = personID
        self.assignedTo = assignedTo
        self.referredBy = referredBy
    }

    /// What moving the episode to `stage` asks of the permission policy: saying no or withdrawing is the person's
    /// and the referrer's too; every other move is the link worker's.
    public func action(movingTo stage: EpisodeStage) -> Action {
        [.declinedByPerson, .withdrawnByReferrer].contains(stage) ? .declineOrWithdrawReferral(self) : .workOnReferral(self)
    }
}

/// How a contact with the person happened.
public enum ContactWay: String, CaseIterable, Codable, Sendable {
    case phone, faceToFace = "face_to_face", video, text

    public var title: String {
        switch self {
        case .phone: "Phone"
        case .faceToFace: "Face to face"
        case .video: "Video"
        case .text: "Text message"
        }
    }
}

/// A contact with the person, or an attempt that did not reach them, as the link worker logs it.
public struct ContactLog: Equatable, Sendable {
    public var happenedAt: Date
    public var way: ContactWay
    public var minutes: Int?
    /// Whether the person was reached (false: a failed attempt).
    public var reached: Bool
    public var notes: String

    /// When a contact sent through the API happened: a real moment with its zone, between the referral and
    /// now (five minutes' grace for clocks); nil for anything else.
    public static func happenedAt(_ text: String, referredAt: Date, now: Date) -> Date? {
        guard let when = UKDates.parseDateTime(text), when <= now.addingTimeInterval(300), when >= referredAt else { return nil }
        return when
    }

    /// The day a link worker means to be in touch next, as typed: a real day from today to a year from now.
    public static func nextContactDay(_ text: String, today: Date) throws -> String {
        let yearOn = UKDates.isoDay(Calendar.ukCivil.date(byAdding: .year, value: 1, to: today)!)
        guard let day = UKDates.parseTypedDay(text).map(UKDates.isoDay), day >= UKDates.isoDay(today), day <= yearOn else {
            throw FieldError("next_contact_on", "Enter a date from today to a year from now, like \(UKDates.isoDay(today.addingTimeInterval(7 * 86_400)))")
        }
        return day
    }

    public init(happenedAt: Date, way: ContactWay, minutes: Int? = nil, reached: Bool, notes: String = "") {
        self.happenedAt = happenedAt
        self.way = way
        self.minutes = minutes
        self.reached = reached
        self.notes = notes
    }

    public func validate(now: Date) throws {
        var checks = FieldChecks()
        if happenedAt > now.addingTimeInterval(300) { checks.add("happened_at", "A contact cannot be logged before it happens") }
        if let minutes, !(1...600).contains(minutes) { checks.add("minutes", "How long must be from 1 to 600 minutes") }
        if notes.count > 4_000 { checks.add("notes", "Keep the notes to 4,000 characters or fewer") }
        try checks.finish()
    }
}

/// The "what matters to me" conversation, in the person's own words, with the gentle prompts a link worker uses.
public struct WhatMatters: Equatable, Sendable {
    public var goodDay: String
    public var inTheWay: String
    public var usedToEnjoy: String
    public var whoMatters: String
    /// Anything else, as they said it.
    public var inTheirWords: String
    /// What their words point to, coded by the link worker with them (none unless chosen), so what people said
    /// matters is counted beside what referrals code.
    public var needs: [Need]

    public static let prompts: [(field: String, question: String)] = [
        ("good_day", "What does a good day look like for you?"),
        ("in_the_way", "What gets in the way?"),
        ("used_to_enjoy", "What did you use to enjoy?"),
        ("who_matters", "Who matters to you?"),
        ("in_their_words", "Anything else, in their words"),
    ]

    public init(goodDay: String = "", inTheWay: String = "", usedToEnjoy: String = "", whoMatters: String = "", inTheirWords: String = "",
                needs: [Need] = []) {
        self.goodDay = goodDay
        self.inTheWay = inTheWay
        self.usedToEnjoy = usedToEnjoy
        self.whoMatters = whoMatters
        self.inTheirWords = inTheirWords
        self.needs = needs
    }

    public var answers: [String] { [goodDay, inTheWay, usedToEnjoy, whoMatters, inTheirWords] }

    /// Tidied and checked: at least one answer, none too long; the needs each once, in the order needs are listed.
    public func validated() throws -> WhatMatters {
        let tidy = WhatMatters(goodDay: goodDay.trimmed, inTheWay: inTheWay.trimmed, usedToEnjoy: usedToEnjoy.trimmed,
                               whoMatters: whoMatters.trimmed, inTheirWords: inTheirWords.trimmed, needs: Need.allCases.filter(needs.contains))
        var checks = FieldChecks()
        if tidy.answers.allSatisfy(\.isEmpty) { checks.add("good_day", "Write down at least one thing the person said") }
        for (answer, prompt) in zip(tidy.answers, Self.prompts) where answer.count > 2_000 {
            checks.add(prompt.field, "Keep each answer to 2,000 characters or fewer")
        }
        try checks.finish()
        return tidy
    }
}
