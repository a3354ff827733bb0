import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct PeopleAPITests {
    let api = ReferralAPITests()

    func object(_ response: TestingHTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:]
    }

    func errorField(_ response: TestingHTTPResponse) -> String? {
        (object(response)["error"] as? [String: Any])?["field"] as? String
    }

    @Test func measuresAreRecordedAndScoredThroughTheAPI() async throws {
        try await withAlongside(demo: true) { app in
            let person = try await PlanPagesTests.residentID(app)
            let token = try await api.token(app, "resident@alongside.example")
            let path = SiteURL.apiMeasures(person).path

            let swemwbs = try await api.send(app, .POST, path, token: token, key: "m1", json: #"{"instrument": "swemwbs", "answers": [4, 3, 3, 4, 3, 4, 4]}"#)
            #expect(swemwbs.status == .created)
            let scores = try #require(object(swemwbs)["scores"] as? [String: Any])
            #expect(scores["raw"] as? Int == 25 && scores["metric"] as? Double == 22.35)
            // Retried with the same key: the first answer, and one measure.
            let again = try await api.send(app, .POST, path, token: token, key: "m1", json: #"{"instrument": "swemwbs", "answers": [4, 3, 3, 4, 3, 4, 4]}"#)
            #expect(again.status == .created && object(again)["id"] as? String == object(swemwbs)["id"] as? String)

            let ons4 = try await api.send(app, .POST, path, token: token, json: #"{"instrument": "ons4", "answers": [3, 9, 6, 1]}"#)
            let bands = (object(ons4)["scores"] as? [String: Any])?["ons4"] as? [[String: Any]]
            #expect(bands?.map { $0["band"] as? String } == ["low", "very_high", "medium", "very_low"])
            let ucla = try await api.send(app, .POST, path, token: token, json: #"{"instrument": "ucla3", "answers": [2, 2, 2, 2]}"#)
            let ucla3 = object(ucla)["scores"] as? [String: Any]
            #expect(ucla3?["total"] as? Int == 6 && ucla3?["lonely"] as? Bool == true && ucla3?["lonely_direct"] as? String == "Some of the time")
            let gap = try await api.send(app, .POST, path, token: token, json: #"{"instrument": "swemwbs", "answers": [4, null, 3, 4, 3, 4, 4]}"#)
            #expect(gap.status == .created && (object(gap)["scores"] as? [String: Any])?["metric"] == nil)
            #expect((object(gap)["unscored"] as? String)?.contains("question 2 was not answered") == true)

            // Bad input names the item; nothing is written.
            let before = try await MeasureRecord.query(on: app.db).count()
            for (body, field) in [(#"{"instrument": "swemwbs", "answers": [4, "3", 3, 4, 3, 4, 4]}"#, "answers[1]"),
                                  (#"{"instrument": "swemwbs", "answers": [4, 3, 6, 4, 3, 4, 4]}"#, "answers[2]"),
                                  (#"{"instrument": "swemwbs", "answers": [4, 3, 3]}"#, "answers"),
                                  (#"{"instrument": "phq9", "answers": [1]}"#, "instrument"),
                                  (#"{"instrument": "ons4", "answers": [3, 9.5, 6, 1]}"#, "answers[1]")] {
                let refused = try await api.send(app, .POST, path, token: token, json: body)
                #expect(refused.status == .unprocessableEntity && errorField(refused) == field, "\(body): \(refused.body.string)")
            }
            #expect(try await MeasureRecord.query(on: app.db).count() == before)

            let list = try await api.send(app, .GET, path, token: token)
            #expect((object(list)["measures"] as? [[String: Any]])?.count == 4)
            for email in ["link-worker@alongside.example", "commissioner@alongside.example", "admin@alongside.example"] {
                let other = try await api.token(app, email)
                #expect(try await api.send(app, .GET, path, token: other).status == .forbidden, "\(email)")
                #expect(try await api.send(app, .POST, path, token: other, json: #"{"instrument": "ons4", "answers": [1, 1, 1, 1]}"#).status == .forbidden)
            }
        }
    }

    @Test func thePlanIsReadAndSavedWithItsVersion() async throws {
        try await withAlongside(demo: true) { app in
            let person = try await PlanPagesTests.residentID(app)
            let token = try await api.token(app, "resident@alongside.example")
            let path = SiteURL.apiPlan(person).path
            let empty = try await api.send(app, .GET, path, token: token)
            #expect(empty.status == .ok && object(empty)["version"] as? Int == 0)

            let noWords = try await api.send(app, .PUT, path, token: token, json: #"{"version": 0, "goals": [{"words": "", "category": "activity"}]}"#)
            #expect(noWords.status == .unprocessableEntity && errorField(noWords) == "goals[0].words")
            let nobody = try await api.send(app, .PUT, path, token: token, json: #"{"version": 0, "goals": [{"words": "Walk", "steps": [{"what": "Walk", "who": ""}]}]}"#)
            #expect(errorField(nobody) == "goals[0].steps[0].who")
            let past = try await api.send(app, .PUT, path, token: token, json: #"{"version": 0, "review_on": "2001-01-01"}"#)
            #expect(errorField(past) == "review_on")
            let unknown = try await api.send(app, .PUT, path, token: token, json: #"{"version": 0, "chosen_services": ["00000000-0000-4000-8000-000000000000"]}"#)
            #expect(unknown.status == .unprocessableEntity && errorField(unknown) == "chosen_services[0]")

            let saved = try await api.send(app, .PUT, path, token: token, json: #"""
                {"version": 0, "what_matters": "My dog and my garden", "goals": [{"words": "Walk the dog to the park", "category": "activity", "progress": 3,
                 "steps": [{"what": "Walk to the corner", "who": "Me", "by_when": "2030-01-01"}]}]}
                """#)
            #expect(saved.status == .ok && object(saved)["version"] as? Int == 1, "\(saved.body.string)")
            #expect((object(saved)["goals"] as? [[String: Any]])?.first?["words"] as? String == "Walk the dog to the park")
            let stale = try await api.send(app, .PUT, path, token: token, json: #"{"version": 0, "what_matters": "Something else"}"#)
            #expect(stale.status == .conflict && errorField(stale) == "version")
            #expect(try await Plans().plan(of: person, on: app.db).plan.whatMatters == "My dog and my garden")

            let link = try await api.send(app, .POST, SiteURL.apiCarerLinks(person).path, token: token,
                                          json: #"{"cared_for_name": "Mum", "relationship": "parent", "hours_per_week": 35}"#)
            #expect(link.status == .created && object(link)["agreed"] as? Bool == true)
            let ownCarer = try await api.send(app, .POST, SiteURL.apiCarerLinks(person).path, token: token,
                                              json: #"{"cared_for_name": "Me", "relationship": "other", "cares_for_email": "resident@alongside.example"}"#)
            #expect(ownCarer.status == .unprocessableEntity && errorField(ownCarer) == "cares_for")
        }
    }
}
