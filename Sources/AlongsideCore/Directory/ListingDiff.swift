import Foundation

/// One field that differs between two versions of a listing, in words a reviewer reads.
public struct FieldChange: Equatable, Sendable {
    public let field: String
    public let before: String
    public let after: String

    public init(field: String, before: String, after: String) {
        self.field = field
        self.before = before
        self.after = after
    }
}

/// What changed between two versions of a listing, field by field.
public enum ListingDiff {
    /// Each field as a reviewer sees it.
    static func fields(_ s: ServiceListing) -> [(String, String)] {
        let location = s.locations.first
        return [
            ("Name", s.name), ("Description", s.description), ("Website", s.url ?? ""), ("Email", s.email ?? ""),
            ("Phone", s.phone ?? ""), ("Cost", s.costPhrase), ("A session costs", s.costPence.map(Money.pounds) ?? ""), ("Ages", s.agePhrase), ("Who it is for", s.eligibility ?? ""),
            ("How to join", s.howToJoin.phrase), ("How", s.attending.map(\.title).joined(separator: ", ")),
            ("Spaces", s.capacity.phrase ?? "Not said"), ("Languages", s.languages.joined(separator: ", ")),
            ("When", s.schedules.map(\.phrase).joined(separator: "; ")),
            ("Where", location.map { "\($0.name), \($0.address), \($0.town) \($0.postcode)" } ?? "Nowhere in person"),
            ("Access", location.map { $0.accessibility.map(\.title).joined(separator: ", ") } ?? ""),
            ("Contacts", (s.contacts ?? []).map(\.phrase).joined(separator: "; ")),
            ("Categories", SocialPrescribingTaxonomy.terms.filter { s.taxonomyTermIDs.contains($0.id) }.map(\.name).joined(separator: ", ")),
        ]
    }

    /// The fields whose change is wording only: what the listing says about itself, not when, where, who
    /// for, how much or how to reach it.
    public static let wordingFields: Set<String> = ["Description"]

    /// Whether `new` changes nothing of `old` but its wording (or nothing at all, which is checking it). A
    /// new listing is never wording only.
    public static func isWordingOnly(from old: ServiceListing?, to new: ServiceListing) -> Bool {
        guard let old else { return false }
        return changes(from: old, to: new).allSatisfy { wordingFields.contains($0.field) }
    }

    /// The fields that differ; for a new listing (`old` nil) every filled-in field.
    public static func changes(from old: ServiceListing?, to new: ServiceListing) -> [FieldChange] {
        let after = fields(new)
        let before = old.map(fields) ?? after.map { ($0.0, "") }
        return zip(before, after).compactMap { b, a in
            b.1 == a.1 ? nil : FieldChange(field: a.0, before: b.1, after: a.1)
        }
    }
}
