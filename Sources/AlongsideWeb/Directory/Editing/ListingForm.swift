import AlongsideCore
import AlongsideStore
import Foundation
import Vapor

/// The listing form's fields, as typed, and how they become a listing.
struct ListingForm: Content {
    var name: String?
    var description: String?
    var url: String?
    var email: String?
    var phone: String?
    var free: String?
    var fees: String?
    /// What a session costs, in pounds as typed.
    var cost: String?
    var minimum_age: String?
    var maximum_age: String?
    var eligibility: String?
    var how_to_join: String?
    var attending: [String]?
    var languages: String?
    var location_name: String?
    var address: String?
    var town: String?
    var postcode: String?
    var access: [String]?
    var freq: String?
    var days: [String]?
    var position: String?
    var opens_at: String?
    var closes_at: String?
    var bank_holidays: String?
    var categories: [String]?

    /// The form filled in from a listing, for editing.
    init(_ s: ServiceListing) {
        let location = s.locations.first
        let schedule = s.schedules.first
        name = s.name; description = s.description; url = s.url; email = s.email; phone = s.phone
        free = s.isFree ? "1" : nil; fees = s.fees; cost = s.costPence.map { Money.pounds($0).replacingOccurrences(of: "£", with: "") }
        minimum_age = s.minimumAge.map(String.init); maximum_age = s.maximumAge.map(String.init); eligibility = s.eligibility
        how_to_join = s.howToJoin.rawValue; attending = s.attending.map(\.rawValue); languages = s.languages.joined(separator: ", ")
        location_name = location?.name; address = location?.address; town = location?.town; postcode = location?.postcode
        access = location?.accessibility.map(\.rawValue)
        freq = schedule?.frequency.rawValue; days = schedule?.days.map(\.weekday.code)
        position = schedule?.days.first?.position.map(String.init)
        opens_at = schedule?.opensAt?.description; closes_at = schedule?.closesAt?.description
        bank_holidays = schedule?.closedOnBankHolidays == true ? "closed" : nil
        categories = s.taxonomyTermIDs.map { $0.uuidString.lowercased() }
    }

    init() {}

    /// The listing this form describes, starting from `base` (which keeps ids and anything the form does not
    /// show). Every problem is reported against its field; a postcode must be one Alongside knows.
    func listing(from base: ServiceListing, request: Request) async throws -> ServiceListing {
        var s = base
        var checks = FieldChecks()
        func optional(_ v: String?) -> String? { v.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 } }
        func age(_ v: String?, _ field: String) -> Int? {
            guard let text = optional(v) else { return nil }
            guard let n = Int(text) else { checks.add(field, "Enter the age as a whole number, like 16"); return nil }
            return n
        }
        s.name = name?.trimmed ?? ""
        s.description = description?.trimmed ?? ""
        s.url = optional(url).map { WebAddress.normalised($0) ?? $0 }; s.email = optional(email); s.phone = optional(phone)
        s.isFree = free == "1"
        s.fees = s.isFree ? nil : optional(fees)
        if !s.isFree && s.fees == nil { checks.add("fees", "Say what it costs, or tick Free") }
        s.costPence = nil
        if !s.isFree, let typed = optional(cost) {
            if let pence = Money.pence(from: typed), pence <= 100_000 { s.costPence = pence } else {
                checks.add("cost", "Enter what a session costs in pounds, like 3 or 2.50, or leave it empty")
            }
        }
        s.minimumAge = age(minimum_age, "minimum_age")
        s.maximumAge = age(maximum_age, "maximum_age")
        s.eligibility = optional(eligibility)
        if let join = how_to_join.flatMap(HowToJoin.init(rawValue:)) { s.howToJoin = join } else { checks.add("how_to_join", "Choose how people join") }
        s.attending = (attending ?? []).compactMap(AttendingMode.init(rawValue:))
        s.languages = (languages ?? "English").split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
        if let categories {
            // The form offers the social prescribing categories; any others the listing has (from an import) stay.
            let offered = Set(try await Taxonomies().terms(in: SocialPrescribingTaxonomy.id, on: request.db).map(\.id))
            let chosen = categories.compactMap { UUID(uuidString: $0) }.filter(offered.contains)
            s.taxonomyTermIDs = (base.taxonomyTermIDs.filter { !offered.contains($0) } + chosen).sorted { $0.uuidString < $1.uuidString }
        }

        if s.attending.contains(.inPerson) {
            let placeName = checks.check { try Text.required(location_name, field: "location_name", label: "the name of the place", maxLength: 150) }
            let street = checks.check { try Text.required(address, field: "address", label: "the street address", maxLength: 200) }
            let townName = checks.check { try Text.required(town, field: "town", label: "the town", maxLength: 100) }
            if let code = checks.check({ try Postcode(postcode) }) {
                if let place = try await request.alongside.geography.place(for: code, on: request.db) {
                    let existing = base.locations.first
                    s.locations = [ListingLocation(
                        id: existing?.id ?? UUID(), serviceAtLocationID: existing?.serviceAtLocationID ?? UUID(),
                        name: placeName ?? "", address: street ?? "", town: townName ?? "", postcode: code.value,
                        coordinate: place.coordinate, accessibility: (access ?? []).compactMap(AccessibilityFeature.init(rawValue:)))]
                } else {
                    checks.add("postcode", "We do not know the postcode \(code.value). Check it.")
                }
            }
        } else {
            s.locations = []
        }

        if !["WEEKLY", "MONTHLY"].contains(freq ?? "") { checks.add("freq", "Choose how often it runs") }
        var schedule = Schedule(frequency: freq == "MONTHLY" ? .monthly : .weekly, closedOnBankHolidays: bank_holidays == "closed")
        let position = optional(position).flatMap(Int.init)
        schedule.days = (days ?? []).compactMap(Weekday.init(parsing:)).map { Schedule.Day($0, position: schedule.frequency == .monthly ? position : nil) }
        if let text = optional(opens_at) {
            if let t = TimeOfDay(parsing: text) { schedule.opensAt = t } else { checks.add("opens_at", "Enter the opening time like 10:00") }
        }
        if let text = optional(closes_at) {
            if let t = TimeOfDay(parsing: text) { schedule.closesAt = t } else { checks.add("closes_at", "Enter the closing time like 11:30") }
        }
        if schedule.frequency == .monthly && position == nil { checks.add("position", "Choose which week of the month") }
        if schedule.days.isEmpty { checks.add("days", "Choose at least one day the service runs") }
        let extra = Array(base.schedules.dropFirst())
        s.schedules = [schedule] + extra
        do { try s.validate() } catch let failure as ValidationFailure {
            for error in failure.errors {
                let field = error.field.hasPrefix("schedules[0].") ? String(error.field.dropFirst(13)) : error.field
                checks.add(field == "byday" ? "days" : field, error.message)
            }
        }
        try checks.finish()
        return s
    }
}
