import AlongsideCore
import Vapor

/// The referral form's fields as posted, and the API's JSON body with the same names (where `consented` is
/// `true` rather than a ticked box).
struct ReferralForm: Content {
    var given_name: String?
    var family_name: String?
    var birth_date: String?
    /// The date of birth as typed in the page's three boxes (the API sends `birth_date`).
    var birth_parts = DateParts()
    var postcode: String?
    var nhs_number: String?
    var phone: String?
    var email: String?
    var preferred_contact: String?
    var interpreter: String?
    var access_needs: [String]?
    var needs: [String]?
    var story: String?
    var must_know: String?
    var consented: [String]?
    var gp_sharing: String?
    /// Made when the form is shown; the same form posted twice carries the same key and makes one referral.
    var submission_key: String?

    init() {}

    enum CodingKeys: String, CodingKey {
        case given_name, family_name, birth_date, postcode, nhs_number, phone, email, preferred_contact, interpreter, access_needs, needs, story,
             must_know, consented, gp_sharing, submission_key
    }

    enum PartKeys: String, CodingKey, CaseIterable {
        case day = "birth_date-day", month = "birth_date-month", year = "birth_date-year"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? { try c.decodeIfPresent(String.self, forKey: key) }
        given_name = try text(.given_name); family_name = try text(.family_name); birth_date = try text(.birth_date)
        postcode = try text(.postcode); nhs_number = try text(.nhs_number); phone = try text(.phone); email = try text(.email)
        preferred_contact = try text(.preferred_contact); interpreter = try text(.interpreter); story = try text(.story)
        must_know = try text(.must_know); gp_sharing = try text(.gp_sharing); submission_key = try text(.submission_key)
        needs = try c.decodeIfPresent([String].self, forKey: .needs)
        access_needs = try c.decodeIfPresent([String].self, forKey: .access_needs)
        let parts = try decoder.container(keyedBy: PartKeys.self)
        func part(_ key: PartKeys) -> String { (try? parts.decodeIfPresent(String.self, forKey: key)) ?? "" }
        birth_parts = DateParts(day: part(.day), month: part(.month), year: part(.year))
        if birth_date == nil && !PartKeys.allKeys(in: parts).isEmpty { birth_date = birth_parts.typed }
        if let ticked = try? c.decodeIfPresent([String].self, forKey: .consented) {
            consented = ticked
        } else {
            consented = try c.decodeIfPresent(Bool.self, forKey: .consented).map { $0 ? ["yes"] : [] }
        }
    }

    /// The choices the page asks for that were left unanswered: the form never picks one for the person.
    func unchosen(asksGPSharing: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        if preferred_contact.flatMap(ContactMethod.init(rawValue:)) == nil {
            errors.append(FieldError("preferred_contact", "Choose the best way to get in touch"))
        }
        if asksGPSharing && !["all", "codes"].contains(gp_sharing ?? "") {
            errors.append(FieldError("gp_sharing", "Choose what goes back to the GP record, as the person chose"))
        }
        return errors
    }

    func details(source: ReferralSource) -> ReferralDetails {
        ReferralDetails(givenName: given_name ?? "", familyName: family_name ?? "", birthDate: birth_date ?? "", postcode: postcode ?? "",
                        nhsNumber: nhs_number, phone: phone, email: email,
                        preferredContact: preferred_contact.flatMap(ContactMethod.init(rawValue:)) ?? .phone,
                        interpreter: interpreter, accessNeeds: (access_needs ?? []).compactMap(AccessibilityFeature.init(rawValue:)),
                        needs: (needs ?? []).compactMap(Need.init(rawValue:)), story: story ?? "",
                        mustKnow: must_know, consented: (consented ?? []).contains { ["yes", "true", "1"].contains($0) }, source: source)
    }
}

/// A move as the episode page posts it.
struct MoveForm: Content {
    var to: String?
    var outcome: String?
    var reason: String?
    /// For accepting: the link worker to give it to (default: whoever accepts).
    var assign_to: String?
    /// "yes" once the person has seen what ending the episode does (`Confirmation`).
    var confirmed: String?
}

/// A contact as the episode page posts it.
struct ContactForm: Content {
    var way: String?
    var minutes: String?
    var reached: String?
    var notes: String?
    var next_contact_on: String?
}

/// The "what matters to me" conversation as the episode page posts it.
struct WhatMattersForm: Content {
    var good_day: String?
    var in_the_way: String?
    var used_to_enjoy: String?
    var who_matters: String?
    var in_their_words: String?
    var needs: [String]?

    var conversation: WhatMatters {
        WhatMatters(goodDay: good_day ?? "", inTheWay: in_the_way ?? "", usedToEnjoy: used_to_enjoy ?? "", whoMatters: who_matters ?? "",
                    inTheirWords: in_their_words ?? "", needs: (needs ?? []).compactMap(Need.init(rawValue:)))
    }
}

extension ReferralForm.PartKeys {
    static func allKeys(in container: KeyedDecodingContainer<Self>) -> [Self] { allCases.filter(container.contains) }
}
