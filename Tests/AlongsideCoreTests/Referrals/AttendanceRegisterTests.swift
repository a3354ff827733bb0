import AlongsideCore
import Foundation
import Testing

@Suite struct AttendanceRegisterTests {
    func m(_ day: String, _ came: Bool) -> AttendanceMark { AttendanceMark(day: day, attended: came) }

    @Test func theStatusIsReadFromTheRegister() {
        #expect(AttendanceRegister.status([]) == nil)
        #expect(AttendanceRegister.status([m("2026-11-03", false)]) == .didNotAttend)
        #expect(AttendanceRegister.status([m("2026-11-03", false), m("2026-11-10", true)]) == .attendedFirst)
        let three = [m("2026-11-03", true), m("2026-11-10", true), m("2026-11-17", true)]
        #expect(AttendanceRegister.status(three) == .attendingRegularly)
        // Out of order as entered: the latest by day counts.
        #expect(AttendanceRegister.status([m("2026-11-24", false)] + three) == .attendedFirst)
        #expect(AttendanceRegister.status(three.reversed() + [m("2026-11-01", false)]) == .attendingRegularly)
    }

    @Test func aSessionIsARealPastDayAfterTheyWereTakenOnWithAnAnswer() throws {
        let ok = try AttendanceRegister.mark(day: "2026-11-10", came: "yes", acceptedOn: "2026-11-01", today: "2026-12-02")
        #expect(ok == m("2026-11-10", true))
        #expect(try AttendanceRegister.mark(day: "3/11/2026", came: "no", acceptedOn: "2026-11-01", today: "2026-12-02") == m("2026-11-03", false))
        func fields(_ day: String?, _ came: String?) -> [String] {
            do { _ = try AttendanceRegister.mark(day: day, came: came, acceptedOn: "2026-11-01", today: "2026-12-02"); return [] }
            catch let failure as ValidationFailure { return failure.errors.map(\.field) }
            catch { return ["?"] }
        }
        #expect(fields("2026-12-03", "yes") == ["session_on"])
        #expect(fields("2026-10-31", "yes") == ["session_on"])
        #expect(fields("", nil) == ["session_on", "came"])
        #expect(fields("31/02/2026", "yes") == ["session_on"])
        #expect(fields("2026-11-02", "maybe") == ["came"])
        #expect(fields("2026-12-02", "no") == [])
    }

    @Test func pastTheFourteenDaysComesFirstThenWaitingThenTheRest() {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let day = 86_400.0
        let ids = (0..<5).map { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", $0))! }
        let items: [(id: UUID, sentAt: Date, status: CommunityReferralStatus)] = [
            (ids[0], now - 2 * day, .accepted), (ids[1], now - 3 * day, .sent), (ids[2], now - 20 * day, .sent),
            (ids[3], now - 15 * day, .sent), (ids[4], now - 1 * day, .attendedFirst),
        ]
        #expect(CommunityReferralRules.inboxOrder(items, now: now) == [ids[2], ids[3], ids[1], ids[4], ids[0]])
        #expect(CommunityReferralRules.daysWaiting(sentAt: now - 15 * day, now: now) == 15)
    }
}
