import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct ModerationPagesTests {
    /// Signs in a new resident of LA4 4AA with an account of their own.
    func neighbour(_ app: Application, _ n: Int) async throws -> Browser {
        let person = PersonRecord(givenName: "Neighbour", familyName: "\(n)", postcode: "LA4 4AA", createdAt: Date())
        try await person.create(on: app.db)
        let account = AccountRecord(personID: person.id!, email: "neighbour\(n)@example.org", passwordHash: try Bcrypt.hash(DemoLoader.password, cost: 4), createdAt: Date())
        try await account.create(on: app.db)
        try await Accounts().grant(.resident, organisationID: nil, to: account, by: nil, now: Date(), channel: "test", on: app.db)
        let browser = Browser(app)
        try await browser.signIn("neighbour\(n)@example.org")
        return browser
    }

    @Test func threeReportsHideAProposalAModeratorDecidesAndTheAuthorMayAskOnceForAnotherLook() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let author = Browser(app)
            try await author.signIn(DemoLoader.email(for: .resident))
            let category = try #require(try await Taxonomies().terms(in: SocialPrescribingTaxonomy.id, on: app.db).first).code
            #expect(try await author.post(VoiceURL.newProposal.path, [("title", "Close the library"), ("body", "Nobody reads."), ("ward", "whole"),
                                                                       ("category", category)]).status == .seeOther)
            let id = try #require(try await ProposalRecord.query(on: app.db).first()?.id)
            #expect(!(try await author.get(VoiceURL.proposal(id).path)).text.contains("Report this proposal"))

            // A report needs a reason; the third person's report hides it until a moderator looks.
            var reporters: [Browser] = []
            for n in 0..<3 { reporters.append(try await neighbour(app, n)) }
            let bare = try await reporters[0].post(VoiceURL.proposalReport(id).path, [("reason", "")])
            #expect(bare.status == .unprocessableEntity && bare.text.contains("Enter the reason"))
            for (n, reporter) in reporters.enumerated() {
                #expect(try await reporter.post(VoiceURL.proposalReport(id).path, [("reason", "Reason \(n): it is unkind")]).status == .seeOther)
            }
            #expect(try await reporters[0].post(VoiceURL.proposalReport(id).path, [("reason", "Again")]).status == .conflict)
            let hidden = try await Browser(app).get(VoiceURL.proposal(id).path)
            #expect(hidden.text.contains("Hidden while a moderator looks at it") && !hidden.text.contains("Nobody reads."))

            // The moderator sees the reasons, never the names, and decides with a reason; the author is told.
            let moderator = Browser(app)
            try await moderator.signIn(DemoLoader.email(for: .moderator))
            let queue = try await moderator.get(VoiceURL.moderation.path)
            #expect(queue.status == .ok && queue.text.contains("Reason 2: it is unkind") && !queue.text.contains("Neighbour") && !queue.text.contains("checked"))
            #expect(try await author.get(VoiceURL.moderation.path).status == .forbidden)
            let prefix = "moderate-\(id.uuidString.lowercased())-"
            let noReason = try await moderator.post(VoiceURL.proposalModerate(id).path, [(prefix + "decision", "hide")])
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("Enter the reason"))
            #expect(try await moderator.post(VoiceURL.proposalModerate(id).path, [(prefix + "decision", "hide"), (prefix + "reason", "It is not about health.")]).status == .seeOther)
            let page = try await author.get(VoiceURL.proposal(id).path)
            #expect(page.text.contains("It is not about health.") && page.text.contains("Ask another moderator to look"))
            #expect(try await OutboxMessageRecord.query(on: app.db).filter(\.$subject == "A moderator has hidden your proposal").count() == 1)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.moderatedProposal.rawValue).count() == 1)

            // The author asks once; the same moderator may not look again; another moderator decides, finally.
            #expect(try await author.post(VoiceURL.proposalSecondLook(id).path, []).status == .seeOther)
            #expect(try await author.post(VoiceURL.proposalSecondLook(id).path, []).status == .conflict)
            #expect(try await moderator.get(VoiceURL.moderation.path).text.contains("You made the first decision"))
            #expect(try await moderator.post(VoiceURL.proposalModerate(id).path, [(prefix + "decision", "restore"), (prefix + "reason", "I changed my mind")]).status == .conflict)
            let admin = Browser(app)
            try await admin.signIn(DemoLoader.email(for: .administrator))
            #expect(try await admin.post(VoiceURL.proposalModerate(id).path, [(prefix + "decision", "restore"), (prefix + "reason", "Libraries are about wellbeing.")]).status == .seeOther)
            #expect(try await Browser(app).get(VoiceURL.proposal(id).path).text.contains("Nobody reads."))
            #expect(try await admin.post(VoiceURL.proposalModerate(id).path, [(prefix + "decision", "hide"), (prefix + "reason", "Again")]).status == .conflict)
        }
    }

    @Test func residentsCommentAndReplyOnceDeepAndReportedCommentsGoToTheModerators() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let author = try #require(try await PersonRecord.query(on: app.db).first()?.id)
            let id = try await Proposals().create(ProposalDraft(title: "Benches", body: "Rest.", ward: nil, category: "walking"), author: author, now: Date(), on: app.db)
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            let empty = try await resident.post(VoiceURL.proposalComments(id).path, [("comment", "")])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Enter your comment"))
            #expect(try await resident.post(VoiceURL.proposalComments(id).path, [("comment", "Yes please, by the clock tower.")]).status == .seeOther)
            let top = try #require(try await ProposalCommentRecord.query(on: app.db).first()?.id)
            let neighbours = [try await neighbour(app, 10), try await neighbour(app, 11), try await neighbour(app, 12)]
            let reply = "reply-\(top.uuidString.lowercased())"
            #expect(try await neighbours[0].post(VoiceURL.proposalComments(id).path, [("parent", top.uuidString), (reply, "Agreed.")]).status == .seeOther)
            let second = try #require(try await ProposalCommentRecord.query(on: app.db).filter(\.$parentID == top).first()?.id)
            #expect(try await neighbours[1].post(VoiceURL.proposalComments(id).path, [("parent", second.uuidString), ("reply-\(second.uuidString.lowercased())", "Me too")]).status == .conflict)
            let page = try await Browser(app).get(VoiceURL.proposal(id).path)
            #expect(page.text.contains("Yes please, by the clock tower.") && page.text.contains("Agreed.") && page.text.contains("A resident,") && !page.text.contains("Neighbour"))

            // Three reports hide a comment; a moderator shows it again.
            let reason = "reason-\(top.uuidString.lowercased())"
            for n in neighbours { #expect(try await n.post(VoiceURL.commentReport(top).path, [(reason, "Off topic")]).status == .seeOther) }
            #expect(!(try await Browser(app).get(VoiceURL.proposal(id).path)).text.contains("Yes please, by the clock tower."))
            let moderator = Browser(app)
            try await moderator.signIn(DemoLoader.email(for: .moderator))
            let queue = try await moderator.get(VoiceURL.moderation.path)
            #expect(queue.text.contains("Comments reported") && queue.text.contains("Off topic"))
            let prefix = "comment-\(top.uuidString.lowercased())-"
            #expect(try await moderator.post(VoiceURL.commentModerate(top).path, [(prefix + "decision", "restore"), (prefix + "reason", "It is about the benches.")]).status == .seeOther)
            #expect(try await Browser(app).get(VoiceURL.proposal(id).path).text.contains("Yes please, by the clock tower."))
            #expect(!(try await moderator.get(VoiceURL.moderation.path)).text.contains("Comments reported"))

            // A moderator hides the reply; its author is emailed, asks once for another look, and another moderator's
            // decision is final.
            let replyPrefix = "comment-\(second.uuidString.lowercased())-"
            #expect(try await moderator.post(VoiceURL.commentModerate(second).path, [(replyPrefix + "decision", "hide"), (replyPrefix + "reason", "Adds nothing.")]).status == .seeOther)
            let replier = try #require(try await ProposalCommentRecord.find(second, on: app.db)?.authorID)
            let replierEmail = try #require(try await AccountRecord.query(on: app.db).filter(\.$person.$id == replier).first()?.email)
            let told = try await OutboxMessageRecord.query(on: app.db).filter(\.$recipient == replierEmail).all()
            #expect(told.contains { $0.subject == "A moderator has hidden your comment" && $0.body.contains("Adds nothing.") && $0.body.contains("ask once") })
            let hiddenPage = try await neighbours[0].get(VoiceURL.proposal(id).path)
            #expect(hiddenPage.text.contains("Adds nothing.") && hiddenPage.text.contains("Ask another moderator to look"))
            #expect(!(try await resident.get(VoiceURL.proposal(id).path)).text.contains("Ask another moderator to look"))
            #expect(try await resident.post(VoiceURL.commentSecondLook(second).path, []).status == .conflict)
            #expect(try await neighbours[0].post(VoiceURL.commentSecondLook(second).path, []).status == .seeOther)
            #expect(try await neighbours[0].post(VoiceURL.commentSecondLook(second).path, []).status == .conflict)
            #expect(try await neighbours[0].get(VoiceURL.proposal(id).path).text.contains("You asked for another moderator to look"))
            let again = try await moderator.get(VoiceURL.moderation.path)
            #expect(again.text.contains("The author asks for another moderator to look") && again.text.contains("You made the first decision"))
            #expect(try await moderator.post(VoiceURL.commentModerate(second).path, [(replyPrefix + "decision", "restore"), (replyPrefix + "reason", "Fine")]).status == .conflict)
            let admin = Browser(app)
            try await admin.signIn(DemoLoader.email(for: .administrator))
            #expect(try await admin.post(VoiceURL.commentModerate(second).path, [(replyPrefix + "decision", "restore"), (replyPrefix + "reason", "Agreeing is fine.")]).status == .seeOther)
            #expect(try await Browser(app).get(VoiceURL.proposal(id).path).text.contains("Agreed."))
            #expect(try await admin.post(VoiceURL.commentModerate(second).path, [(replyPrefix + "decision", "hide"), (replyPrefix + "reason", "Again")]).status == .conflict)
            #expect(!(try await admin.get(VoiceURL.moderation.path)).text.contains("Comments reported"))
        }
    }
}
