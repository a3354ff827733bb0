import AlongsideCore
import Foundation
import Testing

@Suite struct RoomDraftTests {
    let groupA = UUID(), groupB = UUID(), owner = UUID()

    var good: [String: String] {
        ["name": "Church hall", "place": "St Mary's, Lancaster LA1 1AA", "description": "A large hall with a kitchen", "capacity": "60",
         "access": "Step-free", "equipment": "Tables and chairs", "price": "£12.50", "day-monday": "yes", "day-wednesday": "yes",
         "opens": "09:00", "closes": "21:30", "buffer": "15", "longest": "180", "blackouts": "2027-12-25\n2027-12-26, 2028-01-01",
         "approval": "no", "who": "any"]
    }

    func fields(_ form: [String: String]) -> [String] {
        do { _ = try RoomDraft.from(form, groups: [groupA, groupB]); return [] } catch let failure as ValidationFailure { return failure.errors.map(\.field) } catch { return ["?"] }
    }

    @Test func theOwnersFormIsReadExactlyAndWrittenBackTheSame() throws {
        let draft = try RoomDraft.from(good, groups: [groupA, groupB])
        #expect(draft.pricePence == 1_250 && draft.capacity == 60)
        #expect(draft.rules.openDays == [.monday, .wednesday])
        #expect(draft.rules.opens == TimeOfDay(hour: 9, minute: 0) && draft.rules.closes == TimeOfDay(hour: 21, minute: 30))
        #expect(draft.rules.blackouts == ["2027-12-25", "2027-12-26", "2028-01-01"])
        #expect(!draft.rules.needsApproval && draft.rules.onlyGroups.isEmpty)
        #expect(try RoomDraft.from(draft.form, groups: [groupA, groupB]) == draft)
        var kept = good
        kept["who"] = "chosen"; kept["group-\(groupA.uuidString.lowercased())"] = "yes"; kept["group-\(UUID().uuidString.lowercased())"] = "yes"
        let keptDraft = try RoomDraft.from(kept, groups: [groupA, groupB])
        // Only groups the directory knows are kept.
        #expect(keptDraft.rules.onlyGroups == [groupA])
        #expect(try RoomDraft.from(keptDraft.form, groups: [groupA, groupB]) == keptDraft)
        var free = good
        free["price"] = ""
        #expect(try RoomDraft.from(free, groups: []).pricePence == 0)
    }

    @Test func eachProblemNamesItsField() {
        func with(_ key: String, _ value: String?) -> [String: String] { var f = good; f[key] = value; return f }
        #expect(fields(with("name", " ")) == ["name"])
        #expect(fields(with("capacity", "0")) == ["capacity"])
        #expect(fields(with("price", "12.505")) == ["price"])
        #expect(fields(with("price", "-3")) == ["price"])
        #expect(fields(with("opens", "9am")) == ["opens"])
        #expect(fields(with("closes", "08:00")) == ["closes"])
        #expect(fields(with("buffer", "300")) == ["buffer"])
        #expect(fields(with("longest", "10")) == ["longest"])
        #expect(fields(with("blackouts", "2027-12-25\nChristmas")) == ["blackouts"])
        #expect(fields(with("approval", nil)) == ["approval"])
        #expect(fields(with("who", "chosen")) == ["who"])
        var closed = good
        closed["day-monday"] = nil; closed["day-wednesday"] = nil
        #expect(fields(closed) == ["days"])
    }

    @Test func aRoomKeptForSomeGroupsRefusesOthersButNotItsOwner() {
        var rules = RoomRules(openDays: Set(Weekday.allCases), opens: TimeOfDay(hour: 8, minute: 0), closes: TimeOfDay(hour: 22, minute: 0))
        #expect(rules.whyNotGroup(groupB, owner: owner) == nil)
        rules.onlyGroups = [groupA]
        #expect(rules.whyNotGroup(groupA, owner: owner) == nil)
        #expect(rules.whyNotGroup(owner, owner: owner) == nil)
        #expect(rules.whyNotGroup(groupB, owner: owner)?.contains("keeps this room for particular groups") == true)
    }

    @Test func rulesSavedBeforeGroupsCouldBeChosenStillRead() throws {
        let old = #"{"openDays":[1,3],"opens":{"minutes":540},"closes":{"minutes":1260},"bufferMinutes":15,"longestMinutes":240,"blackouts":[],"needsApproval":false}"#
        let rules = try JSONDecoder().decode(RoomRules.self, from: Data(old.utf8))
        #expect(rules.onlyGroups.isEmpty && rules.openDays == [.monday, .wednesday])
    }

    @Test func aSeriesBecomesTheDirectorysSchedule() throws {
        func schedule(_ starts: String, _ ends: String, _ repeats: String) throws -> Schedule? {
            try BookingRequest.from(starts: starts, ends: ends, repeats: repeats, until: "2027-06-30").schedule(notes: "At the hall")
        }
        let weekly = try #require(try schedule("2027-01-12T10:00", "2027-01-12T11:30", "week"))
        #expect(weekly.frequency == .weekly && weekly.interval == 1 && weekly.days == [Schedule.Day(.tuesday)])
        #expect(weekly.opensAt == TimeOfDay(hour: 10, minute: 0) && weekly.closesAt == TimeOfDay(hour: 11, minute: 30))
        #expect(weekly.validFrom.map(UKDates.isoDay) == "2027-01-12" && weekly.validTo.map(UKDates.isoDay) == "2027-06-30" && weekly.notes == "At the hall")
        #expect(try schedule("2027-01-12T10:00", "2027-01-12T11:30", "two_weeks")?.interval == 2)
        // The second Tuesday of the month; a fifth Friday is the last.
        let monthly = try #require(try schedule("2027-01-12T19:00", "2027-01-12T21:00", "month_weekday"))
        #expect(monthly.frequency == .monthly && monthly.days == [Schedule.Day(.tuesday, position: 2)])
        #expect(try schedule("2027-01-29T19:00", "2027-01-29T21:00", "month_weekday")?.days == [Schedule.Day(.friday, position: -1)])
        // Summer time: the clock time is kept as the group meets.
        #expect(try schedule("2027-04-06T10:00", "2027-04-06T11:00", "week")?.opensAt == TimeOfDay(hour: 10, minute: 0))
        #expect(try BookingRequest.from(starts: "2027-01-12T10:00", ends: "2027-01-12T11:00", repeats: nil, until: nil).schedule(notes: "") == nil)
    }
}
