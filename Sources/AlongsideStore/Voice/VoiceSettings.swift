import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The proposal thresholds an administrator set (one row; the standard ones until they do).
public final class VoiceSettingsRecord: Model, @unchecked Sendable {
    public static let schema = "voice_settings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "publish") public var publish: Int
    @Field(key: "answer") public var answer: Int
    @Field(key: "board") public var board: Int
    @Field(key: "answer_days") public var answerDays: Int
    @Field(key: "changed_at") public var changedAt: Date

    public init() {}
}

/// Which organisation answers proposals about a category of the directory's taxonomy.
public final class CategoryOwnerRecord: Model, @unchecked Sendable {
    public static let schema = "category_owners"

    @ID(key: .id) public var id: UUID?
    @Field(key: "category") public var category: String
    @Field(key: "organisation_id") public var organisationID: UUID

    public init() {}
}

struct CreateVoiceSettings: AsyncMigration {
    var name: String { "2026-12-05-CreateVoiceSettings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(VoiceSettingsRecord.schema)
            .id()
            .field("publish", .int, .required)
            .field("answer", .int, .required)
            .field("board", .int, .required)
            .field("answer_days", .int, .required)
            .field("changed_at", .datetime, .required)
            .create()
        try await database.schema(CategoryOwnerRecord.schema)
            .id()
            .field("category", .string, .required)
            .field("organisation_id", .uuid, .required, .references(OrganisationRecord.schema, "id"))
            .unique(on: "category")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CategoryOwnerRecord.schema).delete()
        try await database.schema(VoiceSettingsRecord.schema).delete()
    }
}

/// The administrator's settings for community voice: thresholds, and who answers each category.
public struct VoiceSettings: Sendable {
    public init() {}

    public func thresholds(on db: any Database) async throws -> ProposalThresholds {
        guard let row = try await VoiceSettingsRecord.query(on: db).first() else { return .standard }
        return ProposalThresholds(publish: row.publish, answer: row.answer, board: row.board, answerDays: row.answerDays)
    }

    /// Saves checked thresholds (`ProposalThresholds.validated`).
    public func setThresholds(_ t: ProposalThresholds, now: Date, on db: any Database) async throws {
        try await db.writeTransaction(lock: "voice-settings") { tx in
            let row = try await VoiceSettingsRecord.query(on: tx).first() ?? VoiceSettingsRecord()
            row.publish = t.publish; row.answer = t.answer; row.board = t.board; row.answerDays = t.answerDays; row.changedAt = now
            try await row.save(on: tx)
        }
    }

    /// Category code → the organisation that answers proposals about it.
    public func owners(on db: any Database) async throws -> [String: UUID] {
        Dictionary(try await CategoryOwnerRecord.query(on: db).all().map { ($0.category, $0.organisationID) }, uniquingKeysWith: { a, _ in a })
    }

    /// Sets who answers each category (nil: no one named); every organisation must exist.
    public func setOwners(_ owners: [String: UUID?], on db: any Database) async throws {
        let named = Set(owners.values.compactMap { $0 })
        if !named.isEmpty, try await OrganisationRecord.query(on: db).filter(\.$id ~~ Array(named)).count() != named.count {
            throw FieldError("owners", "Choose organisations from the list")
        }
        try await db.writeTransaction(lock: "voice-settings") { tx in
            for (category, organisation) in owners {
                try await CategoryOwnerRecord.query(on: tx).filter(\.$category == category).delete()
                guard let organisation else { continue }
                let row = CategoryOwnerRecord()
                row.category = category; row.organisationID = organisation
                try await row.create(on: tx)
            }
        }
    }

    /// The organisation that must answer a proposal about this category, and its name.
    public func owner(of category: String, on db: any Database) async throws -> (id: UUID, name: String)? {
        guard let row = try await CategoryOwnerRecord.query(on: db).filter(\.$category == category).first(),
              let organisation = try await OrganisationRecord.find(row.organisationID, on: db) else { return nil }
        return (row.organisationID, organisation.name)
    }
}
