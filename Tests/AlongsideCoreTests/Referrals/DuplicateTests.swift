import AlongsideCore
import Testing

@Suite struct DuplicateTests {
    let joan = ReferralIdentity(nhsNumber: nil, givenName: "Joan", familyName: "Whittaker", birthDate: "1950-03-14", postcode: "LA4 4AA")

    func joan(_ change: (inout ReferralIdentity) -> Void) -> ReferralIdentity {
        var other = joan
        change(&other)
        return other
    }

    @Test func theSameNHSNumberIsOnePersonWhateverElseDiffers() {
        let a = joan { $0.nhsNumber = "943 476 5919" }
        let b = joan { $0.nhsNumber = "9434765919"; $0.givenName = "Jo"; $0.postcode = "LA1 1AA"; $0.birthDate = "1950-04-14" }
        #expect(a.likelySame(as: b) == .sameNHSNumber)
    }

    @Test func twoDifferentNHSNumbersAreTwoPeopleEvenWithTheSameName() {
        let a = joan { $0.nhsNumber = "9434765919" }
        let b = joan { $0.nhsNumber = "9434765870" }
        #expect(a.likelySame(as: b) == nil)
    }

    @Test func withoutNHSNumbersTheNameDateOfBirthAndPostcodeDecide() {
        #expect(joan.likelySame(as: joan { $0.givenName = "JOAN"; $0.postcode = "la44aa" }) == .sameNameBirthDateAndPostcode)
        // One NHS number given and not the other: still compared by the rest.
        #expect(joan.likelySame(as: joan { $0.nhsNumber = "9434765919" }) == .sameNameBirthDateAndPostcode)
        // Moved house: the same name and date of birth.
        #expect(joan.likelySame(as: joan { $0.postcode = "LA1 1AA" }) == .sameNameAndBirthDate)
        // "Jo" at the same address and birthday.
        #expect(joan.likelySame(as: joan { $0.givenName = "Jo" }) == .similarNameSameBirthDateAndPostcode)
        #expect(joan.likelySame(as: joan { $0.givenName = "Jo"; $0.postcode = "LA1 1AA" }) == nil)
        // Accents and apostrophes do not tell people apart.
        let o = ReferralIdentity(nhsNumber: nil, givenName: "Séan", familyName: "O'Brien", birthDate: "1980-01-01", postcode: "LA1 1AA")
        #expect(o.likelySame(as: ReferralIdentity(nhsNumber: nil, givenName: "Sean", familyName: "OBrien", birthDate: "1980-01-01", postcode: "LA1 1AA"))
                == .sameNameBirthDateAndPostcode)
    }

    @Test func aDifferentBirthdayOrFamilyNameIsSomeoneElse() {
        #expect(joan.likelySame(as: joan { $0.birthDate = "1950-03-15" }) == nil)
        #expect(joan.likelySame(as: joan { $0.familyName = "Whitaker" }) == nil)
        // Another given name: a relative (a twin, a spouse born the same day), not a duplicate.
        #expect(joan.likelySame(as: joan { $0.givenName = "Mary" }) == nil)
        #expect(joan.likelySame(as: joan { $0.givenName = "J" }) == nil)
    }
}

@Suite struct ReferralAdditionTests {
    @Test func anAdditionNeedsWordsOrANewNeedAndDropsNeedsAlreadyAsked() throws {
        let tidy = try ReferralAddition(text: "  I have also lost my job.  ", needs: [.money, .loneliness, .money]).validated(against: [.loneliness])
        #expect(tidy == ReferralAddition(text: "I have also lost my job.", needs: [.money]))
        #expect(throws: ValidationFailure.self) { try ReferralAddition(text: "   ", needs: [.loneliness]).validated(against: [.loneliness]) }
        #expect(throws: ValidationFailure.self) { try ReferralAddition(text: String(repeating: "a", count: 4_001), needs: []).validated(against: []) }
        #expect(try ReferralAddition(text: "", needs: [.housing]).validated(against: []).needs == [.housing])
    }
}
