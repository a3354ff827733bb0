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

    public struct Measure: Codable, Sendable, Equatable {
        public let instrument: String
        public let takenAt: Date
        /// The answers as given, in the instrument's order; null where not answered.
        public let answers: [Int?]
        public let scores: String
    }
    public struct CarerLink: Codable, Sendable, Equatable {
        public let role: String
        public let name: String
        public let relationship: String
        public let whatCaringInvolves: String
        public let hoursPerWeek: Int?
        public let agreed: Bool
    }

    public let exportedAt: Date
    public let person: Person
    public let account: Account?
    public let accessHistory: [AccessEvent]
    public var plan: CarePlan?
    public var planVersions: Int = 0
    public var planSharing: PlanSharing?
    public var measures: [Measure] = []
    public var carerLinks: [CarerLink] = []
    public var contingencyPlan: ContingencyPlan?
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
        var export = PersonalDataExport(
            exportedAt: now,
            person: .init(id: personID, givenName: person.givenName, familyName: person.familyName,
                          birthDate: person.birthDate, sex: person.sex, ethnicity: person.ethnicity,
                          isCarer: person.isCarer, postcode: person.postcode, createdAt: person.createdAt),
            account: account.map { .init(email: $0.email, createdAt: $0.createdAt, roles: roles.map(\.role.rawValue)) },
            accessHistory: events.map {
                .init(when: $0.occurredAt, who: $0.actorName, what: $0.action?.phrase ?? $0.actionCode, through: $0.channel)
            })
        let stored = try await Plans().plan(of: personID, on: db)
        if stored.version > 0 {
            export.plan = stored.plan
            export.planVersions = stored.version
            export.planSharing = stored.sharing
        }
        export.measures = try await Measures().of(personID, on: db).compactMap { m in
            m.result.map { .init(instrument: m.instrument, takenAt: m.takenAt, answers: $0.answers, scores: $0.summary) }
        }
        let (caresFor, caredForBy) = try await Carers().links(of: personID, on: db)
        export.carerLinks = caresFor.map { .init(role: "I look after", name: $0.caredForName, relationship: $0.relationship,
                                                  whatCaringInvolves: $0.whatICareWith, hoursPerWeek: $0.hoursPerWeek, agreed: $0.isAgreed) }
            + caredForBy.map { .init(role: "Looks after me", name: "", relationship: $0.relationship, whatCaringInvolves: $0.whatICareWith,
                                     hoursPerWeek: $0.hoursPerWeek, agreed: $0.isAgreed) }
        export.contingencyPlan = try await Carers().contingency(of: personID, on: db)?.plan
        return export
    }

    /// Closes an account: the person's personal data is erased, sign-in stops working, every session ends.
    /// Audit rows stay (they hold ids, not names), so the record of who looked survives.
    public func close(_ account: AccountRecord, now: Date, channel: String, on db: any Database) async throws {
        try await db.writeTransaction { tx in
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
            // Their plan, measures, caring details and contingency plan go with them.
            try await PlanVersionRecord.query(on: tx).filter(\.$personID == personID).delete()
            try await PlanRecord.query(on: tx).filter(\.$personID == personID).delete()
            try await MeasureRecord.query(on: tx).filter(\.$personID == personID).delete()
            try await ContingencyPlanRecord.query(on: tx).filter(\.$carerID == personID).delete()
            try await CarerLinkRecord.query(on: tx).group(.or) { $0.filter(\.$carerID == personID).filter(\.$caredForID == personID) }.delete()
            try await SessionRecord.query(on: tx).filter(\.$account.$id == account.id!).delete()
            try await PasswordResetRecord.query(on: tx).filter(\.$account.$id == account.id!).delete()
            try await audit.record(AuditEntry(actor: personID, subject: personID, action: .closedAccount, channel: channel),
                                   at: now, on: tx)
        }
    }
}
