import FluentKit
import Foundation

/// The way a person signs in: an email address and a Bcrypt password hash.
public final class AccountRecord: Model, @unchecked Sendable {
    public static let schema = "accounts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: PersonRecord
    @Field(key: "email") public var email: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// Set while an administrator has suspended the account: it cannot sign in, and has no sessions.
    @OptionalField(key: "suspended_at") public var suspendedAt: Date?

    public init() {}

    public init(id: UUID? = nil, personID: UUID, email: String, passwordHash: String, createdAt: Date) {
        self.id = id
        self.$person.id = personID
        self.email = email
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

struct CreateAccounts: AsyncMigration {
    var name: String { "2026-11-25-03-CreateAccounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AccountRecord.schema)
            .id()
            .field("person_id", .uuid, .required, .references(PersonRecord.schema, "id"))
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("closed_at", .datetime)
            .unique(on: "email")
            .unique(on: "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AccountRecord.schema).delete()
    }
}

struct AddAccountSuspension: AsyncMigration {
    var name: String { "2026-12-02-03-AddAccountSuspension" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AccountRecord.schema).field("suspended_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AccountRecord.schema).deleteField("suspended_at").update()
    }
}
