import Foundation

/// A point as latitude and longitude in degrees (WGS84 unless said otherwise).
public struct Coordinate: Equatable, Sendable, Codable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Great-circle distance in metres (haversine on a sphere of the Earth's mean radius).
    public func distance(to other: Coordinate) -> Double {
        let r = 6_371_008.8
        let φ1 = latitude * .pi / 180, φ2 = other.latitude * .pi / 180
        let dφ = φ2 - φ1, dλ = (other.longitude - longitude) * .pi / 180
        let h = sin(dφ / 2) * sin(dφ / 2) + cos(φ1) * cos(φ2) * sin(dλ / 2) * sin(dλ / 2)
        return 2 * r * asin(min(1, sqrt(h)))
    }
}

/// Converts Ordnance Survey National Grid eastings and northings (OSGB36, EPSG:27700) to WGS84 latitude and
/// longitude, following the Ordnance Survey's "A guide to coordinate systems in Great Britain": the inverse
/// Transverse Mercator projection on the Airy 1830 ellipsoid, then the published seven-parameter Helmert
/// transformation to WGS84. Across Great Britain this agrees with OSTN15 to within a few metres, which is
/// ample for "how far is this group from my home".
public enum NationalGrid {
    private struct Ellipsoid { let a: Double; let b: Double }
    private static let airy1830 = Ellipsoid(a: 6_377_563.396, b: 6_356_256.909)
    private static let wgs84 = Ellipsoid(a: 6_378_137.000, b: 6_356_752.3142)

    // National Grid projection constants.
    private static let f0 = 0.9996012717
    private static let φ0 = 49.0 * .pi / 180
    private static let λ0 = -2.0 * .pi / 180
    private static let e0 = 400_000.0
    private static let n0 = -100_000.0

    /// OSGB36 latitude and longitude (on Airy 1830) for a grid reference.
    public static func osgb36(easting: Double, northing: Double) -> Coordinate {
        let (a, b) = (airy1830.a, airy1830.b)
        let e2 = 1 - (b * b) / (a * a)
        let n = (a - b) / (a + b)
        var φ = φ0
        var m = 0.0
        repeat {
            φ = (northing - n0 - m) / (a * f0) + φ
            m = meridionalArc(φ: φ, b: b, n: n)
        } while abs(northing - n0 - m) >= 0.00001

        let sinφ = sin(φ), cosφ = cos(φ), tanφ = tan(φ)
        let ν = a * f0 / sqrt(1 - e2 * sinφ * sinφ)
        let ρ = a * f0 * (1 - e2) / pow(1 - e2 * sinφ * sinφ, 1.5)
        let η2 = ν / ρ - 1
        let t2 = tanφ * tanφ, t4 = t2 * t2, t6 = t4 * t2
        let secφ = 1 / cosφ

        let vii = tanφ / (2 * ρ * ν)
        let viii = tanφ / (24 * ρ * pow(ν, 3)) * (5 + 3 * t2 + η2 - 9 * t2 * η2)
        let ix = tanφ / (720 * ρ * pow(ν, 5)) * (61 + 90 * t2 + 45 * t4)
        let x = secφ / ν
        let xi = secφ / (6 * pow(ν, 3)) * (ν / ρ + 2 * t2)
        let xii = secφ / (120 * pow(ν, 5)) * (5 + 28 * t2 + 24 * t4)
        let xiia = secφ / (5040 * pow(ν, 7)) * (61 + 662 * t2 + 1320 * t4 + 720 * t6)

        let dE = easting - e0
        let lat = φ - vii * pow(dE, 2) + viii * pow(dE, 4) - ix * pow(dE, 6)
        let lon = λ0 + x * dE - xi * pow(dE, 3) + xii * pow(dE, 5) - xiia * pow(dE, 7)
        return Coordinate(latitude: lat * 180 / .pi, longitude: lon * 180 / .pi)
    }

    /// WGS84 latitude and longitude for a grid reference, rounded to 6 decimal places (about 10 cm).
    public static func wgs84(easting: Double, northing: Double) -> Coordinate {
        let osgb = osgb36(easting: easting, northing: northing)
        let cartesian = toCartesian(osgb, on: airy1830)
        let shifted = helmertOSGB36ToWGS84(cartesian)
        let result = fromCartesian(shifted, on: wgs84)
        return Coordinate(
            latitude: (result.latitude * 1e6).rounded() / 1e6,
            longitude: (result.longitude * 1e6).rounded() / 1e6
        )
    }

    private static func meridionalArc(φ: Double, b: Double, n: Double) -> Double {
        let n2 = n * n, n3 = n2 * n
        let dφ = φ - φ0, sφ = φ + φ0
        let ma = (1 + n + 1.25 * n2 + 1.25 * n3) * dφ
        let mb = (3 * n + 3 * n2 + 21.0 / 8 * n3) * sin(dφ) * cos(sφ)
        let mc = (15.0 / 8 * n2 + 15.0 / 8 * n3) * sin(2 * dφ) * cos(2 * sφ)
        let md = 35.0 / 24 * n3 * sin(3 * dφ) * cos(3 * sφ)
        return b * f0 * (ma - mb + mc - md)
    }

    private typealias XYZ = (x: Double, y: Double, z: Double)

    private static func toCartesian(_ c: Coordinate, on e: Ellipsoid) -> XYZ {
        let φ = c.latitude * .pi / 180, λ = c.longitude * .pi / 180
        let e2 = 1 - (e.b * e.b) / (e.a * e.a)
        let ν = e.a / sqrt(1 - e2 * sin(φ) * sin(φ))
        return (ν * cos(φ) * cos(λ), ν * cos(φ) * sin(λ), (1 - e2) * ν * sin(φ))
    }

    private static func fromCartesian(_ p: XYZ, on e: Ellipsoid) -> Coordinate {
        let e2 = 1 - (e.b * e.b) / (e.a * e.a)
        let horizontal = sqrt(p.x * p.x + p.y * p.y)
        var φ = atan2(p.z, horizontal * (1 - e2))
        for _ in 0..<10 {
            let ν = e.a / sqrt(1 - e2 * sin(φ) * sin(φ))
            φ = atan2(p.z + e2 * ν * sin(φ), horizontal)
        }
        return Coordinate(latitude: φ * 180 / .pi, longitude: atan2(p.y, p.x) * 180 / .pi)
    }

    /// The Ordnance Survey's OSGB36 → WGS84 Helmert parameters (the WGS84 → OSGB36 set with signs reversed).
    private static func helmertOSGB36ToWGS84(_ p: XYZ) -> XYZ {
        let tx = 446.448, ty = -125.157, tz = 542.060
        let s = -20.4894e-6
        let arcsec = Double.pi / (180 * 3600)
        let rx = 0.1502 * arcsec, ry = 0.2470 * arcsec, rz = 0.8421 * arcsec
        return (
            tx + (1 + s) * p.x - rz * p.y + ry * p.z,
            ty + rz * p.x + (1 + s) * p.y - rx * p.z,
            tz - ry * p.x + rx * p.y + (1 + s) * p.z
        )
    }
}
