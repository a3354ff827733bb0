import AlongsideCore
import FluentKit
import Foundation

/// Everything Alongside holds about one person, as they download it.
public struct PersonalDataExport: Codable, Sendable, Equatable {
    public struct Person: Codable, Sendable, Equatable {
        public let id: UUID
        public let givenName: String
        public let familyName: String
        public let birthDate: String?
        public let sex: String?
        public let ethnicity: String?
        public let isCarer: Bool
        public let postcode: String?
        public let createdAt: Date
    }
    public struct Account: Codable, Sendable, Equatable {
        public let email: String
        public let createdAt: Date
        public let roles: [String]
    }
    public struct AccessEvent: Codable, Sendable, Equatable {
        public let when: Date
        public let who: String
        public let what: String
        public let through: String
    }

    public let exportedAt: Date
    public let person: Person
    public let account: Account?
    public let accessHistory: [AccessEvent]
}

extension Accounts {
    /// Gathers the person's data for download, and audits the download.
    public func export(personID: UUID, actor: UUID, now: Date, channel: String,
                       on db: any Database) async throws -> PersonalDataExport? {
        guard let person = try await PersonRecord.find(personID, on: db) else { return nil }
        let account = try await AccountRecord.query(on: db).filter(\.$person.$id == personID).first()
        var roles: [HeldRole] = []
        if let account { roles = try await self.roles(of: account.id!, on: db) }
        try await audit.record(AuditEntry(actor: actor, subject: personID, action: .exportedData, channel: channel), at: now, on: db)
        let events = try await audit.events(about: personID, limit: 10_000, on: db)
        return PersonalDataExport(
            exportedAt: now,
            person: .init(id: personID, givenName: person.givenName, familyName: person.familyName,
                          birthDate: person.birthDate, sex: person.sex, ethnicity: person.ethnicity,
                          isCarer: person.isCarer, postcode: person.postcode, createdAt: person.createdAt),
            account: account.map { .init(email: $0.email, createdAt: $0.createdAt, roles: roles.map(\.role.rawValue)) },
            accessHistory: events.map {
                .init(when: $0.occurredAt, who: $0.actorName, what: $0.action?.phrase ?? $0.actionCode, through: $0.channel)
            })
    }

    /// Closes an account: the person's personal data is erased, sign-in stops working, every session ends.
    /// Audit rows stay (they hold ids, not names), so the record of who looked survives.
    public func close(_ account: AccountRecord, now: Date, channel: String, on db: any Database) async throws {
        try await db.transaction { tx in
            let personID = account.$person.id
            guard let person = try await PersonRecord.find(personID, on: tx) else { return }
            person.givenName = "Closed"
            person.familyName = "account"
            person.birthDate = nil
            person.sex = nil
            person.ethnicity = nil
            person.postcode = nil
            person.isCarer = false
            person.erasedAt = now
            try await person.save(on: tx)
            account.email = "closed-\(account.id!.uuidString.lowercased())@closed.invalid"
            account.passwordHash = "!"
            account.closedAt = now
            try await account.save(on: tx)
            try await SessionRecord.query(on: tx).filter(\.$account.$id == account.id!).delete()
            try await PasswordResetRecord.query(on: tx).filter(\.$account.$id == account.id!).delete()
            try await audit.record(AuditEntry(actor: personID, subject: personID, action: .closedAccount, channel: channel),
                                   at: now, on: tx)
        }
    }
}
