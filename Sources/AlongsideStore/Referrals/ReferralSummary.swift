import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// What a list of referrals shows of each (a caseload row, the team's waiting list), read in one narrow query:
/// not the story, the contact details or the consent choices, which only the episode's own page needs.
public struct ReferralSummary: Sendable, Equatable {
    public var id: UUID
    public var personID: UUID
    public var givenName: String
    public var familyName: String
    public var birthDate: String
    public var postcode: String
    public var nhsNumber: String?
    public var stage: EpisodeStage
    public var needs: [Need]
    public var referrerName: String
    public var createdAt: Date
    public var stageChangedAt: Date
    public var nextContactOn: String?

    public var fullName: String { "\(givenName) \(familyName)" }
    public var identity: ReferralIdentity {
        ReferralIdentity(nhsNumber: nhsNumber, givenName: givenName, familyName: familyName, birthDate: birthDate, postcode: postcode)
    }

    public init(_ r: ReferralRecord) {
        id = r.id!
        personID = r.personID
        givenName = r.givenName
        familyName = r.familyName
        birthDate = r.birthDate
        postcode = r.postcode
        nhsNumber = r.nhsNumber
        stage = r.currentStage
        needs = r.needList
        referrerName = r.referrerName
        createdAt = r.createdAt
        stageChangedAt = r.stageChangedAt
        nextContactOn = r.nextContactOn
    }

    static let columns: SQLQueryString = """
        id, person_id, given_name, family_name, birth_date, postcode, nhs_number, stage, needs, referrer_name, created_at, stage_changed_at, next_contact_on
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        personID = try row.decode(column: "person_id", as: UUID.self)
        givenName = try row.decode(column: "given_name", as: String.self)
        familyName = try row.decode(column: "family_name", as: String.self)
        birthDate = try row.decode(column: "birth_date", as: String.self)
        postcode = try row.decode(column: "postcode", as: String.self)
        nhsNumber = try row.decode(column: "nhs_number", as: String?.self)
        stage = EpisodeStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .received
        needs = try row.decode(column: "needs", as: String.self).split(separator: ",").compactMap { Need(rawValue: String($0)) }
        referrerName = try row.decode(column: "referrer_name", as: String.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
        stageChangedAt = try row.decode(column: "stage_changed_at", as: Date.self)
        nextContactOn = try row.decode(column: "next_contact_on", as: String?.self)
    }
}

extension Referrals {
    /// The first `limit` referrals waiting for a link worker (received, not yet assigned), oldest first, read narrowly.
    public func waitingSummaries(limit: Int, on db: any Database) async throws -> [ReferralSummary] {
        try await StoreSQL.sql(db).raw("""
            SELECT \(ReferralSummary.columns) FROM referrals WHERE stage = \(bind: EpisodeStage.received.rawValue) AND assigned_to IS NULL
            ORDER BY created_at LIMIT \(literal: limit)
            """).all().map(ReferralSummary.init(row:))
    }

    /// The referrals with these ids, read narrowly, in no order.
    public func summaries(_ ids: [UUID], on db: any Database) async throws -> [ReferralSummary] {
        guard !ids.isEmpty else { return [] }
        return try await StoreSQL.sql(db).raw("SELECT \(ReferralSummary.columns) FROM referrals WHERE id IN (\(binds: ids))").all()
            .map(ReferralSummary.init(row:))
    }
}
