import AlongsideCore
import FluentKit
import Foundation

/// Writes services read from Open Referral UK feeds: upsert by id, idempotent, in one transaction.
public struct DirectoryImport: Sendable {
    /// Where categories from other taxonomies are kept.

    public init() {}

    public func importServices(_ parsed: Parsed<ImportedService>, notes: [Rejection], skipInvalid: Bool, now: Date,
                               on db: any Database) async throws -> ImportReport {
        var report = ImportReport()
        report.read = parsed.linesRead
        report.rejected = parsed.rejections
        report.notes = notes
        // Placing by postcode and checking happen before anything is written, so a bad item stops the lot.
        var ready: [ImportedService] = []
        for (index, item) in parsed.rows.enumerated() {
            var item = item
            for location in item.unplaced {
                if let code = try? Postcode(location.postcode), let place = try await Geography().place(for: code, on: db) {
                    var placed = location
                    placed.coordinate = place.coordinate
                    item.listing.locations.append(placed)
                    report.notes.append(Rejection(source: "import", line: index + 1, reason: "\(location.name) placed by its postcode \(code.value)"))
                } else {
                    report.notes.append(Rejection(source: "import", line: index + 1,
                        reason: "\(location.name.isEmpty ? "a location" : location.name) left out: no position and its postcode \"\(location.postcode)\" is not known"))
                }
            }
            item.listing.locations.sort { $0.name < $1.name }
            do {
                try item.listing.validate()
                ready.append(item)
            } catch let failure as ValidationFailure {
                report.rejected.append(Rejection(source: "import", line: index + 1,
                    reason: "\(item.listing.name): " + failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")))
            }
        }
        guard report.rejected.isEmpty || skipInvalid else {
            report.writtenNothing = true
            return report
        }
        return try await db.writeTransaction { [report, ready] tx in
            var report = report
            for item in ready {
                var listing = item.listing
                listing.organisationID = try await organisation(for: item, on: tx)
                try await Taxonomies().ensure(item.terms, taxonomies: item.taxonomies, on: tx)
                if let existing = try await Directory().listing(id: listing.id, on: tx) {
                    // Fields Open Referral does not carry stay as Alongside has them.
                    listing.howToJoin = existing.howToJoin
                    listing.capacity = existing.capacity
                    listing.eligibility = existing.eligibility
                    listing.lastChecked = existing.lastChecked
                    if listing.attending == [.inPerson] || listing.attending == [.online] { listing.attending = existing.attending }
                    if listing.isSame(as: existing) { report.unchanged += 1; continue }
                    report.changed += 1
                } else {
                    report.added += 1
                }
                try await ListingEditor().publish(listing, by: nil, now: now, summary: "Imported", on: tx)
            }
            return report
        }
    }

    /// The organisation by id, else by name; created if neither exists.
    private func organisation(for item: ImportedService, on db: any Database) async throws -> UUID {
        if try await OrganisationRecord.find(item.listing.organisationID, on: db) != nil { return item.listing.organisationID }
        if let byName = try await OrganisationRecord.query(on: db).filter(\.$name == item.listing.organisationName).first() {
            return byName.id!
        }
        let org = OrganisationRecord(id: item.listing.organisationID, name: item.listing.organisationName,
                                     description: item.organisationDescription, postcode: nil, createdAt: Date())
        try await org.create(on: db)
        return org.id!
    }
}
