import AlongsideCore
import FluentKit
import Foundation

/// A plan as it stands, and who last changed it.
public struct StoredPlan: Sendable {
    public let plan: CarePlan
    public let version: Int
    public let sharing: PlanSharing
    public let updatedAt: Date?
    public let updatedBy: UUID?
}

/// Someone else saved the plan after it was opened; nothing was written.
public struct PlanChangedMeanwhile: Error, Sendable {
    public let current: Int
    public var message: String {
        "Someone else saved this plan while you were changing it. Your changes were not saved: look at the plan as it is now and make them again."
    }
}

/// Personalised care and support plans: one per person, every version kept, shared only as the person chose.
public struct Plans: Sendable {
    public init() {}

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    /// A stored plan's JSON, read back (every field is optional to the decoder, so older versions read too).
    static func decode(_ text: String) -> CarePlan { (try? JSONDecoder().decode(CarePlan.self, from: Data(text.utf8))) ?? CarePlan() }

    /// Who has a reason to see or change this person's plan and measures.
    public func access(for person: UUID, on db: any Database) async throws -> PlanAccess {
        let referrals = try await ReferralRecord.query(on: db).filter(\.$personID == person).all()
        let sharing = try await PlanRecord.query(on: db).filter(\.$personID == person).first()?.sharing ?? PlanSharing()
        let carers = try await Carers().agreedCarers(of: person, on: db)
        var shared = sharing
        shared.carers = sharing.carers.filter(carers.contains)  // a carer sees it only while the link stands
        return PlanAccess(personID: person, linkWorkers: Set(referrals.compactMap(\.assignedTo)),
                          referrers: Set(referrals.compactMap(\.referredBy)), sharing: shared)
    }

    /// The plan, or an empty one at version 0 when none has been written. A new plan starts from what the person
    /// said matters in their latest what-matters conversation.
    public func plan(of person: UUID, on db: any Database) async throws -> StoredPlan {
        if let record = try await PlanRecord.query(on: db).filter(\.$personID == person).first() {
            return StoredPlan(plan: record.plan, version: record.version, sharing: record.sharing,
                              updatedAt: record.updatedAt, updatedBy: record.updatedBy)
        }
        var plan = CarePlan()
        let referrals = try await ReferralRecord.query(on: db).filter(\.$personID == person).sort(\.$createdAt, .descending).all()
        for r in referrals {
            if let conversation = try await WhatMattersRecord.query(on: db).filter(\.$referralID == r.id!).first() {
                plan.whatMatters = conversation.conversation(needs: []).answers.filter { !$0.isEmpty }.joined(separator: "\n\n")
                break
            }
        }
        return StoredPlan(plan: plan, version: 0, sharing: PlanSharing(), updatedAt: nil, updatedBy: nil)
    }

    /// Saves a checked plan as a new version. `basedOn` is the version the editor opened; if someone saved since,
    /// nothing is written and `PlanChangedMeanwhile` is thrown.
    @discardableResult
    public func save(_ plan: CarePlan, of person: UUID, basedOn: Int?, by: UUID?, channel: String, now: Date, on db: any Database) async throws -> Int {
        try await db.writeTransaction(lock: "plan:\(person)") { tx in
            let existing = try await PlanRecord.query(on: tx).filter(\.$personID == person).first()
            let current = existing?.version ?? 0
            if let basedOn, basedOn != current { throw PlanChangedMeanwhile(current: current) }
            let old = existing.map(\.plan) ?? CarePlan()
            let changes = existing == nil ? ["plan started"] : plan.changes(from: old)
            if existing != nil && changes.isEmpty { return current }
            let content = String(decoding: try Self.encoder.encode(plan), as: UTF8.self)
            let record = existing ?? PlanRecord()
            if existing == nil {
                record.personID = person
                record.shareGP = false
                record.shareOrganisations = ""
                record.shareCarers = ""
            }
            record.content = content
            record.goalNeeds = UnmetNeed.needs(of: plan).map(\.rawValue).joined(separator: ",")
            record.version = current + 1
            record.updatedAt = now
            record.updatedBy = by
            try await record.save(on: tx)
            let version = PlanVersionRecord()
            version.personID = person
            version.version = current + 1
            version.content = content
            version.changedBy = by
            version.changedAt = now
            version.changes = changes.joined(separator: "; ")
            try await version.create(on: tx)
            try await AuditLog().record(AuditEntry(actor: by, subject: person, action: .changedPlan, channel: channel,
                                                   detail: "version \(current + 1): \(version.changes)"), at: now, on: tx)
            return current + 1
        }
    }

    /// Adds a directory service to the plan, or takes it off, as a new version.
    @discardableResult
    public func choose(service: UUID, add: Bool, of person: UUID, by: UUID?, channel: String, now: Date, on db: any Database) async throws -> Int {
        guard try await ServiceRecord.find(service, on: db) != nil else { throw FieldError("service_id", "There is no such service in the directory.") }
        let stored = try await plan(of: person, on: db)
        var plan = stored.plan
        if add { if !plan.services.contains(service) { plan.services.append(service) } } else { plan.services.removeAll { $0 == service } }
        guard plan != stored.plan || stored.version == 0 else { return stored.version }
        return try await save(plan, of: person, basedOn: stored.version, by: by, channel: channel, now: now, on: db)
    }

    /// Every version, newest first.
    public func versions(of person: UUID, on db: any Database) async throws -> [(version: Int, plan: CarePlan, by: UUID?, at: Date, changes: String)] {
        try await PlanVersionRecord.query(on: db).filter(\.$personID == person).sort(\.$version, .descending).all()
            .map { ($0.version, Self.decode($0.content), $0.changedBy, $0.changedAt, $0.changes) }
    }

    /// The person's choice of who else sees their plan and measures. Carers must be linked to them and agreed;
    /// organisations must exist.
    public func share(_ sharing: PlanSharing, of person: UUID, channel: String, now: Date, on db: any Database) async throws {
        let carers = try await Carers().agreedCarers(of: person, on: db)
        let unknownCarer = sharing.carers.first { !carers.contains($0) }
        if unknownCarer != nil { throw FieldError("carers", "Choose only carers linked to you who have agreed the link") }
        if !sharing.organisations.isEmpty {
            let known = try await OrganisationRecord.query(on: db).filter(\.$id ~~ sharing.organisations).count()
            if known != Set(sharing.organisations).count { throw FieldError("organisations", "Choose organisations from the list") }
        }
        try await db.writeTransaction(lock: "plan:\(person)") { tx in
            let record = try await PlanRecord.query(on: tx).filter(\.$personID == person).first() ?? {
                let r = PlanRecord()
                r.personID = person
                r.content = String(decoding: try Self.encoder.encode(CarePlan()), as: UTF8.self)
                r.version = 0
                r.goalNeeds = ""
                r.updatedAt = now
                r.updatedBy = person
                return r
            }()
            record.shareGP = sharing.gp
            record.shareOrganisations = PlanRecord.text(sharing.organisations)
            record.shareCarers = PlanRecord.text(sharing.carers)
            try await record.save(on: tx)
            let said = [sharing.gp ? "GP" : nil, sharing.organisations.isEmpty ? nil : "\(sharing.organisations.count) organisation(s)",
                        sharing.carers.isEmpty ? nil : "\(sharing.carers.count) carer(s)"].compactMap { $0 }
            try await AuditLog().record(AuditEntry(actor: person, subject: person, action: .changedSharing, channel: channel,
                                                   detail: said.isEmpty ? "shared with nobody else" : "shared with " + said.joined(separator: ", ")),
                                        at: now, on: tx)
        }
    }

    /// The community services the person was referred to, with what happened, from their referrals.
    public func services(of person: UUID, on db: any Database) async throws -> [(serviceID: UUID, name: String, status: String)] {
        let referrals = try await ReferralRecord.query(on: db).filter(\.$personID == person).all().compactMap(\.id)
        guard !referrals.isEmpty else { return [] }
        return try await CommunityReferralRecord.query(on: db).filter(\.$referralID ~~ referrals).sort(\.$sentAt).all()
            .map { ($0.serviceID, $0.serviceName, $0.currentStatus.title) }
    }
}
