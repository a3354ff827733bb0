import AlongsideCore
import FluentKit
import Foundation

/// A person Alongside holds a record about: a resident, a carer, a member of staff. Their account (if they
/// have one) is separate, so people referred without an account still have a record.
public final class PersonRecord: Model, @unchecked Sendable {
    public static let schema = "people"

    @ID(key: .id) public var id: UUID?
    @Field(key: "given_name") public var givenName: String
    @Field(key: "family_name") public var familyName: String
    /// `YYYY-MM-DD`, or nil when not known.
    @OptionalField(key: "birth_date") public var birthDate: String?
    @OptionalField(key: "sex") public var sex: String?
    @OptionalField(key: "ethnicity") public var ethnicity: String?
    @Field(key: "is_carer") public var isCarer: Bool
    @OptionalField(key: "postcode") public var postcode: String?
    @Field(key: "created_at") public var createdAt: Date
    /// When the person closed their account and their personal data was erased.
    @OptionalField(key: "erased_at") public var erasedAt: Date?

    public init() {}

    public init(id: UUID? = nil, givenName: String, familyName: String, postcode: String?, createdAt: Date) {
        self.id = id
        self.givenName = givenName
        self.familyName = familyName
        self.postcode = postcode
        self.isCarer = false
        self.createdAt = createdAt
    }

    public var fullName: String { "\(givenName) \(familyName)" }
}

struct CreatePeople: AsyncMigration {
    var name: String { "2026-11-25-01-CreatePeople" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PersonRecord.schema)
            .id()
            .field("given_name", .string, .required)
            .field("family_name", .string, .required)
            .field("birth_date", .string)
            .field("sex", .string)
            .field("ethnicity", .string)
            .field("is_carer", .bool, .required)
            .field("postcode", .string)
            .field("created_at", .datetime, .required)
            .field("erased_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PersonRecord.schema).delete()
    }
}
