import AlongsideCore
import FluentKit
import Foundation

public final class VolunteerRoleRecord: Model, @unchecked Sendable {
    public static let schema = "volunteer_roles"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "involves") public var involves: String
    @Field(key: "when_text") public var when: String
    @Field(key: "place") public var place: String
    @Field(key: "access") public var access: String
    @Field(key: "needs_dbs") public var needsDBS: Bool
    @Field(key: "places") public var places: Int
    @Field(key: "earns_time_credit") public var earnsTimeCredit: Bool
    @Field(key: "posted_at") public var postedAt: Date
    @OptionalField(key: "closed_at") public var closedAt: Date?

    public init() {}
}

public final class VolunteerRecord: Model, @unchecked Sendable {
    public static let schema = "volunteers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "role_id") public var roleID: UUID
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "status") public var status: String
    @Field(key: "said_at") public var saidAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?

    public init() {}
}

public final class VolunteerHoursRecord: Model, @unchecked Sendable {
    public static let schema = "volunteer_hours"

    @ID(key: .id) public var id: UUID?
    @Field(key: "volunteer_id") public var volunteerID: UUID
    @Field(key: "day") public var day: String
    @Field(key: "minutes") public var minutes: Int
    @Field(key: "note") public var note: String
    @Field(key: "status") public var status: String
    @Field(key: "logged_at") public var loggedAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    /// The time bank transfer the confirmed hours earned, when the role earns credit.
    @OptionalField(key: "credit_transfer_id") public var creditTransferID: UUID?

    public init() {}
}

struct CreateVolunteering: AsyncMigration {
    var name: String { "2026-12-05-CreateVolunteering" }

    func prepare(on database: any Database) async throws {
        try await database.schema(VolunteerRoleRecord.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .field("title", .string, .required).field("involves", .string, .required).field("when_text", .string, .required)
            .field("place", .string, .required).field("access", .string, .required).field("needs_dbs", .bool, .required)
            .field("places", .int, .required).field("posted_at", .datetime, .required).field("closed_at", .datetime)
            .create()
        try await database.schema(VolunteerRecord.schema)
            .id()
            .field("role_id", .uuid, .required, .references(VolunteerRoleRecord.schema, "id"))
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("status", .string, .required).field("said_at", .datetime, .required).field("decided_at", .datetime)
            .unique(on: "role_id", "person_id")
            .create()
        try await database.schema(VolunteerHoursRecord.schema)
            .id()
            .field("volunteer_id", .uuid, .required, .references(VolunteerRecord.schema, "id"))
            .field("day", .string, .required).field("minutes", .int, .required).field("note", .string, .required)
            .field("status", .string, .required).field("logged_at", .datetime, .required).field("decided_at", .datetime)
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX volunteers_person ON volunteers (person_id)")
        try await StoreSQL.run(on: database, "CREATE INDEX volunteer_hours_volunteer ON volunteer_hours (volunteer_id, status)")
    }

    func revert(on database: any Database) async throws {
        for table in [VolunteerHoursRecord.schema, VolunteerRecord.schema, VolunteerRoleRecord.schema] { try await database.schema(table).delete() }
    }
}

/// Roles can earn time bank credit: a flag on each role, and the transfer each confirmed hours earned.
struct VolunteeringEarnsTimeCredit: AsyncMigration {
    var name: String { "2026-12-06-VolunteeringEarnsTimeCredit" }

    func prepare(on database: any Database) async throws {
        try await database.schema(VolunteerRoleRecord.schema).field("earns_time_credit", .bool, .required, .sql(.default(false))).update()
        try await database.schema(VolunteerHoursRecord.schema).field("credit_transfer_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(VolunteerHoursRecord.schema).deleteField("credit_transfer_id").update()
        try await database.schema(VolunteerRoleRecord.schema).deleteField("earns_time_credit").update()
    }
}

/// A role as listed, with how many are taken on.
public struct VolunteerRoleView: Sendable, Equatable {
    public let id: UUID
    public let organisationID: UUID
    public let organisation: String
    public let draft: VolunteerRoleDraft
    public let taken: Int
}

/// A person's interest in a role, with their hours, as the organisation sees it.
public struct VolunteerView: Sendable, Equatable {
    public struct Hours: Sendable, Equatable {
        public let id: UUID
        public let day: String
        public let minutes: Int
        public let note: String
        public let status: VolunteerHoursStatus
        /// Whether the confirmed hours earned time bank credit.
        public var credited = false
    }
    public let id: UUID
    public let roleID: UUID
    public let role: String
    public let organisation: String
    public let personID: UUID
    public let name: String
    public let status: VolunteerStatus
    public let hours: [Hours]
}

public struct VolunteeringRefused: Error, Sendable, Equatable {
    public let message: String
    public let field: String
    public init(_ message: String, field: String = "form") { self.message = message; self.field = field }
}

/// Volunteering: roles organisations post, people's interest, taking them on, hours logged and confirmed.
public struct Volunteering: Sendable {
    public init() {}

    public func post(_ draft: VolunteerRoleDraft, for organisation: UUID, now: Date, on db: any Database) async throws -> UUID {
        let role = VolunteerRoleRecord()
        role.organisationID = organisation; role.title = draft.title; role.involves = draft.involves; role.when = draft.when; role.place = draft.place
        role.access = draft.access; role.needsDBS = draft.needsDBS; role.places = draft.places; role.earnsTimeCredit = draft.earnsTimeCredit; role.postedAt = now
        try await role.create(on: db)
        return role.id!
    }

    public func roles(on db: any Database) async throws -> [VolunteerRoleView] {
        let records = try await VolunteerRoleRecord.query(on: db).filter(\.$closedAt == nil).sort(\.$postedAt, .descending).all()
        let names = try await Organisations.names(Set(records.map(\.organisationID)), on: db)
        var taken: [UUID: Int] = [:]
        for v in try await VolunteerRecord.query(on: db).filter(\.$roleID ~~ records.compactMap(\.id)).filter(\.$status == VolunteerStatus.accepted.rawValue).all() {
            taken[v.roleID, default: 0] += 1
        }
        return records.map { r in
            VolunteerRoleView(id: r.id!, organisationID: r.organisationID, organisation: names[r.organisationID] ?? "An organisation",
                              draft: VolunteerRoleDraft(title: r.title, involves: r.involves, when: r.when, place: r.place, access: r.access, needsDBS: r.needsDBS, places: r.places,
                                                         earnsTimeCredit: r.earnsTimeCredit),
                              taken: taken[r.id!] ?? 0)
        }
    }

    public func role(_ id: UUID, on db: any Database) async throws -> VolunteerRoleView? {
        try await roles(on: db).first { $0.id == id }
    }

    /// The person says they are interested (again after withdrawing, if they like).
    public func interested(in role: UUID, person: UUID, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "volunteer:\(role):\(person)") { tx in
            guard try await VolunteerRoleRecord.find(role, on: tx) != nil else { throw VolunteeringRefused("There is no such role.") }
            if let existing = try await VolunteerRecord.query(on: tx).filter(\.$roleID == role).filter(\.$personID == person).first() {
                guard existing.status == VolunteerStatus.withdrawn.rawValue else { return }
                existing.status = VolunteerStatus.interested.rawValue; existing.saidAt = now; existing.decidedAt = nil
                try await existing.save(on: tx)
                return
            }
            let v = VolunteerRecord()
            v.roleID = role; v.personID = person; v.status = VolunteerStatus.interested.rawValue; v.saidAt = now
            try await v.create(on: tx)
        }
    }

    /// The organisation takes someone on (while places remain) or says it cannot.
    public func decide(_ volunteer: UUID, accept: Bool, now: Date, on db: any Database) async throws {
        guard let first = try await VolunteerRecord.find(volunteer, on: db) else { throw VolunteeringRefused("There is no such volunteer.") }
        try await db.writeTransaction(lock: "volunteer-role:\(first.roleID)") { tx in
            guard let v = try await VolunteerRecord.find(volunteer, on: tx), let role = try await VolunteerRoleRecord.find(v.roleID, on: tx) else {
                throw VolunteeringRefused("There is no such volunteer.")
            }
            if accept {
                let taken = try await VolunteerRecord.query(on: tx).filter(\.$roleID == role.id!).filter(\.$status == VolunteerStatus.accepted.rawValue).count()
                guard taken < role.places else { throw VolunteeringRefused("All \(role.places) places on this role are taken.") }
            }
            v.status = (accept ? VolunteerStatus.accepted : .declined).rawValue
            v.decidedAt = now
            try await v.save(on: tx)
        }
    }

    /// A volunteer logs hours on a role they were taken on for.
    @discardableResult
    public func log(_ hours: VolunteerHoursDraft, role: UUID, person: UUID, now: Date, on db: any Database) async throws -> UUID {
        guard let v = try await VolunteerRecord.query(on: db).filter(\.$roleID == role).filter(\.$personID == person).first(),
              v.status == VolunteerStatus.accepted.rawValue else {
            throw VolunteeringRefused("Log hours on a role the organisation has taken you on for.", field: "day")
        }
        let h = VolunteerHoursRecord()
        h.volunteerID = v.id!; h.day = hours.day; h.minutes = hours.minutes; h.note = hours.note
        h.status = VolunteerHoursStatus.logged.rawValue; h.loggedAt = now
        try await h.create(on: db)
        return h.id!
    }

    /// The organisation confirms (or rejects) logged hours; only confirmed hours count. On a role that earns credit, confirmed
    /// hours are given to the volunteer from the community fund in the same transaction, when they are an active member
    /// and the fund holds enough; otherwise the hours are confirmed and the answer says why no credit was given.
    @discardableResult
    public func confirm(hours id: UUID, confirmed: Bool, by confirmer: UUID? = nil, organisationAllowed: @escaping @Sendable (UUID) -> Bool, now: Date,
                        on db: any Database) async throws -> VolunteerCredit {
        try await db.writeTransaction { tx in
            guard let h = try await VolunteerHoursRecord.find(id, on: tx), let v = try await VolunteerRecord.find(h.volunteerID, on: tx),
                  let role = try await VolunteerRoleRecord.find(v.roleID, on: tx), organisationAllowed(role.organisationID) else {
                throw VolunteeringRefused("There are no such hours for your organisation.")
            }
            guard h.status == VolunteerHoursStatus.logged.rawValue else { throw VolunteeringRefused("These hours have already been \(h.status).") }
            h.status = (confirmed ? VolunteerHoursStatus.confirmed : .rejected).rawValue
            h.decidedAt = now
            var credit = VolunteerCredit.none
            if confirmed && role.earnsTimeCredit {
                let organisation = try await Organisations.names([role.organisationID], on: tx)[role.organisationID] ?? "an organisation"
                if try await !TimeBank().isActive(v.personID, on: tx) {
                    credit = .notGiven(.notAMember)
                } else {
                    do {
                        h.creditTransferID = try await TimeBank.pay(from: TimeBankLedger.fund, to: v.personID, minutes: h.minutes, kind: .fromFund,
                                                                    note: "Volunteering: \(role.title) with \(organisation), \(h.day)", recordedBy: confirmer,
                                                                    now: now, on: tx)
                        credit = .given(minutes: h.minutes)
                    } catch is TimeBankRefused {
                        credit = .notGiven(.fundShort)
                    }
                }
            }
            try await h.save(on: tx)
            return credit
        }
    }

    /// Everyone interested in an organisation's roles, with their hours.
    public func volunteers(of organisation: UUID, on db: any Database) async throws -> [VolunteerView] {
        let roles = try await VolunteerRoleRecord.query(on: db).filter(\.$organisationID == organisation).all()
        return try await views(try await VolunteerRecord.query(on: db).filter(\.$roleID ~~ roles.compactMap(\.id)).sort(\.$saidAt).all(), on: db)
    }

    /// A person's own volunteering.
    public func mine(_ person: UUID, on db: any Database) async throws -> [VolunteerView] {
        try await views(try await VolunteerRecord.query(on: db).filter(\.$personID == person).sort(\.$saidAt).all(), on: db)
    }

    func views(_ records: [VolunteerRecord], on db: any Database) async throws -> [VolunteerView] {
        let roles = Dictionary(try await VolunteerRoleRecord.query(on: db).filter(\.$id ~~ Set(records.map(\.roleID))).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let orgs = try await Organisations.names(Set(roles.values.map(\.organisationID)), on: db)
        let people = Dictionary(try await PersonRecord.query(on: db).filter(\.$id ~~ Set(records.map(\.personID))).all().map { ($0.id!, "\($0.givenName) \($0.familyName)") },
                                uniquingKeysWith: { a, _ in a })
        let hours = Dictionary(grouping: try await VolunteerHoursRecord.query(on: db).filter(\.$volunteerID ~~ records.compactMap(\.id)).sort(\.$day).all(), by: \.volunteerID)
        return records.map { v in
            let role = roles[v.roleID]
            return VolunteerView(id: v.id!, roleID: v.roleID, role: role?.title ?? "A role", organisation: role.flatMap { orgs[$0.organisationID] } ?? "An organisation",
                                 personID: v.personID, name: people[v.personID] ?? "Someone", status: VolunteerStatus(rawValue: v.status) ?? .interested,
                                 hours: (hours[v.id!] ?? []).map { .init(id: $0.id!, day: $0.day, minutes: $0.minutes, note: $0.note,
                                                                         status: VolunteerHoursStatus(rawValue: $0.status) ?? .logged, credited: $0.creditTransferID != nil) })
        }
    }

    /// The person's record of confirmed hours, by role: for printing.
    public func record(of person: UUID, on db: any Database) async throws -> VolunteerHistory {
        let roles = try await mine(person, on: db).compactMap { v -> VolunteerHistory.Role? in
            let confirmed = v.hours.filter { $0.status == .confirmed }
            guard let first = confirmed.first, let last = confirmed.last else { return nil }
            return .init(organisation: v.organisation, title: v.role, from: first.day, to: last.day, minutes: confirmed.reduce(0) { $0 + $1.minutes }, sessions: confirmed.count)
        }
        return VolunteerHistory(roles: roles)
    }
}
