import AlongsideCore
import FluentKit
import Foundation

/// The demo's GP practices: four made-up practices in two made-up primary care networks, the demo clinician at the
/// first and a clinician at each of the others, so the dashboards' practice and network splits have something to show.
enum DemoPractices {
    static let practices: [(code: String, name: String, pcnCode: String, pcnName: String, clinician: (String, String))] = [
        ("Y90001", "Castle View Surgery", "U90001", "Castle and Quay PCN (demo)", DemoStaff.name(for: .clinician)),
        ("Y90002", "Quay Street Practice", "U90001", "Castle and Quay PCN (demo)", ("Dr Anna", "Okafor")),
        ("Y90003", "Moorside Medical Centre", "U90002", "Moor and Lune PCN (demo)", ("Dr Iain", "Mackay")),
        ("Y90004", "Lune Bridge Surgery", "U90002", "Moor and Lune PCN (demo)", ("Dr Sara", "Quinn")),
    ]

    /// Writes the practices and puts a clinician on each list; returns the clinicians (person id, name), the demo
    /// clinician first.
    static func load(passwordHash: String, now: Date, on db: any Database) async throws -> [(UUID, String)] {
        guard let administrator = try await Accounts().account(email: try EmailAddress(DemoLoader.email(for: .administrator)), on: db)
        else { return [] }
        var clinicians: [(UUID, String)] = []
        for (index, p) in practices.enumerated() {
            let id = try await Practices().save(PracticeDraft(code: p.code, name: p.name, pcnCode: p.pcnCode, pcnName: p.pcnName),
                                                by: administrator.$person.id, now: now, on: db)
            let email = try EmailAddress(index == 0 ? DemoLoader.email(for: .clinician) : "clinician-\(index + 1)@\(DemoLoader.domain)")
            if index > 0 {
                _ = try await Accounts().createStaff(givenName: p.clinician.0, familyName: p.clinician.1, email: email, passwordHash: passwordHash,
                                                     roles: [.clinician], organisationID: nil, now: now, on: db)
            }
            try await Practices().addClinician(email: email, to: id, by: administrator.$person.id, now: now, on: db)
            guard let account = try await Accounts().account(email: email, on: db) else { continue }
            clinicians.append((account.$person.id, "\(p.clinician.0) \(p.clinician.1)"))
        }
        return clinicians
    }
}
