import AlongsideCore
import FluentKit
import SQLKit
import Foundation

/// A referral from a link worker to a community service, and what the organisation said and saw.
public final class CommunityReferralRecord: Model, @unchecked Sendable {
    public static let schema = "community_referrals"

    @ID(key: .id) public var id: UUID?
    @Field(key: "referral_id") public var referralID: UUID
    @Field(key: "service_id") public var serviceID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "service_name") public var serviceName: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "decline_reason") public var declineReason: String?
    @OptionalField(key: "note") public var note: String?
    /// What the person hopes for, in their words.
    @Field(key: "hopes") public var hopes: String
    @OptionalField(key: "access_needs") public var accessNeeds: String?
    @OptionalField(key: "sent_by") public var sentBy: UUID?
    @Field(key: "sent_at") public var sentAt: Date
    @OptionalField(key: "answered_at") public var answeredAt: Date?
    /// When it went back to the link worker unanswered, and the organisation was nudged.
    @OptionalField(key: "escalated_at") public var escalatedAt: Date?

    public init() {}

    public var currentStatus: CommunityReferralStatus { CommunityReferralStatus(rawValue: status) ?? .sent }
}

struct CreateCommunityReferrals: AsyncMigration {
    var name: String { "2026-11-25-17-CreateCommunityReferrals" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CommunityReferralRecord.schema)
            .id()
            .field("referral_id", .uuid, .required, .references(ReferralRecord.schema, "id"))
            .field("service_id", .uuid, .required, .references(ServiceRecord.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("service_name", .string, .required).field("status", .string, .required)
            .field("decline_reason", .string).field("note", .string).field("hopes", .string, .required).field("access_needs", .string)
            .field("sent_by", .uuid).field("sent_at", .datetime, .required).field("answered_at", .datetime).field("escalated_at", .datetime)
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX community_referrals_referral ON community_referrals (referral_id)")
        try await StoreSQL.run(on: database, "CREATE INDEX community_referrals_organisation ON community_referrals (organisation_id, status)")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CommunityReferralRecord.schema).delete()
    }
}

/// One session in an organisation's register for a person it took on. `referral_id` is the link worker's
/// episode, kept beside the community referral so the person's download finds it directly.
public final class AttendanceRecord: Model, @unchecked Sendable {
    public static let schema = "community_attendance"

    @ID(key: .id) public var id: UUID?
    @Field(key: "community_referral_id") public var communityReferralID: UUID
    @Field(key: "referral_id") public var referralID: UUID
    @Field(key: "session_on") public var sessionOn: String
    @Field(key: "attended") public var attended: Bool
    @OptionalField(key: "recorded_by") public var recordedBy: UUID?
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}

    public var mark: AttendanceMark { AttendanceMark(day: sessionOn, attended: attended) }
}

struct CreateCommunityAttendance: AsyncMigration {
    var name: String { "2026-12-02-02-CreateCommunityAttendance" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AttendanceRecord.schema)
            .id()
            .field("community_referral_id", .uuid, .required, .references(CommunityReferralRecord.schema, "id"))
            .field("referral_id", .uuid, .required, .references(ReferralRecord.schema, "id"))
            .field("session_on", .string, .required)
            .field("attended", .bool, .required)
            .field("recorded_by", .uuid)
            .field("recorded_at", .datetime, .required)
            .unique(on: "community_referral_id", "session_on")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AttendanceRecord.schema).delete()
    }
}

/// What an organisation sees of a person it was sent: only what it needs to make contact and help.
public struct CommunityReferralView: Sendable {
    public let referral: CommunityReferralRecord
    public let name: String
    public let phone: String?
    public let email: String?
    public let preferredContact: String
    public let interpreter: String?
    /// Not shown; used to offer the person's plan when they shared it with the organisation.
    public let personID: UUID
    /// The link worker who referred them, and their work email, so the organisation can ask.
    public var sentByName: String?
    public var sentByEmail: String?
    /// The register of sessions, oldest first.
    public var register: [AttendanceMark] = []
}

/// Link workers refer people to community services; organisations answer and record attendance; an
/// unanswered referral goes back to the link worker after 14 days.
public struct CommunityReferrals: Sendable {
    public init() {}

    /// Sends a referral to a service. A full service needs `confirmFull`. The episode must be open and accepted.
    @discardableResult
    public func send(from referralID: UUID, to serviceID: UUID, hopes: String, accessNeeds: String?, confirmFull: Bool,
                     by actor: UUID?, now: Date, on db: any Database) async throws -> CommunityReferralRecord {
        try await db.writeTransaction { tx in
            guard let referral = try await ReferralRecord.find(referralID, on: tx) else { throw ReferralNotFound() }
            guard let listing = try await Directory().listing(id: serviceID, on: tx) else {
                throw ValidationFailure([FieldError("service_id", "There is no such service in the directory")])
            }
            var errors: [FieldError] = []
            if !referral.currentStage.isOpen || [.received].contains(referral.currentStage) {
                errors.append(FieldError("service_id", "Referrals to services are made once the episode is accepted and still open"))
            }
            if hopes.trimmed.isEmpty { errors.append(FieldError("hopes", "Say what the person hopes for, so the organisation can welcome them")) }
            if listing.capacity == .full && !confirmFull {
                errors.append(FieldError("confirm_full", "\(listing.name) says it is full. Tick to refer anyway, or choose another service"))
            }
            if !errors.isEmpty { throw ValidationFailure(errors) }
            let c = CommunityReferralRecord()
            c.referralID = referralID
            c.serviceID = serviceID
            c.organisationID = listing.organisationID
            c.serviceName = listing.name
            c.status = CommunityReferralStatus.sent.rawValue
            c.hopes = hopes.trimmed
            c.accessNeeds = accessNeeds.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }
            c.sentBy = actor
            c.sentAt = now
            try await c.create(on: tx)
            try await AuditLog().record(AuditEntry(actor: actor, subject: referral.personID, action: .changedReferral, channel: "web",
                                                   detail: "referred to \(listing.name)"), at: now, on: tx)
            try await notifyMembers(of: listing.organisationID, subject: "A new referral to \(listing.name)",
                                    body: "A link worker has referred someone to \(listing.name). Please sign in to Alongside to accept or decline within 14 days.",
                                    now: now, on: tx)
            return c
        }
    }

    /// An organisation's answer or attendance. Throws a `FieldError` when it cannot be given now.
    public func respond(_ id: UUID, _ response: CommunityResponse, by actor: UUID?, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "community-referral:\(id)") { tx in
            guard let c = try await CommunityReferralRecord.find(id, on: tx) else { throw ReferralNotFound() }
            let next = try response.next(from: c.currentStatus)
            c.status = next.rawValue
            if case .decline(let reason, let note) = response {
                c.declineReason = reason.rawValue
                c.note = note?.trimmed
            }
            if c.answeredAt == nil { c.answeredAt = now }
            try await c.save(on: tx)
            let personID = try await ReferralRecord.find(c.referralID, on: tx)?.personID
            try await AuditLog().record(AuditEntry(actor: actor, subject: personID, action: .changedReferral, channel: "web",
                                                   detail: "\(c.serviceName): \(next.rawValue)"), at: now, on: tx)
        }
    }

    /// Marks one session in the register (the same day again corrects it) and sets the status the register
    /// gives. Throws a `FieldError` unless the organisation has taken the person on.
    /// `day` and `came` as typed; checked by `AttendanceRegister.mark` against the day the person was taken on.
    public func mark(_ id: UUID, day: String?, came: String?, by actor: UUID?, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "community-referral:\(id)") { tx in
            guard let c = try await CommunityReferralRecord.find(id, on: tx) else { throw ReferralNotFound() }
            guard c.currentStatus == .accepted || CommunityReferralStatus.attendance.contains(c.currentStatus) else {
                throw FieldError("session_on", "Sessions can be marked once you have accepted the referral")
            }
            let mark = try AttendanceRegister.mark(day: day, came: came, acceptedOn: UKDates.isoDay(c.answeredAt ?? c.sentAt), today: UKDates.isoDay(now))
            let record = try await AttendanceRecord.query(on: tx).filter(\.$communityReferralID == id).filter(\.$sessionOn == mark.day).first()
                ?? AttendanceRecord()
            record.communityReferralID = id
            record.referralID = c.referralID
            record.sessionOn = mark.day
            record.attended = mark.attended
            record.recordedBy = actor
            record.recordedAt = now
            try await record.save(on: tx)
            let marks = try await AttendanceRecord.query(on: tx).filter(\.$communityReferralID == id).all().map(\.mark)
            if let status = AttendanceRegister.status(marks) { c.status = status.rawValue }
            try await c.save(on: tx)
            let personID = try await ReferralRecord.find(c.referralID, on: tx)?.personID
            try await AuditLog().record(AuditEntry(actor: actor, subject: personID, action: .changedReferral, channel: "web",
                                                   detail: "\(c.serviceName): session \(mark.day) \(mark.attended ? "attended" : "missed")"), at: now, on: tx)
        }
    }

    /// Each community referral's register, oldest session first.
    public func registers(_ ids: [UUID], on db: any Database) async throws -> [UUID: [AttendanceMark]] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(grouping: try await AttendanceRecord.query(on: db).filter(\.$communityReferralID ~~ ids).sort(\.$sessionOn).all(),
                          by: \.communityReferralID).mapValues { $0.map(\.mark) }
    }

    public func find(_ id: UUID, on db: any Database) async throws -> CommunityReferralRecord? {
        try await CommunityReferralRecord.find(id, on: db)
    }

    public func forReferral(_ referralID: UUID, on db: any Database) async throws -> [CommunityReferralRecord] {
        try await CommunityReferralRecord.query(on: db).filter(\.$referralID == referralID).sort(\.$sentAt).all()
    }

    /// What these organisations were sent, newest first, with only the fields they need.
    public func forOrganisations(_ ids: [UUID], on db: any Database) async throws -> [CommunityReferralView] {
        guard !ids.isEmpty else { return [] }
        let sent = try await CommunityReferralRecord.query(on: db).filter(\.$organisationID ~~ ids).sort(\.$sentAt, .descending).all()
        let referrals = Dictionary(uniqueKeysWithValues: try await ReferralRecord.query(on: db).filter(\.$id ~~ Array(Set(sent.map(\.referralID)))).all()
            .map { ($0.id!, $0) })
        let senders = Array(Set(sent.compactMap(\.sentBy)))
        let names = Dictionary(try await PersonRecord.query(on: db).filter(\.$id ~~ senders).all().map { ($0.id!, "\($0.givenName) \($0.familyName)") },
                               uniquingKeysWith: { a, _ in a })
        let emails = Dictionary(try await AccountRecord.query(on: db).filter(\.$person.$id ~~ senders).filter(\.$closedAt == nil).all()
            .map { ($0.$person.id, $0.email) }, uniquingKeysWith: { a, _ in a })
        let registers = try await registers(sent.compactMap(\.id), on: db)
        return sent.compactMap { c in
            guard let r = referrals[c.referralID] else { return nil }
            return CommunityReferralView(referral: c, name: r.fullName, phone: r.phone, email: r.email, preferredContact: r.preferredContact,
                                         interpreter: r.interpreter, personID: r.personID,
                                         sentByName: c.sentBy.flatMap { names[$0] }, sentByEmail: c.sentBy.flatMap { emails[$0] },
                                         register: registers[c.id!] ?? [])
        }
    }

    /// Sends back to the link worker every referral unanswered for 14 days, and nudges the organisation, once.
    /// Returns how many went back.
    @discardableResult
    public func escalateOverdue(now: Date, on db: any Database) async throws -> Int {
        try await db.writeTransaction { tx in
            // One statement claims each overdue referral: a second server running at the same moment finds
            // escalated_at already set once the first commits, and claims nothing.
            let rows = try await StoreSQL.sql(tx).raw("""
                UPDATE community_referrals SET escalated_at = \(bind: now)
                WHERE status = \(bind: CommunityReferralStatus.sent.rawValue) AND escalated_at IS NULL
                  AND sent_at <= \(bind: now.addingTimeInterval(-CommunityReferralRules.answerWithin))
                RETURNING organisation_id, service_name
                """).all()
            for row in rows {
                let name = try row.decode(column: "service_name", as: String.self)
                try await notifyMembers(of: try row.decode(column: "organisation_id", as: UUID.self),
                                        subject: "A referral to \(name) is waiting for your answer",
                                        body: "A referral to \(name) has waited 14 days for an answer and has gone back to the link worker. Please sign in to Alongside to accept or decline it.",
                                        now: now, on: tx)
            }
            return rows.count
        }
    }

    private func notifyMembers(of organisation: UUID, subject: String, body: String, now: Date, on db: any Database) async throws {
        let members = try await RoleGrantRecord.query(on: db).filter(\.$role == Role.organisationMember.rawValue)
            .filter(\.$organisation.$id == organisation).with(\.$account).all()
        for member in members where member.account.closedAt == nil {
            try await Outbox().enqueue(to: member.account.email, subject: subject, body: "Hello,\n\n" + body, at: now, on: db)
        }
    }
}
