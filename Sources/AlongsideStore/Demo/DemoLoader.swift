import AlongsideCore
import FluentKit
import Foundation

/// What loading the demo place made, for the summary printed at the end.
public struct DemoSummary: Sendable, Equatable {
    public var postcodes = 0
    public var residents = 0
    public var organisations = 0
    public var services = 0
    public var accounts: [(email: String, role: Role)] = []

    public static func == (lhs: DemoSummary, rhs: DemoSummary) -> Bool {
        lhs.postcodes == rhs.postcodes && lhs.residents == rhs.residents && lhs.organisations == rhs.organisations
            && lhs.accounts.map(\.email) == rhs.accounts.map(\.email)
    }
}

/// Writes the demo place into an empty database: the district's geography, synthetic residents, community
/// organisations and one sign-in per role.
public struct DemoLoader: Sendable {
    public static let domain = "alongside.example"
    public static let password = "alongside-demo"

    public init() {}

    public static func email(for role: Role) -> String { "\(role.demoMailbox)@\(domain)" }

    public func isLoaded(on db: any Database) async throws -> Bool {
        try await AccountRecord.query(on: db).filter(\.$email == Self.email(for: .administrator)).first() != nil
    }

    /// Loads the place. `passwordHash` is the Bcrypt hash of `DemoLoader.password`, made once by the caller.
    public func load(passwordHash: String, now: Date, residentCount: Int = 3000, serviceCount: Int = 300, seed: UInt64 = 2019,
                     progress: (@Sendable (String) -> Void)? = nil, on db: any Database) async throws -> DemoSummary {
        var summary = DemoSummary()
        progress?("Loading Lancaster district postcodes, LSOAs and deprivation deciles")
        try await BundledGeography.load(on: db)
        let postcodes = try await Geography().allPostcodes(on: db)
        summary.postcodes = postcodes.count
        progress?("Generating \(residentCount) residents over \(postcodes.count) postcodes")
        let place = DemoPlace.generate(postcodes: postcodes, residentCount: residentCount, seed: seed)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        summary = try await db.transaction { [summary] tx in
            var summary = summary
            var random = SeededGenerator(seed: seed &+ 1)
            var people: [PersonRecord] = []
            for resident in place.residents {
                let person = PersonRecord(id: SeededGenerator.uuid(&random), givenName: resident.givenName,
                                          familyName: resident.familyName, postcode: resident.postcode, createdAt: now)
                let b = resident.birthDate
                person.birthDate = String(format: "%04d-%02d-%02d", b.year!, b.month!, b.day!)
                person.sex = resident.sex.rawValue
                person.ethnicity = resident.ethnicity.rawValue
                person.isCarer = resident.isCarer
                people.append(person)
            }
            for batch in people.chunked(500) { try await Array(batch).create(on: tx) }
            summary.residents = people.count
            progress?("Writing \(place.organisations.count) community organisations")
            var organisations: [OrganisationRecord] = []
            for org in place.organisations {
                let record = OrganisationRecord(id: SeededGenerator.uuid(&random), name: org.name, description: org.description,
                                                postcode: org.postcode, createdAt: now)
                try await record.create(on: tx)
                organisations.append(record)
            }
            summary.organisations = organisations.count

            progress?("Writing the directory: \(serviceCount) community services")
            let positions = try await Geography().allPositions(on: tx)
            let services = DemoDirectory.generate(
                postcodes: positions, organisations: organisations.map { ($0.id!, $0.name) }, count: serviceCount,
                now: now, seed: seed)
            for service in services { try await ListingEditor().publish(service, by: nil, now: now, summary: "Listed", on: tx) }
            if let trusted = organisations.first(where: { $0.name == "Lancaster Carers' Network" }) {
                try await ListingEditor().setTrusted(trusted.id!, true, on: tx)
            }
            summary.services = services.count

            progress?("Creating one sign-in for each role")
            let accounts = Accounts()
            for role in Role.allCases {
                let email = try EmailAddress(Self.email(for: role))
                let account: AccountRecord
                if role == .resident {
                    // The demo resident is one of the generated residents, so their record has a postcode.
                    let person = people[0]
                    account = AccountRecord(personID: person.id!, email: email.value, passwordHash: passwordHash, createdAt: now)
                    try await account.create(on: tx)
                    try await accounts.grant(.resident, organisationID: nil, to: account, by: nil, now: now,
                                             channel: "demo", on: tx)
                } else {
                    let (given, family) = DemoStaff.name(for: role)
                    account = try await accounts.createStaff(
                        givenName: given, familyName: family, email: email, passwordHash: passwordHash,
                        roles: [role], organisationID: organisations.first?.id, now: now, on: tx)
                }
                summary.accounts.append((email.value, role))
            }
            return summary
        }
        return summary
    }
}

/// The demo staff's names.
enum DemoStaff {
    static func name(for role: Role) -> (String, String) {
        switch role {
        case .resident: ("Demo", "Resident")
        case .linkWorker: ("Priya", "Lawson")
        case .clinician: ("Dr Tom", "Hartley")
        case .organisationMember: ("Jen", "Procter")
        case .commissioner: ("Alan", "Whiteside")
        case .moderator: ("Maya", "Croft")
        case .administrator: ("Sam", "Airey")
        }
    }
}
