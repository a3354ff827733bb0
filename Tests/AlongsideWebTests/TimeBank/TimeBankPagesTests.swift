import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct TimeBankPagesTests {
    func person(_ app: Application, _ role: Role) async throws -> UUID {
        try #require(try await AccountRecord.query(on: app.db).filter(\.$email == DemoLoader.email(for: role)).first()).$person.id
    }

    @Test func membersJoinExchangeConfirmAndSeeTheirStatements() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let resident = Browser(app), neighbour = Browser(app), coordinator = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            try await neighbour.signIn(DemoLoader.email(for: .clinician))
            try await coordinator.signIn(DemoLoader.email(for: .coordinator))
            let (me, them) = (try await person(app, .resident), try await person(app, .clinician))
            let record = try #require(try await PersonRecord.find(me, on: app.db))

            // Not yet a member: the page explains and offers to join; nothing else is open.
            #expect(try await resident.get(TimeBankURL.home.path).text.contains("Ask to join the time bank"))
            #expect(try await resident.get(TimeBankURL.offers.path).status == .forbidden)
            for b in [resident, neighbour] { #expect(try await b.post(TimeBankURL.join.path, []).status == .seeOther) }
            #expect(try await resident.get(TimeBankURL.home.path).text.contains("Waiting for a coordinator"))
            #expect(try await resident.post(TimeBankURL.exchanges.path, [("with", them.uuidString), ("minutes", "60"), ("direction", "gave"), ("note", "x")]).status == .forbidden)

            // The coordinator meets them and approves.
            let queue = try await coordinator.get(TimeBankURL.coordinate.path)
            #expect(queue.status == .ok && queue.text.contains("Waiting to join") && queue.text.contains("\(record.givenName) \(record.familyName)"))
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.viewedTimeBankDetails.rawValue).filter(\.$subjectPersonID == me).count() == 1)
            for p in [me, them] { #expect(try await coordinator.post(TimeBankURL.decide(p).path, [("status", "active")]).status == .seeOther) }

            // Bad input names the field; nothing is written.
            let bad = try await resident.post(TimeBankURL.exchanges.path, [("with", me.uuidString), ("minutes", "1.5"), ("note", "")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["cannot exchange time with yourself", "Enter the time in whole minutes", "Choose whether you gave the time or received it", "Enter what the time was for"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await ExchangeRecord.query(on: app.db).count() == 0)

            // The resident records 90 minutes given; it counts once the neighbour confirms.
            #expect(try await resident.post(TimeBankURL.exchanges.path, [("with", them.uuidString.lowercased()), ("minutes", "90"), ("direction", "gave"),
                                                                       ("note", "Help with the garden")]).status == .seeOther)
            let exchange = try #require(try await ExchangeRecord.query(on: app.db).first())
            #expect(try await resident.post(TimeBankURL.confirm(exchange.id!).path, []).status == .conflict)
            let waiting = try await neighbour.get(TimeBankURL.home.path)
            #expect(waiting.text.contains("Waiting for you to confirm") && waiting.text.contains("\(record.givenName) \(record.familyName.prefix(1)). gave you 1 hour 30 minutes"))
            #expect(try await neighbour.post(TimeBankURL.confirm(exchange.id!).path, []).status == .seeOther)

            let mine = try await resident.get(TimeBankURL.statement.path)
            #expect(mine.status == .ok && mine.text.contains("+90") && mine.text.contains("1 hour 30 minutes."))
            let theirs = try await neighbour.get(TimeBankURL.statement.path)
            #expect(theirs.text.contains("\u{2212}90") && theirs.text.contains("1 hour 30 minutes in debt"))
            let csv = try await resident.get(TimeBankURL.statementCSV.path)
            #expect(csv.headers.contentType?.subType == "csv")
            let rows = csv.text.split(separator: "\r\n")
            #expect(rows.count == 2 && rows[1].hasSuffix(",Help with the garden,90,90"))

            // The neighbour gives to the fund; the coordinator gives from it, and sees the bank add up to zero.
            #expect(try await resident.post(TimeBankURL.donate.path, [("gift", "30")]).status == .seeOther)
            #expect(try await coordinator.post(TimeBankURL.giveFromFund.path, [("member", them.uuidString), ("fund_minutes", "45")]).status == .unprocessableEntity)
            #expect(try await coordinator.post(TimeBankURL.giveFromFund.path, [("member", them.uuidString), ("fund_minutes", "30")]).status == .seeOther)
            let totals = try await coordinator.get(TimeBankURL.coordinate.path)
            #expect(totals.text.contains("0 minutes (always 0"))

            // A coordinator reading a member's statement is audited; a resident cannot read another's.
            let audits = try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.viewedTimeAccount.rawValue).filter(\.$subjectPersonID == them).count()
            #expect(try await coordinator.get(TimeBankURL.memberStatement(them).path).status == .ok)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.viewedTimeAccount.rawValue).filter(\.$subjectPersonID == them).count() == audits + 1)
            #expect(try await resident.get(TimeBankURL.memberStatement(them).path).status == .forbidden)

            // A mistake is put right by a reversal, never by changing the entry.
            let transfer = try #require(try await TransferRecord.query(on: app.db).filter(\.$kind == "exchange").first())
            #expect(try await coordinator.post(TimeBankURL.reverse(transfer.id!).path, [("reason", "")]).status == .unprocessableEntity)
            #expect(try await coordinator.post(TimeBankURL.reverse(transfer.id!).path, [("reason", "Recorded the wrong way round")]).status == .seeOther)
            let after = try await resident.get(TimeBankURL.statement.path)
            #expect(after.text.contains("Put right: Recorded the wrong way round") && after.text.contains("+90"))
        }
    }

    @Test func offersAreSeenByMembersNearestFirstAndAMemberCanBeReported() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let resident = Browser(app), neighbour = Browser(app), coordinator = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            try await neighbour.signIn(DemoLoader.email(for: .clinician))
            try await coordinator.signIn(DemoLoader.email(for: .coordinator))
            let (me, them) = (try await person(app, .resident), try await person(app, .clinician))
            for p in [me, them] { try await TimeBank().approve(person: p, by: UUID(), now: Date(), on: app.db) }
            let bad = try await resident.post(TimeBankURL.newOffer.path, [("kind", "offer"), ("title", ""), ("category", "nonsense")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Enter a short title") && bad.text.contains("Choose a kind of help from the list"))
            #expect(try await resident.post(TimeBankURL.newOffer.path, [("kind", "offer"), ("title", "Help with the garden"), ("details", "Weeding"),
                                                                       ("category", "nature-and-green-space"), ("place", "can_travel"), ("when", "Mornings")]).status == .seeOther)
            let list = try await neighbour.get(TimeBankURL.offers.path)
            #expect(list.status == .ok && list.text.contains("Offer: Help with the garden") && list.text.contains("Nature and green space"))
            #expect(try await neighbour.post(TimeBankURL.report(me).path, [("reason", "Did not turn up twice")]).status == .seeOther)
            let page = try await coordinator.get(TimeBankURL.coordinate.path)
            #expect(page.text.contains("Did not turn up twice"))
            #expect(try await coordinator.post(TimeBankURL.decide(me).path, [("status", "suspended")]).status == .unprocessableEntity)
            #expect(try await coordinator.post(TimeBankURL.decide(me).path, [("status", "suspended"), ("reason", "While we talk")]).status == .seeOther)
            // Suspended: no longer shown, and the page says why.
            #expect(!(try await neighbour.get(TimeBankURL.offers.path).text.contains("Help with the garden")))
            #expect(try await resident.get(TimeBankURL.home.path).text.contains("While we talk"))
        }
    }

    @Test func groupExchangesFromAMemberAndACoordinatorAndALowestBalanceChanged() async throws {
        try await withAlongside(demo: true) { app in
            let resident = Browser(app), coordinator = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            try await coordinator.signIn(DemoLoader.email(for: .coordinator))
            let me = try await person(app, .resident), boss = try await person(app, .coordinator)
            var others: [UUID] = []
            for name in ["Ada", "Bo", "Cy"] {
                let p = PersonRecord(givenName: name, familyName: "Neighbour", postcode: "LA1 1AA", createdAt: Date())
                try await p.create(on: app.db)
                others.append(p.id!)
            }
            for p in [me] + others { try await TimeBank().approve(person: p, by: boss, now: Date(), on: app.db) }
            func ticks(_ ids: [UUID]) -> [(String, String)] { ids.map { ("member-\($0.uuidString.lowercased())", "yes") } }

            // A member's group: each problem named; then one waiting exchange for each.
            let bad = try await resident.post(TimeBankURL.groupExchanges.path, ticks([others[0]]) + [("group_minutes", "0")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Choose at least two members", "Enter a number of minutes above zero", "Choose which way the time went", "Enter what the time was for"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            let page = try await resident.get(TimeBankURL.home.path)
            #expect(page.text.contains("Record a group exchange") && page.text.contains("Ada Neighbour") == false && page.text.contains("Ada"))
            let made = try await resident.post(TimeBankURL.groupExchanges.path, ticks(Array(others.prefix(2))) + [("group_minutes", "45"), ("group_direction", "gave"),
                                                                                                                    ("group_note", "Bread-making class")])
            #expect(made.location?.contains("group-exchange-recorded") == true)
            #expect(try await ExchangeRecord.query(on: app.db).filter(\.$status == "waiting").filter(\.$receiverID == me).count() == 2)

            // The coordinator records one for members at once.
            let group = ticks([me, others[0]]) + [("group_one", others[2].uuidString.lowercased()), ("group_minutes", "120"), ("group_direction", "received"),
                                                   ("group_note", "Helped Cy move house")]
            #expect(try await resident.post(TimeBankURL.groupForMembers.path, group).status == .forbidden)
            #expect(try await coordinator.post(TimeBankURL.groupForMembers.path, group).status == .seeOther)
            #expect(try await TimeBank().balance(of: others[2], on: app.db) == -240)
            #expect(try await TimeBank().balance(of: me, on: app.db) == 120)

            // The bank's own lowest balance, set by a coordinator only.
            #expect(try await coordinator.get(TimeBankURL.coordinate.path).text.contains("Members may go down to 10 hours in debt"))
            #expect(try await coordinator.post(TimeBankURL.usualLowestBalance.path, [("usual_hours", "ten")]).status == .unprocessableEntity)
            #expect(try await resident.post(TimeBankURL.usualLowestBalance.path, [("usual_hours", "8")]).status == .forbidden)
            #expect(try await coordinator.post(TimeBankURL.usualLowestBalance.path, [("usual_hours", "8")]).status == .seeOther)
            #expect(try await TimeBank().usualLowestBalance(on: app.db) == -480)
            // A lowest balance changed on the member's statement, bad input named first.
            let statement = try await coordinator.get(TimeBankURL.memberStatement(others[2]).path)
            #expect(statement.text.contains("may go down to 8 hours in debt"))
            #expect(try await coordinator.post(TimeBankURL.lowestBalance(others[2]).path, [("lowest_hours", "2.5")]).status == .unprocessableEntity)
            #expect(try await resident.post(TimeBankURL.lowestBalance(others[2]).path, [("lowest_hours", "5")]).status == .forbidden)
            #expect(try await coordinator.post(TimeBankURL.lowestBalance(others[2]).path, [("lowest_hours", "5")]).status == .seeOther)
            #expect(try await TimeBank().membership(of: others[2], on: app.db)?.lowestBalance == -300)
            // Now Cy cannot have another 90 minutes from two people (180 more would take them to 7 hours in debt): nothing moves.
            let more = ticks([me, others[0]]) + [("group_one", others[2].uuidString.lowercased()), ("group_minutes", "90"), ("group_direction", "received"),
                                                  ("group_note", "More help")]
            #expect(try await coordinator.post(TimeBankURL.groupForMembers.path, more).status == .unprocessableEntity)
            #expect(try await TimeBank().balance(of: others[2], on: app.db) == -240)
        }
    }

    @Test func anOrganisationsMembersAskForItToJoinAndSeeItsStatement() async throws {
        try await withAlongside(demo: true) { app in
            let jen = Browser(app), coordinator = Browser(app), resident = Browser(app)
            try await jen.signIn(DemoLoader.email(for: .organisationMember))
            try await coordinator.signIn(DemoLoader.email(for: .coordinator))
            try await resident.signIn(DemoLoader.email(for: .resident))
            let org = try #require(try await RoleGrantRecord.query(on: app.db).filter(\.$role == Role.organisationMember.rawValue).first()).$organisation.id!
            let name = try #require(try await OrganisationRecord.find(org, on: app.db)).name
            #expect(try await resident.get(TimeBankURL.organisations.path).status == .forbidden)
            #expect(try await jen.get(TimeBankURL.home.path).text.contains("Your organisation in the time bank"))
            #expect(try await jen.get(TimeBankURL.organisations.path).text.contains("Ask for \(name.replacingOccurrences(of: "'", with: "&#39;")) to join"))
            #expect(try await resident.post(TimeBankURL.organisationJoin(org).path, []).status == .forbidden)
            #expect(try await jen.post(TimeBankURL.organisationJoin(org).path, []).status == .seeOther)
            #expect(try await coordinator.get(TimeBankURL.coordinate.path).text.contains("(an organisation)"))
            #expect(try await coordinator.post(TimeBankURL.decide(org).path, [("status", "active")]).status == .seeOther)
            let me = try await person(app, .resident), boss = try await person(app, .coordinator)
            try await TimeBank().approve(person: me, by: boss, now: Date(), on: app.db)
            #expect(try await coordinator.post(TimeBankURL.recordForMembers.path, [("to", org.uuidString.lowercased()), ("from", me.uuidString.lowercased()),
                                                                                   ("minutes", "90"), ("note", "Lunch club")]).status == .seeOther)
            let statement = try await jen.get(TimeBankURL.organisationStatement(org).path)
            #expect(statement.status == .ok && statement.text.contains("Lunch club") && statement.text.contains("1 hour 30 minutes"))
            #expect(try await resident.get(TimeBankURL.organisationStatement(org).path).status == .forbidden)
            #expect(try await coordinator.get(TimeBankURL.memberStatement(org).path).status == .ok)
        }
    }
}
