import FluentKit
import Foundation

/// A signed-in browser session or an API token. Only a hash of the secret is stored, so a copy of the
/// database cannot be used to sign in. Kept in the database so that any app server can serve any request.
public final class SessionRecord: Model, @unchecked Sendable {
    public static let schema = "sessions"

    public enum Kind: String, Sendable { case browser, api }

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    @Parent(key: "account_id") public var account: AccountRecord
    @Field(key: "kind") public var kind: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}

    public init(tokenHash: String, accountID: UUID, kind: Kind, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.$account.id = accountID
        self.kind = kind.rawValue
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

struct CreateSessions: AsyncMigration {
    var name: String { "2026-11-25-05-CreateSessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SessionRecord.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id"))
            .field("kind", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SessionRecord.schema).delete()
    }
}
