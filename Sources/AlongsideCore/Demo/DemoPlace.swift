import Foundation

/// A synthetic resident of the demo place. Nobody real: names, ages and circumstances are drawn at random
/// (from a fixed seed) in proportions like those of Lancaster district at the 2021 census.
public struct DemoResident: Equatable, Sendable {
    public let givenName: String
    public let familyName: String
    public let birthDate: DateComponents
    public let sex: Sex
    public let ethnicity: Ethnicity
    public let isCarer: Bool
    public let postcode: String
}

/// A community organisation in the demo place.
public struct DemoOrganisation: Equatable, Sendable {
    public let name: String
    public let description: String
    public let postcode: String
}

/// Everything the demo generator makes: residents and organisations on real postcodes.
public struct DemoPlace: Sendable {
    public let residents: [DemoResident]
    public let organisations: [DemoOrganisation]

    /// Makes the place from the district's postcodes. The same seed and postcodes give the same place.
    public static func generate(postcodes: [String], residentCount: Int = 3000, seed: UInt64 = 2019) -> DemoPlace {
        precondition(!postcodes.isEmpty, "the demo place needs postcodes")
        var random = SeededGenerator(seed: seed)
        let sorted = postcodes.sorted()
        var residents: [DemoResident] = []
        residents.reserveCapacity(residentCount)
        for _ in 0..<residentCount {
            let sex: Sex = random.pick([(.female, 51.0), (.male, 49.0)])
            let given = sex == .female ? DemoNames.female : DemoNames.male
            let age = random.pick(DemoPlace.ageBands)
            let years = Int.random(in: age, using: &random)
            let isCarer = years >= 5 && Double.random(in: 0..<1, using: &random) < (years < 18 ? 0.03 : 0.10)
            residents.append(DemoResident(
                givenName: given[Int.random(in: 0..<given.count, using: &random)],
                familyName: DemoNames.family[Int.random(in: 0..<DemoNames.family.count, using: &random)],
                birthDate: DateComponents(
                    year: 2026 - years - 1, month: Int.random(in: 1...12, using: &random),
                    day: Int.random(in: 1...28, using: &random)),
                sex: sex,
                ethnicity: random.pick(DemoPlace.ethnicities),
                isCarer: isCarer,
                postcode: sorted[Int.random(in: 0..<sorted.count, using: &random)]
            ))
        }
        let organisations = DemoNames.organisations.map { name, description in
            DemoOrganisation(name: name, description: description,
                             postcode: sorted[Int.random(in: 0..<sorted.count, using: &random)])
        }
        return DemoPlace(residents: residents, organisations: organisations)
    }

    /// Age bands and their shares, roughly as Lancaster district's population.
    static let ageBands: [(ClosedRange<Int>, Double)] = [
        (0...15, 16), (16...24, 19), (25...44, 22), (45...64, 24), (65...79, 14), (80...98, 5),
    ]

    /// Ethnic groups (ONS 2021 high-level categories) and their shares, roughly as Lancaster district's.
    static let ethnicities: [(Ethnicity, Double)] = [
        (.white, 92.5), (.asian, 3.9), (.mixed, 1.5), (.black, 0.7), (.other, 1.4),
    ]
}
