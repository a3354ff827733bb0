import AlongsideCore
import AlongsideStore
import Foundation

/// From Alongside's listings to Open Referral UK shapes. Ids that ORUK needs but Alongside does not keep
/// (an address, a phone, a language row) are derived from the owner's id, so they are stable.
enum ORUKMapping {
    static func derived(_ id: UUID, _ salt: String) -> UUID {
        var bytes = Array(withUnsafeBytes(of: id.uuid) { Data($0) })
        for (i, c) in salt.utf8.enumerated() { bytes[i % 16] ^= c }
        return UUID(version4Bytes: bytes)
    }

    static func term(_ term: AlongsideCore.TaxonomyTerm, detail: AlongsideCore.Taxonomy? = nil) -> ORUK.TaxonomyTerm {
        ORUK.TaxonomyTerm(id: term.id, name: term.name, description: term.description,
                          taxonomy_id: term.taxonomyID, code: term.code, taxonomy_detail: detail.map(taxonomy))
    }

    static func taxonomy(_ t: AlongsideCore.Taxonomy) -> ORUK.Taxonomy {
        ORUK.Taxonomy(id: t.id, name: t.name, description: t.description)
    }

    static func location(_ l: ListingLocation) -> ORUK.Location {
        ORUK.Location(
            id: l.id, location_type: "physical", name: l.name, latitude: l.coordinate.latitude, longitude: l.coordinate.longitude,
            addresses: [ORUK.Address(id: derived(l.id, "address"), location_id: l.id, address_1: l.address, city: l.town,
                                     state_province: "Lancashire", postal_code: l.postcode, country: "GB", address_type: "physical")],
            accessibility: l.accessibility.isEmpty ? nil : l.accessibility.map {
                ORUK.Accessibility(id: derived(l.id, $0.rawValue), location_id: l.id, description: $0.title)
            })
    }

    static func schedule(_ s: AlongsideCore.Schedule, index: Int, serviceID: UUID) -> ORUK.Schedule {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return ORUK.Schedule(
            id: derived(serviceID, "schedule\(index)"), service_id: serviceID, freq: s.frequency.rawValue, interval: s.interval,
            byday: s.days.isEmpty ? nil : s.byDay,
            bymonthday: s.monthDays.isEmpty ? nil : s.monthDays.map(String.init).joined(separator: ","),
            opens_at: s.opensAt?.withSeconds, closes_at: s.closesAt?.withSeconds,
            valid_from: s.validFrom.map(day.string(from:)), valid_to: s.validTo.map(day.string(from:)),
            description: s.phrase, notes: s.notes.isEmpty ? nil : s.notes)
    }

    /// A service; `full` nests its locations, schedules and categories, as `/services/{id}` does.
    static func service(_ s: ServiceListing, full: Bool, terms known: [UUID: AlongsideCore.TaxonomyTerm]) -> ORUK.Service {
        let terms = s.taxonomyTermIDs.compactMap { known[$0] }
        return ORUK.Service(
            id: s.id, organization_id: s.organisationID, name: s.name, description: s.description,
            url: s.url.flatMap { $0.isEmpty ? nil : WebAddress.normalised($0) ?? $0 }, email: s.email.flatMap { $0.isEmpty ? nil : $0 }, status: "active",
            fees: s.isFree ? nil : s.costPhrase, minimum_age: s.minimumAge, maximum_age: s.maximumAge, last_modified: s.lastModified,
            organization: full ? ORUK.Organization(id: s.organisationID, name: s.organisationName, description: s.organisationName) : nil,
            schedules: s.schedules.isEmpty ? nil : s.schedules.enumerated().map { schedule($1, index: $0, serviceID: s.id) },
            service_at_locations: !full || s.locations.isEmpty ? nil : s.locations.map {
                ORUK.ServiceAtLocation(id: $0.serviceAtLocationID, service_id: s.id, location_id: $0.id, location: location($0), service: nil)
            },
            phones: (s.phone ?? "").isEmpty ? nil : [ORUK.Phone(id: derived(s.id, "phone"), number: s.phone!)],
            contacts: !full || (s.contacts ?? []).isEmpty ? nil : s.contacts!.map {
                ORUK.Contact(id: $0.id, service_id: s.id, name: $0.name, title: $0.title)
            },
            languages: !full || s.languages.isEmpty ? nil : s.languages.map {
                ORUK.Language(id: derived(s.id, "language-" + $0), service_id: s.id, name: $0)
            },
            cost_options: s.isFree ? nil : [ORUK.CostOption(id: derived(s.id, "cost"), service_id: s.id, option: nil,
                                                            amount: s.costPence.map { Decimal($0) / 100 }, amount_description: s.costPhrase)],
            attributes: terms.isEmpty ? nil : terms.map {
                ORUK.Attribute(id: derived(s.id, "attribute-" + $0.code), link_id: s.id, link_type: "service",
                               taxonomy_term_id: $0.id, taxonomy_term: full ? term($0) : nil)
            })
    }
}
