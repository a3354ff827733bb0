import AlongsideCore
import FluentKit
import Foundation

/// Reminds each organisation, through the outbox, of its listings that have not been checked for six months.
public struct StaleListingReminders: Sendable {
    public init() {}

    /// Writes one email per member of each organisation with stale listings. Returns how many were written.
    @discardableResult
    public func send(now: Date, link: @escaping @Sendable (UUID) -> String, on db: any Database) async throws -> Int {
        let stale = try await ListingEditor().stale(before: now.addingTimeInterval(-ServiceListing.staleAfter), on: db)
        let byOrganisation = Dictionary(grouping: stale, by: \.organisationID)
        return try await db.writeTransaction { tx in
            var written = 0
            for (organisation, listings) in byOrganisation.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                let members = try await RoleGrantRecord.query(on: tx).filter(\.$role == Role.organisationMember.rawValue)
                    .filter(\.$organisation.$id == organisation).with(\.$account).all()
                for member in members where member.account.closedAt == nil {
                    let names = listings.map { "- \($0.name) (last checked \(Self.day($0.lastChecked)))" }.joined(separator: "\n")
                    try await Outbox().enqueue(
                        to: member.account.email, subject: "Please check your Alongside listings",
                        body: """
                            Hello,

                            These listings have not been checked for six months, so people searching Alongside are told they may be out of date:

                            \(names)

                            Please check them and save any changes, or update their spaces, here:
                            \(link(organisation))
                            """,
                        at: now, on: tx)
                    written += 1
                }
            }
            return written
        }
    }

    static func day(_ date: Date) -> String { UKDates.day(date) }
}
