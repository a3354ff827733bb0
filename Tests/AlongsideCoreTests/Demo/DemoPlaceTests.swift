import AlongsideCore
import Foundation
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

@Suite struct DemoDirectoryTests {
    @Test func theDemoDirectoryReadsLikeARealOne() {
        let postcodes = (0..<200).map { ("LA\($0 / 50 + 1) \($0 % 10)A\(Character(UnicodeScalar(65 + ($0 / 10) % 5)!))", Coordinate(latitude: 54.05, longitude: -2.8)) }
        let place = DemoPlace.generate(postcodes: postcodes.map(\.0), residentCount: 10)
        let organisations = place.organisations.enumerated().map { (UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", $0.offset))!, $0.element.name) }
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let services = DemoDirectory.generate(postcodes: postcodes, organisations: organisations, count: 600, now: now)
        // Each service is run by an organisation that fits it.
        let byName = Dictionary(uniqueKeysWithValues: organisations.map { ($0.0, $0.1) })
        #expect(!services.contains { $0.name.hasPrefix("Daily mile") && byName[$0.organisationID] == "Morecambe Bay Money Advice" })
        #expect(services.filter { $0.name.hasPrefix("Debt advice") }.allSatisfy { byName[$0.organisationID] == "Morecambe Bay Money Advice" })
        #expect(services.filter { $0.name.hasPrefix("Health walk") }.allSatisfy { byName[$0.organisationID] == "Bay Walkers" })
        // About one in six may be out of date.
        let stale = Double(services.filter { $0.isStale(now: now) }.count) / Double(services.count)
        #expect((0.11...0.22).contains(stale), "\(stale)")
        // The same kind of group meets at more than one time, and nothing is dated in the future.
        let walks = services.filter { $0.name.hasPrefix("Health walk") }
        #expect(Set(walks.map { $0.schedules.first?.opensAt }).count > 1)
        #expect(services.allSatisfy { $0.lastChecked <= now && $0.lastModified <= now })
    }
}
