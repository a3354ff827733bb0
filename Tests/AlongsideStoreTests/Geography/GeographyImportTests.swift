import AlongsideCore
import AlongsideStore
import AlongsideTestSupport
import Testing

@Suite struct GeographyImportTests {
    func bundled(_ name: String) throws -> String { try BundledGeography.text(name) }

    @Test func importingTheDistrictTwiceAddsOnceAndThenChangesNothing() async throws {
        try await withStore { db in
            let geography = Geography()
            let parsed = CodePointOpen.parse(try bundled("codepo-lancaster.csv"), source: "codepo-lancaster.csv")
            let first = try await geography.importPostcodes(parsed, skipInvalid: false, on: db)
            #expect(first.read == 4257)
            #expect(first.added == 4257)
            #expect(first.rejected.isEmpty)
            let second = try await geography.importPostcodes(parsed, skipInvalid: false, on: db)
            #expect(second.added == 0)
            #expect(second.changed == 0)
            #expect(second.unchanged == 4257)
            #expect(try await geography.postcodeCount(on: db) == 4257)
        }
    }

    @Test func aPostcodeKnowsItsLSOAAndDeprivationDecile() async throws {
        try await withStore { db in
            try await BundledGeography.load(on: db)
            let place = try await Geography().place(for: try Postcode("la1 1aa"), on: db)
            #expect(place?.lsoa == "E01033071")
            #expect(place?.imdDecile != nil)
            #expect(place!.coordinate.distance(to: Coordinate(latitude: 54.0481608, longitude: -2.8038229)) < 5)
            #expect(try await Geography().place(for: try Postcode("ZZ9 9ZZ"), on: db) == nil)
        }
    }

    @Test func aFileWithBadLinesWritesNothingUnlessToldToSkipThem() async throws {
        try await withStore { db in
            let text = "\"LA1 1AA\",10,347467,461653\r\n\"LA1 1AB\",10,nowhere,461615\r\n"
            let parsed = CodePointOpen.parse(text, source: "bad.csv")
            let refused = try await Geography().importPostcodes(parsed, skipInvalid: false, on: db)
            #expect(refused.writtenNothing)
            #expect(refused.rejected.first?.line == 2)
            #expect(try await Geography().postcodeCount(on: db) == 0)
            let skipped = try await Geography().importPostcodes(parsed, skipInvalid: true, on: db)
            #expect(skipped.added == 1)
            #expect(try await Geography().postcodeCount(on: db) == 1)
        }
    }

    @Test func aMovedPostcodeCountsAsChanged() async throws {
        try await withStore { db in
            let geography = Geography()
            _ = try await geography.importPostcodes(CodePointOpen.parse("\"LA1 1AA\",10,347467,461653\n", source: "a"), skipInvalid: false, on: db)
            let report = try await geography.importPostcodes(CodePointOpen.parse("\"LA1 1AA\",10,347500,461700\n", source: "b"), skipInvalid: false, on: db)
            #expect(report.changed == 1)
            let place = try await geography.place(for: try Postcode("LA1 1AA"), on: db)
            #expect(place!.coordinate == NationalGrid.wgs84(easting: 347_500, northing: 461_700))
        }
    }

    @Test func theDeprivationImportIsIdempotentAndTheLookupSetsLSOAs() async throws {
        try await withStore { db in
            let geography = Geography()
            _ = try await geography.importPostcodes(CodePointOpen.parse(try bundled("codepo-lancaster.csv"), source: "c"), skipInvalid: false, on: db)
            let lookup = PostcodeLSOALookup.parse(try bundled("ons-postcode-lsoa-lancaster.csv"), source: "ons")
            let lsoas = try await geography.importLSOALookup(lookup, skipInvalid: false, on: db)
            #expect(lsoas.read == 5490)
            #expect(lsoas.added == 4206)
            let imd = DeprivationIndex.parse(try bundled("imd2019-lancaster.csv"), source: "imd")
            let first = try await geography.importDeprivation(imd, skipInvalid: false, on: db)
            #expect(first.read == 89)
            #expect(first.rejected.isEmpty)
            let again = try await geography.importDeprivation(imd, skipInvalid: false, on: db)
            #expect(again.unchanged == 89)
            let lsoasAgain = try await geography.importLSOALookup(lookup, skipInvalid: false, on: db)
            #expect(lsoasAgain.added == 0 && lsoasAgain.changed == 0)
        }
    }
}
