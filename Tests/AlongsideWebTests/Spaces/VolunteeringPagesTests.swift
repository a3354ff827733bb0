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
            for message in ["Enter the role&#39;s title", "Say whether the role needs a DBS check", "Enter how many volunteers you need, from 1 to 500"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await organisation.post(VolunteeringURL.newRole.path, [("title", "Walk leader"), ("involves", "Leading a weekly walk"), ("when", "Tuesdays 10:00"),
                                                                              ("place", "Morecambe prom"), ("access", "Flat, step-free"), ("dbs", "no"),
                                                                              ("places", "1")]).status == .seeOther)
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
}
