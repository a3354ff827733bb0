import AlongsideCore
import FluentKit
import Foundation

/// A referral and the episode that follows it (one row: the referral id is the episode id).
public final class ReferralRecord: Model, @unchecked Sendable {
    public static let schema = "referrals"

    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "given_name") public var givenName: String
    @Field(key: "family_name") public var familyName: String
    @Field(key: "birth_date") public var birthDate: String
    @Field(key: "postcode") public var postcode: String
    @OptionalField(key: "nhs_number") public var nhsNumber: String?
    @OptionalField(key: "phone") public var phone: String?
    @OptionalField(key: "email") public var email: String?
    @Field(key: "preferred_contact") public var preferredContact: String
    @OptionalField(key: "interpreter") public var interpreter: String?
    /// Need codes, comma-separated.
    @Field(key: "needs") public var needs: String
    /// What a place must have for the person to use it: `AccessibilityFeature` raw values, comma-separated.
    @Field(key: "access_needs") public var accessNeeds: String
    /// The needs its "what matters" conversation points to, coded with the person (raw values, comma-separated): kept
    /// here, with the conversation's transaction, so unmet need counts them without reading the conversations.
    @Field(key: "what_matters_needs") public var whatMattersNeeds: String
    @Field(key: "story") public var story: String
    @OptionalField(key: "must_know") public var mustKnow: String?
    @Field(key: "consented") public var consented: Bool
    @Field(key: "source") public var source: String
    @OptionalField(key: "referred_by") public var referredBy: UUID?
    /// The GP practice the referring clinician was on the list of when they referred, if any.
    @OptionalField(key: "practice_id") public var practiceID: UUID?
    @Field(key: "referrer_name") public var referrerName: String
    @Field(key: "stage") public var stage: String
    @OptionalField(key: "outcome") public var outcome: String?
    @OptionalField(key: "assigned_to") public var assignedTo: UUID?
    /// What goes to the GP record: `all` (a summary and the codes) or `codes`.
    @Field(key: "gp_sharing") public var gpSharing: String
    /// The same form or API call sent twice carries the same key, and makes one referral.
    @Field(key: "submission_key") public var submissionKey: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "stage_changed_at") public var stageChangedAt: Date
    /// When the link worker next means to be in touch, `YYYY-MM-DD`.
    @OptionalField(key: "next_contact_on") public var nextContactOn: String?
    /// When the person was first reached (the earliest contact logged as reached) and first connected (the earliest move
    /// to "connected"): kept as contacts and moves are written (`Referrals.keepFirsts`), for the waiting figures.
    @OptionalField(key: "first_reached_at") public var firstReachedAt: Date?
    @OptionalField(key: "first_connected_at") public var firstConnectedAt: Date?

    /// None needed and none coded until they are recorded, however the record is made.
    public init() { accessNeeds = ""; whatMattersNeeds = "" }

    public var access: ReferralAccess { ReferralAccess(personID: personID, assignedTo: assignedTo, referredBy: referredBy) }
    public var currentStage: EpisodeStage { EpisodeStage(rawValue: stage) ?? .received }
    public var fullName: String { "\(givenName) \(familyName)" }
    public var identity: ReferralIdentity {
        ReferralIdentity(nhsNumber: nhsNumber, givenName: givenName, familyName: familyName, birthDate: birthDate, postcode: postcode)
    }
    public var needList: [Need] { StoredCodes.codes(needs) }
    public var accessNeedList: [AccessibilityFeature] { StoredCodes.codes(accessNeeds) }
    public var whatMattersNeedList: [Need] { StoredCodes.codes(whatMattersNeeds) }
}

/// Each move of an episode: when, by whom, from where to where, and why.
public final class EpisodeMoveRecord: Model, @unchecked Sendable {
    public static let schema = "episode_moves"

    @ID(key: .id) public var id: UUID?
    @Field(key: "referral_id") public var referralID: UUID
    @OptionalField(key: "from_stage") public var fromStage: String?
    @Field(key: "to_stage") public var toStage: String
    @OptionalField(key: "outcome") public var outcome: String?
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "moved_by") public var movedBy: UUID?
    @Field(key: "moved_at") public var movedAt: Date

    public init() {}
}

/// A contact with the person, or an attempt that did not reach them.
public final class EpisodeContactRecord: Model, @unchecked Sendable {
    public static let schema = "episode_contacts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "referral_id") public var referralID: UUID
    @Field(key: "happened_at") public var happenedAt: Date
    @Field(key: "method") public var method: String
    @OptionalField(key: "minutes") public var minutes: Int?
    @Field(key: "reached") public var reached: Bool
    @Field(key: "notes") public var notes: String
    @OptionalField(key: "logged_by") public var loggedBy: UUID?

    public init() {}
}

/// A SNOMED CT concept recorded on an episode, once.
public final class EpisodeCodeRecord: Model, @unchecked Sendable {
    public static let schema = "episode_codes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "referral_id") public var referralID: UUID
    @Field(key: "code") public var code: String
    @Field(key: "display") public var display: String
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}
}

struct CreateReferrals: AsyncMigration {
    var name: String { "2026-11-25-15-CreateReferrals" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ReferralRecord.schema)
            .id()
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("given_name", .string, .required).field("family_name", .string, .required)
            .field("birth_date", .string, .required).field("postcode", .string, .required)
            .field("nhs_number", .string).field("phone", .string).field("email", .string)
            .field("preferred_contact", .string, .required).field("interpreter", .string)
            .field("needs", .string, .required).field("story", .string, .required).field("must_know", .string)
            .field("consented", .bool, .required).field("source", .string, .required)
            .field("referred_by", .uuid).field("referrer_name", .string, .required)
            .field("stage", .string, .required).field("outcome", .string).field("assigned_to", .uuid)
            .field("gp_sharing", .string, .required)
            .field("submission_key", .string, .required)
            .field("created_at", .datetime, .required).field("stage_changed_at", .datetime, .required)
            .unique(on: "submission_key")
            .create()
        try await database.schema(EpisodeMoveRecord.schema)
            .id()
            .field("referral_id", .uuid, .required, .references(ReferralRecord.schema, "id"))
            .field("from_stage", .string).field("to_stage", .string, .required).field("outcome", .string).field("reason", .string)
            .field("moved_by", .uuid).field("moved_at", .datetime, .required)
            .create()
        try await database.schema(EpisodeContactRecord.schema)
            .id()
            .field("referral_id", .uuid, .required, .references(ReferralRecord.schema, "id"))
            .field("happened_at", .datetime, .required).field("method", .string, .required).field("minutes", .int)
            .field("reached", .bool, .required).field("notes", .string, .required).field("logged_by", .uuid)
            .create()
        try await database.schema(EpisodeCodeRecord.schema)
            .id()
            .field("referral_id", .uuid, .required, .references(ReferralRecord.schema, "id"))
            .field("code", .string, .required).field("display", .string, .required).field("recorded_at", .datetime, .required)
            .unique(on: "referral_id", "code")
            .create()
        for statement in [
            "CREATE INDEX referrals_assigned ON referrals (assigned_to, stage)",
            "CREATE INDEX referrals_person ON referrals (person_id)",
            "CREATE INDEX referrals_nhs_number ON referrals (nhs_number)",
            "CREATE INDEX referrals_referred_by ON referrals (referred_by)",
            "CREATE INDEX episode_moves_referral ON episode_moves (referral_id)",
            "CREATE INDEX episode_contacts_referral ON episode_contacts (referral_id)",
        ] {
            try await StoreSQL.run(on: database, statement)
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [EpisodeCodeRecord.schema, EpisodeContactRecord.schema, EpisodeMoveRecord.schema, ReferralRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// A message for the GP record, made when an episode is accepted, connected and closed.
public final class GPMessageRecord: Model, @unchecked Sendable {
    public static let schema = "gp_messages"

    @ID(key: .id) public var id: UUID?
    @Field(key: "referral_id") public var referralID: UUID
    @Field(key: "stage") public var stage: String
    /// Nil when the person chose codes only.
    @OptionalField(key: "summary") public var summary: String?
    /// SNOMED CT codes, comma-separated.
    @Field(key: "codes") public var codes: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var concepts: [SNOMEDConcept] { codes.split(separator: ",").compactMap { SNOMEDConcept.known(String($0)) } }
}

struct CreateGPMessages: AsyncMigration {
    var name: String { "2026-11-25-18-CreateGPMessages" }

    func prepare(on database: any Database) async throws {
        try await database.schema(GPMessageRecord.schema)
            .id()
            .field("referral_id", .uuid, .required, .references(ReferralRecord.schema, "id"))
            .field("stage", .string, .required).field("summary", .string).field("codes", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX gp_messages_referral ON gp_messages (referral_id)")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(GPMessageRecord.schema).delete()
    }
}

struct AddNextContact: AsyncMigration {
    var name: String { "2026-11-25-19-AddNextContact" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ReferralRecord.schema).field("next_contact_on", .string).update()
        try await StoreSQL.run(on: database, "CREATE INDEX referrals_next_contact ON referrals (assigned_to, next_contact_on)")
    }

    func revert(on database: any Database) async throws {
        try await StoreSQL.run(on: database, "DROP INDEX IF EXISTS referrals_next_contact")
        try await database.schema(ReferralRecord.schema).deleteField("next_contact_on").update()
    }
}

/// The "what matters to me" conversation of an episode (one, updated as it grows).
public final class WhatMattersRecord: Model, @unchecked Sendable {
    public static let schema = "what_matters"

    @ID(key: .id) public var id: UUID?
    @Field(key: "referral_id") public var referralID: UUID
    @Field(key: "good_day") public var goodDay: String
    @Field(key: "in_the_way") public var inTheWay: String
    @Field(key: "used_to_enjoy") public var usedToEnjoy: String
    @Field(key: "who_matters") public var whoMatters: String
    @Field(key: "in_their_words") public var inTheirWords: String
    @OptionalField(key: "recorded_by") public var recordedBy: UUID?
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}

    /// The conversation, with the needs it points to as its referral keeps them (`ReferralRecord.whatMattersNeeds`).
    public func conversation(needs: [Need]) -> WhatMatters {
        WhatMatters(goodDay: goodDay, inTheWay: inTheWay, usedToEnjoy: usedToEnjoy, whoMatters: whoMatters, inTheirWords: inTheirWords, needs: needs)
    }
}

struct CreateWhatMatters: AsyncMigration {
    var name: String { "2026-11-25-20-CreateWhatMatters" }

    func prepare(on database: any Database) async throws {
        try await database.schema(WhatMattersRecord.schema)
            .id()
            .field("referral_id", .uuid, .required, .references(ReferralRecord.schema, "id"))
            .field("good_day", .string, .required).field("in_the_way", .string, .required).field("used_to_enjoy", .string, .required)
            .field("who_matters", .string, .required).field("in_their_words", .string, .required)
            .field("recorded_by", .uuid).field("recorded_at", .datetime, .required)
            .unique(on: "referral_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WhatMattersRecord.schema).delete()
    }
}

/// Something the person added to their own open request instead of asking again: their words and any needs
/// not on the request before. The request keeps what it said; what they added is shown beside it, dated.
public final class EpisodeAdditionRecord: Model, @unchecked Sendable {
    public static let schema = "episode_additions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "referral_id") public var referralID: UUID
    @Field(key: "text") public var text: String
    /// Needs added, comma-separated raw values (empty when none).
    @Field(key: "needs") public var needs: String
    @OptionalField(key: "added_by") public var addedBy: UUID?
    @Field(key: "added_at") public var addedAt: Date

    public init() {}

    public var needList: [Need] { StoredCodes.codes(needs) }
}

struct CreateEpisodeAdditions: AsyncMigration {
    var name: String { "2026-12-02-01-CreateEpisodeAdditions" }

    func prepare(on database: any Database) async throws {
        try await database.schema(EpisodeAdditionRecord.schema)
            .id()
            .field("referral_id", .uuid, .required, .references(ReferralRecord.schema, "id"))
            .field("text", .string, .required)
            .field("needs", .string, .required)
            .field("added_by", .uuid)
            .field("added_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EpisodeAdditionRecord.schema).delete()
    }
}

/// What the caseload page asks for on every visit, found by index rather than by reading every referral:
/// the team's waiting referrals oldest first, and likely duplicates by date of birth. (Episodes taken on are
/// found from the link worker's referrals by `referrals_assigned` and `episode_moves_referral`: an index on the
/// moves' stage and time led SQLite to read every acceptance of the year instead, 250 ms at 62,500 episodes.)
struct IndexCaseloadQueries: AsyncMigration {
    var name: String { "2026-12-03-IndexCaseloadQueries" }

    func prepare(on database: any Database) async throws {
        for statement in [
            "CREATE INDEX referrals_waiting ON referrals (stage, assigned_to, created_at)",
            "CREATE INDEX referrals_birth_date ON referrals (birth_date)",
        ] { try await StoreSQL.run(on: database, statement) }
    }

    func revert(on database: any Database) async throws {
        for index in ["referrals_waiting", "referrals_birth_date"] {
            try await StoreSQL.run(on: database, "DROP INDEX IF EXISTS \(index)")
        }
    }
}

/// Each referral keeps when the person was first reached and first connected, worked out here from the contacts and
/// moves already written, so the waiting figures read one row a referral.
struct KeepFirstReachedAndConnected: AsyncMigration {
    var name: String { "2026-12-07-03-KeepFirstReachedAndConnected" }

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds one at a time.
        try await database.schema(ReferralRecord.schema).field("first_reached_at", .datetime).update()
        try await database.schema(ReferralRecord.schema).field("first_connected_at", .datetime).update()
        try await Self.workOut(on: database)
    }

    /// Every referral's first time reached and connected, worked out anew from its contacts and moves.
    static func workOut(on database: any Database) async throws {
        try await StoreSQL.sql(database).raw("""
            UPDATE referrals SET
              first_reached_at = (SELECT MIN(happened_at) FROM episode_contacts WHERE episode_contacts.referral_id = referrals.id AND episode_contacts.reached = \(bind: true)),
              first_connected_at = (SELECT MIN(moved_at) FROM episode_moves WHERE episode_moves.referral_id = referrals.id AND episode_moves.to_stage = 'connected')
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReferralRecord.schema).deleteField("first_connected_at").update()
        try await database.schema(ReferralRecord.schema).deleteField("first_reached_at").update()
    }
}
