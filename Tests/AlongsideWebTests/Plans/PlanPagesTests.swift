import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct PlanPagesTests {
    static func residentID(_ app: Application) async throws -> UUID {
        let account = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == "resident@alongside.example").first())
        return account.$person.id
    }

    /// The resident asks for a link worker and the demo link worker takes them on.
    static func onCaseload(_ app: Application) async throws -> (resident: Browser, worker: Browser, person: UUID) {
        let resident = Browser(app)
        try await resident.signIn("resident@alongside.example")
        let asked = try await resident.post(SiteURL.newReferral.path, [("phone", "01524 765432"), ("preferred_contact", "phone"), ("needs[]", "loneliness"),
                                                                       ("story", "Quiet since moving."), ("consented[]", "yes"), ("submission_key", "plan-\(UUID())"),
                                                                       ("given_name", "Sam"), ("family_name", "Resident"), ("birth_date", "1960-04-01"),
                                                                       ("postcode", "LA1 1AA")])
        #expect(asked.status == .seeOther, "\(asked.text.suffix(2000))")
        let person = try await residentID(app)
        let referral = try #require(try await ReferralRecord.query(on: app.db).filter(\.$personID == person).first())
        let worker = Browser(app)
        try await worker.signIn("link-worker@alongside.example")
        _ = try await worker.post(SiteURL.referralMoves(referral.id!).path, [("to", "accepted")])
        return (resident, worker, person)
    }

    @Test func thePersonWritesTheirPlanAndEveryVersionIsKept() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let person = try await Self.residentID(app)
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            let empty = try await resident.get(SiteURL.plan(person).path)
            #expect(empty.status == .ok && empty.heading == "My plan" && empty.text.contains("You have not made a plan yet"))

            // Slips are named at the field, and nothing is saved.
            let bad = try await resident.post(SiteURL.planEdit(person).path, [
                ("version", "0"), ("what_matters", "My grandchildren"), ("goal-0-words", " "), ("goal-0-category", "activity"),
                ("goal-0-step-0-what", "Walk to the park"), ("goal-0-step-0-who", ""), ("review_on", "2020-01-01"),
            ])
            #expect(bad.status == .unprocessableEntity)
            for field in ["goal-0-words", "goal-0-step-0-who", "review_on"] { #expect(bad.text.contains("href=\"#\(field)\""), "\(field)") }
            #expect(bad.text.contains("Step 1 of goal 1 needs someone who does it (it can be you)"))
            #expect(try await PlanVersionRecord.query(on: app.db).count() == 0)

            let review = UKDates.isoDay(Date().addingTimeInterval(60 * 86_400))
            let saved = try await resident.post(SiteURL.planEdit(person).path, [
                ("version", "0"), ("what_matters", "My grandchildren"), ("strengths", "I like people"), ("goal-0-words", "Walk to the park and back"),
                ("goal-0-category", "activity"), ("goal-0-progress", "2"), ("goal-0-step-0-what", "Walk to the corner"), ("goal-0-step-0-who", "Me and Ann"),
                ("goal-1-words", ""), ("review_on", review),
            ])
            #expect(saved.location == SiteURL.plan(person).with([("done", Notice.firstPlanSaved.rawValue)]), "\(saved.text.suffix(1500))")
            let plan = try await resident.get(SiteURL.plan(person).path).text
            #expect(plan.contains("Goal 1: Walk to the park and back") && plan.contains("Me and Ann") && plan.contains("2 out of 10"))

            // The person changes a goal; their link worker sees the same plan with both versions.
            let goalID = try #require(try await Plans().plan(of: person, on: app.db).plan.goals.first?.id)
            _ = try await resident.post(SiteURL.planEdit(person).path, [
                ("version", "1"), ("what_matters", "My grandchildren"), ("strengths", "I like people"), ("goal-0-id", goalID.uuidString),
                ("goal-0-words", "Walk to the park and back every day"), ("goal-0-category", "activity"), ("goal-0-progress", "4"),
                ("goal-0-step-0-what", "Walk to the corner"), ("goal-0-step-0-who", "Me and Ann"), ("review_on", review),
            ])
            // A save from a page opened before that one is refused, not lost silently.
            let stale = try await resident.post(SiteURL.planEdit(person).path, [("version", "1"), ("what_matters", "Something else")])
            #expect(stale.status == .conflict && stale.text.contains("Someone else saved this plan"))
            let history = try await resident.get(SiteURL.planHistory(person).path).text
            #expect(history.contains("plan started") && history.contains("goal 1; progress on goal 1"))
            #expect(try await Plans().plan(of: person, on: app.db).plan.goals.first?.words == "Walk to the park and back every day")
            // Goal progress over the plan's versions shows beside the measures.
            let measures = try await resident.get(SiteURL.measures(person).path).text
            #expect(measures.contains("Goal 1 went from 2 to 4 out of 10.") && measures.contains("How far along each goal is, over time"))
        }
    }

    @Test func onlyThoseWithAReasonSeeThePlanAndMeasuresAndEveryReadIsAudited() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let person = try await Self.residentID(app)
            let paths = [SiteURL.plan(person).path, SiteURL.measures(person).path, SiteURL.caring(person).path, SiteURL.contingency(person).path]
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            for path in paths { #expect(try await worker.get(path).status == .forbidden, "\(path) before the person is on their caseload") }

            let (_, caseWorker, _) = try await Self.onCaseload(app)
            for path in paths { #expect(try await caseWorker.get(path).status == .ok, "\(path) on the caseload") }
            #expect(try await caseWorker.get(SiteURL.newMeasure(person).with([("instrument", "swemwbs")])).status == .ok)
            for email in ["clinician@alongside.example", "organisation@alongside.example", "commissioner@alongside.example",
                          "moderator@alongside.example", "admin@alongside.example"] {
                let other = Browser(app)
                try await other.signIn(email)
                for path in paths { #expect(try await other.get(path).status == .forbidden, "\(email) \(path)") }
                #expect(try await other.post(SiteURL.measures(person).path, [("instrument", "ons4")]).status == .forbidden, "\(email)")
            }
            let reads = try await AuditEventRecord.query(on: app.db).filter(\.$subjectPersonID == person)
                .filter(\.$action ~~ [AuditAction.viewedPlan.rawValue, AuditAction.viewedMeasures.rawValue, AuditAction.viewedCarers.rawValue]).count()
            #expect(reads == 4)
            // Nobody else may choose who sees the person's plan.
            #expect(try await caseWorker.post(SiteURL.planSharing(person).path, [("share_gp", "yes")]).status == .forbidden)
        }
    }

    @Test func measuresAreScoredAsPublishedAndTheChangeIsSaidPlainly() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let person = try await Self.residentID(app)
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            func swemwbs(_ answers: [String]) -> [(String, String)] {
                [("instrument", "swemwbs")] + answers.enumerated().map { ("swemwbs-\($0.offset + 1)", $0.element) }
            }
            let form = try await resident.get(SiteURL.newMeasure(person).with([("instrument", "swemwbs")]))
            #expect(form.text.contains("I&#39;ve been feeling optimistic about the future"))
            #expect(try await resident.get(SiteURL.newMeasure(person).with([("instrument", "phq9")])).status == .notFound)

            let unanswered = try await resident.post(SiteURL.measures(person).path, swemwbs(["3", "3", "", "3", "3", "3", "4"]))
            #expect(unanswered.status == .unprocessableEntity && unanswered.text.contains("href=\"#swemwbs-3\""))
            #expect(unanswered.text.contains("Answer question 3, or choose"))
            #expect(try await MeasureRecord.query(on: app.db).count() == 0)

            _ = try await resident.post(SiteURL.measures(person).path, swemwbs(["3", "3", "3", "3", "3", "3", "4"]))
            _ = try await resident.post(SiteURL.measures(person).path, swemwbs(["4", "4", "4", "4", "3", "4", "3"]))
            _ = try await resident.post(SiteURL.measures(person).path, [("instrument", "ons4"), ("ons4-life-satisfaction", "7"), ("ons4-worthwhile", "8"),
                                                                        ("ons4-happiness", "5"), ("ons4-anxiety", "6")])
            let page = try await resident.get(SiteURL.measures(person).path).text
            #expect(page.contains("Your wellbeing score went from 19.98 to 23.21 — a meaningful improvement."))
            #expect(page.contains("<svg") && page.contains("Wellbeing score over time") && page.contains("Wellbeing score 23.21 (raw 26 of 35)"))
            #expect(page.contains("Anxiety yesterday 6 (high)") && page.contains("Life satisfaction 7 (high)"))

            // "Prefer not to answer" keeps the answers and says plainly there is no score.
            _ = try await resident.post(SiteURL.measures(person).path, swemwbs(["4", "4", "skip", "4", "3", "4", "3"]))
            let after = try await resident.get(SiteURL.measures(person).path).text
            #expect(after.contains("No wellbeing score: question 3 was not answered, and SWEMWBS is only scored with all seven."))
            let stored = try await MeasureRecord.query(on: app.db).filter(\.$instrument == "swemwbs").sort(\.$takenAt).all().last
            #expect(stored?.answers == "4,4,,4,3,4,3" && stored?.metric == nil)
        }
    }

    @Test func aCarerRecordsWhomTheyLookAfterAndWritesAContingencyPlan() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let person = try await Self.residentID(app)
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            let bad = try await resident.post(SiteURL.caringLinks(person).path, [("cared_for_name", ""), ("relationship", "aunt"), ("hours_per_week", "lots")])
            #expect(bad.status == .unprocessableEntity)
            for field in ["cared_for_name", "relationship", "hours_per_week"] { #expect(bad.text.contains("href=\"#\(field)\""), "\(field)") }
            let selfLink = try await resident.post(SiteURL.caringLinks(person).path, [("cared_for_name", "Me"), ("relationship", "other"),
                                                                                      ("cares_for_email", "resident@alongside.example")])
            #expect(selfLink.status == .unprocessableEntity && selfLink.text.contains("You cannot be linked as your own carer"))

            let saved = try await resident.post(SiteURL.caringLinks(person).path, [("cared_for_name", "Mum"), ("relationship", "parent"),
                                                                                   ("what_i_care_with", "Shopping and medicines"), ("hours_per_week", "20")])
            #expect(saved.location == SiteURL.caring(person).with([("done", Notice.caringSaved.rawValue)]))
            let caring = try await resident.get(SiteURL.caring(person).path).text
            #expect(caring.contains("Mum") && caring.contains("Shopping and medicines; about 20 hours a week") && caring.contains("Write a contingency plan"))

            let noOne = try await resident.post(SiteURL.contingencyEdit(person).path, [("who_steps_in", " "), ("medicines", "Inhaler twice a day")])
            #expect(noOne.status == .unprocessableEntity && noOne.text.contains("href=\"#who_steps_in\""))
            _ = try await resident.post(SiteURL.contingencyEdit(person).path, [("who_steps_in", "My brother Tom"), ("how_to_reach_them", "07700 900123"),
                                                                              ("medicines", "Inhaler twice a day")])
            let plan = try await resident.get(SiteURL.contingency(person).path).text
            #expect(plan.contains("My brother Tom") && plan.contains("For the care of Mum (parent)"))
            #expect(try await PersonRecord.find(person, on: app.db)?.isCarer == true)

            // Everything held is in the download; closing the account erases it.
            _ = try await resident.post(SiteURL.measures(person).path, [("instrument", "ons4"), ("ons4-life-satisfaction", "7"), ("ons4-worthwhile", "8"),
                                                                        ("ons4-happiness", "5"), ("ons4-anxiety", "6")])
            _ = try await resident.post(SiteURL.planEdit(person).path, [("version", "0"), ("what_matters", "My garden"), ("goal-0-words", "Grow tomatoes")])
            let json = try JSONSerialization.jsonObject(with: Data(buffer: try await resident.get(SiteURL.myData.path).body)) as! [String: Any]
            #expect((json["plan"] as? [String: Any])?["what_matters"] as? String == "My garden")
            #expect((json["measures"] as? [[String: Any]])?.first?["answers"] as? [Int] == [7, 8, 5, 6])
            #expect((json["carer_links"] as? [[String: Any]])?.first?["name"] as? String == "Mum")
            #expect((json["contingency_plan"] as? [String: Any])?["who_steps_in"] as? String == "My brother Tom")
            #expect(try await resident.post(SiteURL.closeAccount.path, [("password", DemoLoader.password)]).status == .seeOther)
            #expect(try await PlanRecord.query(on: app.db).filter(\.$personID == person).count() == 0)
            #expect(try await MeasureRecord.query(on: app.db).filter(\.$personID == person).count() == 0)
            #expect(try await CarerLinkRecord.query(on: app.db).filter(\.$carerID == person).count() == 0)
            #expect(try await ContingencyPlanRecord.query(on: app.db).filter(\.$carerID == person).count() == 0)
        }
    }

    @Test func aLinkBetweenTwoUsersNeedsBothAndSharingFollowsIt() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let (resident, _, person) = try await Self.onCaseload(app)
            // The demo clinician plays a relative who also uses Alongside: with no link, the plan is closed to them.
            let carer = Browser(app)
            try await carer.signIn("clinician@alongside.example")
            #expect(try await carer.get(SiteURL.plan(person).path).status == .forbidden)

            // They record that they care for the resident; the resident must agree.
            let clinician = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == "clinician@alongside.example").first())
            let asked = try await carer.post(SiteURL.caringLinks(clinician.$person.id).path, [("cared_for_name", "Sam"), ("relationship", "parent"),
                                                                                               ("cares_for_email", "resident@alongside.example")])
            #expect(asked.status == .seeOther)
            let link = try #require(try await CarerLinkRecord.query(on: app.db).filter(\.$caredForID == person).first())
            #expect(!link.isAgreed)
            // Sharing with a carer who has not been agreed is refused.
            #expect(try await resident.post(SiteURL.planSharing(person).path, [("carers[]", clinician.$person.id.uuidString)]).status == .unprocessableEntity)
            let page = try await resident.get(SiteURL.caring(person).path).text
            #expect(page.contains("waiting for you to agree"))
            _ = try await resident.post(SiteURL.caringAgree(link.id!).path, [])
            _ = try await resident.post(SiteURL.planSharing(person).path, [("carers[]", clinician.$person.id.uuidString)])
            #expect(try await carer.get(SiteURL.plan(person).path).status == .ok)
            #expect(try await carer.get(SiteURL.caring(clinician.$person.id).path).text.contains("href=\"\(SiteURL.plan(person).path)\""))
            #expect(try await carer.post(SiteURL.planEdit(person).path, [("version", "0"), ("what_matters", "x")]).status == .forbidden)

            // Ending the link closes the plan to them again.
            // Ending asks first, saying what follows; only the confirmed press ends it.
            let ending = try await resident.post(SiteURL.caringEnd(link.id!).path, [])
            #expect(ending.status == .ok && ending.text.contains("End the link with") && ending.text.contains("name=\"confirmed\" value=\"yes\""))
            #expect(try await carer.get(SiteURL.plan(person).path).status == .ok)
            _ = try await resident.post(SiteURL.caringEnd(link.id!).path, [("confirmed", "yes")])
            #expect(try await carer.get(SiteURL.plan(person).path).status == .forbidden)
        }
    }

    @Test func theCaseloadShowsMeasuresAndCarersAtAGlance() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let (resident, worker, person) = try await Self.onCaseload(app)
            let before = try await worker.get(SiteURL.referrals.path).text
            #expect(before.contains("No baseline yet (1)") && !before.contains(">Carer<"))

            // The link worker records a baseline with the person; the person says they look after their mother.
            let answers = [("instrument", "swemwbs")] + (1...7).map { ("swemwbs-\($0)", "4") }
            #expect(try await worker.post(SiteURL.measures(person).path, answers).status == .seeOther)
            _ = try await resident.post(SiteURL.caringLinks(person).path, [("cared_for_name", "Mum"), ("relationship", "parent")])
            let after = try await worker.get(SiteURL.referrals.path).text
            #expect(after.contains("No baseline yet (0)") && after.contains(">Carer<"))
            let referral = try #require(try await ReferralRecord.query(on: app.db).filter(\.$personID == person).first())
            let episode = try await worker.get(SiteURL.referral(referral.id!).path).text
            #expect(episode.contains("Looks after their parent") && episode.contains(SiteURL.plan(person).path))
            let measures = try await resident.get(SiteURL.measures(person).path).text
            #expect(measures.contains("Wellbeing score 25.03 (raw 28 of 35)"))
        }
    }

    @Test func anOrganisationSeesThePlanOnlyWhenThePersonSharesItWithThem() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let (resident, worker, person) = try await Self.onCaseload(app)
            let memberAccount = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == "organisation@alongside.example").first())
            let organisation = try #require(try await Accounts().roles(of: memberAccount.id!, on: app.db).compactMap(\.organisationID).first)
            let service = ServiceListing(id: UUID(), organisationID: organisation, organisationName: "Their group", name: "Tuesday walk", description: "A walk.",
                                         phone: "01524 000000", schedules: [], lastModified: Date(), lastChecked: Date())
            try await Directory().save(service, on: app.db)
            let referral = try #require(try await ReferralRecord.query(on: app.db).filter(\.$personID == person).first())
            let sent = try await worker.post(SiteURL.referralCommunity(referral.id!).path, [("service_id", service.id.uuidString), ("hopes", "Company"),
                                                                                             ("confirm_full[]", "yes")])
            #expect(sent.status == .seeOther, "\(sent.text.suffix(1500))")
            let member = Browser(app)
            try await member.signIn("organisation@alongside.example")
            #expect(try await member.get(SiteURL.plan(person).path).status == .forbidden)
            #expect(!(try await member.get(SiteURL.organisationReferrals.path).text.contains(SiteURL.plan(person).path)))

            // The person can choose the organisation they were referred to; then, and only then, its members see the plan.
            let plan = try await resident.get(SiteURL.plan(person).path).text
            #expect(plan.contains("value=\"\(organisation.uuidString.lowercased())\""))
            _ = try await resident.post(SiteURL.planSharing(person).path, [("organisations[]", organisation.uuidString.lowercased())])
            #expect(try await member.get(SiteURL.organisationReferrals.path).text.contains(SiteURL.plan(person).path))
            #expect(try await member.get(SiteURL.plan(person).path).status == .ok)
            #expect(try await member.get(SiteURL.measures(person).path).status == .ok)
            #expect(try await member.post(SiteURL.planEdit(person).path, [("version", "0")]).status == .forbidden)
            _ = try await resident.post(SiteURL.planSharing(person).path, [])
            #expect(try await member.get(SiteURL.plan(person).path).status == .forbidden)
        }
    }

    @Test func aPersonAddsAServiceFromTheDirectoryToTheirPlan() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let person = try await Self.residentID(app)
            let organisation = try #require(try await OrganisationRecord.query(on: app.db).first())
            let service = ServiceListing(id: UUID(), organisationID: organisation.id!, organisationName: organisation.name, name: "Knit and natter",
                                         description: "Bring your knitting.", phone: "01524 000000", schedules: [], lastModified: Date(), lastChecked: Date())
            try await Directory().save(service, on: app.db)
            let resident = Browser(app)
            try await resident.signIn("resident@alongside.example")
            let page = try await resident.get(SiteURL.service(service.id).path).text
            #expect(page.contains("Add to my plan"))
            let added = try await resident.post(SiteURL.planServices(person).path, [("service_id", service.id.uuidString), ("back", "service")])
            #expect(added.location == SiteURL.service(service.id).with([("done", Notice.addedToPlan.rawValue)]))
            #expect(try await resident.get(SiteURL.service(service.id).path).text.contains("This is in <a href=\"\(SiteURL.plan(person).path)\">your plan</a>"))
            let plan = try await resident.get(SiteURL.plan(person).path).text
            #expect(plan.contains("Knit and natter") && plan.contains("chosen from the directory"))
            // The organisation running it can now be chosen to see the plan.
            #expect(plan.contains("value=\"\(organisation.id!.uuidString.lowercased())\""))
            #expect(try await resident.get(SiteURL.planHistory(person).path).text.contains("plan started"))

            // Someone without a reason cannot add to it; an unknown service is named.
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            #expect(try await worker.post(SiteURL.planServices(person).path, [("service_id", service.id.uuidString)]).status == .forbidden)
            #expect(try await resident.post(SiteURL.planServices(person).path, [("service_id", UUID().uuidString)]).status == .notFound)

            _ = try await resident.post(SiteURL.planServices(person).path, [("service_id", service.id.uuidString), ("remove", "yes")])
            #expect(try await Plans().plan(of: person, on: app.db).plan.services.isEmpty)
            #expect(try await resident.get(SiteURL.planHistory(person).path).text.contains("services chosen"))
        }
    }

    @Test func aYoungCarerIsFlaggedWhereverStaffLook() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let born = UKDates.isoDay(Calendar.ukCivil.date(byAdding: .year, value: -16, to: Date())!)
            _ = try await Browser(app).post(SiteURL.askForLinkWorker.path, SelfReferralTests().publicForm(key: "young", [("birth_date", born)]))
            let referral = try #require(try await ReferralRecord.query(on: app.db).first())
            let worker = Browser(app)
            try await worker.signIn("link-worker@alongside.example")
            _ = try await worker.post(SiteURL.referralMoves(referral.id!).path, [("to", "accepted")])
            // The link worker records what the young person told them.
            let recorded = try await worker.post(SiteURL.caringLinks(referral.personID).path, [("cared_for_name", "Mum"), ("relationship", "parent"),
                                                                                                 ("what_i_care_with", "Everything after school")])
            #expect(recorded.status == .seeOther)
            #expect(try await worker.get(SiteURL.referrals.path).text.contains(">Young carer<"))
            #expect(try await worker.get(SiteURL.referral(referral.id!).path).text.contains("Looks after their parent — a young carer (under 18)"))
            #expect(try await worker.get(SiteURL.caring(referral.personID).path).text.contains("is under 18 and looks after someone"))
        }
    }
}
