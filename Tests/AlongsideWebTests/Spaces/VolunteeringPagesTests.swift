import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct VolunteeringPagesTests {
    @Test func anOrganisationPostsARoleTakesSomeoneOnAndConfirmsTheirHours() async throws {
        try await withAlongside(demo: true) { app in
            let organisation = Browser(app), resident = Browser(app)
            try await organisation.signIn(DemoLoader.email(for: .organisationMember))
            try await resident.signIn(DemoLoader.email(for: .resident))

            let bad = try await organisation.post(VolunteeringURL.newRole.path, [("title", ""), ("places", "0")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Enter the role&#39;s title", "Say whether the role needs a DBS check", "Enter how many volunteers you need, from 1 to 500",
                            "Say whether confirmed hours earn time bank credit"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await organisation.post(VolunteeringURL.newRole.path, [("title", "Walk leader"), ("involves", "Leading a weekly walk"), ("when", "Tuesdays 10:00"),
                                                                              ("place", "Morecambe prom"), ("access", "Flat, step-free"), ("dbs", "no"),
                                                                              ("places", "1"), ("credit", "no")]).status == .seeOther)
            let role = try #require(try await VolunteerRoleRecord.query(on: app.db).first()).id!
            #expect(try await Browser(app).get(VolunteeringURL.roles.path).text.contains("Walk leader"))
            #expect(try await resident.post(VolunteeringURL.interest(role).path, []).status == .seeOther)
            // Not taken on yet: hours cannot be logged.
            #expect(try await resident.post(VolunteeringURL.hours(role).path, [("day", "2026-11-24"), ("minutes", "90"), ("note", "Led the walk")]).status == .unprocessableEntity)
            let volunteer = try #require(try await VolunteerRecord.query(on: app.db).first()).id!
            let other = Browser(app)
            try await other.signIn(DemoLoader.email(for: .clinician))
            #expect(try await other.post(VolunteeringURL.decision(volunteer).path, [("accept", "yes")]).status == .forbidden)
            #expect(try await organisation.post(VolunteeringURL.decision(volunteer).path, [("accept", "yes")]).status == .seeOther)

            let future = try await resident.post(VolunteeringURL.hours(role).path, [("day", "2099-01-01"), ("minutes", "1.5"), ("note", "")])
            #expect(future.status == .unprocessableEntity && future.text.contains("not before") && future.text.contains("whole minutes"))
            #expect(try await resident.post(VolunteeringURL.hours(role).path, [("day", UKDates.isoDay(Date())), ("minutes", "90"), ("note", "Led the walk")]).status == .seeOther)
            #expect(try await Browser(app).get(VolunteeringURL.record.path).status == .seeOther)
            #expect(try await resident.get(VolunteeringURL.record.path).text.contains("No hours have been confirmed yet."))
            let hours = try #require(try await VolunteerHoursRecord.query(on: app.db).first()).id!
            #expect(try await other.post(VolunteeringURL.hoursDecision(hours).path, [("confirm", "yes")]).status == .notFound)
            #expect(try await organisation.post(VolunteeringURL.hoursDecision(hours).path, [("confirm", "yes")]).status == .seeOther)
            // Each time the organisation's page shows a volunteer's details, it is in their access history.
            let me = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == DemoLoader.email(for: .resident)).first()).$person.id
            let seen = try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.viewedVolunteering.rawValue).filter(\.$subjectPersonID == me).count()
            #expect(try await organisation.get(VolunteeringURL.organisation.path).status == .ok)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.viewedVolunteering.rawValue).filter(\.$subjectPersonID == me).count() == seen + 1)
            let record = try await resident.get(VolunteeringURL.record.path)
            #expect(record.text.contains("1 hour 30 minutes of volunteering confirmed") && record.text.contains("Walk leader"))
            let api = try await ReferralAPITests().send(app, .GET, VolunteeringURL.apiRecord.path, token: try await ReferralAPITests().token(app, DemoLoader.email(for: .resident)))
            #expect(api.status == .ok && api.body.string.contains("\"minutes\":90"))
        }
    }

    @Test func confirmedHoursOnARoleThatEarnsCreditAreGivenFromTheFundToMembersOnly() async throws {
        try await withAlongside(demo: true) { app in
            let organisation = try #require(try await RoleGrantRecord.query(on: app.db).filter(\.$role == Role.organisationMember.rawValue).first()).$organisation.id!
            let coordinator = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == DemoLoader.email(for: .coordinator)).first()).$person.id
            var people: [UUID] = []
            for name in ["Ada", "Bo", "Cy"] {
                let p = PersonRecord(givenName: name, familyName: "Volunteer", postcode: "LA1 1AA", createdAt: Date())
                try await p.create(on: app.db)
                people.append(p.id!)
            }
            // Ada and Bo are members; Bo gives 90 minutes to the fund. Cy is not a member.
            for member in people.prefix(2) { try await TimeBank().approve(person: member, by: coordinator, now: Date(), on: app.db) }
            try await TimeBank().donate(91, from: people[1], note: "for volunteers", now: Date(), on: app.db)
            let role = try await Volunteering().post(VolunteerRoleDraft(title: "Meal helper", involves: "Cooking", when: "Fridays", place: "Centre", access: "Step-free",
                                                                        needsDBS: false, places: 5, earnsTimeCredit: true), for: organisation, now: Date(), on: app.db)
            var hours: [UUID] = []
            for (person, minutes) in zip(people, [90, 60, 30]) {
                try await Volunteering().interested(in: role, person: person, now: Date(), on: app.db)
                let v = try #require(try await VolunteerRecord.query(on: app.db).filter(\.$personID == person).first()).id!
                try await Volunteering().decide(v, accept: true, now: Date(), on: app.db)
                hours.append(try await Volunteering().log(VolunteerHoursDraft(day: UKDates.isoDay(Date()), minutes: minutes, note: "Cooked"), role: role, person: person,
                                                          now: Date(), on: app.db))
            }
            let fund = try await TimeBank().balance(of: TimeBankLedger.fund, on: app.db)
            #expect(fund == 91)
            let before = try await TimeBank().balance(of: people[0], on: app.db)
            #expect(try await Volunteering().confirm(hours: hours[0], confirmed: true, organisationAllowed: { _ in true }, now: Date(), on: app.db) == .given(minutes: 90))
            #expect(try await TimeBank().balance(of: people[0], on: app.db) == before + 90)
            #expect(try await TimeBank().balance(of: TimeBankLedger.fund, on: app.db) == 1)
            // The fund holds one minute: Bo's hour is confirmed, no credit given, nothing else written.
            let transfers = try await TransferRecord.query(on: app.db).count()
            #expect(try await Volunteering().confirm(hours: hours[1], confirmed: true, organisationAllowed: { _ in true }, now: Date(), on: app.db) == .notGiven(.fundShort))
            #expect(try await TransferRecord.query(on: app.db).count() == transfers)
            #expect(try await VolunteerHoursRecord.find(hours[1], on: app.db)?.status == "confirmed")
            #expect(try await Volunteering().confirm(hours: hours[2], confirmed: true, organisationAllowed: { _ in true }, now: Date(), on: app.db) == .notGiven(.notAMember))
            let ada = try await Volunteering().mine(people[0], on: app.db)
            #expect(ada.first?.hours.first?.credited == true)
        }
    }

    @Test func theAPISaysInterestAndLogsHours() async throws {
        try await withAlongside(demo: true) { app in
            let api = ReferralAPITests()
            let organisation = try #require(try await RoleGrantRecord.query(on: app.db).filter(\.$role == Role.organisationMember.rawValue).first()).$organisation.id!
            let role = try await Volunteering().post(VolunteerRoleDraft(title: "Walk leader", involves: "Walks", when: "Tuesdays", place: "Prom", access: "Flat",
                                                                        needsDBS: false, places: 2), for: organisation, now: Date(), on: app.db)
            let token = try await api.token(app, DemoLoader.email(for: .resident))
            let interest = try await api.send(app, .POST, VolunteeringURL.apiInterest(role).path, token: token, json: "{}")
            #expect(interest.status == .created && interest.body.string.contains("\"status\":\"interested\""))
            #expect(try await api.send(app, .POST, VolunteeringURL.apiInterest(UUID()).path, token: token, json: "{}").status == .notFound)
            let early = try await api.send(app, .POST, VolunteeringURL.apiHours(role).path, token: token,
                                           json: #"{"day": "\#(UKDates.isoDay(Date()))", "minutes": 60, "note": "Led the walk"}"#)
            #expect(early.status == .conflict)
            let me = try #require(try await AccountRecord.query(on: app.db).filter(\.$email == DemoLoader.email(for: .resident)).first()).$person.id
            let v = try #require(try await VolunteerRecord.query(on: app.db).filter(\.$personID == me).filter(\.$roleID == role).first()).id!
            try await Volunteering().decide(v, accept: true, now: Date(), on: app.db)
            let bad = try await api.send(app, .POST, VolunteeringURL.apiHours(role).path, token: token, json: #"{"day": "2099-01-01", "minutes": 0, "note": ""}"#)
            #expect(bad.status == .unprocessableEntity)
            let logged = try await api.send(app, .POST, VolunteeringURL.apiHours(role).path, token: token,
                                            json: #"{"day": "\#(UKDates.isoDay(Date()))", "minutes": 60, "note": "Led the walk"}"#)
            #expect(logged.status == .created && logged.body.string.contains("\"status\":\"logged\"") && logged.body.string.contains("\"minutes\":60"))
            #expect(try await VolunteerHoursRecord.query(on: app.db).filter(\.$volunteerID == v).count() == 1)
        }
    }
}
