import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// An administrator keeps the practice list; referrals a listed clinician makes are counted to their practice; a
/// commissioner splits and narrows the dashboards by practice and network, equal to a recount; a clinician sees
/// their own practice's figures, suppressed, and nothing without a practice.
@Suite struct PracticeInsightTests {
    /// Referrals by the practice recorded on each, recounted from the records one by one.
    func recount(_ app: Application, network: String? = nil) async throws -> [String: Int] {
        let practices = Dictionary(uniqueKeysWithValues: try await PracticeRecord.query(on: app.db).all().map { ($0.id!, $0) })
        var counts: [String: Int] = [:]
        for referral in try await ReferralRecord.query(on: app.db).all() {
            let practice = referral.practiceID.flatMap { practices[$0] }
            if let network, practice?.pcnCode != network { continue }
            counts[practice?.code ?? "none", default: 0] += 1
        }
        return counts
    }

    func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    func shown(_ n: Int) throws -> String { try InsightValue(suppressing: n).description }

    @Test func anAdministratorKeepsTheListAndClinicianReferralsAreCountedToTheirPractice() async throws {
        try await withAlongside(demo: true, demoReferrals: 0) { app in
            let admin = Browser(app)
            try await admin.signIn(DemoLoader.email(for: .administrator))
            let list = try await admin.get(InsightURL.practices.path)
            #expect(list.status == .ok && list.text.contains("Castle View Surgery") && list.text.contains("Y90001"))

            // Bad input: each fault named, nothing written.
            let before = try await PracticeRecord.query(on: app.db).count()
            let bad = try await admin.post(InsightURL.practices.path, [("name", ""), ("code", "A8100"), ("pcn_name", "Bay PCN"), ("pcn_code", "X12345")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("A8100&quot; is not a GP practice") || bad.text.contains("A8100\" is not a GP practice"))
            #expect(bad.text.contains("Enter the practice") && bad.text.contains("X12345"))
            let taken = try await admin.post(InsightURL.practices.path, [("name", "Another"), ("code", "y90001"), ("pcn_name", "Bay PCN"), ("pcn_code", "U12345")])
            #expect(taken.status == .unprocessableEntity && taken.text.contains("Y90001 is already on the list"))
            let renamed = try await admin.post(InsightURL.practices.path, [("name", "Another"), ("code", "A81001"), ("pcn_name", "Other name"), ("pcn_code", "U90001")])
            #expect(renamed.status == .unprocessableEntity && renamed.text.contains("U90001 is on the list as"))
            #expect(try await PracticeRecord.query(on: app.db).count() == before)

            let added = try await admin.post(InsightURL.practices.path, [("name", "Bay Surgery"), ("code", "a81001"), ("pcn_name", "Bay PCN"), ("pcn_code", "u12345")])
            #expect(added.status == .seeOther)
            let bay = try #require(try await PracticeRecord.query(on: app.db).filter(\.$code == "A81001").first())
            #expect(bay.pcnCode == "U12345")

            // Only a clinician goes on a practice's list.
            let notClinician = try await admin.post(InsightURL.practiceClinicians(bay.id!).path, [("email", DemoLoader.email(for: .linkWorker))])
            #expect(notClinician.status == .unprocessableEntity && notClinician.text.contains("is not a clinician"))
            let nobody = try await admin.post(InsightURL.practiceClinicians(bay.id!).path, [("email", "nobody@example.org")])
            #expect(nobody.status == .unprocessableEntity && nobody.text.contains("No one signs in as nobody@example.org"))
            let moved = try await admin.post(InsightURL.practiceClinicians(bay.id!).path, [("email", DemoLoader.email(for: .clinician))])
            #expect(moved.status == .seeOther)
            let clinician = try #require(try await Accounts().account(email: try EmailAddress(DemoLoader.email(for: .clinician)), on: app.db))
            #expect(try await PracticeClinicianRecord.query(on: app.db).filter(\.$personID == clinician.$person.id).all().map(\.practiceID) == [bay.id!])
            let page = try await admin.get(InsightURL.practice(bay.id!).path)
            #expect(page.text.contains("Dr Tom Hartley") && page.text.contains(DemoLoader.email(for: .clinician)))

            // The clinician's next referral is counted to the practice they are now on.
            let details = ReferralDetails(givenName: "Ada", familyName: "Lovelace", birthDate: "1950-12-10", postcode: "LA1 1AA", phone: "01524 000001",
                                          needs: [.loneliness], story: "Lonely since moving.", consented: true, source: .clinician)
            let made = try await Referrals().create(details, personID: nil, referredBy: clinician.$person.id, referrerName: "Dr Tom Hartley",
                                                    submissionKey: "practice-test", now: Date(), on: app.db)
            #expect(made.referral.practiceID == bay.id)
            // A self-referral is counted to no practice.
            let own = ReferralDetails(givenName: "Bo", familyName: "Hill", birthDate: "1960-01-01", postcode: "LA1 1AA", phone: "01524 000002",
                                      needs: [.loneliness], story: "Me.", consented: true, source: .selfReferral)
            #expect(try await Referrals().create(own, personID: nil, referredBy: nil, referrerName: "Themselves", submissionKey: "practice-self",
                                                 now: Date(), on: app.db).referral.practiceID == nil)

            // Taking the clinician off the list: later referrals are counted to no practice; the earlier one stays.
            #expect(try await admin.post(InsightURL.removeClinician(bay.id!).path, [("person", clinician.$person.id.uuidString)]).status == .seeOther)
            #expect(try await Referrals().create(details, personID: nil, referredBy: clinician.$person.id, referrerName: "Dr Tom Hartley",
                                                 submissionKey: "practice-test-2", now: Date(), on: app.db).referral.practiceID == nil)
            #expect(try await ReferralRecord.find(made.referral.id, on: app.db)?.practiceID == bay.id)
            // Changes to the list are audited.
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.changedPractices.rawValue).count() >= 3)

            // Nobody else keeps the list.
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            #expect(try await commissioner.get(InsightURL.practices.path).status == .forbidden)
        }
    }

    @Test func aCommissionerSplitsAndNarrowsByPracticeAndNetworkEqualToARecount() async throws {
        try await withAlongside(demo: true, demoReferrals: 150) { app in
            let truth = try await recount(app)
            #expect(truth.values.reduce(0, +) >= 150)
            #expect(truth.keys.filter { $0 != "none" }.count == 4, "the demo's four practices each made referrals")
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .commissioner))
            let body = try json(try await api.send(app, .GET, InsightURL.api(.referrals).path + "?by=practice", token: token))
            let rows = try #require(body["rows"] as? [[String: Any]])
            #expect(rows.map { $0["group"] as? String } == ["Y90001", "Y90004", "Y90003", "Y90002", "none"])
            for row in rows {
                let group = row["group"] as! String, value = (row["values"] as! [String: Any])["referrals"]
                let expected = try shown(truth[group] ?? 0)
                #expect((value as? Int).map(String.init) ?? value as? String == expected, "\(group)")
            }

            // Narrowed to one network, split by its practices.
            let network = try await recount(app, network: "U90001")
            let narrowed = try json(try await api.send(app, .GET, InsightURL.api(.outcomes).path + "?by=pcn&area=U90001", token: token))
            #expect(narrowed["area"] as? String == "U90001")
            let total = try #require(narrowed["total"] as? [String: Any])
            #expect((total["referrals"] as? Int).map(String.init) ?? total["referrals"] as? String == String(SmallNumbers.rounded(network.values.reduce(0, +))))
            let networkRows = try #require(narrowed["rows"] as? [[String: Any]])
            #expect(networkRows.map { $0["group"] as? String } == ["U90001", "U90002", "none"])
            #expect(((networkRows[1]["values"] as? [String: Any])?["referrals"] as? Int) == 0)

            // Taking part is about where people live, not who referred them: refused, naming the field.
            let refused = try await api.send(app, .GET, InsightURL.api(.participation).path + "?by=practice", token: token)
            #expect(refused.status == .badRequest && refused.text.contains("\"field\":\"by\""))
            let area = try await api.send(app, .GET, InsightURL.api(.participation).path + "?area=U90001", token: token)
            #expect(area.status == .badRequest && area.text.contains("\"field\":\"area\""))
            let unknown = try await api.send(app, .GET, InsightURL.api(.referrals).path + "?area=U99999", token: token)
            #expect(unknown.status == .badRequest && unknown.text.contains("\"field\":\"area\""))

            // The page shows the practice split with its names, and offers the networks as areas.
            let commissioner = Browser(app)
            try await commissioner.signIn(DemoLoader.email(for: .commissioner))
            let page = try await commissioner.get(InsightURL.page(.referrals).with([("by", "practice")]))
            let castle = try shown(truth["Y90001"] ?? 0)
            #expect(page.status == .ok && page.text.contains("<th scope=\"row\">Castle View Surgery (Y90001)</th><td>\(castle)</td>"))
            #expect(page.text.contains("Castle and Quay PCN (demo) (primary care network)"))
            let participation = try await commissioner.get(InsightURL.page(.participation).path)
            #expect(!participation.text.contains("value=\"practice\""))
        }
    }

    @Test func aClinicianSeesTheirOwnPracticesFiguresSuppressed() async throws {
        try await withAlongside(demo: true, demoReferrals: 150) { app in
            let clinician = try #require(try await Accounts().account(email: try EmailAddress(DemoLoader.email(for: .clinician)), on: app.db))
            let practiceID = try #require(try await Practices().practice(ofClinician: clinician.$person.id, on: app.db))
            let practice = try #require(try await Practices().find(practiceID, on: app.db))
            let own = try await recount(app)[practice.code] ?? 0
            #expect(own > 0)
            let api = ReferralAPITests()
            let token = try await api.token(app, DemoLoader.email(for: .clinician))
            let body = try json(try await api.send(app, .GET, InsightURL.api(.referrals).path + "?by=sex", token: token))
            #expect(body["scope"] as? String == "own_practice")
            let total = try #require(body["total"] as? [String: Any])
            let ownShown = try shown(own)
            #expect((total["referrals"] as? Int).map(String.init) ?? total["referrals"] as? String == ownShown)
            // Split by practice, only their own practice has referrals.
            let split = try json(try await api.send(app, .GET, InsightURL.api(.referrals).path + "?by=practice", token: token))
            for row in try #require(split["rows"] as? [[String: Any]]) where row["group"] as? String != practice.code {
                #expect((row["values"] as? [String: Any])?["referrals"] as? Int == 0)
            }

            let browser = Browser(app)
            try await browser.signIn(DemoLoader.email(for: .clinician))
            let index = try await browser.get(InsightURL.dashboards.path)
            #expect(index.status == .ok && index.text.contains("the referrals your own GP practice"))
            let page = try await browser.get(InsightURL.page(.referrals).path)
            #expect(page.status == .ok && page.text.contains("Your practice only."))
            #expect(try await browser.get(InsightURL.practices.path).status == .forbidden)
            // Taking part is about residents, not a practice's referrals: not offered, and refused with the reason.
            #expect(!index.text.contains("href=\"\(InsightURL.page(.participation).path)\""))
            #expect(try await browser.get(InsightURL.page(.participation).path).status == .forbidden)
            #expect(try await api.send(app, .GET, InsightURL.api(.participation).path, token: token).status == .forbidden)
            #expect(try await api.send(app, .GET, InsightURL.apiCSV(.participation).path, token: token).status == .forbidden)
            #expect(try await browser.get(InsightURL.gap(.loneliness).path).status == .forbidden)

            // A clinician on no practice's list is told why, and given no figures.
            try await app.db.transaction { tx in try await PracticeClinicianRecord.query(on: tx).delete() }
            let listless = try await browser.get(InsightURL.dashboards.path)
            #expect(listless.status == .ok && listless.text.contains("You are not on a GP practice"))
            #expect(try await browser.get(InsightURL.page(.referrals).path).status == .forbidden)
        }
    }

    /// A list from a file adds and updates practices by code in one go; a file with any fault changes nothing, each
    /// fault named with its line. A practice no referral is counted to can be taken off, after a question; one with
    /// referrals stays, and the page says why.
    @Test func anAdministratorUpdatesTheListFromAFileAndTakesAPracticeOff() async throws {
        try await withAlongside(demo: true, demoReferrals: 40) { app in
            let admin = Browser(app)
            try await admin.signIn(DemoLoader.email(for: .administrator))
            let before = try await PracticeRecord.query(on: app.db).sort(\.$code).all()
            let castle = try #require(before.first { $0.code == "Y90001" })

            let faulty = """
                code,name,pcn_code,pcn_name
                Y90001,Castle View Surgery,U90001,Lune Valley PCN
                X1234,Bad Code Surgery,U90001,Lune Valley PCN
                Y90009,"Harbour, Quay and Sands Practice",U90003,Bay PCN
                Y90009,Twice Surgery,U90003,Bay PCN
                Y90010,Other Name Surgery,U90003,Another Bay PCN
                """
            let refused = try await admin.postFile(InsightURL.importPractices.path, field: "file", filename: "practices.csv", contents: faulty)
            #expect(refused.status == .unprocessableEntity)
            for fault in ["Line 3: &quot;X1234&quot; is not a GP practice", "Line 5: Y90009 is already on line 4", "Line 6: U90003 is named"] {
                #expect(refused.text.contains(fault), "\(fault)")
            }
            #expect(try await PracticeRecord.query(on: app.db).count() == before.count)
            let noHeader = try await admin.postFile(InsightURL.importPractices.path, field: "file", filename: "p.csv", contents: "Y90011,A,U90001,B\n")
            #expect(noHeader.status == .unprocessableEntity && noHeader.text.contains("it has no code, name, pcn_code, pcn_name"))
            let empty = try await admin.post(InsightURL.importPractices.path, [])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Choose a CSV file of practices"))

            // A network given a second name against the list is refused whole too.
            let clash = "name,code,pcn_name,pcn_code,ignored\r\nNew Surgery,Y90012,Renamed PCN,U90001,x\r\n"
            let clashed = try await admin.postFile(InsightURL.importPractices.path, field: "file", filename: "p.csv", contents: clash)
            #expect(clashed.status == .unprocessableEntity && clashed.text.contains("U90001 would be named both"))
            #expect(try await PracticeRecord.query(on: app.db).count() == before.count)

            // A good file: one practice renamed, one added (a name with a comma), one as it was.
            let good = """
                code,name,pcn_code,pcn_name
                \(castle.code),Castle View Medical Centre,\(castle.pcnCode),\(castle.pcnName)
                y90009,"Harbour, Quay and Sands Practice",U90003,Bay PCN
                \(before[1].code),\(before[1].name),\(before[1].pcnCode),\(before[1].pcnName)
                """
            let done = try await admin.postFile(InsightURL.importPractices.path, field: "file", filename: "p.csv", contents: good)
            #expect(done.status == .seeOther)
            let after = try await admin.get(try #require(done.location))
            #expect(after.text.contains("From the file: 1 added, 1 changed, 1 already on the list as given."))
            #expect(try await PracticeRecord.find(castle.id, on: app.db)?.name == "Castle View Medical Centre")
            #expect(try await PracticeRecord.query(on: app.db).filter(\.$code == "Y90009").first()?.name == "Harbour, Quay and Sands Practice")

            // Taking a practice off asks first; with referrals counted to it, it stays.
            let harbour = try #require(try await PracticeRecord.query(on: app.db).filter(\.$code == "Y90009").first())
            let asked = try await admin.post(InsightURL.removePractice(harbour.id!).path, [])
            #expect(asked.status == .ok && asked.text.contains("Take Harbour, Quay and Sands Practice off the list?"))
            #expect(try await PracticeRecord.find(harbour.id, on: app.db) != nil)
            let removed = try await admin.post(InsightURL.removePractice(harbour.id!).path, [(Confirmation.field, "yes")])
            #expect(removed.status == .seeOther)
            #expect(try await PracticeRecord.find(harbour.id, on: app.db) == nil)
            let counted = try #require(try await ReferralRecord.query(on: app.db).filter(\.$practiceID != nil).first()?.practiceID)
            let kept = try await admin.post(InsightURL.removePractice(counted).path, [(Confirmation.field, "yes")])
            #expect(kept.status == .unprocessableEntity && kept.text.contains("so it stays on the list"))
            #expect(try await PracticeRecord.find(counted, on: app.db) != nil)
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == AuditAction.changedPractices.rawValue).all().map(\.detail)
            #expect(audit.contains("practice list from a file: 1 added, 1 changed") && audit.contains("removed practice Y90009"))
        }
    }
}
