@testable import AlongsideCore
import Foundation
import Testing

@Suite struct BookingTests {
    func at(_ text: String) -> Date { try! BookingRequest.time(text, field: "x", label: "x") }
    func clock(_ date: Date) -> String { UKDates.formatter("yyyy-MM-dd HH:mm EEE").string(from: date) }

    @Test func aWeeklySeriesKeepsItsClockTimeAcrossTheChangeToSummerTime() throws {
        // Tuesday 16 March 2027 10:00 GMT; clocks go forward on Sunday 28 March.
        let r = try BookingRequest.from(starts: "2027-03-16T10:00", ends: "2027-03-16T12:00", repeats: "week", until: "2027-04-06")
        #expect(r.occurrences().map { clock($0.starts) } == ["2027-03-16 10:00 Tue", "2027-03-23 10:00 Tue", "2027-03-30 10:00 Tue", "2027-04-06 10:00 Tue"])
        #expect(r.occurrences()[2].starts.timeIntervalSince(r.occurrences()[1].starts) == 7 * 86_400 - 3_600)
        #expect(r.occurrences().allSatisfy { $0.ends.timeIntervalSince($0.starts) == 7_200 })
    }

    @Test func everyOtherWeekAndTheSameWeekdayEachMonth() throws {
        let fortnight = try BookingRequest.from(starts: "2027-01-05T18:00", ends: "2027-01-05T19:30", repeats: "two_weeks", until: "2027-02-16")
        #expect(fortnight.occurrences().map(\.day) == ["2027-01-05", "2027-01-19", "2027-02-02", "2027-02-16"])
        // The second Tuesday of each month.
        let monthly = try BookingRequest.from(starts: "2027-01-12T14:00", ends: "2027-01-12T15:00", repeats: "month_weekday", until: "2027-05-31")
        #expect(monthly.occurrences().map(\.day) == ["2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13", "2027-05-11"])
        // A fifth Friday counts as the last Friday.
        let last = try BookingRequest.from(starts: "2027-01-29T10:00", ends: "2027-01-29T11:00", repeats: "month_weekday", until: "2027-04-30")
        #expect(last.occurrences().map(\.day) == ["2027-01-29", "2027-02-26", "2027-03-26", "2027-04-30"])
        #expect(ICalendar.rule(.monthWeekday, first: last.first.starts, until: "2027-04-30") == "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270430T225959Z")
        #expect(ICalendar.rule(.twoWeeks, first: fortnight.first.starts, until: "2027-02-16") == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20270216T235959Z")
    }

    @Test func badRequestsNameTheField() {
        for (s, e, rep, until, field) in [("", "2027-01-05T11:00", "", "", "starts_at"), ("2027-01-05T11:00", "2027-01-05T10:00", "", "", "ends_at"),
                                          ("2027-02-30T10:00", "2027-02-30T11:00", "", "", "starts_at"), ("2027-01-05T10:00", "2027-01-05T11:00", "week", "", "until"),
                                          ("2027-01-05T10:00", "2027-01-05T11:00", "daily", "2027-02-01", "repeat"),
                                          ("2027-01-05T10:00", "2027-01-05T11:00", "week", "2028-06-01", "until")] {
            do {
                _ = try BookingRequest.from(starts: s, ends: e, repeats: rep, until: until)
                Issue.record("accepted \(s) \(e) \(rep) \(until)")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.first?.field == field, "\(s) \(e) \(rep) \(until): \(failure.errors)")
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func bookingsClashWithinTheBuffer() {
        let a = Occurrence(starts: at("2027-01-05T10:00"), ends: at("2027-01-05T11:00"))
        #expect(a.clashes(with: Occurrence(starts: at("2027-01-05T11:10"), ends: at("2027-01-05T12:00")), buffer: 15))
        #expect(!a.clashes(with: Occurrence(starts: at("2027-01-05T11:15"), ends: at("2027-01-05T12:00")), buffer: 15))
        #expect(!a.clashes(with: Occurrence(starts: at("2027-01-05T08:00"), ends: at("2027-01-05T09:45")), buffer: 15))
        #expect(a.clashes(with: Occurrence(starts: at("2027-01-05T08:00"), ends: at("2027-01-05T09:50")), buffer: 15))
    }

    @Test func theRoomsRulesSayWhyNot() {
        let rules = RoomRules(openDays: [.monday, .tuesday], opens: TimeOfDay(hour: 9, minute: 0), closes: TimeOfDay(hour: 17, minute: 0),
                              longestMinutes: 180, blackouts: ["2027-01-12"])
        #expect(rules.whyNot(Occurrence(starts: at("2027-01-05T10:00"), ends: at("2027-01-05T12:00"))) == nil)
        #expect(rules.whyNot(Occurrence(starts: at("2027-01-06T10:00"), ends: at("2027-01-06T12:00"))) == "The room is not open on Wednesdays.")
        #expect(rules.whyNot(Occurrence(starts: at("2027-01-05T16:00"), ends: at("2027-01-05T17:30"))) == "The room is open from 09:00 to 17:00.")
        #expect(rules.whyNot(Occurrence(starts: at("2027-01-05T09:00"), ends: at("2027-01-05T13:00")))?.contains("at most 3 hours") == true)
        #expect(rules.whyNot(Occurrence(starts: at("2027-01-12T10:00"), ends: at("2027-01-12T11:00"))) == "The room is closed on 12 January 2027.")
    }

    @Test func theFeedIsEscapedFoldedAndNamesItsTimeZone() {
        let first = Occurrence(starts: at("2027-03-23T10:00"), ends: at("2027-03-23T12:00"))
        let feed = ICalendar.feed(name: "St Mary's hall", events: [
            ICalendar.Event(uid: "x@alongside", summary: "Knit, natter; and tea\\ \(String(repeating: "é", count: 60))", location: "Hall", first: first,
                            repeats: .week, until: "2027-04-13", exceptions: [at("2027-03-30T10:00")]),
        ], now: at("2027-01-01T00:00"))
        #expect(feed.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London"))
        #expect(feed.contains("DTSTART;TZID=Europe/London:20270323T100000"))
        #expect(feed.contains("RRULE:FREQ=WEEKLY;UNTIL=20270413T225959Z"))
        #expect(feed.contains("EXDATE;TZID=Europe/London:20270330T100000"))
        #expect(feed.contains("SUMMARY:Knit\\, natter\\; and tea\\\\ "))
        #expect(feed.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(feed.hasSuffix("END:VCALENDAR\r\n"))
    }
}
