import AlongsideCore
import FluentKit
import SQLKit
import Foundation

/// A referral with everything that has happened in its episode.
public struct Episode: Sendable {
    public let referral: ReferralRecord
    public let moves: [EpisodeMoveRecord]
    public let contacts: [EpisodeContactRecord]
    public let codes: [EpisodeCodeRecord]
    /// What the person added to their request afterwards, oldest first.
    public let additions: [EpisodeAdditionRecord]

    public var failedAttempts: Int { contacts.filter { !$0.reached }.count }
}

/// Referrals to the link worker team and the episodes that follow them: made once, moved only as the
/// lifecycle allows, every move and contact kept, each change written in one transaction with its audit row.
public struct Referrals: Sendable {
    public init() {}

    /// Makes a referral from checked details. The same submission key twice gives back the first referral.
    /// A person referred without a record here gets one.
    public func create(_ details: ReferralDetails, personID: UUID?, referredBy: UUID?, referrerName: String, gpSharing: String = "all",
                       submissionKey: String, now: Date, on db: any Database) async throws -> (referral: ReferralRecord, isNew: Bool) {
        try await db.writeTransaction(lock: "referral-submission:\(submissionKey)") { tx in
            if let existing = try await ReferralRecord.query(on: tx).filter(\.$submissionKey == submissionKey).first() {
                return (existing, false)
            }
            let person: UUID
            if let personID {
                person = personID
            } else {
                let record = PersonRecord(givenName: details.givenName, familyName: details.familyName, postcode: details.postcode, createdAt: now)
                record.birthDate = details.birthDate
                try await record.create(on: tx)
                person = record.id!
            }
            let r = ReferralRecord()
            r.personID = person
            r.givenName = details.givenName
            r.familyName = details.familyName
            r.birthDate = details.birthDate
            r.postcode = details.postcode
            r.nhsNumber = details.nhsNumber
            r.phone = details.phone
            r.email = details.email
            r.preferredContact = details.preferredContact.rawValue
            r.interpreter = details.interpreter
            r.needs = StoredCodes.text(details.needs)
            r.accessNeeds = StoredCodes.text(AccessibilityFeature.tidy(details.accessNeeds))
            r.story = details.story
            r.mustKnow = details.mustKnow
            r.consented = details.consented
            r.source = details.source.rawValue
            r.referredBy = referredBy
            if details.source == .clinician, let referredBy {
                // Counted to the practice the clinician is at now; moving practice later does not move it.
                r.practiceID = try await PracticeClinicianRecord.query(on: tx).filter(\.$personID == referredBy).first()?.practiceID
            }
            r.referrerName = referrerName
            r.stage = EpisodeStage.received.rawValue
            r.gpSharing = gpSharing == "codes" ? "codes" : "all"
            r.submissionKey = submissionKey
            r.createdAt = now
            r.stageChangedAt = now
            try await r.create(on: tx)
            try await record(EpisodeMove(to: .received), of: r.id!, from: nil, by: referredBy, at: now, on: tx)
            try await AuditLog().record(AuditEntry(actor: referredBy, subject: person, action: .madeReferral, channel: "web"), at: now, on: tx)
            return (r, true)
        }
    }

    public func find(_ id: UUID, on db: any Database) async throws -> ReferralRecord? {
        try await ReferralRecord.find(id, on: db)
    }

    public func episode(_ id: UUID, on db: any Database) async throws -> Episode? {
        guard let referral = try await ReferralRecord.find(id, on: db) else { return nil }
        return Episode(
            referral: referral,
            moves: try await EpisodeMoveRecord.query(on: db).filter(\.$referralID == id).sort(\.$movedAt).all(),
            contacts: try await EpisodeContactRecord.query(on: db).filter(\.$referralID == id).sort(\.$happenedAt).all(),
            codes: try await EpisodeCodeRecord.query(on: db).filter(\.$referralID == id).sort(\.$recordedAt).all(),
            additions: try await additions(id, on: db))
    }

    /// Moves an episode on, as the lifecycle allows; accepting assigns it to `assignTo` (or whoever accepts).
    /// Records the SNOMED CT concept the move calls for, once. Throws `MoveRefused` and writes nothing if the
    /// move is not allowed.
    @discardableResult
    public func move(_ id: UUID, _ move: EpisodeMove, by actor: UUID?, assignTo: UUID? = nil, attemptsNeeded: Int = EpisodeLifecycle.defaultContactAttempts,
                     now: Date, on db: any Database) async throws -> ReferralRecord {
        try await db.writeTransaction(lock: "referral:\(id)") { tx in
            guard let r = try await ReferralRecord.find(id, on: tx) else { throw ReferralNotFound() }
            let from = r.currentStage
            let facts = try await self.facts(about: r, on: tx)
            try EpisodeLifecycle.check(move, from: from, facts: facts, attemptsNeeded: attemptsNeeded)
            r.stage = move.to.rawValue
            r.stageChangedAt = now
            if move.to == .closed { r.outcome = move.outcome?.rawValue }
            if move.to == .accepted { r.assignedTo = assignTo ?? r.assignedTo ?? actor }
            try await r.save(on: tx)
            try await record(move, of: id, from: from, by: actor, at: now, on: tx)
            let recorded = Set(try await EpisodeCodeRecord.query(on: tx).filter(\.$referralID == id).all().compactMap { SNOMEDConcept.known($0.code) })
            let elsewhere = move.to == .declinedByPerson ? try await supportedElsewhere(r, on: tx) : nil
            for concept in EpisodeLifecycle.concepts(for: move, recorded: recorded,
                                                     supportedElsewhereUnsaid: elsewhere != nil && r.gpSharing != "all") {
                let code = EpisodeCodeRecord()
                code.referralID = id
                code.code = concept.code
                code.display = concept.display
                code.recordedAt = now
                try await code.create(on: tx)
            }
            try await AuditLog().record(AuditEntry(actor: actor, subject: r.personID, action: .changedReferral, channel: "web",
                                                   detail: "\(from.rawValue) → \(move.to.rawValue)"), at: now, on: tx)
            try await closeTheLoop(r, move: move, stillSupportedSince: elsewhere?.createdAt, now: now, on: tx)
            return r
        }
    }

    /// Checks a move as `move` would, writing nothing: for asking someone to confirm a move that would be refused anyway.
    public func check(_ id: UUID, _ move: EpisodeMove, attemptsNeeded: Int = EpisodeLifecycle.defaultContactAttempts, on db: any Database) async throws {
        guard let r = try await ReferralRecord.find(id, on: db) else { throw ReferralNotFound() }
        try EpisodeLifecycle.check(move, from: r.currentStage, facts: try await facts(about: r, on: db), attemptsNeeded: attemptsNeeded)
    }

    /// When someone who declined may still change their mind: the last day, if the episode is declined and within the days allowed.
    public func changeOfMindUntil(_ r: ReferralRecord, now: Date, on db: any Database) async throws -> Date? {
        guard r.currentStage == .declinedByPerson,
              let declined = try await EpisodeMoveRecord.query(on: db).filter(\.$referralID == r.id!)
                .filter(\.$toStage == EpisodeStage.declinedByPerson.rawValue).sort(\.$movedAt, .descending).first(),
              EpisodeLifecycle.changeOfMind(stage: r.currentStage, declinedAt: declined.movedAt,
                                            before: declined.fromStage.flatMap(EpisodeStage.init(rawValue:)), now: now) != nil
        else { return nil }
        return declined.movedAt.addingTimeInterval(Double(EpisodeLifecycle.changeOfMindDays) * 86_400)
    }

    /// Keeps a message for the GP record with the episode.
    private func keep(_ message: GPMessage, for referral: UUID, now: Date, on db: any Database) async throws {
        let record = GPMessageRecord()
        record.referralID = referral
        record.stage = message.stage.rawValue
        record.summary = message.summary
        record.codes = message.codes.map(\.code).joined(separator: ",")
        record.createdAt = now
        try await record.create(on: db)
    }

    /// What has been recorded on an episode that its moves depend on.
    private func facts(about r: ReferralRecord, on db: any Database) async throws -> EpisodeFacts {
        let contacts = try await EpisodeContactRecord.query(on: db).filter(\.$referralID == r.id!).all()
        let goals = try await PlanRecord.query(on: db).filter(\.$personID == r.personID).first()?.plan.goals.count ?? 0
        return EpisodeFacts(failedAttempts: contacts.filter { !$0.reached }.count, spokenTo: contacts.filter(\.reached).count, planGoals: goals)
    }

    /// Another episode of the same person that is under way with a link worker (past "received"), if any.
    public func supportedElsewhere(_ r: ReferralRecord, on db: any Database) async throws -> ReferralRecord? {
        let underWay = EpisodeStage.allCases.filter { $0.isOpen && $0 != .received }.map(\.rawValue)
        return try await ReferralRecord.query(on: db).filter(\.$personID == r.personID).filter(\.$id != r.id!)
            .filter(\.$stage ~~ underWay).sort(\.$createdAt).first()
    }

    /// The person changed their mind within `EpisodeLifecycle.changeOfMindDays` of declining: the episode goes
    /// back to where it was, the "declined" code is taken off, and the GP is told if they were told of the decline.
    /// Throws `MoveRefused` and writes nothing if the episode was not declined, or was declined too long ago.
    public func changeMind(_ id: UUID, by actor: UUID?, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "referral:\(id)") { tx in
            guard let r = try await ReferralRecord.find(id, on: tx) else { throw ReferralNotFound() }
            let declined = try await EpisodeMoveRecord.query(on: tx).filter(\.$referralID == id)
                .filter(\.$toStage == EpisodeStage.declinedByPerson.rawValue).sort(\.$movedAt, .descending).first()
            guard let declined,
                  let back = EpisodeLifecycle.changeOfMind(stage: r.currentStage, declinedAt: declined.movedAt,
                                                           before: declined.fromStage.flatMap(EpisodeStage.init(rawValue:)), now: now) else {
                throw MoveRefused(message: "This can only be undone within \(EpisodeLifecycle.changeOfMindDays) days of saying no. Ask for a link worker again instead",
                                  allowed: [], field: nil)
            }
            r.stage = back.rawValue
            r.stageChangedAt = now
            try await r.save(on: tx)
            try await record(EpisodeMove(to: back, reason: "Changed their mind"), of: id, from: .declinedByPerson, by: actor, at: now, on: tx)
            try await EpisodeCodeRecord.query(on: tx).filter(\.$referralID == id)
                .filter(\.$code == SNOMEDConcept.socialPrescribingDeclined.code).delete()
            try await AuditLog().record(AuditEntry(actor: actor, subject: r.personID, action: .changedReferral, channel: "web",
                                                   detail: "\(EpisodeStage.declinedByPerson.rawValue) → \(back.rawValue) (changed their mind)"), at: now, on: tx)
            let toldGP = try await GPMessageRecord.query(on: tx).filter(\.$referralID == id)
                .filter(\.$stage == EpisodeStage.declinedByPerson.rawValue).count() > 0
            if toldGP {
                let codes = try await EpisodeCodeRecord.query(on: tx).filter(\.$referralID == id).sort(\.$recordedAt).all()
                    .compactMap { SNOMEDConcept.known($0.code) }
                let message = GPMessage.changedMind(name: r.fullName, birthDate: r.birthDate, nhsNumber: r.nhsNumber, on: now,
                                                    declinedOn: declined.movedAt, backTo: back, codes: codes, shareSummary: r.gpSharing == "all")
                try await keep(message, for: id, now: now, on: tx)
            }
        }
    }

    /// At acceptance, connection and closure: a message for the GP record (the codes, and a summary if the
    /// person agreed to share it), and an email telling the referrer, who signs in to see more.
    private func closeTheLoop(_ r: ReferralRecord, move: EpisodeMove, stillSupportedSince: Date?, now: Date, on db: any Database) async throws {
        guard GPMessage.stages.contains(move.to) else { return }
        let codes = try await EpisodeCodeRecord.query(on: db).filter(\.$referralID == r.id!).sort(\.$recordedAt).all()
            .compactMap { SNOMEDConcept.known($0.code) }
        let services = try await CommunityReferralRecord.query(on: db).filter(\.$referralID == r.id!).all()
            .filter { $0.currentStatus != .declined }.map(\.serviceName)
        if let message = GPMessage.make(stage: move.to, name: r.fullName, birthDate: r.birthDate, nhsNumber: r.nhsNumber, on: now,
                                        services: services, outcome: move.outcome, codes: codes, shareSummary: r.gpSharing == "all",
                                        referredOn: r.createdAt, stillSupportedSince: stillSupportedSince) {
            try await keep(message, for: r.id!, now: now, on: db)
        }
        if let referrer = r.referredBy, referrer != r.personID,
           let account = try await AccountRecord.query(on: db).filter(\.$person.$id == referrer).first(), account.closedAt == nil {
            try await Outbox().enqueue(
                to: account.email, subject: "A referral you made has moved on",
                body: """
                    Hello,

                    A referral you made to the social prescribing link worker team on \(UKDates.day(r.createdAt)) is now: \(move.to.title.lowercased()).

                    Sign in to Alongside and open "Referrals you made" to see it.
                    """,
                at: now, on: db)
        }
    }

    /// Records (or adds to) the "what matters to me" conversation; the first time, while the episode is at
    /// "contacted", it moves on to the conversation stage.
    public func recordWhatMatters(_ id: UUID, _ conversation: WhatMatters, by actor: UUID?, now: Date, on db: any Database) async throws {
        let tidy = try conversation.validated()
        try await db.writeTransaction(lock: "referral:\(id)") { tx in
            guard let r = try await ReferralRecord.find(id, on: tx) else { throw ReferralNotFound() }
            let record = try await WhatMattersRecord.query(on: tx).filter(\.$referralID == id).first() ?? WhatMattersRecord()
            record.referralID = id
            record.goodDay = tidy.goodDay
            record.inTheWay = tidy.inTheWay
            record.usedToEnjoy = tidy.usedToEnjoy
            record.whoMatters = tidy.whoMatters
            record.inTheirWords = tidy.inTheirWords
            record.recordedBy = actor
            record.recordedAt = now
            try await record.save(on: tx)
            r.whatMattersNeeds = StoredCodes.text(tidy.needs)
            try await r.save(on: tx)
            try await AuditLog().record(AuditEntry(actor: actor, subject: r.personID, action: .changedReferral, channel: "web", detail: "what matters"),
                                        at: now, on: tx)
            if r.currentStage == .contacted {
                try await move(id, EpisodeMove(to: .whatMatters), by: actor, now: now, on: tx)
            }
        }
    }

    /// Replaces what a place must have for the person (none: nothing needed), audited as a change to the referral.
    public func recordAccessNeeds(_ id: UUID, _ features: [AccessibilityFeature], by actor: UUID?, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "referral:\(id)") { tx in
            guard let r = try await ReferralRecord.find(id, on: tx) else { throw ReferralNotFound() }
            r.accessNeeds = StoredCodes.text(AccessibilityFeature.tidy(features))
            try await r.save(on: tx)
            try await AuditLog().record(AuditEntry(actor: actor, subject: r.personID, action: .changedReferral, channel: "web", detail: "access needs"),
                                        at: now, on: tx)
        }
    }

    public func whatMatters(_ id: UUID, on db: any Database) async throws -> WhatMatters? {
        guard let record = try await WhatMattersRecord.query(on: db).filter(\.$referralID == id).first() else { return nil }
        return record.conversation(needs: try await ReferralRecord.find(id, on: db)?.whatMattersNeedList ?? [])
    }

    public func gpMessages(_ id: UUID, on db: any Database) async throws -> [GPMessageRecord] {
        try await GPMessageRecord.query(on: db).filter(\.$referralID == id).sort(\.$createdAt).all()
    }

    /// Gives an episode to another link worker (a team lead's reassignment, or taking one from the inbox).
    public func assign(_ id: UUID, to linkWorker: UUID, by actor: UUID, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "referral:\(id)") { tx in
            guard let r = try await ReferralRecord.find(id, on: tx) else { throw ReferralNotFound() }
            r.assignedTo = linkWorker
            try await r.save(on: tx)
            try await AuditLog().record(AuditEntry(actor: actor, subject: r.personID, action: .changedReferral, channel: "web", detail: "assigned"),
                                        at: now, on: tx)
        }
    }

    /// Logs a contact or an attempt, and when the link worker will next be in touch (`YYYY-MM-DD`), if said. A
    /// contact where they spoke, on an accepted episode, moves it to "contacted" in the same transaction; the
    /// stage it moved to is returned.
    @discardableResult
    public func logContact(_ id: UUID, _ log: ContactLog, nextContactOn: String? = nil, by actor: UUID?, now: Date,
                           on db: any Database) async throws -> EpisodeStage? {
        try log.validate(now: now)
        return try await db.writeTransaction(lock: "referral:\(id)") { tx in
            guard let r = try await ReferralRecord.find(id, on: tx) else { throw ReferralNotFound() }
            if let next = nextContactOn {
                r.nextContactOn = next
                try await r.save(on: tx)
            }
            let c = EpisodeContactRecord()
            c.referralID = id
            c.happenedAt = log.happenedAt
            c.method = log.way.rawValue
            c.minutes = log.minutes
            c.reached = log.reached
            c.notes = log.notes.trimmed
            c.loggedBy = actor
            try await c.create(on: tx)
            if log.reached { try await Self.keepFirsts(id, reachedAt: log.happenedAt, on: tx) }
            try await AuditLog().record(AuditEntry(actor: actor, subject: r.personID, action: .changedReferral, channel: "web",
                                                   detail: log.reached ? "contact" : "attempt"), at: now, on: tx)
            guard log.reached, r.currentStage == .accepted else { return nil }
            try await move(id, EpisodeMove(to: .contacted), by: actor, now: now, on: tx)
            return EpisodeStage.contacted
        }
    }

    /// A person's own referrals, newest first.
    public func about(person: UUID, on db: any Database) async throws -> [ReferralRecord] {
        try await ReferralRecord.query(on: db).filter(\.$personID == person).sort(\.$createdAt, .descending).all()
    }

    /// The referrals someone made, newest first.
    public func made(by person: UUID, on db: any Database) async throws -> [ReferralRecord] {
        try await ReferralRecord.query(on: db).filter(\.$referredBy == person).sort(\.$createdAt, .descending).all()
    }

    private func record(_ move: EpisodeMove, of id: UUID, from: EpisodeStage?, by actor: UUID?, at now: Date, on db: any Database) async throws {
        let m = EpisodeMoveRecord()
        m.referralID = id
        m.fromStage = from?.rawValue
        m.toStage = move.to.rawValue
        m.outcome = move.outcome?.rawValue
        m.reason = move.reason?.trimmed
        m.movedBy = actor
        m.movedAt = now
        try await m.create(on: db)
        if move.to == .connected { try await Self.keepFirsts(id, connectedAt: now, on: db) }
    }

    /// Keeps the referral's first time reached and first time connected as a contact or move is written (in its
    /// transaction): the earlier of what is kept and this one, so a contact logged late for an earlier day counts.
    static func keepFirsts(_ id: UUID, reachedAt: Date? = nil, connectedAt: Date? = nil, on db: any Database) async throws {
        for (column, at) in [("first_reached_at", reachedAt), ("first_connected_at", connectedAt)] {
            guard let at else { continue }
            try await StoreSQL.sql(db).raw("""
                UPDATE referrals SET \(unsafeRaw: column) = \(bind: at) WHERE id = \(bind: id) AND (\(unsafeRaw: column) IS NULL OR \(unsafeRaw: column) > \(bind: at))
                """).run()
        }
    }
}

/// No referral has that id.
public struct ReferralNotFound: Error {}
