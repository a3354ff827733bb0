import AlongsideCore
import Foundation
import Testing

@Suite struct ScheduleTests {
    let ten = TimeOfDay(hour: 10, minute: 0)
    let halfEleven = TimeOfDay(hour: 11, minute: 30)

    func date(_ text: String) -> Date {
        var calendar = Calendar.ukCivil
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let parts = text.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))!
    }

    @Test func schedulesAreSaidInPlainWords() {
        #expect(Schedule.weekly(.tuesday, from: ten, to: halfEleven).phrase == "Tuesdays 10:00–11:30")
        #expect(Schedule.weekly(.monday, .thursday, from: ten, to: halfEleven).phrase == "Mondays and Thursdays 10:00–11:30")
        #expect(Schedule.weekly(.friday, .monday, .wednesday, from: ten, to: halfEleven).phrase == "Mondays, Wednesdays and Fridays 10:00–11:30")
        #expect(Schedule.weekly(.monday, .tuesday, .wednesday, .thursday, .friday, from: TimeOfDay(hour: 9, minute: 0), to: TimeOfDay(hour: 17, minute: 0)).phrase == "Weekdays 09:00–17:00")
        #expect(Schedule.monthly(2, .saturday, from: ten, to: TimeOfDay(hour: 12, minute: 0)).phrase == "2nd Saturday of the month 10:00–12:00")
        #expect(Schedule.monthly(-1, .friday, from: ten, to: halfEleven).phrase == "Last Friday of the month 10:00–11:30")
        var fortnightly = Schedule.weekly(.monday, from: TimeOfDay(hour: 18, minute: 30), to: TimeOfDay(hour: 20, minute: 0))
        fortnightly.interval = 2
        #expect(fortnightly.phrase == "Every other Monday 18:30–20:00")
        #expect(Schedule(frequency: .monthly, monthDays: [15, 1], opensAt: ten).phrase == "The 1st and 15th of the month from 10:00")
        #expect(Schedule(days: Weekday.allCases.map { .init($0) }).phrase == "Every day")
    }

    @Test func aWeeklyScheduleRunsOnItsDays() {
        let tuesdays = Schedule.weekly(.tuesday, from: ten, to: halfEleven)
        #expect(tuesdays.runs(on: date("2026-11-24")))   // a Tuesday
        #expect(!tuesdays.runs(on: date("2026-11-25")))
    }

    @Test func theSecondSaturdayAndTheLastFridayAreFoundInTheMonth() {
        let second = Schedule.monthly(2, .saturday, from: ten, to: halfEleven)
        #expect(second.runs(on: date("2026-11-14")))
        #expect(!second.runs(on: date("2026-11-07")))
        #expect(!second.runs(on: date("2026-11-21")))
        let last = Schedule.monthly(-1, .friday, from: ten, to: halfEleven)
        #expect(last.runs(on: date("2026-11-27")))
        #expect(!last.runs(on: date("2026-11-20")))
    }

    @Test func aFortnightlyScheduleCountsWeeksFromItsStart() {
        var fortnightly = Schedule.weekly(.monday, from: ten, to: halfEleven)
        fortnightly.interval = 2
        fortnightly.validFrom = date("2026-11-02")
        #expect(fortnightly.runs(on: date("2026-11-16")))
        #expect(!fortnightly.runs(on: date("2026-11-09")))
        #expect(!fortnightly.runs(on: date("2026-10-19")))
    }

    @Test func openOnTuesdayAtTenMeansTheDayAndTheHoursMatch() {
        let tuesdays = Schedule.weekly(.tuesday, from: ten, to: halfEleven)
        #expect(tuesdays.isOpen(on: .tuesday, at: ten))
        #expect(tuesdays.isOpen(on: .tuesday, at: nil))
        #expect(!tuesdays.isOpen(on: .tuesday, at: halfEleven))
        #expect(!tuesdays.isOpen(on: .wednesday, at: ten))
    }

    @Test func theNextOpeningIsFoundFromNow() {
        let tuesdays = Schedule.weekly(.tuesday, from: ten, to: halfEleven)
        let next = tuesdays.nextOpening(after: date("2026-11-25"))!
        let parts = Calendar.ukCivil.dateComponents([.year, .month, .day, .hour], from: next)
        #expect([parts.year, parts.month, parts.day, parts.hour] == [2026, 12, 1, 10])
    }

    @Test func aScheduleThatMakesNoSenseIsRefusedByField() {
        var closesFirst = Schedule.weekly(.monday, from: halfEleven, to: ten)
        #expect(throws: ValidationFailure([FieldError("closes_at", "Closing time must be after opening time")])) { try closesFirst.validate() }
        closesFirst = Schedule()
        #expect(throws: ValidationFailure.self) { try closesFirst.validate() }
        #expect(Schedule.Day(parsing: "2SA") == Schedule.Day(.saturday, position: 2))
        #expect(Schedule.Day(parsing: "-1FR")?.code == "-1FR")
        #expect(Schedule.Day(parsing: "9XX") == nil)
    }

    @Test func timesAreReadWithOrWithoutSeconds() {
        #expect(TimeOfDay(parsing: "10:00:00") == TimeOfDay(hour: 10, minute: 0))
        #expect(TimeOfDay(parsing: "9:05")?.description == "09:05")
        #expect(TimeOfDay(parsing: "25:00") == nil)
        // RFC 3339 times, as Open Referral's start_time and end_time are typed: the clock time as written.
        for text in ["10:00:00Z", "10:00:00z", "10:00:00+01:00", "10:00:00-05:30", "10:00:00.250Z", "10:00"] {
            #expect(TimeOfDay(parsing: text) == TimeOfDay(hour: 10, minute: 0), "\(text)")
        }
        for text in ["10:00:00+25:00", "10:00:00+1:00", "10:00:00.Z", "10:00:00Q", "+10:00", "10:-1", "10::00", "1 0:00", ""] {
            #expect(TimeOfDay(parsing: text) == nil, "\(text)")
        }
        #expect(TimeOfDay(parsing: "noon") == nil)
    }
}

@Suite struct ListingDiffTests {
    let listing = ServiceListing(id: UUID(), organisationID: UUID(), organisationName: "Bay Walkers", name: "Health walk",
                                 description: "A gentle walk.", phone: "01524 000000",
                                 schedules: [.weekly(.tuesday, from: TimeOfDay(hour: 10, minute: 0), to: TimeOfDay(hour: 11, minute: 0))],
                                 lastModified: Date(timeIntervalSince1970: 0), lastChecked: Date(timeIntervalSince1970: 0))

    @Test func onlyTheFieldsThatChangedAreShownInWords() {
        var changed = listing
        changed.name = "Prom health walk"
        changed.schedules = [.weekly(.thursday, from: TimeOfDay(hour: 10, minute: 0), to: TimeOfDay(hour: 11, minute: 0))]
        changed.isFree = false
        changed.fees = "£1"
        #expect(ListingDiff.changes(from: listing, to: changed) == [
            FieldChange(field: "Name", before: "Health walk", after: "Prom health walk"),
            FieldChange(field: "Cost", before: "Free", after: "£1"),
            FieldChange(field: "When", before: "Tuesdays 10:00–11:00", after: "Thursdays 10:00–11:00"),
        ])
        #expect(ListingDiff.changes(from: listing, to: listing).isEmpty)
    }

    @Test func aListingNeedsANameADescriptionAndAWayToContactOrAttend() {
        var bad = listing
        bad.name = " "
        bad.phone = nil
        bad.minimumAge = 30
        bad.maximumAge = 18
        do {
            try bad.validate()
            Issue.record("accepted")
        } catch let failure as ValidationFailure {
            #expect(failure.errors.map(\.field) == ["name", "maximum_age", "email"])
        } catch { Issue.record("\(error)") }
        var badAddress = listing
        badAddress.url = "example.org"
        #expect(throws: ValidationFailure([FieldError("url", "Enter a web address starting with https://, like https://example.org")])) {
            try badAddress.validate()
        }
    }
}
