import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// What a dashboard is asked for: a period (from the first day to the last, inclusive) and an area.
public struct InsightQuery: Sendable, Equatable {
    public var from: Date
    /// The start of the day after the last day.
    public var until: Date
    /// A ward's code, or nil for the whole place.
    public var ward: String?
    public var split: InsightSplit
    /// Only the episodes assigned to this link worker (their own caseload), or every episode in the area.
    public var assignedTo: UUID?
    /// Only referrals made by practices in this primary care network (its ODS code).
    public var pcn: String?
    /// Only referrals made by this practice (a clinician's own).
    public var practice: UUID?

    public init(from: Date, until: Date, ward: String?, split: InsightSplit, assignedTo: UUID? = nil, pcn: String? = nil, practice: UUID? = nil) {
        self.from = from; self.until = until; self.ward = ward; self.split = split; self.assignedTo = assignedTo
        self.pcn = pcn; self.practice = practice
    }
}

/// Insight's counts, made from raw rows on every request (so they always equal a recount), never a person's name:
/// only what the splits need leaves the database.
public struct Insight: Sendable {
    public init() {}

    /// Referrals made in the period, from the area (by the postcode given on the referral), counted by group:
    /// `counts[group][measure]` in the dashboard's measures' order. People are counted once a group, however often referred.
    public func referrals(_ query: InsightQuery, on db: any Database) async throws -> [String: [Int]] {
        let (clinician, own) = (ReferralSource.clinician.rawValue, ReferralSource.selfReferral.rawValue)
        return try await Self.grouped(query, """
            COUNT(*) AS c0, COUNT(DISTINCT referrals.person_id) AS c1,
            SUM(CASE WHEN referrals.source = \(bind: clinician) THEN 1 ELSE 0 END) AS c2,
            SUM(CASE WHEN referrals.source = \(bind: own) THEN 1 ELSE 0 END) AS c3,
            SUM(CASE WHEN referrals.source IN (\(bind: clinician), \(bind: own)) THEN 0 ELSE 1 END) AS c4,
            SUM(CASE WHEN referrals.stage = \(bind: EpisodeStage.declinedByPerson.rawValue) THEN 1 ELSE 0 END) AS c5,
            SUM(CASE WHEN referrals.stage = \(bind: EpisodeStage.couldNotContact.rawValue) THEN 1 ELSE 0 END) AS c6
            """, measures: 7, on: db)
    }

    /// What happened to referrals made in the period from the area, counted by group in the outcomes dashboard's
    /// measures' order: went to a community service at least once (the reach figure), support ended and how, declined,
    /// not contacted, and turned away by a service that had no space.
    public func outcomes(_ query: InsightQuery, on db: any Database) async throws -> [String: [Int]] {
        let closed = EpisodeStage.closed.rawValue
        let went = [CommunityReferralStatus.attendedFirst, .attendingRegularly, .stopped].map(\.rawValue)
        // Who went, and who was turned away: PostgreSQL finds each once for all referrals (joined aggregates, three
        // times faster there); SQLite asks of each referral along its index, which is faster there.
        let sqlite = StoreSQL.engine(of: db) == .sqlite
        let wentSQL: SQLQueryString = sqlite ? """
            EXISTS (SELECT 1 FROM community_referrals c WHERE c.referral_id = referrals.id
                    AND c.status IN (\(bind: went[0]), \(bind: went[1]), \(bind: went[2])))
            """ : "went.referral_id IS NOT NULL"
        let noSpaceSQL: SQLQueryString = sqlite ? """
            EXISTS (SELECT 1 FROM community_referrals c WHERE c.referral_id = referrals.id AND c.status = \(bind: CommunityReferralStatus.declined.rawValue)
                    AND c.decline_reason = 'no_capacity')
            """ : "no_space.referral_id IS NOT NULL"
        let joins: SQLQueryString = sqlite ? "" : """
            LEFT JOIN (SELECT DISTINCT referral_id FROM community_referrals WHERE status IN (\(bind: went[0]), \(bind: went[1]), \(bind: went[2])))
              went ON went.referral_id = referrals.id
            LEFT JOIN (SELECT DISTINCT referral_id FROM community_referrals WHERE status = \(bind: CommunityReferralStatus.declined.rawValue)
                       AND decline_reason = 'no_capacity') no_space ON no_space.referral_id = referrals.id
            """
        return try await Self.grouped(query, """
            COUNT(*) AS c0,
            SUM(CASE WHEN \(wentSQL) THEN 1 ELSE 0 END) AS c1,
            SUM(CASE WHEN referrals.stage = \(bind: closed) THEN 1 ELSE 0 END) AS c2,
            SUM(CASE WHEN referrals.stage = \(bind: closed) AND referrals.outcome = \(bind: ClosureOutcome.goalsMet.rawValue) THEN 1 ELSE 0 END) AS c3,
            SUM(CASE WHEN referrals.stage = \(bind: closed) AND referrals.outcome = \(bind: ClosureOutcome.goalsPartlyMet.rawValue) THEN 1 ELSE 0 END) AS c4,
            SUM(CASE WHEN referrals.stage = \(bind: EpisodeStage.declinedByPerson.rawValue) THEN 1 ELSE 0 END) AS c5,
            SUM(CASE WHEN referrals.stage = \(bind: EpisodeStage.couldNotContact.rawValue) THEN 1 ELSE 0 END) AS c6,
            SUM(CASE WHEN \(noSpaceSQL) THEN 1 ELSE 0 END) AS c7
            """, join: joins, measures: 8, on: db)
    }

    /// Community referrals that services declined, for referrals made in the period from the area: by the category of
    /// the service (a service in several categories counted under each; "" for a service in none) and the reason, in
    /// `DeclineReason.allCases`' order; with the total by reason, each declined referral once. Category names by code.
    public func declines(_ query: InsightQuery, on db: any Database) async throws -> (byCategory: [String: [Int]], total: [Int], names: [String: String]) {
        let reasons = DeclineReason.allCases.map(\.rawValue)
        // A decline kept without a reason (before reasons were asked) counts as "another reason".
        func reason(_ row: any SQLRow) throws -> Int {
            reasons.firstIndex(of: try row.decode(column: "reason", as: String?.self) ?? "") ?? reasons.count - 1
        }
        let declined: SQLQueryString = "JOIN community_referrals c ON c.referral_id = referrals.id AND c.status = \(bind: CommunityReferralStatus.declined.rawValue)"
        try await StoreSQL.readingMuch(db)
        var byCategory: [String: [Int]] = [:], total = Array(repeating: 0, count: reasons.count), names: [String: String] = [:]
        for row in try await StoreSQL.sql(db).raw("""
            SELECT COALESCE(tt.code, '') AS code, MIN(tt.name) AS name, c.decline_reason AS reason, COUNT(*) AS n
            \(Self.from(query, join: declined + " LEFT JOIN service_taxonomy_terms st ON st.service_id = c.service_id LEFT JOIN taxonomy_terms tt ON tt.id = st.taxonomy_term_id"))
            GROUP BY COALESCE(tt.code, ''), c.decline_reason
            """).all() {
            let code = try row.decode(column: "code", as: String.self)
            byCategory[code, default: Array(repeating: 0, count: reasons.count)][try reason(row)] += try row.decode(column: "n", as: Int.self)
            if let name = try row.decode(column: "name", as: String?.self) { names[code] = name }
        }
        for row in try await StoreSQL.sql(db).raw("SELECT c.decline_reason AS reason, COUNT(*) AS n \(Self.from(query, join: declined)) GROUP BY c.decline_reason").all() {
            total[try reason(row)] += try row.decode(column: "n", as: Int.self)
        }
        return (byCategory, total, names)
    }

    /// For referrals made in the period from the area: each episode's first and latest SWEMWBS, UCLA-3 and ONS4
    /// answers (scored from the answers as given), paired within the episode, and its latest involvement answers,
    /// by group — counted from each episode's pairing as kept (`WellbeingPairs`).
    public func wellbeing(_ query: InsightQuery, on db: any Database) async throws -> [String: PairedMeasures] {
        try await WellbeingPairs.counted(query, on: db)
    }

    /// The same figures worked from every raw measure of the period's referrals, as the kept pairings must equal.
    public func wellbeingRecount(_ query: InsightQuery, on db: any Database) async throws -> [String: PairedMeasures] {
        let key = InsightGroupSQL.key(query.split, on: query.until.addingTimeInterval(-1), .referral)
        let rows = try await StoreSQL.sql(db).raw("""
            SELECT \(key) AS grp, measures.referral_id AS referral_id, measures.person_id AS person_id, measures.instrument AS instrument,
                   measures.answers AS answers
            \(Self.from(query, measures: true)) AND measures.instrument IN ('swemwbs', 'ucla3', 'ons4', 'involvement')
            ORDER BY measures.referral_id, measures.instrument, measures.taken_at, measures.id
            """).all()
        var groups: [UUID: String] = [:]
        for row in rows { groups[try row.decode(column: "referral_id", as: UUID.self)] = try row.decode(column: "grp", as: String.self) }
        var pairs: [String: PairedMeasures] = [:]
        for episode in try WellbeingPairs.episodes(rows) where !episode.wellbeing.isEmpty {
            pairs[groups[episode.referral] ?? "unknown", default: PairedMeasures()].add(episode.wellbeing)
        }
        return pairs
    }

    /// Unmet need for referrals made in the period from the area: what the person said matters — each need coded on
    /// the referral (with those they added to it since), each need their "what matters" conversation was agreed to
    /// point to, and each need their plan's goals speak to — where they live
    /// (the referral's postcode, its ward and point), and the needs a service turned them away from for lack of space;
    /// with every published service's places and categories. The database counts the referrals naming each need at
    /// each postcode (each referral once a need, however often it or the plan names it), so one row stands for all of them.
    /// `lowCostUpTo`: a service costing up to this many pence a session counts as within reach too (0: free only).
    public func unmetNeed(_ query: InsightQuery, lowCostUpTo: Int = 0, on db: any Database) async throws -> (people: [UnmetNeed.Person], services: ServicesNearby) {
        // A need's raw value is a whole word found inside no other need's (Core's `noNeedsWordIsFoundInsideAnothers` holds this), so finding the word
        // in a comma-separated list finds the need, with no list rebuilt for each need of each row.
        let find = StoreSQL.engine(of: db) == .sqlite ? "instr" : "strpos"
        func named(_ need: Need, in list: String) -> SQLQueryString { "\(unsafeRaw: find)(\(unsafeRaw: list), \(bind: need.rawValue)) > 0" }
        // Each need's count, in the needs' order, as one column of text ("3,0,1,…"): the groups are many (a home's
        // referrals split by their access needs), and one column a row is read far faster than one a need.
        var counts: SQLQueryString = ""
        for (i, need) in Need.allCases.enumerated() {
            counts = counts + (i == 0 ? "" : " || ',' || ")
                + "CAST(SUM(CASE WHEN \(named(need, in: "referrals.needs")) OR \(named(need, in: "plans.goal_needs")) OR \(named(need, in: "referrals.what_matters_needs")) THEN 1 ELSE 0 END) AS TEXT)"
        }
        // Each home's referrals by need and access needs, grouped on the referrals' own columns (the home's ward and
        // point are read once a postcode, after); and the same for only those a service turned away for lack of space —
        // a few, found from the declines rather than asked of every referral.
        func counted(_ only: SQLQueryString) -> SQLQueryString {
            """
            SELECT referrals.postcode AS postcode, referrals.access_needs AS access_needs, \(counts) AS counts
            \(Self.from(query, join: only + " LEFT JOIN plans ON plans.person_id = referrals.person_id", splitting: false))
            GROUP BY referrals.postcode, referrals.access_needs
            """
        }
        let (main, turned) = (counted(""), counted("""
            JOIN (SELECT DISTINCT referral_id FROM community_referrals WHERE status = \(bind: CommunityReferralStatus.declined.rawValue)
                  AND decline_reason = \(bind: DeclineReason.noCapacity.rawValue)) no_space ON no_space.referral_id = referrals.id
            """))
        struct Group: Hashable { let postcode: String?, access: String }
        @Sendable func read(_ rows: [any SQLRow]) throws -> [Group: [Int]] {
            var groups: [Group: [Int]] = [:]
            for row in rows {
                let group = Group(postcode: try row.decode(column: "postcode", as: String?.self), access: try row.decode(column: "access_needs", as: String.self))
                groups[group] = try row.decode(column: "counts", as: String.self).split(separator: ",").map { try Self.count(String($0)) }
            }
            return groups
        }
        let people: [UnmetNeed.Person] = try await db.transaction { tx in
            // For this read only, PostgreSQL sorts the year's referrals by home in memory rather than on disk, and does
            // not compile the counting first (which costs more than it saves on a few hundred thousand rows).
            if StoreSQL.engine(of: tx) == .postgres {
                try await StoreSQL.sql(tx).raw("SET LOCAL work_mem = '32MB'").run()
                try await StoreSQL.sql(tx).raw("SET LOCAL jit = off").run()
            }
            try await StoreSQL.readingMuch(tx)
            let sql = StoreSQL.sql(tx)
            let away = try read(try await sql.raw(turned).all())
            let groups = try read(try await sql.raw(main).all())
            var homes: [String: (ward: String?, place: Coordinate?)] = [:]
            for row in try await sql.raw("SELECT postcode, ward, latitude, longitude FROM postcodes").all() {
                var place: Coordinate? = nil
                if let latitude = try row.decode(column: "latitude", as: Double?.self), let longitude = try row.decode(column: "longitude", as: Double?.self) {
                    place = Coordinate(latitude: latitude, longitude: longitude)
                }
                homes[try row.decode(column: "postcode", as: String.self)] = (try row.decode(column: "ward", as: String?.self), place)
            }
            var people: [UnmetNeed.Person] = []
            for (group, byNeed) in groups {
                let home = group.postcode.flatMap { homes[$0] }
                let turnedAway = away[group] ?? []
                let access = Set<AccessibilityFeature>(StoredCodes.codes(group.access))
                for (i, n) in byNeed.enumerated() where n > 0 && i < Need.allCases.count {
                    // Turned away: counted against every need the referral names (the service's category is not the need's own).
                    let need = Need.allCases[i], k = min(n, i < turnedAway.count ? turnedAway[i] : 0)
                    if n > k { people.append(UnmetNeed.Person(needs: [need], ward: home?.ward, home: home?.place, access: access, count: n - k)) }
                    if k > 0 { people.append(UnmetNeed.Person(needs: [need], ward: home?.ward, home: home?.place, turnedAway: [need], access: access, count: k)) }
                }
            }
            return people
        }
        let codes = Dictionary(uniqueKeysWithValues: try await TaxonomyTermRecord.query(on: db).all().map { ($0.id!, $0.code) })
        var offers: [ServicesNearby.Offer] = []
        // One reading of the directory: each service's facts, with its listing for whether it is full.
        var seen: Set<UUID> = []
        for (listing, service) in try await DirectoryRows.listingsWithFacts(nil, on: db)
        where UnmetNeed.counts(isFree: service.isFree, costPence: service.costPence, lowCostUpTo: lowCostUpTo, schedules: service.schedules)
            && seen.insert(service.id).inserted {
            let categories = Set(service.termIDs.compactMap { codes[$0] })
            guard !categories.isEmpty else { continue }
            for place in service.places {
                offers.append(.init(place: place.coordinate, categories: categories, full: listing.capacity == .full, access: Set(place.accessibility)))
            }
        }
        return (people, ServicesNearby(offering: offers))
    }

    /// A count the database wrote as text.
    private static func count(_ text: String) throws -> Int {
        guard let n = Int(text), n >= 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\"\(text.prefix(20))\" is not a count"))
        }
        return n
    }

    /// For referrals made in the period from the area: whole days from each referral to the person first being
    /// reached (a contact logged as reached), and to being connected (the first move to "connected"), by group.
    /// Referrals still waiting are not in the figures.
    public func waits(_ query: InsightQuery, on db: any Database) async throws -> (toContact: [String: [Int]], toConnection: [String: [Int]]) {
        // Each episode's first time reached and first time connected, as the referral keeps them (`Referrals.keepFirsts`,
        // in the transaction of every contact and move written; `KeepFirstReachedAndConnected.workOut` works them out anew).
        let sqlite = StoreSQL.engine(of: db) == .sqlite
        let (reached, connected): (SQLQueryString, SQLQueryString) = ("referrals.first_reached_at", "referrals.first_connected_at")
        // Whole days, rounded down, as each engine keeps time: SQLite as seconds (a cast cuts towards zero, which is
        // rounding down for the waits that are not negative; a negative wait counts as 0 either way), PostgreSQL as timestamps.
        func days(_ to: SQLQueryString) -> SQLQueryString {
            sqlite
                ? "CAST((\(to) - referrals.created_at) / 86400.0 AS INTEGER)"
                : "CAST(FLOOR(EXTRACT(EPOCH FROM (\(to) - referrals.created_at)) / 86400.0) AS INTEGER)"
        }
        try await StoreSQL.readingMuch(db)
        // One pass over the year's referrals, kept once, then counted by group and day for each wait.
        let key = InsightGroupSQL.key(query.split, on: query.until.addingTimeInterval(-1), .referral)
        var toContact: [String: [Int]] = [:], toConnection: [String: [Int]] = [:]
        for row in try await StoreSQL.sql(db).raw("""
            WITH waited AS MATERIALIZED (SELECT \(key) AS grp, \(days(reached)) AS reached, \(days(connected)) AS connected \(Self.from(query)))
            SELECT 'reached' AS wait, grp, reached AS d, COUNT(*) AS n FROM waited WHERE reached IS NOT NULL GROUP BY grp, reached
            UNION ALL SELECT 'connected' AS wait, grp, connected AS d, COUNT(*) AS n FROM waited WHERE connected IS NOT NULL GROUP BY grp, connected
            """).all() {
            let d = max(0, try row.decode(column: "d", as: Int.self)), n = try row.decode(column: "n", as: Int.self)
            let group = try row.decode(column: "grp", as: String.self)
            if try row.decode(column: "wait", as: String.self) == "reached" {
                toContact[group, default: []].append(contentsOf: repeatElement(d, count: n))
            } else {
                toConnection[group, default: []].append(contentsOf: repeatElement(d, count: n))
            }
        }
        return (toContact, toConnection)
    }

    /// Who took part in the place's shared life in the period, by group, in the participation dashboard's measures' order:
    /// the people whose home postcode is in the area (for a link worker, the people on their caseload), then how many of
    /// them proposed, supported or commented, voted in a budget round, gave or received time in the time bank, had
    /// volunteering hours confirmed, or attended training — each person once a measure.
    public func participation(_ query: InsightQuery, on db: any Database) async throws -> [String: [Int]] {
        guard query.pcn == nil, query.practice == nil, !query.split.isByPractice else {
            throw InsightRefused("Taking part counts everyone who lives in the area: it is not split or narrowed by GP practice.")
        }
        let area: SQLQueryString = query.ward.map { "AND postcodes.ward = \(bind: $0)" } ?? ""
        let mine: SQLQueryString = query.assignedTo.map { "AND people.id IN (SELECT person_id FROM referrals WHERE assigned_to = \(bind: $0))" } ?? ""
        let (from, until) = (query.from, query.until)
        let (fromDay, untilDay) = (UKDates.isoDay(from), UKDates.isoDay(until))
        // Who did each thing in the period: each a list of people the database keeps to itself.
        let did: [SQLQueryString] = [
            """
            SELECT author_id FROM proposals WHERE created_at >= \(bind: from) AND created_at < \(bind: until)
            UNION SELECT person_id FROM proposal_supports WHERE created_at >= \(bind: from) AND created_at < \(bind: until)
            UNION SELECT author_id FROM proposal_comments WHERE created_at >= \(bind: from) AND created_at < \(bind: until)
            """,
            "SELECT person_id FROM budget_ballots WHERE cast_at >= \(bind: from) AND cast_at < \(bind: until)",
            "SELECT account_id FROM timebank_legs WHERE at >= \(bind: from) AND at < \(bind: until)",
            """
            SELECT volunteers.person_id FROM volunteer_hours JOIN volunteers ON volunteers.id = volunteer_hours.volunteer_id
            WHERE volunteer_hours.status = 'confirmed' AND volunteer_hours.day >= \(bind: fromDay) AND volunteer_hours.day < \(bind: untilDay)
            """,
            """
            SELECT training_places.person_id FROM training_places JOIN training_sessions ON training_sessions.id = training_places.session_id
            WHERE training_places.status = 'attended' AND training_sessions.starts_at >= \(bind: from) AND training_sessions.starts_at < \(bind: until)
            """,
        ]
        var any: SQLQueryString = "CASE WHEN people.id IN (\(did[0]))"
        for list in did.dropFirst() { any = any + " OR people.id IN (\(list))" }
        var columns: SQLQueryString = "COUNT(*) AS c0, SUM(\(any) THEN 1 ELSE 0 END) AS c1"
        for (i, list) in did.enumerated() { columns = columns + ", SUM(CASE WHEN people.id IN (\(list)) THEN 1 ELSE 0 END) AS c\(unsafeRaw: String(i + 2))" }
        try await StoreSQL.readingMuch(db)
        let key = InsightGroupSQL.key(query.split, on: query.until.addingTimeInterval(-1), .person)
        var counts: [String: [Int]] = [:]
        for row in try await StoreSQL.sql(db).raw("""
            SELECT \(key) AS grp, \(columns)
            FROM people JOIN postcodes ON postcodes.postcode = people.postcode LEFT JOIN lsoas ON lsoas.code = postcodes.lsoa
            WHERE people.postcode IS NOT NULL \(area) \(mine) GROUP BY 1
            """).all() {
            counts[try row.decode(column: "grp", as: String.self)] = try (0..<(2 + did.count)).map { try row.decode(column: "c\($0)", as: Int.self) }
        }
        return counts
    }

    /// The period's referrals from the area, joined to what the splits need: `FROM … WHERE …`. `everything` joins every
    /// table a split or area could need; otherwise only those this query's split and area do, as each join costs a
    /// lookup for every referral of the year.
    /// `measures`: read from the measures of those referrals, in the order of their pairing index.
    /// `splitting` false: the split's own tables are not joined (a count that is not split), only those the area needs.
    static func from(_ query: InsightQuery, join: SQLQueryString = "", everything: Bool = false, measures: Bool = false,
                     splitting: Bool = true) -> SQLQueryString {
        let area: SQLQueryString = query.ward.map { "AND postcodes.ward = \(bind: $0)" } ?? ""
        let mine: SQLQueryString = query.assignedTo.map { "AND referrals.assigned_to = \(bind: $0)" } ?? ""
        let network: SQLQueryString = query.pcn.map { "AND practices.pcn_code = \(bind: $0)" } ?? ""
        let practice: SQLQueryString = query.practice.map { "AND referrals.practice_id = \(bind: $0)" } ?? ""
        let people: SQLQueryString = everything || (splitting && [.sex, .ethnicity, .carer].contains(query.split))
            ? "JOIN people ON people.id = referrals.person_id" : ""
        let place: SQLQueryString = everything || (splitting && query.split == .imdQuintile) || query.ward != nil
            ? "LEFT JOIN postcodes ON postcodes.postcode = referrals.postcode LEFT JOIN lsoas ON lsoas.code = postcodes.lsoa" : ""
        let practices: SQLQueryString = everything || (splitting && query.split.isByPractice) || query.pcn != nil
            ? "LEFT JOIN practices ON practices.id = referrals.practice_id" : ""
        return """
            FROM \(unsafeRaw: measures ? "measures JOIN referrals ON referrals.id = measures.referral_id" : "referrals") \(people) \(place) \(practices) \(join)
            WHERE referrals.created_at >= \(bind: query.from) AND referrals.created_at < \(bind: query.until) \(area) \(mine) \(network) \(practice)
            """
    }

    /// The period's referrals counted by group in the database: `columns` are `c0`, `c1`, … aggregates over each group.
    static func grouped(_ query: InsightQuery, _ columns: SQLQueryString, join: SQLQueryString = "", measures: Int,
                        on db: any Database) async throws -> [String: [Int]] {
        try await StoreSQL.readingMuch(db)
        let key = InsightGroupSQL.key(query.split, on: query.until.addingTimeInterval(-1), .referral)
        var counts: [String: [Int]] = [:]
        for row in try await StoreSQL.sql(db).raw("SELECT \(key) AS grp, \(columns) \(from(query, join: join)) GROUP BY 1").all() {
            counts[try row.decode(column: "grp", as: String.self)] = try (0..<measures).map { try row.decode(column: "c\($0)", as: Int.self) }
        }
        return counts
    }

    /// The area's LSOAs in IMD quintiles 1…5 (for a ward, those its postcodes lie in).
    public func lsoasByQuintile(ward: String?, on db: any Database) async throws -> [Int] {
        let sql = StoreSQL.sql(db)
        let rows = try await sql.raw(ward.map { """
            SELECT imd_decile AS decile, COUNT(*) AS n FROM lsoas WHERE code IN (SELECT DISTINCT lsoa FROM postcodes WHERE ward = \(bind: $0))
            GROUP BY imd_decile
            """ } ?? "SELECT imd_decile AS decile, COUNT(*) AS n FROM lsoas GROUP BY imd_decile").all()
        var quintiles = Array(repeating: 0, count: 5)
        for row in rows {
            guard let decile = try row.decode(column: "decile", as: Int?.self), (1...10).contains(decile) else { continue }
            quintiles[(decile - 1) / 2] += try row.decode(column: "n", as: Int.self)
        }
        return quintiles
    }
}
