import AlongsideCore
import FluentKit
import SQLKit
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

    /// A referral about the person, with everything in its episode.
    public struct Referral: Codable, Sendable, Equatable {
        public struct Move: Codable, Sendable, Equatable {
            public let at: Date
            public let from: String?
            public let to: String
            public let outcome: String?
            public let reason: String?
        }
        public struct Contact: Codable, Sendable, Equatable {
            public let at: Date
            public let way: String
            public let spokeWithYou: Bool
            public let minutes: Int?
            public let notes: String
        }
        public struct Code: Codable, Sendable, Equatable {
            public let system: String
            public let code: String
            public let display: String
            public let recordedAt: Date
        }
        public struct WhatMatters: Codable, Sendable, Equatable {
            public let recordedAt: Date
            public let answers: [String: String]
            /// What the conversation was agreed to point to, as need codes.
            public let needs: [String]
        }
        public struct CommunityReferral: Codable, Sendable, Equatable {
            public let service: String
            public let status: String
            public let hopes: String
            public let accessNeeds: String?
            public let note: String?
            public let declineReason: String?
            public let sentAt: Date
            public let answeredAt: Date?
            /// Each session the organisation marked: the day, and whether you came.
            public let register: [Session]
        }
        public struct Session: Codable, Sendable, Equatable {
            public let day: String
            public let came: Bool
        }
        public struct GPMessage: Codable, Sendable, Equatable {
            public let at: Date
            public let stage: String
            public let summary: String?
            public let codes: [String]
        }
        /// Something you added to the request afterwards.
        public struct Addition: Codable, Sendable, Equatable {
            public let at: Date
            public let text: String
            public let needs: [String]
        }
        public let id: UUID
        public let madeAt: Date
        public let referredBy: String
        public let source: String
        public let details: [String: String]
        public let needs: [String]
        public let inYourWords: String
        public let thingsToKnowFirst: String?
        public let consented: Bool
        /// What you chose goes back to your GP: "all" (a summary and the codes) or "codes".
        public let gpSharing: String
        public let stage: String
        public let outcome: String?
        public let nextContactOn: String?
        public let moves: [Move]
        public let contacts: [Contact]
        public let codes: [Code]
        public let whatMatters: [WhatMatters]
        public let communityReferrals: [CommunityReferral]
        public let gpMessages: [GPMessage]
        public let youAdded: [Addition]
        /// How your wellbeing answers in this episode pair up, as kept for the place's figures: the first and latest
        /// scores of each questionnaire (nil with fewer than two), and your latest answers about involvement.
        public let wellbeing: Wellbeing?

        public struct Wellbeing: Codable, Sendable, Equatable {
            public let swemwbsFirst: Double?
            public let swemwbsLatest: Double?
            public let ucla3First: Int?
            public let ucla3Latest: Int?
            /// Life satisfaction, worthwhile, happiness, anxiety.
            public let ons4First: [Int?]
            public let ons4Latest: [Int?]
            public let involved: Int?
            public let support: Int?
        }
    }
    public struct PlanVersion: Codable, Sendable, Equatable {
        public let version: Int
        public let savedAt: Date
        public let changes: String
        public let plan: CarePlan
    }
    public struct Session: Codable, Sendable, Equatable {
        public let kind: String
        public let startedAt: Date
        public let endsAt: Date
    }
    public struct SignInAttempt: Codable, Sendable, Equatable {
        public let at: Date
        public let succeeded: Bool
    }
    /// A one-use link: a password reset, or an invitation to make an account.
    public struct Link: Codable, Sendable, Equatable {
        public let sentAt: Date
        public let usedAt: Date?
    }
    public struct Email: Codable, Sendable, Equatable {
        public let to: String
        public let subject: String
        public let body: String
        public let queuedAt: Date
        public let sentAt: Date?
    }

    public let exportedAt: Date
    public let person: Person
    public let account: Account?
    public let accessHistory: [AccessEvent]
    public var referrals: [Referral] = []
    public var plan: CarePlan?
    public var planVersions: Int = 0
    public var planHistory: [PlanVersion] = []
    public var planSharing: PlanSharing?
    public var measures: [Measure] = []
    public var carerLinks: [CarerLink] = []
    public var contingencyPlan: ContingencyPlan?
    public var sessions: [Session] = []
    public var signInAttempts: [SignInAttempt] = []
    public var passwordResets: [Link] = []
    public var invitations: [Link] = []
    public var emails: [Email] = []
    public var proposals: [Proposal] = []
    public var proposalsSupported: [Support] = []
    public var budgetIdeas: [BudgetIdea] = []
    public var budgetBallots: [BudgetBallot] = []
    public var candidacies: [Candidacy] = []
    public var electionsVotedIn: [Voted] = []
    public var reportBacks: [ReportBack] = []
    public var proposalsReported: [Report] = []
    public var collaborativePairs: [Pair] = []
    public var pairUpdates: [PairUpdate] = []
    public var comments: [Comment] = []
    public var commentsReported: [CommentReport] = []
    public var questionsToRepresentatives: [Question] = []
    public var timeBank: TimeBankMembership?
    public var timeBankStatement: [StatementEntry] = []
    public var timeBankTransfers: [Transfer] = []
    public var timeBankExchanges: [Exchange] = []
    public var timeBankPosts: [Post] = []
    public var timeBankReports: [MemberReport] = []
    public var volunteering: [Volunteering] = []
    public var trainingPlaces: [TrainingPlace] = []
    /// For a clinician: the GP practice whose list they are on.
    public var gpPractice: GPPractice?
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
        export.referrals = try await referralsForExport(personID, on: db)
        let stored = try await Plans().plan(of: personID, on: db)
        if stored.version > 0 {
            export.plan = stored.plan
            export.planVersions = stored.version
            export.planSharing = stored.sharing
        }
        export.planHistory = try await PlanVersionRecord.query(on: db).filter(\.$personID == personID).sort(\.$version).all().map {
            .init(version: $0.version, savedAt: $0.changedAt, changes: $0.changes, plan: Plans.decode($0.content))
        }
        export.measures = try await Measures().of(personID, on: db).compactMap { m in
            m.result.map { .init(instrument: m.instrument, takenAt: m.takenAt, answers: $0.answers, scores: $0.summary) }
        }
        // Every link, ended ones too: the record of having been a carer is theirs.
        let links = try await CarerLinkRecord.query(on: db).group(.or) { $0.filter(\.$carerID == personID).filter(\.$caredForID == personID) }
            .sort(\.$createdAt).all()
        export.carerLinks = links.map { l in
            l.carerID == personID
                ? .init(role: l.endedAt == nil ? "I look after" : "I looked after", name: l.caredForName, relationship: l.relationship,
                        whatCaringInvolves: l.whatICareWith, hoursPerWeek: l.hoursPerWeek, agreed: l.isAgreed)
                : .init(role: l.endedAt == nil ? "Looks after me" : "Looked after me", name: "", relationship: l.relationship,
                        whatCaringInvolves: l.whatICareWith, hoursPerWeek: l.hoursPerWeek, agreed: l.isAgreed)
        }
        export.contingencyPlan = try await Carers().contingency(of: personID, on: db)?.plan
        try await Self.addCommunityVoice(of: personID, to: &export, on: db)
        try await Self.addSharing(of: personID, to: &export, on: db)
        if let account {
            export.sessions = try await SessionRecord.query(on: db).filter(\.$account.$id == account.id!).sort(\.$createdAt).all()
                .map { .init(kind: $0.kind, startedAt: $0.createdAt, endsAt: $0.expiresAt) }
            export.passwordResets = try await PasswordResetRecord.query(on: db).filter(\.$account.$id == account.id!).sort(\.$createdAt).all()
                .map { .init(sentAt: $0.createdAt, usedAt: $0.usedAt) }
        }
        let emails = Array(Set([account?.email].compactMap { $0 } + export.referrals.compactMap { $0.details["email"] }).map { $0.lowercased() })
        if !emails.isEmpty {
            export.signInAttempts = try await SignInAttemptRecord.query(on: db).filter(\.$email ~~ emails).sort(\.$attemptedAt).all()
                .map { .init(at: $0.attemptedAt, succeeded: $0.succeeded) }
            export.invitations = try await InvitationRecord.query(on: db).filter(\.$email ~~ emails).sort(\.$createdAt).all()
                .map { .init(sentAt: $0.createdAt, usedAt: $0.usedAt) }
            export.emails = try await OutboxMessageRecord.query(on: db).filter(\.$recipient ~~ emails).sort(\.$createdAt).all()
                .map { .init(to: $0.recipient, subject: $0.subject, body: Self.withoutSecrets($0.body), queuedAt: $0.createdAt, sentAt: $0.sentAt) }
        }
        return export
    }

    /// An email as sent, less any one-use link in it (a reset or invitation token stays out of a file that may be kept).
    static func withoutSecrets(_ body: String) -> String {
        body.replacingOccurrences(of: #"token=[A-Za-z0-9_\-%.]+"#, with: "token=(removed)", options: .regularExpression)
    }

    /// The person's referrals, oldest first, each with every move, contact, code, conversation, community
    /// referral and GP message in its episode.
    private func referralsForExport(_ personID: UUID, on db: any Database) async throws -> [PersonalDataExport.Referral] {
        var out: [PersonalDataExport.Referral] = []
        for r in try await ReferralRecord.query(on: db).filter(\.$personID == personID).sort(\.$createdAt).all() {
            let id = r.id!
            var details = ["given_name": r.givenName, "family_name": r.familyName, "birth_date": r.birthDate, "postcode": r.postcode,
                           "preferred_contact": r.preferredContact]
            for (key, value) in [("nhs_number", r.nhsNumber), ("phone", r.phone), ("email", r.email), ("interpreter", r.interpreter)] {
                if let value { details[key] = value }
            }
            if !r.accessNeedList.isEmpty { details["a_place_must_have"] = r.accessNeedList.map(\.title).joined(separator: "; ") }
            let whatMatters = try await WhatMattersRecord.query(on: db).filter(\.$referralID == id).all().map { w in
                PersonalDataExport.Referral.WhatMatters(
                    recordedAt: w.recordedAt,
                    answers: Dictionary(uniqueKeysWithValues: zip(WhatMatters.prompts.map(\.question), w.conversation(needs: []).answers).filter { !$0.1.isEmpty }),
                    needs: r.whatMattersNeedList.map(\.rawValue))
            }
            out.append(.init(
                id: id, madeAt: r.createdAt, referredBy: r.referrerName, source: r.source, details: details, needs: r.needList.map(\.rawValue),
                inYourWords: r.story, thingsToKnowFirst: r.mustKnow, consented: r.consented, gpSharing: r.gpSharing, stage: r.stage, outcome: r.outcome,
                nextContactOn: r.nextContactOn,
                moves: try await EpisodeMoveRecord.query(on: db).filter(\.$referralID == id).sort(\.$movedAt).all()
                    .map { .init(at: $0.movedAt, from: $0.fromStage, to: $0.toStage, outcome: $0.outcome, reason: $0.reason) },
                contacts: try await EpisodeContactRecord.query(on: db).filter(\.$referralID == id).sort(\.$happenedAt).all()
                    .map { .init(at: $0.happenedAt, way: $0.method, spokeWithYou: $0.reached, minutes: $0.minutes, notes: $0.notes) },
                codes: try await EpisodeCodeRecord.query(on: db).filter(\.$referralID == id).sort(\.$recordedAt).all()
                    .map { .init(system: "http://snomed.info/sct", code: $0.code, display: $0.display, recordedAt: $0.recordedAt) },
                whatMatters: whatMatters,
                communityReferrals: try await communityForExport(id, on: db),
                gpMessages: try await GPMessageRecord.query(on: db).filter(\.$referralID == id).sort(\.$createdAt).all()
                    .map { .init(at: $0.createdAt, stage: $0.stage, summary: $0.summary, codes: $0.concepts.map(\.code)) },
                youAdded: try await EpisodeAdditionRecord.query(on: db).filter(\.$referralID == id).sort(\.$addedAt).all()
                    .map { .init(at: $0.addedAt, text: $0.text, needs: $0.needList.map(\.rawValue)) },
                wellbeing: try await wellbeingForExport(id, on: db)))
        }
        return out
    }

    private func wellbeingForExport(_ referralID: UUID, on db: any Database) async throws -> PersonalDataExport.Referral.Wellbeing? {
        guard let row = try await StoreSQL.sql(db).raw("SELECT * FROM wellbeing_pairs WHERE referral_id = \(bind: referralID)").first() else { return nil }
        func int(_ column: String) throws -> Int? { try row.decode(column: column, as: Int?.self) }
        return .init(swemwbsFirst: try row.decode(column: "swemwbs_first", as: Double?.self), swemwbsLatest: try row.decode(column: "swemwbs_latest", as: Double?.self),
                     ucla3First: try int("ucla3_first"), ucla3Latest: try int("ucla3_latest"),
                     ons4First: try (1...4).map { try int("ons4_\($0)_first") }, ons4Latest: try (1...4).map { try int("ons4_\($0)_latest") },
                     involved: try int("involved"), support: try int("support"))
    }

    private func communityForExport(_ referralID: UUID, on db: any Database) async throws -> [PersonalDataExport.Referral.CommunityReferral] {
        let sent = try await CommunityReferralRecord.query(on: db).filter(\.$referralID == referralID).sort(\.$sentAt).all()
        let registers = try await CommunityReferrals().registers(sent.compactMap(\.id), on: db)
        return sent.map { c in
            .init(service: c.serviceName, status: c.status, hopes: c.hopes, accessNeeds: c.accessNeeds, note: c.note, declineReason: c.declineReason,
                  sentAt: c.sentAt, answeredAt: c.answeredAt, register: (registers[c.id!] ?? []).map { .init(day: $0.day, came: $0.attended) })
        }
    }

    /// Closes an account: the person's personal data is erased (their proposals' supports among it), sign-in stops
    /// working, every session ends.
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
            try await StoreSQL.sql(tx).raw("DELETE FROM wellbeing_pairs WHERE person_id = \(bind: personID)").run()
            try await MeasureRecord.query(on: tx).filter(\.$personID == personID).delete()
            try await ContingencyPlanRecord.query(on: tx).filter(\.$carerID == personID).delete()
            try await CarerLinkRecord.query(on: tx).group(.or) { $0.filter(\.$carerID == personID).filter(\.$caredForID == personID) }.delete()
            try await Self.eraseCommunityVoice(of: personID, on: tx)
            try await Self.eraseSharing(of: personID, now: now, on: tx)
            try await SessionRecord.query(on: tx).filter(\.$account.$id == account.id!).delete()
            try await PasswordResetRecord.query(on: tx).filter(\.$account.$id == account.id!).delete()
            try await audit.record(AuditEntry(actor: personID, subject: personID, action: .closedAccount, channel: channel),
                                   at: now, on: tx)
        }
    }
}
