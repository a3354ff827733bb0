import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// What a community shares, in a person's download: their time bank membership, every entry on their statement, the
/// transfers and exchanges they are in, their offers and requests, reports they made or that were made about them
/// (without the reporter's name), and their volunteering with its hours.
extension PersonalDataExport {
    public struct TimeBankMembership: Codable, Sendable, Equatable {
        public let status: String
        public let balanceMinutes: Int
        public let lowestBalanceMinutes: Int
        public let askedAt: Date
        public let reason: String?
    }
    public struct StatementEntry: Codable, Sendable, Equatable {
        public let transfer: UUID
        public let minutes: Int
        public let at: Date
    }
    public struct Transfer: Codable, Sendable, Equatable {
        public let id: UUID
        public let kind: String
        public let minutes: Int
        public let youPaid: Bool
        public let note: String
        public let at: Date
    }
    public struct Exchange: Codable, Sendable, Equatable {
        public let id: UUID
        public let minutes: Int
        public let youGave: Bool
        public let note: String
        public let status: String
        public let recordedAt: Date
    }
    public struct Post: Codable, Sendable, Equatable {
        public let kind: String
        public let title: String
        public let details: String
        public let postedAt: Date
        public let closedAt: Date?
    }
    /// A report you made about a member, or one made about you (who made it is not said).
    public struct MemberReport: Codable, Sendable, Equatable {
        public let aboutYou: Bool
        public let reason: String
        public let at: Date
    }
    public struct Volunteering: Codable, Sendable, Equatable {
        public struct Hours: Codable, Sendable, Equatable {
            public let day: String
            public let minutes: Int
            public let note: String
            public let status: String
        }
        public let role: UUID
        public let status: String
        public let saidAt: Date
        public let hours: [Hours]
    }
    /// The GP practice a clinician is on the list of, and since when.
    public struct GPPractice: Codable, Sendable, Equatable {
        public let code: String
        public let name: String
        public let network: String
        public let since: Date
    }
    /// A place on a training session: booked, waiting, given up, attended or not.
    public struct TrainingPlace: Codable, Sendable, Equatable {
        public let session: UUID
        public let title: String
        public let startsAt: Date
        public let status: String
        public let askedAt: Date
    }
}

extension Accounts {
    static func addSharing(of person: UUID, to export: inout PersonalDataExport, on db: any Database) async throws {
        if let account = try await TimeAccountRecord.find(person, on: db) {
            export.timeBank = .init(status: account.status, balanceMinutes: try await TimeBank().balance(of: person, on: db),
                                    lowestBalanceMinutes: account.lowestBalance, askedAt: account.askedAt, reason: account.reason)
        }
        let legs = try await StoreSQL.sql(db).raw("SELECT transfer_id, minutes, at FROM timebank_legs WHERE account_id = \(bind: person) ORDER BY at, transfer_id").all()
        export.timeBankStatement = try legs.map {
            .init(transfer: try $0.decode(column: "transfer_id", as: UUID.self), minutes: try $0.decode(column: "minutes", as: Int.self), at: try $0.decode(column: "at", as: Date.self))
        }
        export.timeBankTransfers = try await TransferRecord.query(on: db).group(.or) { $0.filter(\.$fromAccount == person).filter(\.$toAccount == person) }
            .sort(\.$at).all().map { .init(id: $0.id!, kind: $0.kind, minutes: $0.minutes, youPaid: $0.fromAccount == person, note: $0.note, at: $0.at) }
        export.timeBankExchanges = try await ExchangeRecord.query(on: db).group(.or) { $0.filter(\.$payerID == person).filter(\.$receiverID == person) }
            .sort(\.$recordedAt).all().map { .init(id: $0.id!, minutes: $0.minutes, youGave: $0.receiverID == person, note: $0.note, status: $0.status, recordedAt: $0.recordedAt) }
        export.timeBankPosts = try await TimeBankPostRecord.query(on: db).filter(\.$memberID == person).sort(\.$postedAt).all()
            .map { .init(kind: $0.kind, title: $0.title, details: $0.details, postedAt: $0.postedAt, closedAt: $0.closedAt) }
        export.timeBankReports = try await TimeBankReportRecord.query(on: db).group(.or) { $0.filter(\.$reporterID == person).filter(\.$aboutID == person) }
            .sort(\.$reportedAt).all().map { .init(aboutYou: $0.aboutID == person, reason: $0.reason, at: $0.reportedAt) }
        let volunteers = try await VolunteerRecord.query(on: db).filter(\.$personID == person).sort(\.$saidAt).all()
        let hours = Dictionary(grouping: try await VolunteerHoursRecord.query(on: db).filter(\.$volunteerID ~~ volunteers.compactMap(\.id)).sort(\.$day).all(), by: \.volunteerID)
        export.volunteering = volunteers.map { v in
            .init(role: v.roleID, status: v.status, saidAt: v.saidAt,
                  hours: (hours[v.id!] ?? []).map { .init(day: $0.day, minutes: $0.minutes, note: $0.note, status: $0.status) })
        }
        export.trainingPlaces = try await Training().mine(person, on: db).map {
            .init(session: $0.session.id, title: $0.session.draft.title, startsAt: $0.session.draft.starts, status: $0.status.rawValue, askedAt: $0.askedAt)
        }
        if let link = try await PracticeClinicianRecord.query(on: db).filter(\.$personID == person).first(),
           let practice = try await PracticeRecord.find(link.practiceID, on: db) {
            export.gpPractice = .init(code: practice.code, name: practice.name, network: "\(practice.pcnName) (\(practice.pcnCode))", since: link.addedAt)
        }
    }

    /// Closing an account: the ledger is append-only, so the account's entries stay (balances must still add up), with no
    /// name to them once the person is erased; the membership ends, posts and reports they made go, exchanges waiting
    /// for them are declined, their volunteering goes, and so does their place on a GP practice's list.
    static func eraseSharing(of person: UUID, now: Date, on tx: any Database) async throws {
        if let account = try await TimeAccountRecord.find(person, on: tx) {
            account.status = MembershipStatus.suspended.rawValue
            account.reason = "Account closed"
            account.decidedAt = now
            try await account.save(on: tx)
        }
        try await TimeBankPostRecord.query(on: tx).filter(\.$memberID == person).delete()
        try await TimeBankReportRecord.query(on: tx).group(.or) { $0.filter(\.$reporterID == person).filter(\.$aboutID == person) }.delete()
        try await ExchangeRecord.query(on: tx).group(.or) { $0.filter(\.$payerID == person).filter(\.$receiverID == person) }
            .filter(\.$status == ExchangeStatus.waiting.rawValue).set(\.$status, to: ExchangeStatus.declined.rawValue).update()
        let volunteers = try await VolunteerRecord.query(on: tx).filter(\.$personID == person).all().compactMap(\.id)
        try await VolunteerHoursRecord.query(on: tx).filter(\.$volunteerID ~~ volunteers).delete()
        try await VolunteerRecord.query(on: tx).filter(\.$personID == person).delete()
        try await eraseTraining(of: person, now: now, on: tx)
        try await PracticeClinicianRecord.query(on: tx).filter(\.$personID == person).delete()
    }

    /// Places on sessions still to come are given up (the next on the waiting list moves up and is told); the record of
    /// past places goes.
    static func eraseTraining(of person: UUID, now: Date, on tx: any Database) async throws {
        let places = try await TrainingPlaceRecord.query(on: tx).filter(\.$personID == person).all()
        try await TrainingPlaceRecord.query(on: tx).filter(\.$personID == person).delete()
        for session in Set(places.filter { $0.status == TrainingPlaceStatus.booked.rawValue }.map(\.sessionID)) {
            guard let s = try await TrainingSessionRecord.find(session, on: tx) else { continue }
            try await Training.fill(s, now: now, email: { name, session in
                TrainingPlaceEmail.promoted(name: name, title: session.draft.title, starts: session.draft.starts, place: session.draft.place,
                                            online: session.draft.online, link: nil)
            }, on: tx)
        }
    }
}
