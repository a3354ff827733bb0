import AlongsideCore
import Foundation
import Testing

/// Dates and text as people type them: a slip is refused by name, never turned into another fact.
@Suite struct TypedDateTests {
    @Test func onlyDaysThatExistAreRead() {
        #expect(UKDates.parseISODay("2026-02-30") == nil, "Foundation alone reads this as 2 March")
        #expect(UKDates.parseTypedDay("30/2/2026") == nil)
        #expect(UKDates.parseISODay("2026-13-01") == nil)
        #expect(UKDates.parseISODay("2026-00-10") == nil)
        #expect(UKDates.parseISODay("2026-04-31") == nil)
        #expect(UKDates.parseISODay("2027-02-29") == nil)
        #expect(UKDates.parseISODay("2028-02-29").map(UKDates.isoDay) == "2028-02-29")
        #expect(UKDates.parseTypedDay("29/2/2028").map(UKDates.isoDay) == "2028-02-29")
        #expect(UKDates.parseTypedDay(" 1/11/2026 ").map(UKDates.isoDay) == "2026-11-01")
    }

    @Test func yearsNobodyMeansAreRefused() {
        #expect(UKDates.parseISODay("0000-01-01") == nil)
        #expect(UKDates.parseISODay("9999-12-31") == nil)
        #expect(UKDates.parseTypedDay("1/1/0000") == nil)
        #expect(UKDates.parseTypedDay("1/1/26") == nil, "a two-digit year is ambiguous")
        #expect(UKDates.parseISODay("1900-01-01") != nil && UKDates.parseISODay("2199-12-31") != nil)
    }

    @Test func onlyDigitsMakeADate() {
        for text in ["2026-1-01", "2026-01-1x", "+026-01-01", "2026-٠١-٠١", "2026/01/01", "1//2026", "1/1/2026/1", ""] {
            #expect(UKDates.parseTypedDay(text) == nil, "\(text)")
        }
    }

    @Test func theStartOfTheDayIsInUKTime() {
        // 1 July is in summer time: the day starts at 23:00 UTC the evening before.
        #expect(UKDates.parseISODay("2026-07-01")!.timeIntervalSince1970 == 1_782_860_400)
    }

    @Test func aDateAndTimeNeedsItsZoneAndARealDay() {
        #expect(UKDates.parseDateTime("2026-11-01T10:00:00Z")!.timeIntervalSince1970 == 1_793_527_200)
        #expect(UKDates.parseDateTime("2026-11-01T11:00:00+01:00")!.timeIntervalSince1970 == 1_793_527_200)
        #expect(UKDates.parseDateTime("2026-11-01T10:00:00.250Z")!.timeIntervalSince1970 == 1_793_527_200.25)
        #expect(UKDates.parseDateTime("2026-11-01T10:00:00") == nil)
        #expect(UKDates.parseDateTime("0000-01-01T10:00:00Z") == nil)
        #expect(UKDates.parseDateTime("2026-02-30T10:00:00Z") == nil)
        #expect(UKDates.parseDateTime("2026-11-01") == nil)
    }
}

@Suite struct TypedTextTests {
    @Test func aNameWithANulOrALineBreakIsRefusedByName() {
        for name in ["Ann\u{0}", "Ann\nSmith", "Ann\u{1B}[31m", "Ann\u{2028}Smith", "\u{0}Ann"] {
            #expect(throws: FieldError.self) { try Text.required(name, field: "given_name", label: "their first name") }
            do { _ = try Text.required(name, field: "given_name", label: "their first name") } catch let error as FieldError {
                #expect(error.field == "given_name")
                #expect(error.message.hasPrefix("Their first name has a character that cannot be typed"))
            } catch { Issue.record("\(error)") }
        }
        #expect((try? Text.required(" Anne-Marie O’Neill ", field: "given_name", label: "their first name")) == "Anne-Marie O’Neill")
    }

    @Test func aLongerTextKeepsItsLineBreaksButNotANul() {
        #expect((try? Text.required("Walks on Tuesdays.\r\nMeet at the library.", field: "description", label: "a description", multiline: true)) != nil)
        #expect(throws: FieldError.self) { try Text.required("Walks\u{0}", field: "description", label: "a description", multiline: true) }
    }
}

@Suite struct WebAddressTests {
    @Test func whatIsTypedBecomesAValidURI() {
        #expect(WebAddress.normalised("https://example.org/carers-café") == "https://example.org/carers-caf%C3%A9")
        #expect(WebAddress.normalised(" http://example.org/a b?q=tea & cake#top ") == "http://example.org/a%20b?q=tea%20&%20cake#top")
        #expect(WebAddress.normalised("https://example.org/already%20encoded") == "https://example.org/already%20encoded")
        #expect(WebAddress.normalised("HTTPS://Example.org") == "https://Example.org")
    }

    @Test func onlyWebAddressesWithAPlainHostAreTaken() {
        for text in ["javascript:alert(1)", "ftp://example.org", "https://", "https://exämple.org/", "example.org", "https://exa mple.org"] {
            #expect(WebAddress.normalised(text) == nil, "\(text)")
        }
    }
}
