import Foundation

/// A service read from an Open Referral UK feed, with what came with it.
public struct ImportedService: Sendable {
    public var listing: ServiceListing
    public var organisationDescription: String
    /// Categories it is filed under that may not exist here yet, and the taxonomies they belong to.
    public var terms: [TaxonomyTerm]
    public var taxonomies: [Taxonomy]
    /// Locations without a usable position, to be placed by their postcode if it is known.
    public var unplaced: [ListingLocation]
}

/// Reads Open Referral UK 3.0 JSON (a list page, one full service, or an array) and the older v1 feeds councils
/// published, tolerating empty strings in enumerations and odd casing and noting what it changed.
public enum ORUKReader {
    public static func parse(_ data: Data, source: String) -> (Parsed<ImportedService>, notes: [Rejection]) {
        var parsed = Parsed<ImportedService>()
        let notes: [Rejection] = []
        guard let json = try? JSONSerialization.jsonObject(with: data) else {
            parsed.rejections.append(Rejection(source: source, line: 0, reason: "the file is not JSON"))
            return (parsed, notes)
        }
        let items: [Any]
        if let object = json as? [String: Any], let contents = object["contents"] as? [Any] {
            items = contents
        } else if let array = json as? [Any] {
            items = array
        } else if let object = json as? [String: Any], object["id"] != nil {
            items = [object]
        } else {
            parsed.rejections.append(Rejection(source: source, line: 0, reason: "expected a list page with \"contents\", a service, or an array of services"))
            return (parsed, notes)
        }
        return read(items.enumerated().map { ($1, $0 + 1) }, source: source)
    }

    /// Reads an HSDS 3.0 tabular package (CSV files), nested into services; lines are those of `services.csv`.
    public static func parse(tables: [String: HSDSTabular.Table]) -> (Parsed<ImportedService>, notes: [Rejection]) {
        guard tables["services"] != nil else {
            var parsed = Parsed<ImportedService>()
            parsed.rejections.append(Rejection(source: "services.csv", line: 0, reason: "the folder has no services.csv"))
            return (parsed, [])
        }
        return read(HSDSTabular.services(in: tables).map { ($0.object, $0.line) }, source: "services.csv")
    }

    static func read(_ items: [(Any, Int)], source: String) -> (Parsed<ImportedService>, notes: [Rejection]) {
        var parsed = Parsed<ImportedService>()
        var notes: [Rejection] = []
        for (item, place) in items {
            parsed.linesRead += 1
            guard let s = item as? [String: Any] else {
                parsed.rejections.append(Rejection(source: source, line: place, reason: "item \(place) is not an object"))
                continue
            }
            do {
                let (service, itemNotes) = try service(s, item: place, source: source)
                parsed.rows.append(service)
                notes += itemNotes
            } catch let error as FieldError {
                parsed.rejections.append(Rejection(source: source, line: place, reason: "\(error.field): \(error.message)"))
            } catch {
                parsed.rejections.append(Rejection(source: source, line: place, reason: "\(error)"))
            }
        }
        return (parsed, notes)
    }

    static func string(_ value: Any?) -> String? {
        switch value {
        case let s as String: s.trimmed.isEmpty ? nil : s.trimmed
        case let n as NSNumber: n.stringValue
        default: nil
        }
    }

    static func double(_ value: Any?) -> Double? {
        switch value {
        case let n as NSNumber: n.doubleValue
        case let s as String: Double(s.trimmed)
        default: nil
        }
    }

    static func int(_ value: Any?) -> Int? {
        switch value {
        case let n as NSNumber: Int(n.doubleValue.rounded())
        case let s as String: Int(s.trimmed) ?? Double(s.trimmed).map { Int($0.rounded()) }
        default: nil
        }
    }

    static func id(_ value: Any?, _ field: String) throws -> UUID {
        guard let text = string(value), let id = UUID(uuidString: text) else { throw FieldError(field, "is missing or not a UUID") }
        return id
    }

    static var dateTime: ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }

    static func date(_ value: Any?) -> Date? {
        guard let text = string(value) else { return nil }
        let plain = ISO8601DateFormatter()
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return dateTime.date(from: text) ?? plain.date(from: text) ?? day.date(from: String(text.prefix(10)))
    }

    static func service(_ s: [String: Any], item: Int, source: String) throws -> (ImportedService, [Rejection]) {
        var notes: [Rejection] = []
        func note(_ text: String) { notes.append(Rejection(source: source, line: item, reason: text)) }
        let id = try id(s["id"], "id")
        guard let name = string(s["name"]) else { throw FieldError("name", "is missing") }
        let status = string(s["status"])?.lowercased()
        if let raw = string(s["status"]), raw != status { note("status \"\(raw)\" read as \"\(status!)\"") }
        if status == nil { note("status was empty; read as \"active\"") }
        let organisation = s["organization"] as? [String: Any]
        let organisationID = (try? Self.id(s["organization_id"] ?? organisation?["id"], "organization_id")) ?? Self.derivedOrganisation(name)
        let organisationName = string(organisation?["name"]) ?? "Unnamed organisation"
        let modified = date(s["last_modified"]) ?? Date(timeIntervalSince1970: 0)
        let costs = (s["cost_options"] as? [[String: Any]]) ?? []
        // The least a cost option asks, in pence, where it gives an amount in pounds (an amount with no currency is read as pounds).
        let costPence = costs.compactMap { option -> Int? in
            if let currency = string(option["currency"]), currency.uppercased() != "GBP" { return nil }
            return string(option["amount"]).flatMap(Money.pence(from:))
        }.min()
        let fees = string(s["fees"]) ?? costs.compactMap { string($0["amount_description"]) ?? string($0["option"]) }.first
            ?? costPence.flatMap { $0 > 0 ? Money.pounds($0) + " a session" : nil }
        let phones = ((s["phones"] as? [[String: Any]]) ?? []) + ((s["contacts"] as? [[String: Any]]) ?? []).flatMap { ($0["phones"] as? [[String: Any]]) ?? [] }

        var locations: [ListingLocation] = []
        var unplaced: [ListingLocation] = []
        for pairing in (s["service_at_locations"] as? [[String: Any]]) ?? [] {
            guard let location = pairing["location"] as? [String: Any], let locationID = try? Self.id(location["id"], "location.id") else { continue }
            let address = ((location["addresses"] as? [[String: Any]]) ?? []).first ?? [:]
            let accessibility = ((location["accessibility"] as? [[String: Any]]) ?? []).compactMap { item -> AccessibilityFeature? in
                let text = (string(item["description"]) ?? string(item["accessibility"]) ?? "").lowercased()
                return AccessibilityFeature.allCases.first { text == $0.title.lowercased() }
                    ?? AccessibilityFeature.allCases.first { text.contains($0.title.lowercased()) }
                    ?? (text.contains("induction loop") || text.contains("hearing loop") ? .hearingLoop : nil)
                    ?? (text.contains("step-free") || text.contains("step free") || text.contains("wheelchair") ? .stepFree : nil)
            }
            var entry = ListingLocation(
                id: locationID, serviceAtLocationID: (try? Self.id(pairing["id"], "service_at_location.id")) ?? locationID,
                name: string(location["name"]) ?? "", address: string(address["address_1"]) ?? "", town: string(address["city"]) ?? "",
                postcode: string(address["postal_code"]) ?? "", coordinate: Coordinate(latitude: 0, longitude: 0),
                accessibility: AccessibilityFeature.allCases.filter(accessibility.contains))
            let lat = double(location["latitude"]), lon = double(location["longitude"])
            if let lat, let lon, (-90...90).contains(lat), (-180...180).contains(lon), !(lat == 0 && lon == 0) {
                entry.coordinate = Coordinate(latitude: lat, longitude: lon)
                locations.append(entry)
            } else {
                if let lat, let lon { note("location \(entry.name): \(lat), \(lon) is not a position; placing it by its postcode") }
                unplaced.append(entry)
            }
        }

        var schedules: [Schedule] = []
        for raw in (s["schedules"] as? [[String: Any]]) ?? [] {
            let freqText = string(raw["freq"])
            let freq = Schedule.Frequency(rawValue: freqText?.uppercased() ?? "WEEKLY") ?? .weekly
            if let freqText, freqText != freq.rawValue { note("schedule freq \"\(freqText)\" read as \(freq.rawValue)") }
            var schedule = Schedule(frequency: freq, interval: max(1, int(raw["interval"]) ?? 1))
            schedule.days = (string(raw["byday"]) ?? "").split(separator: ",").compactMap { Schedule.Day(parsing: String($0)) }
            schedule.monthDays = (string(raw["bymonthday"]) ?? "").split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            schedule.opensAt = string(raw["opens_at"]).flatMap(TimeOfDay.init(parsing:))
            schedule.closesAt = string(raw["closes_at"]).flatMap(TimeOfDay.init(parsing:))
            schedule.validFrom = date(raw["valid_from"])
            schedule.validTo = date(raw["valid_to"])
            schedule.notes = string(raw["notes"]) ?? ""
            let said = ((string(raw["description"]) ?? "") + " " + schedule.notes).lowercased()
            if (said.contains("bank holiday") || said.contains("public holiday"))
                && ["not ", "closed", "except", "no "].contains(where: said.contains) {
                schedule.closedOnBankHolidays = true
                if !said.contains("not on bank holidays") { note("schedule: read as not running on bank holidays, as its description says") }
            }
            if freq == .weekly && schedule.days.contains(where: { $0.position != nil }) {
                schedule.days = schedule.days.map { Schedule.Day($0.weekday) }
                note("schedule: week-of-month positions dropped from a weekly schedule")
            }
            if schedule.days.isEmpty && schedule.monthDays.isEmpty {
                note("a schedule with no days was left out")
                continue
            }
            schedules.append(schedule)
        }

        var terms: [TaxonomyTerm] = []
        var taxonomies: [Taxonomy] = []
        for attribute in (s["attributes"] as? [[String: Any]]) ?? [] {
            let term = attribute["taxonomy_term"] as? [String: Any]
            guard let termID = try? Self.id(attribute["taxonomy_term_id"] ?? term?["id"], "taxonomy_term_id") else { continue }
            let detail = term?["taxonomy_detail"] as? [String: Any]
            let taxonomyID = (try? Self.id(term?["taxonomy_id"] ?? detail?["id"], "taxonomy_id")) ?? importedTaxonomy.id
            if let detail, let name = string(detail["name"]), taxonomyID != SocialPrescribingTaxonomy.id {
                taxonomies.append(Taxonomy(id: taxonomyID, name: name, description: string(detail["description"]) ?? name))
            }
            terms.append(TaxonomyTerm(id: termID, code: string(term?["code"]) ?? string(term?["term"]) ?? termID.uuidString.lowercased(),
                                      name: string(term?["name"]) ?? "Imported category",
                                      description: string(term?["description"]) ?? "", taxonomyID: taxonomyID))
        }

        let listing = ServiceListing(
            id: id, organisationID: organisationID, organisationName: organisationName, name: name,
            description: string(s["description"]) ?? name, url: string(s["url"]).map { WebAddress.normalised($0) ?? $0 }, email: string(s["email"]),
            phone: phones.compactMap { string($0["number"])?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }.first, fees: fees, isFree: fees == nil, costPence: costPence,
            minimumAge: int(s["minimum_age"]), maximumAge: int(s["maximum_age"]),
            attending: locations.isEmpty && unplaced.isEmpty ? [.online] : [.inPerson],
            languages: ((s["languages"] as? [[String: Any]]) ?? []).compactMap { string($0["name"]) },
            locations: locations, schedules: schedules.sorted { $0.byDay < $1.byDay },
            taxonomyTermIDs: Array(Set(terms.map(\.id))).sorted { $0.uuidString < $1.uuidString },
            contacts: ((s["contacts"] as? [[String: Any]]) ?? []).compactMap { c in
                (try? Self.id(c["id"], "contact id")).map {
                    ServiceContact(id: $0, name: string(c["name"]), title: string(c["title"]), department: string(c["department"]), email: string(c["email"]))
                }
            },
            lastModified: modified, lastChecked: modified)
        return (ImportedService(listing: listing, organisationDescription: string(organisation?["description"]) ?? organisationName,
                                terms: terms, taxonomies: taxonomies, unplaced: unplaced), notes)
    }

    /// Where categories go that came without a taxonomy of their own.
    public static let importedTaxonomy = Taxonomy(id: UUID(uuidString: "5b1c0a5e-0000-4000-8000-0000000000ff")!,
                                                  name: "Imported categories",
                                                  description: "Categories that came with imported Open Referral feeds.")

    /// An organisation id for feeds that name none, stable for the same service name.
    static func derivedOrganisation(_ name: String) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for (i, c) in name.utf8.enumerated() { bytes[i % 16] = bytes[i % 16] &* 31 &+ c }
        return UUID(version4Bytes: bytes)
    }
}
