import AlongsideCore
import FluentKit
import Foundation

/// An offer or request as members see it.
public struct TimeBankPostView: Sendable, Equatable {
    public let id: UUID
    public let memberID: UUID
    public let member: String
    public let draft: TimeBankPostDraft
    public let postedAt: Date
    /// Kilometres from the viewer's postcode to the member's, when both are known.
    public let kilometres: Double?
}

/// A member's report about another, for coordinators.
public struct TimeBankReportView: Sendable, Equatable {
    public let id: UUID
    public let reporter: String
    public let aboutID: UUID
    public let about: String
    public let reason: String
    public let reportedAt: Date
}

extension TimeBank {
    /// Posts an offer or a request; only active members do.
    @discardableResult
    public func post(_ draft: TimeBankPostDraft, by member: UUID, now: Date, on db: any Database) async throws -> UUID {
        guard try await isActive(member, on: db) else { throw TimeBankRefused("Only active members of the time bank post offers and requests.") }
        let post = TimeBankPostRecord()
        post.memberID = member
        post.kind = draft.kind.rawValue
        post.title = draft.title
        post.details = draft.details
        post.category = draft.category
        post.place = draft.place.rawValue
        post.whenFree = draft.when
        post.postedAt = now
        try await post.create(on: db)
        return post.id!
    }

    /// Takes down one's own post (or, for a coordinator, anyone's).
    public func close(post id: UUID, by person: UUID, coordinator: Bool, now: Date, on db: any Database) async throws {
        guard let post = try await TimeBankPostRecord.find(id, on: db), coordinator || post.memberID == person, post.closedAt == nil else { throw TimeBankNotFound() }
        post.closedAt = now
        try await post.save(on: db)
    }

    /// Open offers and requests by active members, nearest the viewer's postcode first when it is known (then newest).
    public func posts(kind: TimeBankPostDraft.Kind?, category: String?, near viewer: UUID?, on db: any Database) async throws -> [TimeBankPostView] {
        var query = TimeBankPostRecord.query(on: db).filter(\.$closedAt == nil)
        if let kind { query = query.filter(\.$kind == kind.rawValue) }
        if let category, !category.isEmpty { query = query.filter(\.$category == category) }
        let records = try await query.sort(\.$postedAt, .descending).limit(500).all()
        let active = Set(try await TimeAccountRecord.query(on: db).filter(\.$status == MembershipStatus.active.rawValue).all().compactMap(\.personID))
        let shown = records.filter { active.contains($0.memberID) }
        let names = try await Self.memberNames(Array(Set(shown.map(\.memberID))), on: db)
        let people = Array(Set(shown.map(\.memberID) + (viewer.map { [$0] } ?? [])))
        var postcodes: [UUID: String] = [:]
        for person in try await PersonRecord.query(on: db).filter(\.$id ~~ people).all() { postcodes[person.id!] = person.postcode }
        var positions: [String: Coordinate] = [:]
        for row in try await PostcodeRecord.query(on: db).filter(\.$id ~~ Array(Set(postcodes.values))).all() {
            positions[row.id!] = Coordinate(latitude: row.latitude, longitude: row.longitude)
        }
        let here = viewer.flatMap { postcodes[$0] }.flatMap { positions[$0] }
        var views: [TimeBankPostView] = []
        for p in shown {
            var km: Double?
            if let here, let there = postcodes[p.memberID].flatMap({ positions[$0] }) { km = (here.distance(to: there) / 100).rounded() / 10 }
            views.append(TimeBankPostView(
                id: p.id!, memberID: p.memberID, member: names[p.memberID] ?? "A member",
                draft: TimeBankPostDraft(kind: TimeBankPostDraft.Kind(rawValue: p.kind) ?? .offer, title: p.title, details: p.details, category: p.category,
                                         place: TimeBankPostDraft.Place(rawValue: p.place) ?? .online, when: p.whenFree),
                postedAt: p.postedAt, kilometres: km))
        }
        return views.enumerated().sorted { a, b in
            switch (a.element.kilometres, b.element.kilometres) {
            case let (x?, y?) where x != y: x < y
            case (.some, nil): true
            case (nil, .some): false
            default: a.offset < b.offset
            }
        }.map(\.element)
    }

    /// A member reports another to the coordinators.
    public func report(_ about: UUID, by reporter: UUID, reason: String, now: Date, on db: any Database) async throws {
        guard about != reporter, try await TimeAccountRecord.find(about, on: db) != nil, try await TimeAccountRecord.find(reporter, on: db) != nil else {
            throw TimeBankNotFound()
        }
        let report = TimeBankReportRecord()
        report.reporterID = reporter
        report.aboutID = about
        report.reason = reason
        report.reportedAt = now
        try await report.create(on: db)
    }

    /// Reports not yet dealt with, oldest first.
    public func openReports(on db: any Database) async throws -> [TimeBankReportView] {
        let reports = try await TimeBankReportRecord.query(on: db).filter(\.$dealtAt == nil).sort(\.$reportedAt).all()
        let names = try await Self.fullNames(Array(Set(reports.flatMap { [$0.reporterID, $0.aboutID] })), on: db)
        return reports.map { TimeBankReportView(id: $0.id!, reporter: names[$0.reporterID] ?? "A member", aboutID: $0.aboutID, about: names[$0.aboutID] ?? "A member",
                                                reason: $0.reason, reportedAt: $0.reportedAt) }
    }

    /// A coordinator has dealt with a report (and, if need be, suspended the member separately).
    public func dealtWith(report id: UUID, now: Date, on db: any Database) async throws {
        guard let report = try await TimeBankReportRecord.find(id, on: db) else { throw TimeBankNotFound() }
        report.dealtAt = now
        try await report.save(on: db)
    }
}
