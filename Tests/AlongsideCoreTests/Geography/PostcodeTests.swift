import AlongsideCore
import Testing

@Suite struct PostcodeTests {
    @Test(arguments: ["LA1 1AA", "la11aa", " la1  1aa ", "La1 1Aa"])
    func anySpacingOrCaseGivesTheStandardForm(_ raw: String) throws {
        #expect(try Postcode(raw).value == "LA1 1AA")
    }

    @Test func longAndShortOutwardCodesKeepTheirShape() throws {
        #expect(try Postcode("sw1a1aa").value == "SW1A 1AA")
        #expect(try Postcode("M11AE").value == "M1 1AE")
    }

    @Test(arguments: ["", "LA1", "12345", "LA1 1A1", "LA1-1AA", "LAAAAAA1"])
    func somethingThatIsNotAPostcodeIsRefusedByName(_ raw: String) {
        #expect(throws: FieldError.self) { try Postcode(raw) }
    }

    @Test func theQuintileComesFromTheDecile() {
        let place = { (d: Int) in PostcodePlace(postcode: "X", coordinate: .init(latitude: 0, longitude: 0), lsoa: nil, imdDecile: d) }
        #expect((1...10).map { place($0).imdQuintile! } == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    }
}
