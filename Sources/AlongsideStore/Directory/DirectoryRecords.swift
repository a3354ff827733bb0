import AlongsideCore
import FluentKit
import Foundation

/// A service's row. Lists (attending modes, languages) are stored comma-separated.
public final class ServiceRecord: Model, @unchecked Sendable {
    public static let schema = "services"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: OrganisationRecord
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String
    @OptionalField(key: "url") public var url: String?
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "phone") public var phone: String?
    @Field(key: "status") public var status: String
    @OptionalField(key: "fees") public var fees: String?
    @Field(key: "is_free") public var isFree: Bool
    /// What a session costs in pence, when the listing gives an amount.
    @OptionalField(key: "cost_pence") public var costPence: Int?
    @OptionalField(key: "minimum_age") public var minimumAge: Int?
    @OptionalField(key: "maximum_age") public var maximumAge: Int?
    @OptionalField(key: "eligibility") public var eligibility: String?
    @Field(key: "how_to_join") public var howToJoin: String
    @Field(key: "attending") public var attending: String
    /// `unknown`, `full`, or a number of spaces.
    @Field(key: "capacity") public var capacity: String
    @Field(key: "languages") public var languages: String
    /// People to ask, as JSON (`[ServiceContact]`); nil for none.
    @OptionalField(key: "contacts") public var contacts: String?
    @Field(key: "last_modified") public var lastModified: Date
    @Field(key: "last_checked") public var lastChecked: Date

    public init() {}
}

/// A place where services happen.
public final class LocationRecord: Model, @unchecked Sendable {
    public static let schema = "locations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "address") public var address: String
    @Field(key: "town") public var town: String
    @Field(key: "postcode") public var postcode: String
    @Field(key: "latitude") public var latitude: Double
    @Field(key: "longitude") public var longitude: Double
    @Field(key: "accessibility") public var accessibility: String

    public init() {}
}

/// A service at a location (ORUK `service_at_location`).
public final class ServiceAtLocationRecord: Model, @unchecked Sendable {
    public static let schema = "service_at_locations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "service_id") public var service: ServiceRecord
    @Parent(key: "location_id") public var location: LocationRecord

    public init() {}
}

/// When a service runs, as an iCalendar-style rule.
public final class ScheduleRecord: Model, @unchecked Sendable {
    public static let schema = "schedules"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "service_id") public var service: ServiceRecord
    @Field(key: "freq") public var freq: String
    @Field(key: "interval") public var interval: Int
    @Field(key: "byday") public var byday: String
    @Field(key: "bymonthday") public var bymonthday: String
    @OptionalField(key: "opens_at") public var opensAt: String?
    @OptionalField(key: "closes_at") public var closesAt: String?
    @OptionalField(key: "valid_from") public var validFrom: Date?
    @OptionalField(key: "valid_to") public var validTo: Date?
    @Field(key: "notes") public var notes: String
    @Field(key: "closed_bank_holidays") public var closedOnBankHolidays: Bool

    public init() {}
}

/// A taxonomy: a set of categories.
public final class TaxonomyRecord: Model, @unchecked Sendable {
    public static let schema = "taxonomies"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String

    public init() {}
}

/// A category in a taxonomy.
public final class TaxonomyTermRecord: Model, @unchecked Sendable {
    public static let schema = "taxonomy_terms"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "taxonomy_id") public var taxonomy: TaxonomyRecord
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String

    public init() {}

    /// Takes a category's id, taxonomy and words.
    func apply(_ term: TaxonomyTerm) {
        id = term.id
        $taxonomy.id = term.taxonomyID
        code = term.code
        name = term.name
        description = term.description
    }
}

/// A service filed under a category (ORUK `attribute`).
public final class ServiceTermRecord: Model, @unchecked Sendable {
    public static let schema = "service_taxonomy_terms"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "service_id") public var service: ServiceRecord
    @Parent(key: "taxonomy_term_id") public var term: TaxonomyTermRecord

    public init() {}
}
