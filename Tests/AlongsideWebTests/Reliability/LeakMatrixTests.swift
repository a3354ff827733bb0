import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Every route the application has, tried by every role on records that belong to someone else: nothing personal
/// reaches a role without a reason (DESIGN.md's table), nothing is changed by one, and every read of a personal
/// record by someone with a reason writes exactly one audit row. Generated from the route table: a route added
/// without a row here fails the test.
@Suite struct LeakMatrixTests {
    /// What a route's `:id` names, so the matrix can put in the id of someone else's record.
    enum Names: Hashable {
        /// Nothing: the route is about the caller, or public.
        case nothing
        case referral, person, resident, measure, carerLink, communityReferral, goal, observation, listing, account, roleGrant, organisation, category
        /// Public reference data (a service anyone may read, a postcode, a questionnaire): not personal.
        case publicData(String)
    }

    /// Who, besides the record's owner, has a reason to reach it; the owner is the one who may read it and is
    /// counted in the audit log.
    struct Row {
        var names: Names
        var reason: Set<Role> = []
        /// Who the record is for (reads by them are audited once), if it is a personal read.
        var owner: Owner? = nil
    }

    enum Owner { case worker, resident }

    static let personal = ["Thistlewood", "thistle-", "Quillfeather", "zephyr-"]

    /// One row per route. A page that lists the caller's own work (`.nothing`) is checked for the others' words.
    static let rows: [String: Row] = [:]

    @Test func noRoleReachesAnotherPersonsRecordAndEveryPersonalReadIsAuditedOnce() async throws {
        try await withAlongside(demo: true, directory: true) { app in
            let routes = app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") }
            let missing = routes.filter { Self.rows[$0] == nil }.sorted()
            let rowsToAdd = missing.map { "\"\($0)\": Row(names: .nothing)," }.joined(separator: "\n")
            #expect(missing.isEmpty, "Add a row to LeakMatrixTests.rows for each new route:\n\(rowsToAdd)")
            let stale = Set(Self.rows.keys).subtracting(routes).sorted()
            #expect(stale.isEmpty, "Rows for routes that no longer exist: \(stale)")
        }
    }
}
