import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite struct ReferralPagesTests {
    func referral(key: String, _ changes: [(String, String)] = []) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("given_name", "Margaret"), ("family_name", "Hodgson"), ("birth_date", "1948-02-11"), ("postcode", "LA1 1AA"),
            ("nhs_number", "943 476 5919"), ("phone", "01524 123456"), ("preferred_contact", "phone"),
            ("needs[]", "loneliness"), ("needs[]", "bereavement"), ("story", "Lost her husband in spring; not going out."),
            ("must_know", "Has a dog that does not like visitors."), ("consented[]", "yes"), ("gp_sharing", "all"), ("submission_key", key),
        ]
        for (name, value) in changes {
            fields.removeAll { $0.0 == name }
            if !value.isEmpty { fields.append((name, value)) }
        }
        return fields
    }

    @Test func aClinicianRefersInAMinuteAndTheLinkWorkerTakesItOn() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            let form = try await clinician.get(SiteURL.newReferral.path)
            #expect(form.status == .ok && form.text.contains("Refer someone to a link worker"))

            // Slips are named, and nothing is written.
            let bad = try await clinician.post(SiteURL.newReferral.path, referral(key: "k1", [("nhs_number", "943 476 5918"), ("birth_date", "2030-01-01"),
                                                                                              ("consented[]", ""), ("phone", "")]))
            #expect(bad.status == .unprocessableEntity)
            for field in ["nhs_number", "birth_date", "consented", "phone"] { #expect(bad.text.contains("href=\"#\(field)\""), "\(field)") }
            #expect(try await ReferralRecord.query(on: app.db).count() == 0)

            // The same form sent twice makes one referral.
            let sent = try await clinician.post(SiteURL.newReferral.path, referral(key: "k2"))
            #expect(sent.location == "/referrals/made?done=referral-sent", "\(sent.status) \(sent.text.suffix(3000))")
            _ = try await clinician.post(SiteURL.newReferral.path, referral(key: "k2"))
            let referrals = try await ReferralRecord.query(on: app.db).all()
            #expect(referrals.count == 1)
            let id = try #require(referrals.first?.id)
            #expect(try await clinician.get(SiteURL.referralsMade.path).text.contains("Margaret Hodgson"))

            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            let inbox = try await worker.get(SiteURL.referrals.path)
            #expect(inbox.text.contains("Waiting for a link worker (1)") && inbox.text.contains("Margaret Hodgson"))
            let page = try await worker.get(SiteURL.referral(id).path)
            #expect(page.text.contains("Has a dog that does not like visitors.") && page.text.contains("943 476 5919"))

            // A move the lifecycle does not allow is refused, saying what is.
            let refused = try await worker.post(SiteURL.referralMoves(id).path, [("to", "connected")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("It can move to: accepted, not accepted, redirected, declined by the person, withdrawn by the referrer."))

            #expect(try await worker.post(SiteURL.referralMoves(id).path, [("to", "accepted")]).location?.hasPrefix(SiteURL.referral(id).path) == true)
            #expect(try await worker.get(SiteURL.referral(id).path).text.contains("log the contact below: that moves the episode to contacted"))
            #expect(try await worker.post(SiteURL.referralContacts(id).path, [("way", "phone"), ("reached", "yes"), ("minutes", "25"),
                                                                             ("notes", "Would like to try a walking group.")]).location?.contains("done=contacted-now") == true)
            #expect(try await ReferralRecord.find(id, on: app.db)?.currentStage == .contacted)
            let after = try await worker.get(SiteURL.referral(id).path)
            #expect(!after.text.contains("<option value=\"contacted\""))
            #expect(after.text.contains("Referral to social prescribing service (SNOMED CT 871731000000106)"))
            #expect(after.text.contains("Would like to try a walking group."))
            #expect(try await worker.get(SiteURL.referrals.path).text.contains("Your caseload (1)"))

            // A next contact in the past is refused; one today puts them in "Due today".
            let past = try await worker.post(SiteURL.referralContacts(id).path, [("way", "phone"), ("reached", "yes"), ("next_contact_on", "2020-01-01")])
            #expect(past.status == .unprocessableEntity && past.text.contains("href=\"#next_contact_on\""))
            let today = UKDates.isoDay(Date())
            _ = try await worker.post(SiteURL.referralContacts(id).path, [("way", "phone"), ("reached", "yes"), ("next_contact_on", today)])
            let caseload = try await worker.get(SiteURL.referrals.path).text
            #expect(caseload.contains("Due today (1)") && caseload.contains("Overdue (0)") && caseload.contains("This year you have taken on 1"))

            // The clinician sees where it is, but not the link worker's notes.
            let seen = try await clinician.get(SiteURL.referral(id).path)
            #expect(seen.text.contains("Contacted since") && !seen.text.contains("Would like to try a walking group."))
        }
    }

    @Test func nobodyWithoutAReasonSeesAReferral() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            _ = try await clinician.post(SiteURL.newReferral.path, referral(key: "k"))
            let id = try #require(try await ReferralRecord.query(on: app.db).first()?.id)
            for email in ["resident@alongside.example", "organisation@alongside.example", "commissioner@alongside.example",
                          "moderator@alongside.example", "admin@alongside.example"] {
                let other = Browser(app)
                try await other.signIn(email)
                #expect(try await other.get(SiteURL.referral(id).path).status == .forbidden, "\(email)")
                #expect(try await other.post(SiteURL.referralMoves(id).path, [("to", "accepted")]).status == .forbidden, "\(email)")
                #expect(try await other.get(SiteURL.referrals.path).status == .forbidden, "\(email)")
            }
            #expect(try await Browser(app).get(SiteURL.referral(id).path).status == .seeOther)
            #expect(try await ReferralRecord.find(id, on: app.db)?.currentStage == .received)
        }
    }

    @Test func aResidentAsksForALinkWorkerFollowsItAndCanSayNo() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            let form = try await resident.get(SiteURL.newReferral.path)
            #expect(form.text.contains("Ask for a link worker"))
            let sent = try await resident.post(SiteURL.newReferral.path, [
                ("given_name", "Robin"), ("family_name", "Resident"), ("birth_date", "1990-05-01"), ("postcode", "LA1 1AA"),
                ("email", "resident@alongside.example"), ("preferred_contact", "email"), ("needs[]", "inactivity"),
                ("consented[]", "yes"), ("submission_key", "self-1"),
            ])
            #expect(sent.location == "/my-support?done=referral-sent")
            let support = try await resident.get(SiteURL.mySupport.path)
            #expect(support.text.contains("Your referral has arrived and is waiting for a link worker."))
            let id = try #require(try await ReferralRecord.query(on: app.db).first()?.id)
            // Saying no is its own page: what follows, an optional reason, and the days to change one's mind.
            #expect(support.text.contains("href=\"\(SiteURL.referralDecline(id).path)\""))
            let ask = try await resident.get(SiteURL.referralDecline(id).path)
            #expect(ask.status == .ok && ask.text.contains("Are you sure you do not want this support?") && ask.text.contains("I have changed my mind"))
            #expect(ask.text.contains("your GP practice is told"))
            // A press without confirming only brings the page; nothing is written.
            #expect(try await resident.post(SiteURL.referralMoves(id).path, [("to", "declined_by_person")]).location == SiteURL.referralDecline(id).path)
            #expect(try await ReferralRecord.find(id, on: app.db)?.currentStage == .received)
            let declined = try await resident.post(SiteURL.referralMoves(id).path, [("to", "declined_by_person"), ("confirmed", "yes"),
                                                                                    ("reason", "My neighbour has started taking me out")])
            #expect(declined.location == "/my-support?done=referral-declined")
            let after = try await resident.get(SiteURL.mySupport.path).text
            #expect(after.contains("You said you did not want support this time.") && after.contains("I have changed my mind"))
            let episode = try #require(try await Referrals().episode(id, on: app.db))
            #expect(episode.codes.map(\.code) == ["871711000000103"])
            #expect(episode.moves.last?.reason == "My neighbour has started taking me out")

            // They change their mind: back where it was, the decline code taken off.
            #expect(try await resident.post(SiteURL.referralChangeMind(id).path, []).location == "/my-support?done=changed-mind")
            #expect(try await ReferralRecord.find(id, on: app.db)?.currentStage == .received)
            #expect(try await Referrals().episode(id, on: app.db)?.codes.isEmpty == true)
            #expect(try await resident.get(SiteURL.mySupport.path).text.contains("Your referral has arrived and is waiting for a link worker."))
        }
    }
}

@Suite struct CommunityReferralPagesTests {
    @Test func theLinkWorkerConnectsThePersonAndTheOrganisationAnswers() async throws {
        try await withAlongside(demo: true, directory: true, geography: true) { app in
            let member = try #require(try await Accounts().account(email: try EmailAddress("organisation@alongside.example"), on: app.db))
            let org = try #require(try await Accounts().roles(of: member.id!, on: app.db).first?.organisationID)
            let service = try #require(try await Directory().listings(on: app.db).first { $0.organisationID == org && $0.capacity != .full })
            let other = try #require(try await Directory().listings(on: app.db).first { $0.organisationID != org })

            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            _ = try await clinician.post(SiteURL.newReferral.path, ReferralPagesTests().referral(key: "c1"))
            let id = try #require(try await ReferralRecord.query(on: app.db).first()?.id)

            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            // Not before the episode is accepted.
            let early = try await worker.post(SiteURL.referralCommunity(id).path, [("service_id", service.id.uuidString), ("hopes", "Company")])
            #expect(early.status == .unprocessableEntity)
            _ = try await worker.post(SiteURL.referralMoves(id).path, [("to", "accepted")])
            let search = try await worker.get(SiteURL.referralConnect(id).with([("q", service.name)]))
            #expect(search.status == .ok && search.text.contains(service.name))
            let noHopes = try await worker.post(SiteURL.referralCommunity(id).path, [("service_id", service.id.uuidString), ("hopes", "")])
            #expect(noHopes.status == .unprocessableEntity && noHopes.text.contains("Say what the person hopes for"))
            let sent = try await worker.post(SiteURL.referralCommunity(id).path, [("service_id", service.id.uuidString),
                                                                                 ("hopes", "Company on a walk"), ("access_needs", "Walks slowly")])
            #expect(sent.location == SiteURL.referral(id).with([("done", "community-referral-sent")]))

            let organisation = Browser(app)
            try await organisation.signIn("organisation@alongside.example")
            let inbox = try await organisation.get(SiteURL.organisationReferrals.path)
            #expect(inbox.text.contains("Margaret Hodgson") && inbox.text.contains("Company on a walk") && inbox.text.contains("01524 123456"))
            // Only what the organisation needs: not the story, the risks or the NHS number.
            #expect(!inbox.text.contains("Lost her husband") && !inbox.text.contains("dog") && !inbox.text.contains("943 476 5919"))
            let c = try #require(try await CommunityReferralRecord.query(on: app.db).first())
            #expect(try await organisation.post(SiteURL.communityResponse(c.id!).path, [("response", "accept")]).status == .seeOther)
            #expect(try await organisation.post(SiteURL.communityResponse(c.id!).path, [("response", "attendance"), ("attendance", "attended_first")])
                    .status == .seeOther)
            #expect(try await worker.get(SiteURL.referral(id).path).text.contains("went to the first session"))

            // Another organisation's member cannot answer it, and the resident cannot see the inbox.
            _ = other
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            #expect(try await resident.get(SiteURL.organisationReferrals.path).status == .forbidden)
            #expect(try await resident.post(SiteURL.communityResponse(c.id!).path, [("response", "accept")]).status == .forbidden)
        }
    }
}

@Suite struct MySupportTests {
    /// The demo resident, signed in, asks for a link worker; their browser and the request's id.
    static func residentAsks(_ app: Application, key: String) async throws -> (Browser, UUID) {
        let resident = Browser(app)
        try await resident.signIn("resident@alongside.example")
        _ = try await resident.post(SiteURL.newReferral.path, [
            ("given_name", "Robin"), ("family_name", "Resident"), ("birth_date", "1990-05-01"), ("postcode", "LA1 1AA"),
            ("phone", "01524 765432"), ("preferred_contact", "phone"), ("needs[]", "inactivity"), ("consented[]", "yes"), ("submission_key", key),
        ])
        return (resident, try #require(try await ReferralRecord.query(on: app.db).first()?.id))
    }

    /// The person says what a place must have for them on their own open request; it is the record their link worker
    /// matches services against. Nothing starts ticked for them; a value not listed is refused, naming the field; no one
    /// else may say it for them here.
    @Test func thePersonSaysWhatAPlaceMustHaveForThem() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let (resident, id) = try await Self.residentAsks(app, key: "own-access")
            let page = try await resident.get(SiteURL.mySupport.path).text
            #expect(page.contains("What a place must have for you") && page.contains("action=\"\(SiteURL.referralOwnAccessNeeds(id).path)\""))
            #expect(!page.contains("checked"))

            let saved = try await resident.post(SiteURL.referralOwnAccessNeeds(id).path, [("access_needs[]", "step_free"), ("access_needs[]", "quiet_space")])
            #expect(saved.location == SiteURL.mySupport.with([("done", Notice.ownAccessNeedsSaved.rawValue)]))
            #expect(try await ReferralRecord.find(id, on: app.db)?.accessNeedList == [.stepFree, .quietSpace])
            let after = try await resident.get(saved.location ?? "").text
            #expect(after.contains("Your link worker will look for places that have what you need."))
            #expect(after.contains("id=\"access_needs-step_free\"") && after.components(separatedBy: " checked").count - 1 == 2)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.changedReferral.rawValue)
                .filter(\.$detail == "access needs").count() == 1)

            // Not in the list: refused, naming the field, and nothing changed.
            let bad = try await resident.post(SiteURL.referralOwnAccessNeeds(id).path, [("access_needs[]", "lift")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("href=\"#access_needs\"") && bad.text.contains("Choose from the access needs listed"))
            #expect(try await ReferralRecord.find(id, on: app.db)?.accessNeedList == [.stepFree, .quietSpace])

            // None ticked: nothing needed.
            _ = try await resident.post(SiteURL.referralOwnAccessNeeds(id).path, [])
            #expect(try await ReferralRecord.find(id, on: app.db)?.accessNeedList == [])

            // Their link worker may not use the person's own address; they keep it on the episode page.
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            #expect(try await worker.post(SiteURL.referralOwnAccessNeeds(id).path, [("access_needs[]", "step_free")]).status == .forbidden)
        }
    }

    @Test func thePersonSeesTheirLinkWorkerWhenTheyNextSpeakAndWhatTheySaidMatters() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let (resident, id) = try await Self.residentAsks(app, key: "self-2")
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            _ = try await worker.post(SiteURL.referralMoves(id).path, [("to", "accepted")])
            let next = UKDates.isoDay(Date().addingTimeInterval(7 * 86_400))
            _ = try await worker.post(SiteURL.referralContacts(id).path, [("way", "phone"), ("reached", "yes"), ("next_contact_on", next)])
            let empty = try await worker.post(SiteURL.referralWhatMatters(id).path, [("good_day", " ")])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Write down at least one thing the person said"))
            // The form codes nothing for them: what it points to starts unticked.
            let form = try await worker.get(SiteURL.referral(id).path).text
            #expect(form.contains("What this points to, agreed with them (optional)") && !form.contains("name=\"needs[]\" type=\"checkbox\" value=\"inactivity\" checked"))
            let saved = try await worker.post(SiteURL.referralWhatMatters(id).path, [("good_day", "Walking the dog on the prom"),
                                                                                    ("who_matters", "My granddaughter"), ("needs[]", "inactivity")])
            #expect(saved.status == .seeOther)
            #expect(try await Referrals().whatMatters(id, on: app.db)?.needs == [.inactivity])

            // What a place must have for her: none recorded and none ticked until the link worker records it with her.
            let before = try await worker.get(SiteURL.referral(id).path).text
            #expect(before.contains("<dt>A place must have</dt><dd>Nothing recorded</dd>") && !before.contains("value=\"step_free\" checked"))
            let wrong = try await worker.post(SiteURL.referralAccessNeeds(id).path, [("access_needs[]", "step_free"), ("access_needs[]", "a lift")])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("Choose from the access needs listed"))
            #expect(try await ReferralRecord.find(id, on: app.db)?.accessNeedList == [])
            let access = try await worker.post(SiteURL.referralAccessNeeds(id).path, [("access_needs[]", "hearing_loop"), ("access_needs[]", "step_free")])
            #expect(access.status == .seeOther)
            let after = try await worker.get(SiteURL.referral(id).path).text
            #expect(after.contains("<dt>A place must have</dt><dd>Step-free access; Hearing loop</dd>") && after.contains("value=\"step_free\" checked"))
            // The services found for her say whether a place has it, from what the directory lists.
            func place(_ features: [AccessibilityFeature]) -> ListingLocation {
                ListingLocation(id: UUID(), serviceAtLocationID: UUID(), name: "Hall", address: "1 Road", town: "Lancaster", postcode: "LA1 1AA",
                                coordinate: Coordinate(latitude: 54.05, longitude: -2.8), accessibility: features)
            }
            let needed: [AccessibilityFeature] = [.stepFree, .hearingLoop]
            #expect(CommunityPages.accessLine(needed: needed, at: [place([.stepFree]), place([.stepFree, .hearingLoop, .parking])], name: "Robin").html
                    == "<p>Listed as having what Robin needs: step-free access, hearing loop.</p>")
            #expect(CommunityPages.accessLine(needed: needed, at: [place([.stepFree]), place([.hearingLoop])], name: "Robin").html
                    .contains("No one place of this service is listed as having everything Robin needs."))
            #expect(CommunityPages.accessLine(needed: needed, at: [place([.stepFree])], name: "Robin").html
                    .contains("No place of this service is listed as having: hearing loop."))
            #expect(CommunityPages.accessLine(needed: [], at: [place([])], name: "Robin").html.isEmpty)
            // Unticking every box records that she needs nothing.
            #expect(try await worker.post(SiteURL.referralAccessNeeds(id).path, []).status == .seeOther)
            #expect(try await ReferralRecord.find(id, on: app.db)?.accessNeedList == [])
            #expect(try await ReferralRecord.find(id, on: app.db)?.currentStage == .whatMatters)

            let support = try await resident.get(SiteURL.mySupport.path).text
            #expect(support.contains("Your link worker is Priya Lawson."))
            #expect(support.contains("You will next hear from them on \(UKDates.weekdayAndDay(Date().addingTimeInterval(7 * 86_400)))."))
            #expect(support.contains("Walking the dog on the prom") && support.contains("My granddaughter"))
            #expect(support.contains("<dt>What this points to</dt><dd>Physical inactivity</dd>"))
        }
    }
}

@Suite struct TeamLeadTests {
    @Test func theTeamLeadSeesEveryCaseloadAndReassigns() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            _ = try await clinician.post(SiteURL.newReferral.path, ReferralPagesTests().referral(key: "t1"))
            let id = try #require(try await ReferralRecord.query(on: app.db).first()?.id)
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            _ = try await worker.post(SiteURL.referralMoves(id).path, [("to", "accepted")])
            #expect(try await worker.get(SiteURL.team.path).status == .forbidden)
            let priya = try #require(try await ReferralRecord.find(id, on: app.db)?.assignedTo)

            let lead = Browser(app)
            try await lead.signIn("team-lead@alongside.example")
            let team = try await lead.get(SiteURL.team.with([("worker", priya.uuidString.lowercased())]))
            #expect(team.status == .ok && team.text.contains("Priya Lawson&#39;s caseload (1)") && team.text.contains("Margaret Hodgson"))
            let ruth = try #require(try await Referrals().linkWorkers(on: app.db).first { $0.1 == "Ruth Gardner" }?.0)
            let asked = try await lead.post(SiteURL.referralAssign(id).path, [("assign_to", ruth.uuidString.lowercased())])
            #expect(asked.status == .ok && asked.text.contains("Give Margaret Hodgson to Ruth Gardner?"))
            #expect(try await ReferralRecord.find(id, on: app.db)?.assignedTo == priya)
            let moved = try await lead.post(SiteURL.referralAssign(id).path, [("assign_to", ruth.uuidString.lowercased()), ("confirmed", "yes")])
            #expect(moved.status == .seeOther)
            #expect(try await ReferralRecord.find(id, on: app.db)?.assignedTo == ruth)
            #expect(try await worker.get(SiteURL.referral(id).path).status == .forbidden)
            #expect(try await worker.post(SiteURL.referralAssign(id).path, [("assign_to", priya.uuidString.lowercased())]).status == .forbidden)
        }
    }

    @Test func theTeamLeadGivesOutWaitingReferralsOldestFirstSeeingEachCaseloadSize() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let clinician = Browser(app)
            try await clinician.signIn("clinician@alongside.example")
            _ = try await clinician.post(SiteURL.newReferral.path, ReferralPagesTests().referral(key: "q1"))
            let id = try #require(try await ReferralRecord.query(on: app.db).first()?.id)
            let lead = Browser(app)
            try await lead.signIn("team-lead@alongside.example")
            let queue = try await lead.get(SiteURL.team.path).text
            #expect(queue.contains("Waiting for a link worker (1)") && queue.contains("Margaret Hodgson"))
            #expect(queue.contains("Ruth Gardner (0 open, 0 overdue)") && queue.contains("<option value=\"\">Choose a link worker</option>"))
            #expect(queue.contains("<th scope=\"col\">Overdue a contact</th>"))
            let ruth = try #require(try await Referrals().linkWorkers(on: app.db).first { $0.1 == "Ruth Gardner" }?.0)
            let asked = try await lead.post(SiteURL.referralAssign(id).path, [("assign_to", ruth.uuidString.lowercased())])
            #expect(asked.text.contains("Give Margaret Hodgson to Ruth Gardner?") && asked.text.contains("it leaves the waiting list"))
            _ = try await lead.post(SiteURL.referralAssign(id).path, [("assign_to", ruth.uuidString.lowercased()), ("confirmed", "yes")])
            #expect(try await ReferralRecord.find(id, on: app.db)?.assignedTo == ruth)
            let after = try await lead.get(SiteURL.team.path).text
            #expect(after.contains("Waiting for a link worker (0)") && after.contains(">Ruth Gardner</a></td><td>1</td><td>0</td><td>0</td>"))
        }
    }
}
