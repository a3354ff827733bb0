import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// `alongside bench insight [--people 1000000]`: a synthetic region (people on the place's real postcodes, three
/// referrals for every ten people, five measures a referral) on a new database, SQLite or PostgreSQL; times every
/// dashboard over the year to today for the whole place, each against a plain count of the referrals in the same run.
enum InsightBench {
    /// `again`: time the dashboards on a region an earlier run wrote to the same database, without writing it anew.
    static func run(_ context: CommandContext, people: Int, again: Bool = false, runs: Int = 3) async throws {
        guard (1_000...5_000_000).contains(people) else { throw ConfigurationError("--people must be 1000 to 5000000") }
        let app = context.application
        let console = context.console
        let now = Date()
        var written = InsightRegion.Written(), writeSeconds = 0.0
        if again {
            try await app.migrateDatabase()
            guard try await PracticeRecord.query(on: app.db).filter(\.$code == "B80000").first() != nil else {
                throw ConfigurationError("--again times a region an earlier `bench insight` wrote to this database, and there is none")
            }
            written.people = try await PersonRecord.query(on: app.db).count()
            written.referrals = try await ReferralRecord.query(on: app.db).count()
            written.measures = try await MeasureRecord.query(on: app.db).count()
        } else {
            try await BenchCommand.freshDatabase(app, example: "insight", empty: try await ReferralRecord.query(on: app.db).count() == 0)
            try await BundledGeography.load(on: app.db)
            let clock = ContinuousClock.now
            written = try await InsightRegion.write(people: people, seed: 1_000_000, now: now, on: app.db, progress: { console.print($0) })
            writeSeconds = BenchCommand.seconds(since: clock)
        }
        let engine = StoreSQL.engine(of: app.db) == .sqlite ? "SQLite" : "PostgreSQL"
        if StoreSQL.engine(of: app.db) == .postgres { _ = try await StoreSQL.sql(app.db).raw("ANALYZE").all() }

        let period = try InsightPeriod.parse(from: nil, to: nil, today: now)
        let wards = try await Geography().wards(on: app.db)
        let practices = try await Practices().drafts(on: app.db)
        func asked(_ split: InsightSplit) -> InsightController.Asked {
            InsightController.Asked(period: period, ward: nil, split: split, wards: wards, practices: practices)
        }
        func median(_ body: () async throws -> Void) async throws -> Double {
            var times: [Double] = []
            for _ in 0..<runs {
                let t0 = ContinuousClock.now
                try await body()
                times.append(BenchCommand.seconds(since: t0))
            }
            return times.sorted()[times.count / 2]
        }
        console.print("Timing each dashboard, \(runs) runs each (median)")
        let baseline = try await median {
            _ = try await StoreSQL.sql(app.db).raw("SELECT COUNT(*) AS n FROM referrals WHERE created_at >= \(bind: period.from) AND created_at < \(bind: period.until)").all()
        }
        var rows: [(String, Double)] = []
        for (dashboard, split) in [(InsightDashboard.referrals, InsightSplit.imdQuintile), (.referrals, .ageBand), (.referrals, .practice), (.waiting, .imdQuintile),
                                   (.outcomes, .imdQuintile), (.wellbeing, .imdQuintile), (.participation, .imdQuintile)] {
            let seconds = try await median { _ = try await InsightController.figures(dashboard, asked(split), scope: .place, on: app.db) }
            rows.append(("\(dashboard.title) by \(split.title.lowercased())", seconds))
            console.print("… \(dashboard.rawValue) by \(split.rawValue): \(String(format: "%.2f", seconds)) s")
        }
        let declines = try await median {
            let query = InsightQuery(from: period.from, until: period.until, ward: nil, split: .imdQuintile)
            let found = try await Insight().declines(query, on: app.db)
            _ = try DeclineBreakdown(counts: found.byCategory, total: found.total, names: found.names, exact: false)
        }
        rows.append(("What happened: declines by the service's category", declines))
        console.print("… outcomes declines by category: \(String(format: "%.2f", declines)) s")
        let unmet = try await median {
            let query = InsightQuery(from: period.from, until: period.until, ward: nil, split: .imdQuintile)
            let (people, services) = try await Insight().unmetNeed(query, on: app.db)
            _ = UnmetNeed.gaps(people, services: services)
        }
        rows.append(("Unmet need by ward", unmet))

        console.print("")
        console.print(again ? "\(engine): \(written.people) people, \(written.referrals) referrals, \(written.measures) measures, written by an earlier run"
                      : "\(engine): \(written.people) people, \(written.referrals) referrals, \(written.measures) measures, \(written.otherRows) contacts, moves, community referrals, plans and \"what matters\" conversations, written in \(String(format: "%.0f", writeSeconds)) s")
        console.print("")
        console.print("| dashboard (\(engine), year to today, whole place) | time | `SELECT COUNT(*)` of the year's referrals | ratio |")
        console.print("| --- | --- | --- | --- |")
        for (name, seconds) in rows {
            console.print("| \(name) | \(String(format: "%.2f", seconds)) s | \(String(format: "%.3f", baseline)) s | \(String(format: "%.0f", seconds / max(baseline, 0.000_001)))× |")
        }
    }
}
