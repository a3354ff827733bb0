import FluentKit
import Foundation

/// Organisations as the other areas read them: rooms, volunteering and training name the organisations they
/// show without each reading organisation records of its own.
public enum Organisations {
    /// These organisations' names, by id, in one query (an id with no organisation is left out).
    public static func names(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await OrganisationRecord.query(on: db).filter(\.$id ~~ Array(ids)).all().map { ($0.id!, $0.name) },
                          uniquingKeysWith: { a, _ in a })
    }
}
