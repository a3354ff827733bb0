import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import SQLKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// From a gap to the community's ideas: a commissioner asks for proposals on the gap, the call is public, a resident
/// answers it, and the answer takes the call's ward and category and is counted on the call and the gap's pages.
@Suite struct ProposalCallTests {
    @Test func aCommissionerAsksForProposalsOnAGapAndAResidentAnswers() async throws {
        try await withAlongside(demo: true, directory: true, demoReferrals: 150) { app in
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let unmet = try await commissioner.get(InsightURL.unmetNeed.path)
            let need = try #require(Need.allCases.first { unmet.text.contains("href=\"/insight/unmet-need/\($0.rawValue)\"") })
            let gap = try await commissioner.get(InsightURL.gap(need).path)
            #expect(gap.text.contains("Calls for proposals from this gap") && gap.text.contains(VoiceURL.newCall.with([("need", need.rawValue)])))

            // The form starts from the gap: its figures as the page shows them, its area and a category that meets the
            // need. The closing day is the commissioner's to choose.
            let form = try await commissioner.get(VoiceURL.newCall.with([("need", need.rawValue)]))
            #expect(form.status == .ok && form.text.contains("<input type=\"hidden\" name=\"need\" value=\"\(need.rawValue)\">"))
            #expect(form.text.contains("From the unmet need figures") && form.text.contains("<option value=\"whole\" selected>"))
            let category = try #require(UnmetNeed.categories(for: need).first)
            #expect(form.text.contains("<option value=\"\(category)\" selected>"))
            #expect(form.text.contains("id=\"closes_on\" name=\"closes_on\" type=\"date\" value=\"\""))

            // Every fault named, nothing written.
            let yesterday = UKDates.isoDay(Date().addingTimeInterval(-86_400 * 2))
            let bad = try await commissioner.post(VoiceURL.newCall.path, [("need", need.rawValue), ("title", ""), ("body", ""), ("ward", "E0599999"),
                                                                          ("category", "unicorns"), ("closes_on", yesterday)])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Enter a title", "Enter what you are asking for, and why", "Choose a ward from the list, or the whole place",
                            "Choose what the call is about from the list", "The last day for proposals cannot be before today"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            let tooLate = try await commissioner.post(VoiceURL.newCall.path, [("title", "T"), ("body", "B"), ("ward", "whole"), ("category", category),
                                                                              ("closes_on", UKDates.isoDay(Date().addingTimeInterval(400 * 86_400)))])
            #expect(tooLate.status == .unprocessableEntity && tooLate.text.contains("A call stays open for a year at most"))
            let notADay = try await commissioner.post(VoiceURL.newCall.path, [("title", "T"), ("body", "B"), ("ward", "whole"), ("category", category),
                                                                              ("closes_on", "31/12/2026")])
            #expect(notADay.status == .unprocessableEntity && notADay.text.contains("Give the last day as a date"))
            let unknownNeed = try await commissioner.post(VoiceURL.newCall.path, [("need", "unicorns"), ("title", "T"), ("body", "B"), ("ward", "whole"),
                                                                                  ("category", category), ("closes_on", UKDates.isoDay(Date().addingTimeInterval(30 * 86_400)))])
            #expect(unknownNeed.status == .unprocessableEntity && unknownNeed.text.contains("is not a need"))
            #expect(try await ProposalCallRecord.query(on: app.db).count() == 0)

            // Residents cannot open a call; anyone can read one.
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            #expect(try await resident.get(VoiceURL.newCall.path).status == .forbidden)
            let closes = UKDates.isoDay(Date().addingTimeInterval(30 * 86_400))
            let made = try await commissioner.post(VoiceURL.newCall.path, [("need", need.rawValue), ("title", "Ideas wanted: \(need.title)"),
                                                                           ("body", "Tell us what would help."), ("ward", "whole"), ("category", category),
                                                                           ("closes_on", closes)])
            #expect(made.status == .seeOther)
            let call = try #require(try await ProposalCallRecord.query(on: app.db).first())
            #expect(call.need == need.rawValue && call.ward == nil && call.closesOn == closes)
            let page = try await Browser(app).get(VoiceURL.call(call.id!).path)
            #expect(page.status == .ok && page.text.contains("Ideas wanted: \(need.title)") && page.text.contains("Sign in</a> to make a proposal in answer"))
            #expect(page.text.contains("0 proposals made in answer"))
            #expect(try await Browser(app).get(VoiceURL.proposals.path).text.contains("The health system is asking"))

            // A resident answers it: the proposal takes the call's ward and category, whatever the form says.
            let answerForm = try await resident.get(VoiceURL.newProposal.with([("call", call.id!.uuidString)]))
            #expect(answerForm.status == .ok && answerForm.text.contains("In answer to the call") && !answerForm.text.contains("name=\"ward\""))
            let answered = try await resident.post(VoiceURL.newProposal.path, [("call", call.id!.uuidString), ("title", "A walking group"),
                                                                                ("body", "Weekly."), ("ward", "E05012345"), ("category", "housing")])
            #expect(answered.status == .seeOther)
            let proposal = try #require(try await ProposalRecord.query(on: app.db).first())
            #expect(proposal.callID == call.id && proposal.ward == nil && proposal.category == category)
            #expect(try await resident.get(VoiceURL.proposal(proposal.id!).path).text.contains("In answer to"))
            let counted = try await Browser(app).get(VoiceURL.call(call.id!).path)
            #expect(counted.text.contains("1 proposal made in answer") && counted.text.contains("listed here once they are published"))
            #expect(!counted.text.contains("A walking group"))
            let gapAfter = try await commissioner.get(InsightURL.gap(need).path)
            #expect(gapAfter.text.contains("Ideas wanted: \(need.title)") && gapAfter.text.contains("1 proposal made in answer"))

            // Once published, it is listed on the call.
            for i in 0..<5 {
                let neighbour = PersonRecord(givenName: "Neighbour", familyName: "\(i)", postcode: "LA4 4AA", createdAt: Date())
                try await neighbour.create(on: app.db)
                try await Proposals().support(proposal.id!, by: neighbour.id!, thresholds: .standard, now: Date(), on: app.db)
            }
            #expect(try await Browser(app).get(VoiceURL.call(call.id!).path).text.contains("A walking group"))

            // The same through the API: the call with its answers, and a proposal made in answer by a resident.
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .resident))
            let json = try await api.send(app, .GET, VoiceAPIURL.call(call.id!).path, token: token)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            #expect(json.status == .ok && body["answered"] as? Int == 1 && body["open"] as? Bool == true && body["need"] as? String == need.rawValue)
            #expect(body["published"] as? [String] == [proposal.id!.uuidString.lowercased()] && body["closes_on"] as? String == closes)
            let viaAPI = try await api.send(app, .POST, VoiceAPIURL.proposals.path, token: token, key: "call-answer-1", json: """
                {"title": "Tea after the walk", "body": "At the library.", "ward": "whole", "category": "housing", "call_id": "\(call.id!.uuidString)"}
                """)
            #expect(viaAPI.status == .created)
            let made2 = try #require(try JSONSerialization.jsonObject(with: Data(buffer: viaAPI.body)) as? [String: Any])
            #expect(made2["call_id"] as? String == call.id!.uuidString.lowercased() && made2["category"] as? String == category)
            let unknown = try await api.send(app, .POST, VoiceAPIURL.proposals.path, token: token, key: "call-answer-2", json: """
                {"title": "T", "body": "B", "ward": "whole", "category": "\(category)", "call_id": "\(UUID().uuidString)"}
                """)
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("call_id"))
            #expect(try await api.send(app, .GET, VoiceAPIURL.call(UUID()).path, token: token).status == .notFound)

            // A closed call takes no more answers, and says so.
            call.closesOn = UKDates.isoDay(Date().addingTimeInterval(-3 * 86_400))
            try await call.save(on: app.db)
            let closed = try await resident.post(VoiceURL.newProposal.path, [("call", call.id!.uuidString), ("title", "Late"), ("body", "Late.")])
            #expect(closed.status == .unprocessableEntity && closed.text.contains("This call for proposals closed on"))
            // The form for a closed call says it is gone; one for a call that never was, that it is not found.
            let gone = try await resident.get(VoiceURL.newProposal.with([("call", call.id!.uuidString)]))
            #expect(gone.status == .gone && gone.text.contains("This call for proposals closed on") && gone.text.contains("Write a proposal"))
            #expect(try await resident.get(VoiceURL.newProposal.with([("call", UUID().uuidString)])).status == .notFound)
            let lateByAPI = try await api.send(app, .POST, VoiceAPIURL.proposals.path, token: token, key: "call-answer-late", json: """
                {"title": "T", "body": "B", "ward": "whole", "category": "\(category)", "call_id": "\(call.id!.uuidString)"}
                """)
            #expect(lateByAPI.status == .unprocessableEntity && lateByAPI.body.string.contains("closed on"))
            #expect(try await ProposalRecord.query(on: app.db).count() == 2)
            #expect(try await Browser(app).get(VoiceURL.call(call.id!).path).text.contains("Closed on"))
            #expect(!(try await Browser(app).get(VoiceURL.proposals.path)).text.contains("The health system is asking"))
        }
    }

    /// A commissioner closes a call before its last day, after a question: it takes no more proposals, those made in
    /// answer stay, its page says it closed early, and it cannot be closed twice. A resident cannot close one.
    @Test func aCommissionerClosesACallEarly() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let category = try #require(UnmetNeed.categories(for: .loneliness).first)
            let made = try await commissioner.post(VoiceURL.newCall.path, [("title", "Ideas wanted: loneliness"), ("body", "Tell us what would help."),
                                                                           ("ward", "whole"), ("category", category),
                                                                           ("closes_on", UKDates.isoDay(Date().addingTimeInterval(30 * 86_400)))])
            #expect(made.status == .seeOther)
            let id = try #require(try await ProposalCallRecord.query(on: app.db).first()?.id)
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            #expect(try await resident.post(VoiceURL.newProposal.path, [("call", id.uuidString), ("title", "A lunch club"), ("body", "Weekly.")]).status == .seeOther)
            #expect(!(try await resident.get(VoiceURL.call(id).path)).text.contains("Close this call now"))
            #expect(try await resident.post(VoiceURL.closeCall(id).path, [(Confirmation.field, "yes")]).status == .forbidden)

            let page = try await commissioner.get(VoiceURL.call(id).path)
            #expect(page.text.contains("Close this call now") && page.text.contains("action=\"\(VoiceURL.closeCall(id).path)\""))
            // The first press asks; nothing changes until the answer is yes.
            let asked = try await commissioner.post(VoiceURL.closeCall(id).path, [])
            #expect(asked.status == .ok && asked.text.contains("Ideas wanted: loneliness") && asked.text.contains("Yes, close the call"))
            #expect(asked.text.contains("The 1 proposal made in answer stays"))
            #expect(try await ProposalCallRecord.find(id, on: app.db)?.closedAt == nil)
            let closed = try await commissioner.post(VoiceURL.closeCall(id).path, [(Confirmation.field, "yes")])
            #expect(closed.status == .seeOther && closed.location == VoiceURL.call(id).with([("done", Notice.callClosed.rawValue)]))
            #expect(try await ProposalCallRecord.find(id, on: app.db)?.closedAt != nil)

            let after = try await Browser(app).get(VoiceURL.call(id).path)
            #expect(after.text.contains("Closed early, on") && !after.text.contains("Make a proposal in answer") && after.text.contains("1 proposal made in answer"))
            #expect(!(try await Browser(app).get(VoiceURL.proposals.path)).text.contains("The health system is asking"))
            let late = try await resident.post(VoiceURL.newProposal.path, [("call", id.uuidString), ("title", "Late"), ("body", "Late.")])
            #expect(late.status == .unprocessableEntity && late.text.contains("This call for proposals closed on"))
            #expect(try await resident.get(VoiceURL.newProposal.with([("call", id.uuidString)])).status == .gone)
            #expect(try await ProposalRecord.query(on: app.db).filter(\.$callID == id).count() == 1)
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .resident))
            let json = try await api.send(app, .GET, VoiceAPIURL.call(id).path, token: token)
            #expect((try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])?["open"] as? Bool == false)
            // Closed once is closed: a second close is refused, and a call that is not there is not found.
            #expect(try await commissioner.post(VoiceURL.closeCall(id).path, [(Confirmation.field, "yes")]).status == .conflict)
            #expect(try await commissioner.post(VoiceURL.closeCall(UUID()).path, [(Confirmation.field, "yes")]).status == .notFound)
        }
    }

    /// A call in one ward tells only the organisations whose service in its category has a place within reach of the
    /// ward (or is offered at no place): a ward beside their place, told; a ward more than 4 km from every place, not.
    @Test func aCallInAWardTellsTheOrganisationsThatReachIt() async throws {
        try await withAlongside(demo: true, directory: true, geography: true) { app in
            let member = try #require(try await Accounts().account(email: try EmailAddress("organisation@alongside.example"), on: app.db))
            let organisation = try #require(try await Accounts().roles(of: member.id!, on: app.db).first?.organisationID)
            let codes = Dictionary(uniqueKeysWithValues: try await TaxonomyTermRecord.query(on: app.db).all().map { ($0.id!, $0.code) })
            let listings = try await Directory().listings(on: app.db)
            var wards: [String: [Coordinate]] = [:]
            for row in try await (app.db as! any SQLDatabase).raw("SELECT ward, latitude, longitude FROM postcodes WHERE ward IS NOT NULL").all() {
                wards[try row.decode(column: "ward", as: String.self), default: []].append(
                    Coordinate(latitude: try row.decode(column: "latitude", as: Double.self), longitude: try row.decode(column: "longitude", as: Double.self)))
            }
            // A category whose services (theirs and everyone's) are all at places, so only distance decides, with a ward
            // more than 4 km from every place of theirs in it.
            func services(in code: String) -> [ServiceListing] { listings.filter { $0.taxonomyTermIDs.contains { codes[$0] == code } } }
            func places(in code: String) -> [Coordinate] {
                services(in: code).filter { $0.organisationID == organisation }.flatMap { $0.locations.map(\.coordinate) }
            }
            func nearest(_ points: [Coordinate], _ places: [Coordinate]) -> Double { points.flatMap { p in places.map { p.distance(to: $0) } }.min() ?? .infinity }
            let category = try #require(Set(listings.filter { $0.organisationID == organisation }.flatMap { $0.taxonomyTermIDs.compactMap { codes[$0] } })
                .sorted().first { code in
                    services(in: code).allSatisfy { !$0.locations.isEmpty } && wards.values.contains { nearest($0, places(in: code)) > 4_000 }
                })
            let theirs = places(in: category)
            let near = try #require(wards.min { nearest($0.value, theirs) < nearest($1.value, theirs) }?.key)
            #expect(nearest(wards[near]!, theirs) < 1_000)
            let far = try #require(wards.filter { nearest($0.value, theirs) > 4_000 }.keys.sorted().first)

            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let closes = UKDates.isoDay(Date().addingTimeInterval(30 * 86_400))
            func told() async throws -> Int {
                try await OutboxMessageRecord.query(on: app.db).filter(\.$recipient == "organisation@alongside.example").all()
                    .filter { $0.subject.hasPrefix("A call for proposals") }.count
            }
            _ = try await commissioner.post(VoiceURL.newCall.path, [("title", "Ideas wanted far away"), ("body", "Tell us."), ("ward", far),
                                                                    ("category", category), ("closes_on", closes)])
            #expect(try await ProposalCallRecord.query(on: app.db).filter(\.$ward == far).count() == 1)
            #expect(try await told() == 0)
            _ = try await commissioner.post(VoiceURL.newCall.path, [("title", "Ideas wanted nearby"), ("body", "Tell us."), ("ward", near),
                                                                    ("category", category), ("closes_on", closes)])
            #expect(try await ProposalCallRecord.query(on: app.db).filter(\.$ward == near).count() == 1)
            #expect(try await told() == 1)
        }
    }

    /// Opening a call tells the members of each organisation with a service listed under its category; while it is
    /// open, a commissioner may change its words and last day, never where or what it is about.
    @Test func aCallTellsTheOrganisationsItConcernsAndIsChangedWhileOpen() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let member = try #require(try await Accounts().account(email: try EmailAddress("organisation@alongside.example"), on: app.db))
            let organisation = try #require(try await Accounts().roles(of: member.id!, on: app.db).first?.organisationID)
            let name = try #require(try await OrganisationRecord.find(organisation, on: app.db)?.name)
            let codes = Dictionary(uniqueKeysWithValues: try await TaxonomyTermRecord.query(on: app.db).all().map { ($0.id!, $0.code) })
            let listings = try await Directory().listings(on: app.db)
            let theirs = Set(listings.filter { $0.organisationID == organisation }.flatMap { $0.taxonomyTermIDs.compactMap { codes[$0] } })
            let category = try #require(theirs.sorted().first)
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let form = try await commissioner.get(VoiceURL.newCall.path)
            #expect(form.text.contains("Members of the organisations with a service listed under its category are told of it by email; for a call in one ward"))
            let closes = UKDates.isoDay(Date().addingTimeInterval(30 * 86_400))
            let made = try await commissioner.post(VoiceURL.newCall.path, [("title", "Ideas wanted: company"), ("body", "Tell us what would help."),
                                                                           ("ward", "whole"), ("category", category), ("closes_on", closes)])
            let id = try #require(try await ProposalCallRecord.query(on: app.db).first()?.id)
            #expect(made.location == VoiceURL.call(id).with([("done", Notice.callOpenedAndTold.rawValue)]))
            let told = try await OutboxMessageRecord.query(on: app.db).filter(\.$recipient == "organisation@alongside.example").all()
                .filter { $0.subject.hasPrefix("A call for proposals") }
            #expect(told.count == 1)
            #expect(told.first.map { $0.body.contains(name) && $0.body.contains(VoiceURL.call(id).path) && $0.body.contains("Ideas wanted: company") } == true)
            // A category no organisation lists a service under tells no one, and says so.
            let listed = Set(listings.flatMap { $0.taxonomyTermIDs.compactMap { codes[$0] } })
            if let unlisted = SocialPrescribingTaxonomy.terms.map(\.code).filter({ !listed.contains($0) }).sorted().first {
                let quiet = try await commissioner.post(VoiceURL.newCall.path, [("title", "Ideas wanted"), ("body", "Tell us."), ("ward", "whole"),
                                                                                ("category", unlisted), ("closes_on", closes)])
                #expect(quiet.location?.contains("done=\(Notice.callOpened.rawValue)") == true)
            }

            // Changing it: the saved words and day, and where and what it is about shown but not offered.
            let page = try await commissioner.get(VoiceURL.call(id).path)
            #expect(page.text.contains("href=\"\(VoiceURL.editCall(id).path)\""))
            let edit = try await commissioner.get(VoiceURL.editCall(id).path)
            #expect(edit.status == .ok && edit.text.contains("value=\"Ideas wanted: company\"") && edit.text.contains("value=\"\(closes)\""))
            #expect(!edit.text.contains("name=\"ward\"") && !edit.text.contains("name=\"category\""))
            let yesterday = UKDates.isoDay(Date().addingTimeInterval(-86_400))
            let bad = try await commissioner.post(VoiceURL.editCall(id).path, [("title", " "), ("body", "Tell us."), ("closes_on", yesterday)])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Enter a title") && bad.text.contains("The last day for proposals cannot be before today"))
            let later = UKDates.isoDay(Date().addingTimeInterval(60 * 86_400))
            let changed = try await commissioner.post(VoiceURL.editCall(id).path, [("title", "Ideas wanted: company, and more"), ("body", "Tell us, please."),
                                                                                   ("closes_on", later), ("ward", "E05014890"), ("category", "housing")])
            #expect(changed.location == VoiceURL.call(id).with([("done", Notice.callChanged.rawValue)]))
            let record = try #require(try await ProposalCallRecord.find(id, on: app.db))
            #expect(record.title == "Ideas wanted: company, and more" && record.body == "Tell us, please." && record.closesOn == later)
            #expect(record.ward == nil && record.category == category)
            // Only those who ask for proposals may change one; once closed, it cannot be.
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            #expect(try await resident.get(VoiceURL.editCall(id).path).status == .forbidden)
            #expect(try await resident.post(VoiceURL.editCall(id).path, [("title", "Mine"), ("body", "Mine."), ("closes_on", later)]).status == .forbidden)
            _ = try await commissioner.post(VoiceURL.closeCall(id).path, [(Confirmation.field, "yes")])
            #expect(try await commissioner.get(VoiceURL.editCall(id).path).status == .conflict)
            #expect(try await commissioner.post(VoiceURL.editCall(id).path, [("title", "T"), ("body", "B."), ("closes_on", later)]).status == .conflict)
            #expect(try await commissioner.get(VoiceURL.editCall(UUID()).path).status == .notFound)
        }
    }
}
