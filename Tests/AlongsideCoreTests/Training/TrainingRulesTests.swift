import AlongsideCore
import Foundation
import Testing

@Suite struct TrainingRulesTests {
    let now = try! BookingRequest.time("2027-01-04T09:00", field: "x", label: "x")

    func draft(title: String? = "Safeguarding adults", covers: String? = "What abuse looks like", starts: String? = "2027-01-12T10:00",
               ends: String? = "2027-01-12T13:00", how: String? = "in_person", place: String? = "Town Hall", places: String? = "10") throws -> TrainingSessionDraft {
        try TrainingSessionDraft.from(title: title, covers: covers, starts: starts, ends: ends, how: how, place: place, places: places, now: now)
    }

    func fields(_ body: () throws -> Any) -> [String] {
        do { _ = try body(); return [] } catch let failure as ValidationFailure { return failure.errors.map(\.field) } catch { return ["?"] }
    }

    @Test func aSessionIsReadFromTheFormInUKTime() throws {
        let d = try draft()
        #expect(d.title == "Safeguarding adults" && d.places == 10 && !d.online)
        #expect(d.ends.timeIntervalSince(d.starts) == 3 * 3_600)
        #expect(UKDates.time(d.starts) == "10:00am")
        #expect(try draft(how: "online", place: "Microsoft Teams").online)
    }

    @Test func eachProblemNamesItsFieldAndNothingIsMade() {
        #expect(fields { try draft(title: " ") } == ["title"])
        #expect(fields { try draft(covers: nil) } == ["covers"])
        #expect(fields { try draft(starts: "2027-02-30T10:00") } == ["starts_at"])
        #expect(fields { try draft(starts: "2027-01-03T10:00", ends: "2027-01-03T11:00") } == ["starts_at"])
        #expect(fields { try draft(ends: "2027-01-12T09:00") } == ["ends_at"])
        #expect(fields { try draft(ends: "2027-01-12T19:00") } == ["ends_at"])
        #expect(fields { try draft(starts: "2027-01-12T20:00", ends: "2027-01-13T02:00") } == ["ends_at"])
        #expect(fields { try draft(how: "by post") } == ["how"])
        #expect(fields { try draft(place: "") } == ["place"])
        for bad in ["0", "-3", "2.5", "201", "ten", ""] { #expect(fields { try draft(places: bad) } == ["places"], "\(bad)") }
        #expect(fields { try draft(title: nil, places: nil) } == ["title", "places"])
    }

    @Test func placesGoFirstComeFirstServedAndAFreedPlaceToTheFirstWaitingBeforeTheStart() {
        #expect(TrainingPlaces.onRequest(places: 3, taken: 2) == .booked)
        #expect(TrainingPlaces.onRequest(places: 3, taken: 3) == .waiting)
        let waiting = (0..<4).map { _ in UUID() }
        let starts = now.addingTimeInterval(86_400)
        #expect(TrainingPlaces.promote(places: 3, taken: 2, waiting: waiting, starts: starts, now: now) == [waiting[0]])
        #expect(TrainingPlaces.promote(places: 3, taken: 0, waiting: waiting, starts: starts, now: now) == Array(waiting.prefix(3)))
        #expect(TrainingPlaces.promote(places: 3, taken: 3, waiting: waiting, starts: starts, now: now).isEmpty)
        #expect(TrainingPlaces.promote(places: 3, taken: 0, waiting: waiting, starts: starts, now: starts).isEmpty)
        #expect(TrainingPlaces.position(of: waiting[2], in: waiting) == 3)
        #expect(TrainingPlaces.position(of: UUID(), in: waiting) == nil)
    }

    @Test func aPlaceIsGivenUpOnlyBeforeTheStartAndAttendanceRecordedOnlyFromIt() {
        let starts = now.addingTimeInterval(3_600)
        #expect(TrainingPlaces.whyNotCancel(.booked, starts: starts, now: now) == nil)
        #expect(TrainingPlaces.whyNotCancel(.waiting, starts: starts, now: now) == nil)
        #expect(TrainingPlaces.whyNotCancel(.booked, starts: starts, now: starts) != nil)
        #expect(TrainingPlaces.whyNotCancel(.cancelled, starts: starts, now: now) != nil)
        #expect(TrainingPlaces.whyNotCancel(.attended, starts: starts, now: now) != nil)
        #expect(TrainingPlaces.whyNotRecordAttendance(.booked, starts: starts, now: now) == "Record attendance once the session has begun.")
        #expect(TrainingPlaces.whyNotRecordAttendance(.booked, starts: starts, now: starts) == nil)
        #expect(TrainingPlaces.whyNotRecordAttendance(.absent, starts: starts, now: starts) == nil)
        // A booked place can be recorded either way; one already recorded can only be put right.
        #expect(TrainingPlaces.attendanceChoices(.booked) == [.came, .didNotCome])
        #expect(TrainingPlaces.attendanceChoices(.attended) == [.didNotCome] && TrainingPlaces.attendanceChoices(.absent) == [.came])
        #expect(Attendance(rawValue: "yes") == .came && Attendance(rawValue: "maybe") == nil)
        #expect(TrainingPlaces.whyNotRecordAttendance(.waiting, starts: starts, now: starts) != nil)
        #expect(TrainingPlaces.whyNotRecordAttendance(.cancelled, starts: starts, now: starts) != nil)
    }

    @Test func theEmailSaysWhatWhenWhereAndHowToGiveThePlaceOnAgain() throws {
        let d = try draft()
        let mail = TrainingPlaceEmail.promoted(name: "Jen", title: d.title, starts: d.starts, place: d.place, online: false, link: "https://a.example/training/1")
        #expect(mail.subject == "A place on \u{201C}Safeguarding adults\u{201D} is yours")
        #expect(mail.body.contains("Dear Jen,"))
        #expect(mail.body.contains("When: Tuesday 12 January 2027, 10:00am\n"))
        #expect(mail.body.contains("Where: Town Hall"))
        #expect(mail.body.hasSuffix("can have it:\nhttps://a.example/training/1"))
        let noLink = TrainingPlaceEmail.promoted(name: "Jen", title: d.title, starts: d.starts, place: "Teams", online: true, link: nil)
        #expect(noLink.body.contains("Online: Teams"))
        #expect(noLink.body.hasSuffix("sign in to Alongside and open Training."))
    }
}
