import FluentKit
import Foundation

/// A postcode with its grid reference, WGS84 position and LSOA. The id is the postcode itself ("LA1 1AA").
public final class PostcodeRecord: Model, @unchecked Sendable {
    public static let schema = "postcodes"

    @ID(custom: "postcode", generatedBy: .user) public var id: String?
    @Field(key: "easting") public var easting: Int
    @Field(key: "northing") public var northing: Int
    @Field(key: "positional_quality") public var positionalQuality: Int
    @Field(key: "latitude") public var latitude: Double
    @Field(key: "longitude") public var longitude: Double
    @OptionalField(key: "lsoa") public var lsoa: String?
    /// The electoral ward's ONS code, from Code-Point Open.
    @OptionalField(key: "ward") public var ward: String?

    public init() {}
}

/// Each postcode's electoral ward (Code-Point Open's column WC), for drawing wards on maps and for saying
/// which ward a person or a proposal is in.
struct AddPostcodeWard: AsyncMigration {
    var name: String { "2026-12-04-AddPostcodeWard" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PostcodeRecord.schema).field("ward", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PostcodeRecord.schema).deleteField("ward").update()
    }
}

/// A Lower Layer Super Output Area with its English Indices of Deprivation 2019 rank and decile.
public final class LSOARecord: Model, @unchecked Sendable {
    public static let schema = "lsoas"

    @ID(custom: "code", generatedBy: .user) public var id: String?
    @Field(key: "name") public var name: String
    @OptionalField(key: "imd_rank") public var imdRank: Int?
    @OptionalField(key: "imd_decile") public var imdDecile: Int?

    public init() {}
}

struct CreateGeography: AsyncMigration {
    var name: String { "2026-11-25-09-CreateGeography" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PostcodeRecord.schema)
            .field("postcode", .string, .identifier(auto: false))
            .field("easting", .int, .required)
            .field("northing", .int, .required)
            .field("positional_quality", .int, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("lsoa", .string)
            .create()
        try await StoreSQL.run(on: database, "CREATE INDEX postcodes_lsoa ON postcodes (lsoa)")
        try await database.schema(LSOARecord.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("imd_rank", .int)
            .field("imd_decile", .int)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PostcodeRecord.schema).delete()
        try await database.schema(LSOARecord.schema).delete()
    }
}
