import AlongsideCore
import AlongsideStore
import Foundation
import Vapor

/// Open Referral UK 3.0 shapes. Optional fields that are empty are left out (nil arrays are not encoded).
enum ORUK {
    struct Root: Content { let version: String; let profile: String; let openapi_url: String }

    struct Page<Item: Codable & Sendable>: Content {
        let total_items: Int
        let total_pages: Int
        let page_number: Int
        let size: Int
        let first_page: Bool
        let last_page: Bool
        let empty: Bool
        let contents: [Item]

        init(_ items: [Item], total: Int, page: Int, perPage: Int) {
            total_items = total
            total_pages = max(1, (total + perPage - 1) / perPage)
            page_number = page
            size = items.count
            first_page = page == 1
            last_page = page >= total_pages
            empty = items.isEmpty
            contents = items
        }
    }

    struct Organization: Content {
        @LowercaseUUID var id: UUID
        let name: String
        let description: String
    }

    struct Address: Content {
        @LowercaseUUID var id: UUID
        @LowercaseUUID var location_id: UUID
        let address_1: String
        let city: String
        let state_province: String
        let postal_code: String
        let country: String
        let address_type: String
    }

    struct Accessibility: Content { @LowercaseUUID var id: UUID; @LowercaseUUID var location_id: UUID; let description: String }

    struct Location: Content {
        @LowercaseUUID var id: UUID
        let location_type: String
        let name: String
        let latitude: Double
        let longitude: Double
        let addresses: [Address]
        let accessibility: [Accessibility]?
    }

    struct Schedule: Content {
        @LowercaseUUID var id: UUID
        @LowercaseUUID var service_id: UUID
        let freq: String
        let interval: Int
        let byday: String?
        let bymonthday: String?
        let opens_at: String?
        let closes_at: String?
        let valid_from: String?
        let valid_to: String?
        let description: String
        let notes: String?
    }

    struct TaxonomyTerm: Content {
        @LowercaseUUID var id: UUID
        let name: String
        let description: String
        @LowercaseOptionalUUID var taxonomy_id: UUID?
        let code: String?
        let taxonomy_detail: Taxonomy?
    }

    struct Taxonomy: Content {
        @LowercaseUUID var id: UUID
        let name: String
        let description: String
    }

    struct Attribute: Content {
        @LowercaseUUID var id: UUID
        @LowercaseUUID var link_id: UUID
        let link_type: String
        @LowercaseUUID var taxonomy_term_id: UUID
        let taxonomy_term: TaxonomyTerm?
    }

    struct Phone: Content { @LowercaseUUID var id: UUID; let number: String }
    /// The UK profile's contact: who to ask, with the service it belongs to.
    struct Contact: Content { @LowercaseUUID var id: UUID; @LowercaseUUID var service_id: UUID; let name: String?; let title: String? }
    struct Language: Content { @LowercaseUUID var id: UUID; @LowercaseUUID var service_id: UUID; let name: String }
    struct CostOption: Content {
        @LowercaseUUID var id: UUID; @LowercaseUUID var service_id: UUID; let option: String?
        /// In pounds, exactly (from whole pence), when the listing gives an amount.
        let amount: Decimal?
        let amount_description: String
    }

    struct ServiceAtLocation: Content {
        @LowercaseUUID var id: UUID
        @LowercaseOptionalUUID var service_id: UUID?
        @LowercaseOptionalUUID var location_id: UUID?
        let location: Location?
        let service: Service?
    }

    struct Service: Content {
        @LowercaseUUID var id: UUID
        @LowercaseOptionalUUID var organization_id: UUID?
        let name: String
        let description: String?
        let url: String?
        let email: String?
        let status: String
        let fees: String?
        let minimum_age: Int?
        let maximum_age: Int?
        let last_modified: Date?
        let organization: Organization?
        let schedules: [Schedule]?
        let service_at_locations: [ServiceAtLocation]?
        let phones: [Phone]?
        let contacts: [Contact]?
        let languages: [Language]?
        let cost_options: [CostOption]?
        let attributes: [Attribute]?
    }
}

/// A UUID written in lower case, as Open Referral's examples and most consumers expect.
@propertyWrapper
struct LowercaseUUID: Codable, Sendable {
    var wrappedValue: UUID

    init(wrappedValue: UUID) { self.wrappedValue = wrappedValue }
    init(from decoder: any Decoder) throws { wrappedValue = try decoder.singleValueContainer().decode(UUID.self) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.uuidString.lowercased())
    }
}

/// An optional lower-case UUID, left out when nil.
@propertyWrapper
struct LowercaseOptionalUUID: Codable, Sendable {
    var wrappedValue: UUID?

    init(wrappedValue: UUID?) { self.wrappedValue = wrappedValue }
    init(from decoder: any Decoder) throws { wrappedValue = try decoder.singleValueContainer().decode(UUID?.self) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue?.uuidString.lowercased())
    }
}

extension KeyedEncodingContainer {
    mutating func encode(_ value: LowercaseOptionalUUID, forKey key: Key) throws {
        if let id = value.wrappedValue { try encode(id.uuidString.lowercased(), forKey: key) }
    }
}

extension KeyedDecodingContainer {
    func decode(_ type: LowercaseOptionalUUID.Type, forKey key: Key) throws -> LowercaseOptionalUUID {
        LowercaseOptionalUUID(wrappedValue: try decodeIfPresent(UUID.self, forKey: key))
    }
}
