@testable import AlongsideCore
import Testing

@Suite struct WardMapTests {
    /// Two wards' postcodes side by side on a 100 × 40 map with 10-unit squares, and nothing on the right.
    var twoWards: WardMap {
        WardMap(points: [.init(x: 10, y: 20, ward: "A"), .init(x: 30, y: 20, ward: "A"), .init(x: 50, y: 20, ward: "B")],
                width: 100, height: 40, cell: 10, reach: 25)
    }

    @Test func eachSquareBelongsToTheNearestPostcodesWardOrToNoneBeyondReach() {
        let map = twoWards
        #expect(map.columns == 10 && map.rows == 4)
        #expect(map.wards == ["A", "B"])
        // Square centres at x = 5, 15, …: up to 35 nearest an A point, 45 to 65 nearest B, 75 on more than 25 from any.
        #expect((0..<10).map { map.ward(column: $0, row: 1) } == [0, 0, 0, 0, 1, 1, 1, -1, -1, -1])
    }

    @Test func boundariesRunBetweenWardsAndTheCoastAroundTheLand() {
        let map = twoWards
        // One line between A and B, down the whole map at x = 40.
        #expect(map.boundaryPath == "M40 0v40")
        // The land ends at x = 70 on every row; the top and bottom rows are land too (reach 25 from y = 20).
        #expect(map.coastPath == "M70 0v40")
        #expect(map.landPath.hasPrefix("M0 0h70v10h-70z"))
    }

    /// Each ward filled on its own, and its figure written at the middle of its squares.
    @Test func eachWardHasItsOwnLandAndAMiddle() throws {
        let map = twoWards
        #expect(map.landPath(ward: 0) == "M0 0h40v10h-40zM0 10h40v10h-40zM0 20h40v10h-40zM0 30h40v10h-40z")
        #expect(map.landPath(ward: 1).hasPrefix("M40 0h30v10h-30z"))
        let a = try #require(map.centre(ward: 0)), b = try #require(map.centre(ward: 1))
        #expect(a.x == 20 && a.y == 20 && b.x == 55 && b.y == 20)
        #expect(map.centre(ward: 2) == nil)
    }

    @Test func townsAreNamedWhereMostOfTheirPostcodesAreInView() {
        let inView = (0..<20).map { (x: Double($0), y: 10.0) }
        let labels = WardMap.labels([("Morecambe", inView), ("Carnforth", [(x: 500.0, y: 500.0)] + Array(inView.prefix(5)))], width: 100, height: 100)
        #expect(labels == [WardMap.Label(text: "Morecambe", x: 9.5, y: 10)])
    }

    @Test func codePointOpenRowsKeepTheirWard() {
        let parsed = CodePointOpen.parse("\"LA1 1AA\",10,347467,461653,\"E92000001\",\"E19000001\",\"E18000002\",\"E10000017\",\"E07000121\",\"E05014890\"\r\n", source: "t")
        #expect(parsed.rows.first?.ward == "E05014890")
        #expect(PostTowns.district(of: "LA4 4AA") == "LA4")
    }
}

@Suite struct WardAreaTests {
    @Test func aWardIsNamedByItsTownAndLargestSectors() {
        let wards = WardArea.from([("LA4 4AA", "W1"), ("LA4 4AB", "W1"), ("LA4 5AA", "W1"), ("LA3 1AA", "W2"), ("LA2 6AA", "W3")])
        #expect(wards.map(\.name) == ["Heysham: LA3 1", "LA2 6", "Morecambe: LA4 4, LA4 5"])
        #expect(WardArea.sector(of: "LA1 1AA") == "LA1 1")
    }
}
