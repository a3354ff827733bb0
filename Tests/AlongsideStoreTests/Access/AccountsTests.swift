import AlongsideCore
import AlongsideStore
import AlongsideTestSupport
import FluentKit
import Foundation
import Testing

@Suite struct AccountsTests {
    let accounts = Accounts()

    func resident(_ email: String = "jo@example.org") throws -> NewResident {
        NewResident(givenName: "Jo", familyName: "Bloggs", email: try EmailAddress(email), postcode: "LA1 1AA")
    }

    @Test func registeringMakesAPersonAnAccountAResidentRoleAndAnAuditRow() async throws {
        try await withStore { db in
            let account = try await accounts.createResident(try resident(), passwordHash: "$2b$hash", now: testNow, channel: "POST /register", on: db)
            let actor = try await accounts.actor(for: account, on: db)
            #expect(actor.roles == [.resident])
            let events = try await AuditLog().events(about: account.$person.id, on: db)
            #expect(events.map(\.action) == [.createdAccount])
        }
    }

    @Test func aSecondAccountWithTheSameEmailIsRefusedAndNothingIsHalfWritten() async throws {
        try await withStore { db in
            _ = try await accounts.createResident(try resident(), passwordHash: "h", now: testNow, channel: "c", on: db)
            await #expect(throws: FieldError.self) {
                _ = try await accounts.createResident(try resident("JO@example.org"), passwordHash: "h", now: testNow, channel: "c", on: db)
            }
            #expect(try await PersonRecord.query(on: db).count() == 1)
        }
    }

    @Test func anInvitationWorksOnceAndGivesItsRoles() async throws {
        try await withStore { db in
            let org = OrganisationRecord(name: "Bay Walkers", description: "Walks", postcode: nil, createdAt: testNow)
            try await org.create(on: db)
            let email = try EmailAddress("lw@example.org")
            try await accounts.invite(email: email, roles: [.linkWorker, .organisationMember], organisationID: org.id,
                                      tokenHash: "hash1", invitedBy: nil, now: testNow,
                                      message: EmailDraft(to: email.value, subject: "Invited", body: "link"), on: db)
            #expect(try await Outbox().messages(to: email.value, on: db).count == 1)
            let invitation = try #require(try await accounts.invitation(tokenHash: "hash1", on: db))
            let account = try await accounts.accept(invitation, with: .init(givenName: "Lee", familyName: "Worker", passwordHash: "h"),
                                                    now: testNow, channel: "c", on: db)
            let roles = try await accounts.roles(of: account.id!, on: db)
            #expect(roles.map(\.role) == [.linkWorker, .organisationMember])
            #expect(roles.last?.organisationName == "Bay Walkers")
            await #expect(throws: FieldError.self) {
                _ = try await accounts.accept(invitation, with: .init(givenName: "Lee", familyName: "Again", passwordHash: "h"),
                                              now: testNow, channel: "c", on: db)
            }
            #expect(try await AccountRecord.query(on: db).count() == 1)
        }
    }

    @Test func anExpiredInvitationCannotBeUsed() async throws {
        try await withStore { db in
            let email = try EmailAddress("late@example.org")
            try await accounts.invite(email: email, roles: [.clinician], organisationID: nil, tokenHash: "h2", invitedBy: nil,
                                      now: testNow, message: EmailDraft(to: email.value, subject: "s", body: "b"), on: db)
            let invitation = try #require(try await accounts.invitation(tokenHash: "h2", on: db))
            await #expect(throws: FieldError.self) {
                _ = try await accounts.accept(invitation, with: .init(givenName: "A", familyName: "B", passwordHash: "h"),
                                              now: testNow.addingTimeInterval(TokenLifetimes.invitation + 1), channel: "c", on: db)
            }
        }
    }

    @Test func closingAnAccountErasesThePersonEndsSessionsAndKeepsTheAuditTrail() async throws {
        try await withStore { db in
            let account = try await accounts.createResident(try resident(), passwordHash: "h", now: testNow, channel: "c", on: db)
            _ = try await accounts.createSession(tokenHash: "s1", for: account, kind: .browser, now: testNow, lifetime: 3600, on: db)
            // They wrote a proposal and supported a neighbour's.
            let neighbour = PersonRecord(givenName: "Near", familyName: "By", postcode: nil, createdAt: testNow)
            try await neighbour.create(on: db)
            let draft = ProposalDraft(title: "Benches", body: "To rest.", ward: nil, category: "physical-activity")
            let own = try await Proposals().create(draft, author: account.$person.id, now: testNow, on: db)
            let theirs = try await Proposals().create(draft, author: neighbour.id!, now: testNow, on: db)
            try await Proposals().support(theirs, by: account.$person.id, thresholds: .standard, now: testNow, on: db)
            try await accounts.close(account, now: testNow.addingTimeInterval(60), channel: "POST /account/close", on: db)
            #expect(try await ProposalSupportRecord.query(on: db).filter(\.$personID == account.$person.id).count() == 0)
            #expect(try await ProposalRecord.find(own, on: db) != nil)
            let person = try #require(try await PersonRecord.find(account.$person.id, on: db))
            #expect(person.fullName == "Closed account")
            #expect(person.postcode == nil)
            #expect(try await accounts.account(email: try EmailAddress("jo@example.org"), on: db) == nil)
            #expect(try await accounts.session(tokenHash: "s1", kind: .browser, now: testNow, on: db) == nil)
            let events = try await AuditLog().events(about: account.$person.id, on: db)
            #expect(events.map(\.action) == [.closedAccount, .createdAccount])
        }
    }

    @Test func aSessionStopsWorkingWhenItExpires() async throws {
        try await withStore { db in
            let account = try await accounts.createResident(try resident(), passwordHash: "h", now: testNow, channel: "c", on: db)
            _ = try await accounts.createSession(tokenHash: "t", for: account, kind: .api, now: testNow, lifetime: 60, on: db)
            #expect(try await accounts.session(tokenHash: "t", kind: .api, now: testNow, on: db) != nil)
            #expect(try await accounts.session(tokenHash: "t", kind: .browser, now: testNow, on: db) == nil)
            #expect(try await accounts.session(tokenHash: "t", kind: .api, now: testNow.addingTimeInterval(61), on: db) == nil)
        }
    }

    @Test func failedSignInsAreCountedPerAccountAndPerAddress() async throws {
        try await withStore { db in
            for _ in 0..<3 { try await accounts.recordAttempt(email: "a@x.org", address: "10.0.0.1", succeeded: false, now: testNow, on: db) }
            try await accounts.recordAttempt(email: "b@x.org", address: "10.0.0.1", succeeded: false, now: testNow, on: db)
            try await accounts.recordAttempt(email: "a@x.org", address: "10.0.0.2", succeeded: true, now: testNow, on: db)
            // Someone guessing from another address does not count against the owner's own address.
            for _ in 0..<6 { try await accounts.recordAttempt(email: "a@x.org", address: "10.9.9.9", succeeded: false, now: testNow, on: db) }
            let counts = try await accounts.failures(email: "a@x.org", address: "10.0.0.1", since: testNow.addingTimeInterval(-60), on: db)
            #expect(counts.account == 3)
            #expect(counts.address == 4)
            #expect(try await accounts.failures(email: "a@x.org", address: "10.9.9.9", since: testNow.addingTimeInterval(-60), on: db).account == 6)
        }
    }

    @Test func aPasswordResetClearsTheFailedSignIns() async throws {
        try await withStore { db in
            let account = try await accounts.createStaff(givenName: "A", familyName: "B", email: try EmailAddress("reset@x.org"), passwordHash: "h",
                                                         roles: [.linkWorker], organisationID: nil, now: testNow, on: db)
            for _ in 0..<5 { try await accounts.recordAttempt(email: "reset@x.org", address: "10.0.0.1", succeeded: false, now: testNow, on: db) }
            try await accounts.changePassword(of: account, to: "h2", action: .resetPassword, now: testNow, channel: "web", on: db)
            #expect(try await accounts.failures(email: "reset@x.org", address: "10.0.0.1", since: testNow.addingTimeInterval(-60), on: db).account == 0)
        }
    }
}
