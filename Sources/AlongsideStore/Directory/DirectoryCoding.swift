import AlongsideCore
import Foundation

/// Between directory rows and the listing Core works with.
enum DirectoryCoding {
    static func capacity(_ capacity: Capacity) -> String {
        switch capacity {
        case .unknown: "unknown"
        case .full: "full"
        case .spaces(let n): String(n)
        }
    }

    static func capacity(_ text: String) -> Capacity {
        if text == "full" { return .full }
        return Int(text).map(Capacity.spaces) ?? .unknown
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }

    static func apply(_ listing: ServiceListing, to service: ServiceRecord) {
        service.id = listing.id
        service.$organisation.id = listing.organisationID
        service.name = listing.name
        service.description = listing.description
        service.url = listing.url
        service.email = listing.email
        service.phone = listing.phone
        service.status = "active"
        service.fees = listing.fees
        service.isFree = listing.isFree
        service.costPence = listing.costPence
        service.minimumAge = listing.minimumAge
        service.maximumAge = listing.maximumAge
        service.eligibility = listing.eligibility
        service.howToJoin = listing.howToJoin.rawValue
        service.attending = listing.attending.map(\.rawValue).joined(separator: ",")
        service.capacity = capacity(listing.capacity)
        service.languages = listing.languages.joined(separator: ",")
        service.contacts = contactsJSON(listing.contacts ?? [])
        service.lastModified = listing.lastModified
        service.lastChecked = listing.lastChecked
    }

    static func contactsJSON(_ contacts: [ServiceContact]) -> String? {
        guard !contacts.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(contacts)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func contacts(_ json: String?) -> [ServiceContact] {
        json.flatMap { try? JSONDecoder().decode([ServiceContact].self, from: Data($0.utf8)) } ?? []
    }

    static func record(_ listing: ServiceListing) -> ServiceRecord {
        let record = ServiceRecord()
        apply(listing, to: record)
        return record
    }

    static func apply(_ location: ListingLocation, to record: LocationRecord) {
        record.id = location.id
        record.name = location.name
        record.address = location.address
        record.town = location.town
        record.postcode = location.postcode
        record.latitude = location.coordinate.latitude
        record.longitude = location.coordinate.longitude
        record.accessibility = StoredCodes.text(location.accessibility)
    }

    static func record(_ location: ListingLocation) -> LocationRecord {
        let record = LocationRecord()
        apply(location, to: record)
        return record
    }

    static func record(_ schedule: Schedule, serviceID: UUID) -> ScheduleRecord {
        let record = ScheduleRecord()
        record.$service.id = serviceID
        record.freq = schedule.frequency.rawValue
        record.interval = schedule.interval
        record.byday = schedule.byDay
        record.bymonthday = schedule.monthDays.map(String.init).joined(separator: ",")
        record.opensAt = schedule.opensAt?.withSeconds
        record.closesAt = schedule.closesAt?.withSeconds
        record.validFrom = schedule.validFrom
        record.validTo = schedule.validTo
        record.notes = schedule.notes
        record.closedOnBankHolidays = schedule.closedOnBankHolidays
        return record
    }

    static func schedule(freq: String, interval: Int, byday: String, bymonthday: String, opensAt: String?, closesAt: String?,
                         validFrom: Date?, validTo: Date?, notes: String, closedOnBankHolidays: Bool) -> Schedule {
        Schedule(
            frequency: Schedule.Frequency(rawValue: freq) ?? .weekly, interval: interval,
            days: list(byday).compactMap(Schedule.Day.init(parsing:)),
            monthDays: list(bymonthday).compactMap { Int($0) },
            opensAt: opensAt.flatMap(TimeOfDay.init(parsing:)), closesAt: closesAt.flatMap(TimeOfDay.init(parsing:)),
            validFrom: validFrom, validTo: validTo, notes: notes, closedOnBankHolidays: closedOnBankHolidays)
    }
}
