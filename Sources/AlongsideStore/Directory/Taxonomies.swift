import AlongsideCore
import FluentKit
import Foundation

/// The directory's categories: the social prescribing taxonomy (its names and descriptions editable by
/// administrators, and new categories added to it) and any taxonomies imported beside it.
public struct Taxonomies: Sendable {
    public init() {}

    public func taxonomies(on db: any Database) async throws -> [Taxonomy] {
        try await TaxonomyRecord.query(on: db).all()
            .map { Taxonomy(id: $0.id!, name: $0.name, description: $0.description) }
            .sorted { ($0.id != SocialPrescribingTaxonomy.id ? 1 : 0, $0.name) < ($1.id != SocialPrescribingTaxonomy.id ? 1 : 0, $1.name) }
    }

    /// Every category, by name (all taxonomies, or one).
    public func terms(in taxonomy: UUID? = nil, on db: any Database) async throws -> [TaxonomyTerm] {
        let query = TaxonomyTermRecord.query(on: db)
        if let taxonomy { query.filter(\.$taxonomy.$id == taxonomy) }
        return try await query.all().map(Self.term).sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
    }

    public func termsByID(on db: any Database) async throws -> [UUID: TaxonomyTerm] {
        Dictionary(uniqueKeysWithValues: try await terms(on: db).map { ($0.id, $0) })
    }

    public func term(id: UUID, on db: any Database) async throws -> TaxonomyTerm? {
        try await TaxonomyTermRecord.find(id, on: db).map(Self.term)
    }

    static func term(_ record: TaxonomyTermRecord) -> TaxonomyTerm {
        TaxonomyTerm(id: record.id!, code: record.code, name: record.name, description: record.description, taxonomyID: record.$taxonomy.id)
    }

    /// Adds or renames a category of the social prescribing taxonomy. A new one needs a name no other
    /// category has. Services filed under a renamed category are found by its new name at once.
    public func save(_ term: TaxonomyTerm, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            var errors: [FieldError] = []
            do { try term.validate() } catch let failure as ValidationFailure { errors = failure.errors }
            let clash = try await TaxonomyTermRecord.query(on: tx).filter(\.$taxonomy.$id == term.taxonomyID).all()
                .first { $0.id != term.id && ($0.name.lowercased() == term.name.lowercased() || $0.code == term.code) }
            if clash != nil && !errors.contains(where: { $0.field == "name" }) {
                errors.insert(FieldError("name", "There is already a category called \(term.name)"), at: 0)
            }
            if !errors.isEmpty { throw ValidationFailure(errors) }
            let record = try await TaxonomyTermRecord.find(term.id, on: tx) ?? TaxonomyTermRecord()
            record.apply(term)
            try await record.save(on: tx)
            let filed = try await ServiceTermRecord.query(on: tx).filter(\.$term.$id == term.id).all().map(\.$service.id)
            if !filed.isEmpty {
                let terms = try await termsByID(on: tx)
                let listings = try await Directory().listings(ids: filed, on: tx)
                try await serviceTextIndex(for: tx).index(listings.map { Directory.indexedText($0, terms: terms) }, on: tx)
            }
            // Servers holding search facts and remembered matches learn that words may now find other services.
            try await DirectoryChanges.record(filed, on: tx)
        }
    }

    /// Makes sure imported categories and their taxonomies exist (an existing category is left as it is).
    func ensure(_ terms: [TaxonomyTerm], taxonomies: [Taxonomy], on db: any Database) async throws {
        for taxonomy in taxonomies + [ORUKReader.importedTaxonomy] where terms.contains(where: { $0.taxonomyID == taxonomy.id }) {
            guard try await TaxonomyRecord.find(taxonomy.id, on: db) == nil else { continue }
            let record = TaxonomyRecord()
            record.id = taxonomy.id
            record.name = taxonomy.name
            record.description = taxonomy.description
            try await record.create(on: db)
        }
        for term in terms where try await TaxonomyTermRecord.find(term.id, on: db) == nil {
            if try await TaxonomyRecord.find(term.taxonomyID, on: db) == nil {
                let record = TaxonomyRecord()
                record.id = term.taxonomyID
                record.name = "Imported taxonomy"
                record.description = "Categories that came with an imported feed."
                try await record.create(on: db)
            }
            let record = TaxonomyTermRecord()
            record.apply(term)
            try await record.create(on: db)
        }
    }
}
