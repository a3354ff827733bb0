@testable import AlongsideCore
import Testing

@Suite struct CollaborativePairTests {
    @Test func aPairAsTypedIsCheckedWithEveryFaultNamed() throws {
        let pair = try PairDraft.from(title: " Walk and talk ", change: "More men walking", goals: "Ten new walkers", sessions: "6")
        #expect(pair.title == "Walk and talk" && pair.sessionsPlanned == 6)
        #expect(throws: ValidationFailure([FieldError("title", "Enter a title"), FieldError("change", "Enter what you want to change"),
                                           FieldError("goals", "Enter your goals"), FieldError("sessions", "Enter how many sessions you plan, from 1 to 100")])) {
            try PairDraft.from(title: "", change: "", goals: "", sessions: "0")
        }
    }

    @Test func theResidentsTimeIsMinutesReadAsPeopleSayIt() throws {
        #expect(try PairDraft.update(text: "Met", minutes: "90") == ("Met", 90))
        #expect(try PairDraft.update(text: "Met", minutes: "") == ("Met", nil))
        #expect(PairDraft.duration(135) == "2 hours 15 minutes" && PairDraft.duration(60) == "1 hour" && PairDraft.duration(0) == "no time")
    }
}

@Suite struct PairPartnerTests {
    @Test func aPairIsOneResidentAndOneProfessional() {
        #expect(PairDraft.registersAsResident([.resident]) && !PairDraft.registersAsResident([.resident, .linkWorker]))
        #expect(PairDraft.whyNotPartner(asResident: true, partnerRoles: [.linkWorker], partnerIsSelf: false) == nil)
        #expect(PairDraft.whyNotPartner(asResident: true, partnerRoles: [.resident], partnerIsSelf: false) == "Your partner must be a professional: someone with a staff role in Alongside.")
        #expect(PairDraft.whyNotPartner(asResident: false, partnerRoles: [.clinician], partnerIsSelf: false) == "Your partner must be a resident with an Alongside account.")
        #expect(PairDraft.whyNotPartner(asResident: true, partnerRoles: [.linkWorker], partnerIsSelf: true) == "Name the other person in the pair, not yourself.")
    }
}
