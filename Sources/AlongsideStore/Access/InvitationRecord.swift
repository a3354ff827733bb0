import FluentKit
import Foundation

/// An administrator's invitation for a member of staff to create an account with the given roles. The link
/// works once and expires.
public final class InvitationRecord: Model, @unchecked Sendable {
    public static let schema = "invitations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "email") public var email: String
    /// Role raw values joined by commas.
    @Field(key: "roles") public var roles: String
    @OptionalParent(key: "organisation_id") public var organisation: OrganisationRecord?
    @OptionalField(key: "invited_by") public var invitedBy: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?
    /// Set when the invitation is for someone Alongside already knows (a person referred to a link worker):
    /// accepting it gives that person an account instead of making a new one.
    @OptionalField(key: "person_id") public var personID: UUID?

    public init() {}

    public init(tokenHash: String, email: String, roles: [String], organisationID: UUID?, invitedBy: UUID?,
                createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.email = email
        self.roles = roles.joined(separator: ",")
        self.$organisation.id = organisationID
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A single-use link to choose a new password.
public final class PasswordResetRecord: Model, @unchecked Sendable {
    public static let schema = "password_resets"

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    @Parent(key: "account_id") public var account: AccountRecord
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?

    public init() {}

    public init(tokenHash: String, accountID: UUID, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.$account.id = accountID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// One attempt to sign in, counted to slow down password guessing.
public final class SignInAttemptRecord: Model, @unchecked Sendable {
    public static let schema = "sign_in_attempts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "address") public var address: String
    @Field(key: "succeeded") public var succeeded: Bool
    @Field(key: "attempted_at") public var attemptedAt: Date

    public init() {}

    public init(email: String, address: String, succeeded: Bool, attemptedAt: Date) {
        self.email = email
        self.address = address
        self.succeeded = succeeded
        self.attemptedAt = attemptedAt
    }
}

struct CreateInvitationsResetsAndAttempts: AsyncMigration {
    var name: String { "2026-11-25-06-CreateInvitationsResetsAndAttempts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(InvitationRecord.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("email", .string, .required)
            .field("roles", .string, .required)
            .field("organisation_id", .uuid, .references(OrganisationRecord.schema, "id"))
            .field("invited_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(PasswordResetRecord.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(SignInAttemptRecord.schema)
            .id()
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("succeeded", .bool, .required)
            .field("attempted_at", .datetime, .required)
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, attempted_at)")
        try await StoreSQL.run(on: database, "CREATE INDEX sign_in_attempts_address ON sign_in_attempts (address, attempted_at)")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignInAttemptRecord.schema).delete()
        try await database.schema(PasswordResetRecord.schema).delete()
        try await database.schema(InvitationRecord.schema).delete()
    }
}

struct AddInvitationPerson: AsyncMigration {
    var name: String { "2026-11-26-01-AddInvitationPerson" }

    func prepare(on database: any Database) async throws {
        try await database.schema(InvitationRecord.schema).field("person_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InvitationRecord.schema).deleteField("person_id").update()
    }
}
