import AlongsideCore
import FluentKit
import SQLKit
import Foundation

/// Carers and the people they care for, and carers' contingency plans.
public struct Carers: Sendable {
    public init() {}

    /// Records that `carer` looks after someone. `recordedBy` is the carer themselves, the cared-for person, or
    /// staff with them. When both are Alongside users the link counts once the other has agreed too.
    ///
    /// `invite` is the email the carer gave for the person they look after (with that person's id when an
    /// account has it): that address is asked to agree, in the same words whether or not it has an account,
    /// and the link waits for them either way, so nothing tells the carer whether the address is known.
    @discardableResult
    public func link(carer: UUID, caredFor: UUID?, _ details: CaringDetails, invite: (email: String, carerName: String, signInURL: String)? = nil,
                     recordedBy: UUID?, channel: String, now: Date, on db: any Database) async throws -> CarerLinkRecord {
        let tidy = try details.validated(carer: carer, caredFor: caredFor)
        return try await db.writeTransaction { tx in
            if let invite, caredFor == nil, let existing = try await CarerLinkRecord.query(on: tx).filter(\.$carerID == carer)
                .filter(\.$invitedEmail == invite.email.lowercased()).filter(\.$endedAt == nil).first() {
                return existing
            }
            if let caredFor, let existing = try await CarerLinkRecord.query(on: tx).filter(\.$carerID == carer)
                .filter(\.$caredForID == caredFor).filter(\.$endedAt == nil).first() {
                return existing
            }
            let link = CarerLinkRecord()
            link.carerID = carer
            link.caredForID = caredFor
            link.caredForName = tidy.caredForName
            link.relationship = tidy.relationship.rawValue
            link.whatICareWith = tidy.whatICareWith
            link.hoursPerWeek = tidy.hoursPerWeek
            // Whoever records it agrees for themselves; staff record what the carer told them.
            link.carerAgreedAt = recordedBy == caredFor && caredFor != nil ? nil : now
            link.caredForAgreedAt = caredFor != nil && recordedBy == caredFor ? now : nil
            link.recordedBy = recordedBy
            link.createdAt = now
            link.invitedEmail = invite?.email.lowercased()
            try await link.create(on: tx)
            if let invite {
                try await Outbox().enqueue(
                    to: invite.email, subject: "Someone says they help look after you",
                    body: """
                        Hello,

                        \(invite.carerName) uses Alongside and says they help look after you. If that is right, you can agree, and
                        they will be able to keep a contingency plan for you and, only if you choose, see your plan. If it
                        is not right, or you would rather not, you can refuse: nothing is shared with them either way.

                        Sign in, or register with this email address, at \(invite.signInURL) and open "Caring" to agree or refuse.
                        If you do nothing, nothing changes.
                        """,
                    at: now, on: tx)
            }
            // Carer status on the person, for referrals, caseloads and (suppressed) counts.
            if link.carerAgreedAt != nil, let person = try await PersonRecord.find(carer, on: tx), !person.isCarer {
                person.isCarer = true
                try await person.update(on: tx)
            }
            try await AuditLog().record(AuditEntry(actor: recordedBy, subject: carer, action: .changedCarers, channel: channel,
                                                   detail: "cares for their \(tidy.relationship.title)"), at: now, on: tx)
            if let caredFor {
                try await AuditLog().record(AuditEntry(actor: recordedBy, subject: caredFor, action: .changedCarers, channel: channel,
                                                       detail: "named as cared for"), at: now, on: tx)
            }
            return link
        }
    }

    /// The other side agrees (or the carer confirms a link the cared-for person made).
    public func agree(_ id: UUID, by person: UUID, channel: String, now: Date, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let link = try await CarerLinkRecord.find(id, on: tx), link.endedAt == nil else {
                throw FieldError("link", "There is no such link to agree to.")
            }
            if link.caredForID == person { link.caredForAgreedAt = link.caredForAgreedAt ?? now }
            else if link.carerID == person { link.carerAgreedAt = link.carerAgreedAt ?? now }
            else { throw FieldError("link", "Only the two people linked can agree to it.") }
            try await link.update(on: tx)
            try await AuditLog().record(AuditEntry(actor: person, subject: person, action: .changedCarers, channel: channel, detail: "agreed a carer link"),
                                        at: now, on: tx)
        }
    }

    /// Either person ends the link; sharing with that carer stops with it.
    public func end(_ id: UUID, by person: UUID, channel: String, now: Date, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let link = try await CarerLinkRecord.find(id, on: tx), link.endedAt == nil, link.carerID == person || link.caredForID == person else {
                throw FieldError("link", "There is no such link to end.")
            }
            link.endedAt = now
            try await link.update(on: tx)
            try await AuditLog().record(AuditEntry(actor: person, subject: person, action: .changedCarers, channel: channel, detail: "ended a carer link"),
                                        at: now, on: tx)
        }
    }

    /// A person who has just made an account takes up the links waiting at their email: they see each as a
    /// request they can agree to or refuse.
    public func claimInvitations(email: String, person: UUID, on db: any Database) async throws {
        try await StoreSQL.sql(db).raw("""
            UPDATE carer_links SET cared_for_id = \(bind: person)
            WHERE invited_email = \(bind: email.lowercased()) AND cared_for_id IS NULL AND ended_at IS NULL AND carer_id <> \(bind: person)
            """).run()
    }

    /// Links where the person is the carer, and where they are cared for, still standing.
    public func links(of person: UUID, on db: any Database) async throws -> (caresFor: [CarerLinkRecord], caredForBy: [CarerLinkRecord]) {
        let caresFor = try await CarerLinkRecord.query(on: db).filter(\.$carerID == person).filter(\.$endedAt == nil).sort(\.$createdAt).all()
        let caredFor = try await CarerLinkRecord.query(on: db).filter(\.$caredForID == person).filter(\.$endedAt == nil).sort(\.$createdAt).all()
        return (caresFor, caredFor)
    }

    public func find(_ id: UUID, on db: any Database) async throws -> CarerLinkRecord? { try await CarerLinkRecord.find(id, on: db) }

    /// The carers of a person whose links both have agreed.
    public func agreedCarers(of person: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await CarerLinkRecord.query(on: db).filter(\.$caredForID == person).filter(\.$endedAt == nil).all().filter(\.isAgreed).map(\.carerID))
    }

    /// Which of these people are carers (a standing link they agreed), for caseloads and referrals.
    public func carersAmong(_ people: [UUID], on db: any Database) async throws -> Set<UUID> {
        var found: Set<UUID> = []
        for start in stride(from: 0, to: people.count, by: 500) {
            let chunk = Array(people[start..<min(people.count, start + 500)])
            for row in try await StoreSQL.sql(db).raw("""
                SELECT DISTINCT carer_id FROM carer_links WHERE carer_id IN (\(binds: chunk)) AND ended_at IS NULL AND carer_agreed_at IS NOT NULL
                """).all() {
                found.insert(try row.decode(column: "carer_id", as: UUID.self))
            }
        }
        return found
    }

    public func contingency(of carer: UUID, on db: any Database) async throws -> (plan: ContingencyPlan, updatedAt: Date)? {
        guard let record = try await ContingencyPlanRecord.query(on: db).filter(\.$carerID == carer).first() else { return nil }
        let plan = (try? JSONDecoder().decode(ContingencyPlan.self, from: Data(record.content.utf8))) ?? ContingencyPlan()
        return (plan, record.updatedAt)
    }

    public func saveContingency(_ plan: ContingencyPlan, of carer: UUID, by: UUID?, channel: String, now: Date, on db: any Database) async throws {
        let tidy = try plan.validated()
        try await db.writeTransaction { tx in
            let record = try await ContingencyPlanRecord.query(on: tx).filter(\.$carerID == carer).first() ?? ContingencyPlanRecord()
            record.carerID = carer
            record.content = String(decoding: try Plans.encoder.encode(tidy), as: UTF8.self)
            record.updatedAt = now
            record.updatedBy = by
            try await record.save(on: tx)
            try await AuditLog().record(AuditEntry(actor: by, subject: carer, action: .changedCarers, channel: channel, detail: "contingency plan"),
                                        at: now, on: tx)
        }
    }
}
