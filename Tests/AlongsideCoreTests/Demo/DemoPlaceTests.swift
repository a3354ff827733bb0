import AlongsideCore
import Testing

@Suite struct DemoPlaceTests {
    let postcodes = (0..<400).map { "LA\($0 / 100 + 1) \($0 % 10)A\(Character(UnicodeScalar(65 + ($0 / 10) % 10)!))" }

    @Test func theSameSeedMakesTheSamePlace() {
        let a = DemoPlace.generate(postcodes: postcodes, residentCount: 500, seed: 7)
        let b = DemoPlace.generate(postcodes: postcodes.reversed(), residentCount: 500, seed: 7)
        #expect(a.residents == b.residents)
        #expect(a.organisations == b.organisations)
        #expect(DemoPlace.generate(postcodes: postcodes, residentCount: 500, seed: 8).residents != a.residents)
    }

    @Test func thePeopleAreInBelievableProportions() {
        let place = DemoPlace.generate(postcodes: postcodes, residentCount: 3000)
        let residents = place.residents
        let share = { (test: (DemoResident) -> Bool) in Double(residents.filter(test).count) / Double(residents.count) }
        #expect((0.46...0.56).contains(share { $0.sex == .female }))
        #expect((0.88...0.96).contains(share { $0.ethnicity == .white }))
        #expect((0.06...0.12).contains(share { $0.isCarer }))
        #expect((0.13...0.25).contains(share { 2025 - $0.birthDate.year! >= 65 }))
        #expect(residents.allSatisfy { postcodes.contains($0.postcode) })
        #expect(Set(residents.map(\.postcode)).count > 300)
    }
}
