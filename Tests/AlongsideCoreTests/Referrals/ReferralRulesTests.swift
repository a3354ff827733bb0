import AlongsideCore
import Foundation
import Testing

@Suite struct NHSNumberTests {
    @Test(arguments: ["943 476 5919", "9434765919", "401-023-2137", "4010232137"])
    func realFormatNumbersPass(_ text: String) throws {
        #expect(try NHSNumber(text).digits.count == 10)
    }

    @Test func aNumberIsShownInThreeGroups() throws {
        #expect(try NHSNumber("9434765919").formatted == "943 476 5919")
    }

    /// A wrong check digit, a check digit that would be 10, the wrong length, letters.
    @Test(arguments: ["943 476 5918", "1000000010", "943476591", "94347659190", "943476591X"])
    func badNumbersAreRefusedWithAMessage(_ text: String) {
        #expect(throws: FieldError.self) { try NHSNumber(text) }
    }
}

@Suite struct EpisodeLifecycleTests {
    let happyPath: [EpisodeStage] = [.received, .accepted, .contacted, .whatMatters, .planAgreed, .connected, .followingUp]
    /// An episode with everything recorded: attempts, a conversation, a plan with goals.
    let all = EpisodeFacts(failedAttempts: 3, spokenTo: 1, planGoals: 2)

    @Test func everyAllowedMoveIsAllowedAndEveryOtherRefusedSayingWhatIs() throws {
        for from in EpisodeStage.allCases {
            let allowed = EpisodeLifecycle.allowedMoves(from: from)
            for to in EpisodeStage.allCases {
                let move = EpisodeMove(to: to, outcome: to == .closed ? .referredElsewhere : nil, reason: "Because")
                if allowed.contains(to) {
                    #expect(throws: Never.self, "\(from) → \(to)") { try EpisodeLifecycle.check(move, from: from, facts: all) }
                } else {
                    do {
                        try EpisodeLifecycle.check(move, from: from, facts: all)
                        Issue.record("\(from) → \(to) should be refused")
                    } catch let refused as MoveRefused {
                        #expect(refused.allowed == allowed)
                        for stage in allowed { #expect(refused.message.contains(stage.title.lowercased())) }
                    }
                }
            }
        }
    }

    @Test func theHappyPathRunsInOrderAndClosedIsTheEnd() throws {
        for (from, to) in zip(happyPath, happyPath.dropFirst()) {
            try EpisodeLifecycle.check(EpisodeMove(to: to), from: from, facts: all)
        }
        try EpisodeLifecycle.check(EpisodeMove(to: .closed, outcome: .goalsMet), from: .followingUp, facts: all)
        #expect(EpisodeLifecycle.allowedMoves(from: .closed).isEmpty)
        #expect(EpisodeStage.allCases.filter { !$0.isOpen }.allSatisfy { EpisodeLifecycle.allowedMoves(from: $0).isEmpty })
    }

    @Test func closingNeedsAnOutcomeThatFitsAndDecliningAtTriageNeedsAReason() {
        #expect(throws: MoveRefused(message: "Choose how the episode ended", allowed: [.whatMatters, .declinedByPerson, .closed], field: "outcome")) {
            try EpisodeLifecycle.check(EpisodeMove(to: .closed), from: .contacted, facts: all)
        }
        #expect(throws: MoveRefused.self) {
            try EpisodeLifecycle.check(EpisodeMove(to: .closed, outcome: .goalsMet), from: .contacted, facts: all)
        }
        #expect(throws: MoveRefused.self) { try EpisodeLifecycle.check(EpisodeMove(to: .notAccepted, reason: "  "), from: .received, facts: all) }
        #expect(throws: Never.self) { try EpisodeLifecycle.check(EpisodeMove(to: .redirected, reason: "Needs the crisis team"), from: .received, facts: all) }
    }

    @Test func couldNotContactNeedsTheConfiguredAttempts() {
        #expect(throws: MoveRefused.self) { try EpisodeLifecycle.check(EpisodeMove(to: .couldNotContact), from: .accepted, facts: EpisodeFacts(failedAttempts: 2)) }
        #expect(throws: Never.self) { try EpisodeLifecycle.check(EpisodeMove(to: .couldNotContact), from: .accepted, facts: all) }
        #expect(throws: Never.self) {
            try EpisodeLifecycle.check(EpisodeMove(to: .couldNotContact), from: .accepted, facts: EpisodeFacts(failedAttempts: 1), attemptsNeeded: 1)
        }
    }

    @Test func aStageNeedsTheRecordOfWhatItSays() {
        #expect(throws: MoveRefused(message: "Log a contact where you spoke with them: that moves the episode to contacted",
                                    allowed: EpisodeLifecycle.allowedMoves(from: .accepted), field: "to")) {
            try EpisodeLifecycle.check(EpisodeMove(to: .contacted), from: .accepted, facts: EpisodeFacts(failedAttempts: 2))
        }
        #expect(throws: Never.self) { try EpisodeLifecycle.check(EpisodeMove(to: .contacted), from: .accepted, facts: EpisodeFacts(spokenTo: 1)) }
        do {
            try EpisodeLifecycle.check(EpisodeMove(to: .planAgreed), from: .whatMatters, facts: EpisodeFacts(spokenTo: 1))
            Issue.record("plan agreed with no plan")
        } catch let refused as MoveRefused {
            #expect(refused.message.hasPrefix("Save their plan with at least one goal first"))
        } catch { Issue.record("\(error)") }
        #expect(throws: Never.self) { try EpisodeLifecycle.check(EpisodeMove(to: .planAgreed), from: .whatMatters, facts: EpisodeFacts(planGoals: 1)) }
    }

    @Test func aPersonMayChangeTheirMindForFourteenDays() {
        let declined = Date(timeIntervalSince1970: 1_790_000_000)
        let day = 86_400.0
        #expect(EpisodeLifecycle.changeOfMind(stage: .declinedByPerson, declinedAt: declined, before: .whatMatters, now: declined + 14 * day) == .whatMatters)
        #expect(EpisodeLifecycle.changeOfMind(stage: .declinedByPerson, declinedAt: declined, before: .whatMatters, now: declined + 14 * day + 1) == nil)
        #expect(EpisodeLifecycle.changeOfMind(stage: .closed, declinedAt: declined, before: .whatMatters, now: declined + day) == nil)
        #expect(EpisodeLifecycle.changeOfMind(stage: .declinedByPerson, declinedAt: nil, before: .whatMatters, now: declined) == nil)
        #expect(EpisodeLifecycle.ends(.declinedByPerson) && EpisodeLifecycle.ends(.closed) && !EpisodeLifecycle.ends(.contacted))
    }

    @Test func noDeclinedCodeWhileSupportedElsewhereAndTheGPCannotBeTold() {
        let move = EpisodeMove(to: .declinedByPerson)
        #expect(EpisodeLifecycle.concepts(for: move, recorded: [], supportedElsewhereUnsaid: true).isEmpty)
        #expect(EpisodeLifecycle.concepts(for: move, recorded: [], supportedElsewhereUnsaid: false) == [.socialPrescribingDeclined])
    }

    @Test func theGPHearsOfADeclineForThatReferralOnly() throws {
        let on = Calendar.ukCivil.date(from: DateComponents(year: 2026, month: 11, day: 20, hour: 12))!
        let made = Calendar.ukCivil.date(from: DateComponents(year: 2026, month: 11, day: 2, hour: 12))!
        let other = Calendar.ukCivil.date(from: DateComponents(year: 2026, month: 9, day: 14, hour: 12))!
        let message = try #require(GPMessage.make(stage: .declinedByPerson, name: "Joan Parker", birthDate: "1950-03-01", nhsNumber: nil, on: on,
                                                  services: [], outcome: nil, codes: [.socialPrescribingDeclined], shareSummary: true,
                                                  referredOn: made, stillSupportedSince: other))
        #expect(message.summary == "Joan Parker (born 1 March 1950) said on 20 November 2026 that they did not want the social prescribing referral made on 2 November 2026. "
                + "This is about that referral only: they are still being supported by the link worker team through another, made on 14 September 2026.")
        let back = GPMessage.changedMind(name: "Joan Parker", birthDate: "1950-03-01", nhsNumber: nil, on: on, declinedOn: made,
                                         backTo: .contacted, codes: [.referralToSocialPrescribing], shareSummary: false)
        #expect(back.summary == nil && back.codes == [.referralToSocialPrescribing])
    }

    @Test func snomedIsRecordedOnceAnEpisode() {
        let accepted = EpisodeLifecycle.concepts(for: EpisodeMove(to: .contacted), recorded: [])
        #expect(accepted == [.referralToSocialPrescribing])
        #expect(accepted.first?.code == "871731000000106")
        #expect(EpisodeLifecycle.concepts(for: EpisodeMove(to: .contacted), recorded: [.referralToSocialPrescribing]).isEmpty)
        #expect(EpisodeLifecycle.concepts(for: EpisodeMove(to: .declinedByPerson), recorded: [.referralToSocialPrescribing])
                == [.socialPrescribingDeclined])
        #expect(SNOMEDConcept.socialPrescribingDeclined.code == "871711000000103")
        #expect(EpisodeLifecycle.concepts(for: EpisodeMove(to: .whatMatters), recorded: []).isEmpty)
    }

    @Test func everyStageHasAFHIRTaskStatus() {
        let statuses: Set = ["draft", "requested", "accepted", "rejected", "cancelled", "on-hold", "in-progress", "failed", "completed", "entered-in-error"]
        #expect(EpisodeStage.allCases.allSatisfy { statuses.contains($0.taskStatus) })
    }
}

@Suite struct ReferralDetailsTests {
    let today = Calendar.ukCivil.date(from: DateComponents(year: 2026, month: 11, day: 25, hour: 12))!

    var good: ReferralDetails {
        ReferralDetails(givenName: " Margaret ", familyName: "Hodgson", birthDate: "1948-02-11", postcode: "la1 1aa",
                        nhsNumber: "943 476 5919", phone: "01524 123456", needs: [.loneliness], story: "Lost her husband in spring.",
                        consented: true, source: .clinician)
    }

    @Test func goodDetailsAreTidied() throws {
        let tidy = try good.validated(today: today)
        #expect(tidy.givenName == "Margaret")
        #expect(tidy.postcode == "LA1 1AA")
        #expect(tidy.nhsNumber == "9434765919")
        var typed = good
        typed.birthDate = "11/2/1948"
        #expect(try typed.validated(today: today).birthDate == "1948-02-11")
    }

    @Test func everyProblemIsNamed() {
        var bad = good
        bad.givenName = ""
        bad.birthDate = "2027-01-01"
        bad.nhsNumber = "943 476 5918"
        bad.phone = nil
        bad.email = nil
        bad.needs = []
        bad.story = ""
        bad.consented = false
        do {
            _ = try bad.validated(today: today)
            Issue.record("should be refused")
        } catch let failure as ValidationFailure {
            #expect(Set(failure.errors.map(\.field)) == ["given_name", "birth_date", "nhs_number", "phone", "needs", "consented"])
        } catch { Issue.record("\(error)") }
        bad = good
        bad.birthDate = "1900-01-01"
        #expect(throws: ValidationFailure.self) { try bad.validated(today: today) }
        bad = good
        bad.preferredContact = .email
        #expect(throws: ValidationFailure.self) { try bad.validated(today: today) }
    }
}

@Suite struct CommunityReferralTests {
    @Test func anOrganisationAnswersOnceThenRecordsAttendance() throws {
        #expect(try CommunityResponse.accept.next(from: .sent) == .accepted)
        #expect(throws: FieldError.self) { try CommunityResponse.accept.next(from: .declined) }
        #expect(try CommunityResponse.decline(.noCapacity, note: nil).next(from: .sent) == .declined)
        #expect(throws: FieldError.self) { try CommunityResponse.decline(.other, note: " ").next(from: .sent) }
        #expect(throws: FieldError.self) { try CommunityResponse.attendance(.attendedFirst).next(from: .sent) }
        #expect(try CommunityResponse.attendance(.attendedFirst).next(from: .accepted) == .attendedFirst)
        #expect(try CommunityResponse.attendance(.attendingRegularly).next(from: .attendedFirst) == .attendingRegularly)
        #expect(throws: FieldError.self) { try CommunityResponse.attendance(.sent).next(from: .accepted) }
    }

    @Test func anUnansweredReferralIsOverdueAfterFourteenDays() {
        let sent = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(!CommunityReferralRules.isOverdue(sentAt: sent, status: .sent, now: sent + 13 * 86_400))
        #expect(CommunityReferralRules.isOverdue(sentAt: sent, status: .sent, now: sent + 14 * 86_400))
        #expect(!CommunityReferralRules.isOverdue(sentAt: sent, status: .accepted, now: sent + 30 * 86_400))
    }
}

@Suite struct WhatMattersTests {
    @Test func atLeastOneAnswerInTheirWords() throws {
        #expect(throws: ValidationFailure.self) { try WhatMatters(goodDay: "  ").validated() }
        let tidy = try WhatMatters(goodDay: " Walking the dog on the prom ", whoMatters: "My granddaughter").validated()
        #expect(tidy.goodDay == "Walking the dog on the prom")
        #expect(throws: ValidationFailure.self) { try WhatMatters(usedToEnjoy: String(repeating: "a", count: 2_001)).validated() }
        // What it points to is optional, kept once each in the order needs are listed; it is not an answer on its own.
        #expect(tidy.needs.isEmpty)
        #expect(try WhatMatters(goodDay: "Out with the dog", needs: [.inactivity, .loneliness, .inactivity]).validated().needs == [.loneliness, .inactivity])
        #expect(throws: ValidationFailure.self) { try WhatMatters(needs: [.loneliness]).validated() }
    }
}

@Suite struct ReferralRoleRulesTests {
    @Test func staffReferOthersAndAResidentOnlyThemselves() {
        #expect(ReferralSource.of([.clinician, .resident]) == .clinician)
        #expect(ReferralSource.of([.teamLead]) == .linkWorker)
        #expect(ReferralSource.of([.organisationMember]) == .organisation)
        #expect(ReferralSource.of([.resident]) == .selfReferral)
    }

    @Test func sayingNoIsThePersonsAndEveryOtherMoveTheLinkWorkers() {
        let access = ReferralAccess(personID: UUID(), assignedTo: nil, referredBy: nil)
        #expect(access.action(movingTo: .declinedByPerson) == .declineOrWithdrawReferral(access))
        #expect(access.action(movingTo: .withdrawnByReferrer) == .declineOrWithdrawReferral(access))
        #expect(access.action(movingTo: .accepted) == .workOnReferral(access))
    }
}
