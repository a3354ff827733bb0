import AlongsideCore
import Foundation
import Testing

@Suite struct NationalGridTests {
    /// The Ordnance Survey's worked example ("A guide to coordinate systems in Great Britain", annex C):
    /// E 651409.903, N 313177.270 is OSGB36 52°39′27.2531″N, 1°43′4.5177″E.
    @Test func theInverseProjectionMatchesTheOrdnanceSurveyWorkedExample() {
        let c = NationalGrid.osgb36(easting: 651_409.903, northing: 313_177.270)
        let latitude = 52 + 39 / 60.0 + 27.2531 / 3600
        let longitude = 1 + 43 / 60.0 + 4.5177 / 3600
        #expect(abs(c.latitude - latitude) < 0.000_001)
        #expect(abs(c.longitude - longitude) < 0.000_001)
    }

    /// Lancaster postcodes whose WGS84 positions were computed with OSTN15 (the Ordnance Survey's definitive
    /// transformation, as implemented by the `convertbng` package): ours must be within 5 metres.
    @Test(arguments: [
        ("LA1 1AA", 347_467.0, 461_653.0, 54.0481608, -2.8038229),
        ("LA1 4XJ", 347_876.0, 461_115.0, 54.0433676, -2.7974840),
        ("LA2 9LT", 356_301.0, 466_468.0, 54.0922599, -2.6696121),
        ("LA4 4RJ", 344_457.0, 463_441.0, 54.0639132, -2.8501188),
        ("LA6 2JA", 364_163.0, 476_853.0, 54.1861993, -2.5506557),
    ])
    func positionsAreWithinFiveMetresOfOSTN15(_ point: (String, Double, Double, Double, Double)) {
        let ours = NationalGrid.wgs84(easting: point.1, northing: point.2)
        let reference = Coordinate(latitude: point.3, longitude: point.4)
        let metres = ours.distance(to: reference)
        #expect(metres < 5, "\(point.0) is \(metres) m from OSTN15")
    }

    @Test func distanceBetweenLancasterAndMorecambeIsAboutFiveKilometres() {
        let lancaster = Coordinate(latitude: 54.0466, longitude: -2.8007)
        let morecambe = Coordinate(latitude: 54.0722, longitude: -2.8645)
        #expect(abs(lancaster.distance(to: morecambe) - 5_024) < 100)
    }
}
