import AlongsideCore
import FluentKit
import Foundation

/// A call for proposals, public: what the health system asks residents for, where, about what, until when, and the
/// need of the gap it was opened from.
public final class ProposalCallRecord: Model, @unchecked Sendable {
    public static let schema = "proposal_calls"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    /// The ward's ONS code; nil for the whole place.
    @OptionalField(key: "ward") public var ward: String?
    @Field(key: "category") public var category: String
    /// The last day proposals are taken, `YYYY-MM-DD`.
    @Field(key: "closes_on") public var closesOn: String
    @OptionalField(key: "need") public var need: String?
    @Field(key: "opened_at") public var openedAt: Date

    public init() {}
}

/// A call as pages show it, with what came of it: proposals made in answer, and those of them published.
public struct ProposalCallView: Sendable, Equatable {
    public let id: UUID
    public let title: String
    public let body: String
    public let ward: String?
    public let category: String
    public let closesOn: String
    public let need: Need?
    public let openedAt: Date
    /// Every proposal made in answer that is not hidden, published or still gathering supporters.
    public let answered: Int
}

public struct ProposalCalls: Sendable {
    public init() {}

    /// Opens a checked call (`ProposalCallDraft.validated`).
    public func open(_ draft: ProposalCallDraft, now: Date, on db: any Database) async throws -> UUID {
        try await db.writeTransaction { tx in
            let call = ProposalCallRecord()
            call.title = draft.title; call.body = draft.body; call.ward = draft.ward; call.category = draft.category
            call.closesOn = draft.closesOn; call.need = draft.need?.rawValue; call.openedAt = now
            try await call.create(on: tx)
            return call.id!
        }
    }

    public func find(_ id: UUID, on db: any Database) async throws -> ProposalCallView? {
        guard let record = try await ProposalCallRecord.find(id, on: db) else { return nil }
        return try await views([record], on: db).first
    }

    /// Calls still taking proposals on `today`, closing soonest first.
    public func open(today: Date, on db: any Database) async throws -> [ProposalCallView] {
        let records = try await ProposalCallRecord.query(on: db).filter(\.$closesOn >= UKDates.isoDay(today)).sort(\.$closesOn).sort(\.$openedAt).all()
        return try await views(records, on: db)
    }

    /// Calls opened from a gap in this need, oldest first.
    public func from(need: Need, on db: any Database) async throws -> [ProposalCallView] {
        try await views(try await ProposalCallRecord.query(on: db).filter(\.$need == need.rawValue).sort(\.$openedAt).all(), on: db)
    }

    private func views(_ records: [ProposalCallRecord], on db: any Database) async throws -> [ProposalCallView] {
        let ids = records.compactMap(\.id)
        var answered: [UUID: Int] = [:]
        if !ids.isEmpty {
            for proposal in try await ProposalRecord.query(on: db).filter(\.$callID ~~ ids).filter(\.$hiddenAt == nil).all() {
                if let call = proposal.callID { answered[call, default: 0] += 1 }
            }
        }
        return records.map { r in
            ProposalCallView(id: r.id!, title: r.title, body: r.body, ward: r.ward, category: r.category, closesOn: r.closesOn,
                             need: r.need.flatMap(Need.init(rawValue:)), openedAt: r.openedAt, answered: answered[r.id!] ?? 0)
        }
    }
}

struct CreateProposalCalls: AsyncMigration {
    var name: String { "2026-12-06-02-CreateProposalCalls" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProposalCallRecord.schema)
            .id()
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("ward", .string)
            .field("category", .string, .required)
            .field("closes_on", .string, .required)
            .field("need", .string)
            .field("opened_at", .datetime, .required)
            .create()
        try await database.schema(ProposalRecord.schema).field("call_id", .uuid, .references(ProposalCallRecord.schema, "id")).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProposalRecord.schema).deleteField("call_id").update()
        try await database.schema(ProposalCallRecord.schema).delete()
    }
}
