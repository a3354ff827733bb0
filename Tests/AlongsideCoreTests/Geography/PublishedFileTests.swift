import AlongsideCore
import Testing

/// The published files as they are: real lines from Code-Point Open, the ONS lookup and IMD 2019.
@Suite struct PublishedFileTests {
    @Test func codePointOpenWithQuotesAndCRLFAndNoHeaderIsRead() {
        let text = "\"LA1 1AA\",10,347467,461653,\"E92000001\",\"E19000001\",\"E18000002\",\"E10000017\",\"E07000121\",\"E05014890\"\r\n"
            + "\"LA1 1AB\",10,347450,461615,\"E92000001\",\"E19000001\",\"E18000002\",\"E10000017\",\"E07000121\",\"E05014890\"\r\n"
        let parsed = CodePointOpen.parse(text, source: "la.csv")
        #expect(parsed.linesRead == 2)
        #expect(parsed.rejections.isEmpty)
        #expect(parsed.rows.first == CodePointRow(postcode: "LA1 1AA", positionalQuality: 10, easting: 347_467,
                                                  northing: 461_653, adminDistrict: "E07000121", ward: "E05014890"))
    }

    @Test func badCodePointLinesAreRejectedWithTheirLineNumbersAndReasons() {
        let text = "\"LA1 1AA\",10,347467,461653\r\n\"NOT A CODE\",10,1,2\r\n\"LA1 1AB\",10,east,461615\r\n\"LA1 1AD\",90,0,0\r\n"
        let parsed = CodePointOpen.parse(text, source: "la.csv")
        #expect(parsed.rows.count == 1)
        #expect(parsed.rejections.map(\.line) == [2, 3])
        #expect(parsed.rejections[0].reason.contains("not a postcode"))
        #expect(parsed.rejections[1].reason.contains("easting"))
        // A postcode published without a grid reference is correct data with nothing to import, not an error.
        #expect(parsed.skipped.map(\.line) == [4])
        #expect(parsed.skipped[0].reason.contains("no grid reference"))
    }

    @Test func theIMDFileWithAByteOrderMarkAndThousandsSeparatorsIsRead() {
        let text = "\u{FEFF}LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile\n"
            + "E01000001,City of London 001A,E09000001,City of London,\"29,199\",9\n"
            + "E01025000,Lancaster 001A,E07000121,Lancaster,\"1,234\",1"
        let parsed = DeprivationIndex.parse(text, source: "imd.csv")
        #expect(parsed.rejections.isEmpty)
        #expect(parsed.rows.map(\.rank) == [29_199, 1_234])
        #expect(parsed.rows.map(\.decile) == [9, 1])
        #expect(parsed.rows[0].lsoa == "E01000001")
    }

    @Test func anIMDDecileOutOfRangeIsRejected() {
        let text = "LSOA code (2011),LSOA name (2011),IMD Rank,IMD Decile\nE01000001,x,\"29,199\",11\n"
        let parsed = DeprivationIndex.parse(text, source: "imd.csv")
        #expect(parsed.rows.isEmpty)
        #expect(parsed.rejections.first?.line == 2)
        #expect(parsed.rejections.first?.reason.contains("decile") == true)
    }

    @Test func theONSLookupFindsItsColumnsByTheHeader() {
        let text = "pcd7,pcd8,pcds,dointr,doterm,usertype,oa11cd,lsoa11cd,msoa11cd,ladcd,lsoa11nm,msoa11nm,ladnm,ladnmw\n"
            + "\"LA1 1AA\",\"LA1  1AA\",\"LA1 1AA\",\"200012\",\"\",\"0\",\"E00127404\",\"E01033071\",\"E02005234\",\"E07000121\",\"Lancaster 014E\",\"Lancaster 014\",\"Lancaster\",\"\"\n"
            + "\"LA1 1ZZ\",\"LA1  1ZZ\",\"LA1 1ZZ\",\"198001\",\"200512\",\"0\",\"E00127404\",\"E01033071\",\"E02005234\",\"E07000121\",\"Lancaster 014E\",\"Lancaster 014\",\"Lancaster\",\"\"\n"
        let parsed = PostcodeLSOALookup.parse(text, source: "ons.csv")
        #expect(parsed.rows.map(\.postcode) == ["LA1 1AA", "LA1 1ZZ"])
        #expect(parsed.rows.map(\.terminated) == [false, true])
        #expect(parsed.rows[0].lsoa == "E01033071")
        #expect(parsed.rows[0].lsoaName == "Lancaster 014E")
    }

    @Test func quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        let rows = CSVReader().rows("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x")
        #expect(rows.map(\.fields) == [["a", "b, c", "say \"hi\""], ["two\nlines", "x"]])
    }
}
