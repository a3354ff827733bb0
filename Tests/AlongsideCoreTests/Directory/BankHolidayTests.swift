import AlongsideCore
import Foundation
import Testing

@Suite struct BankHolidayTests {
    func dates(_ year: Int) -> [String] {
        BankHolidays.englandAndWales(year).map { String(format: "%04d-%02d-%02d", $0.year!, $0.month!, $0.day!) }
    }

    func date(_ text: String) -> Date {
        let parts = text.split(separator: "-").map { Int($0)! }
        return Calendar.ukCivil.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))!
    }

    /// As GOV.UK publishes them for England and Wales.
    @Test func theYearsBankHolidaysAreThePublishedOnes() {
        #expect(dates(2025) == ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"])
        #expect(dates(2026) == ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"])
        #expect(dates(2027) == ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"])
        // A New Year's Day on a Saturday moves to Monday; the one-off days of 2022 and 2023.
        #expect(dates(2022) == ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29",
                                "2022-09-19", "2022-12-26", "2022-12-27"])
        #expect(dates(2023).contains("2023-05-08"))
        #expect(dates(2020).contains("2020-05-08") && !dates(2020).contains("2020-05-04"))
    }

    @Test func easterFollowsTheComputus() {
        #expect(BankHolidays.easterSunday(2024) == (3, 31))
        #expect(BankHolidays.easterSunday(2019) == (4, 21))
        #expect(BankHolidays.easterSunday(2038) == (4, 25))
    }

    @Test func aGroupThatStopsOnBankHolidaysDoesNotRunOnThemAndSaysSo() {
        var monday = Schedule.weekly(.monday, from: TimeOfDay(hour: 10, minute: 0), to: TimeOfDay(hour: 12, minute: 0))
        #expect(monday.runs(on: date("2026-05-04")))
        monday.closedOnBankHolidays = true
        #expect(!monday.runs(on: date("2026-05-04")))
        #expect(monday.runs(on: date("2026-05-11")))
        #expect(monday.phrase == "Mondays 10:00–12:00, not on bank holidays")
        // The next session after the Friday before the early May bank holiday is the Monday after it.
        let next = monday.nextOpening(after: date("2026-05-01"))!
        #expect(Calendar.ukCivil.component(.day, from: next) == 11)
    }

    @Test func schedulesSavedBeforeBankHolidaysWereRecordedStillRead() throws {
        let old = #"{"frequency":"WEEKLY","interval":1,"days":[{"weekday":1}],"monthDays":[],"notes":""}"#
        let schedule = try JSONDecoder().decode(Schedule.self, from: Data(old.utf8))
        #expect(schedule.closedOnBankHolidays == false)
        #expect(schedule.days == [Schedule.Day(.monday)])
    }
}
