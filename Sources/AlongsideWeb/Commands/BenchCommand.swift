import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// `alongside bench directory [--services N] [--queries Q]`: builds a directory of N services on a new (SQLite or PostgreSQL)
/// database and measures writing it and searching it, each against a baseline from the same run.
struct BenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "directory") var what: String
        @Option(name: "services", help: "How many services (default 100000)") var services: Int?
        @Option(name: "queries", help: "How many searches to time (default 500)") var queries: Int?
        @Option(name: "link-workers", help: "bench referrals: how many link workers (default 250)") var linkWorkers: Int?
        @Option(name: "episodes", help: "bench referrals: episodes each (default 250)") var episodes: Int?
        @Option(name: "ballots", help: "bench voice: ballots in the budget round (default 50000)") var ballots: Int?
        @Option(name: "projects", help: "bench voice: projects in the budget round (default 60)") var projects: Int?
        @Option(name: "transfers", help: "bench timebank: transfers to make (default 4000)") var transfers: Int?
        @Option(name: "entries", help: "bench timebank: entries on one member's statement (default 10000)") var entries: Int?
        @Option(name: "people", help: "bench insight: people in the synthetic region (default 1000000)") var people: Int?
        @Flag(name: "again", help: "bench insight: time the dashboards on the region an earlier run wrote to this database") var again: Bool
        init() {}
    }

    var help: String { "Measure the directory: writing N services and searching them" }

    func run(using context: CommandContext, signature: Signature) async throws {
        if signature.what == "voice" {
            return try VoiceBench.run(context, ballots: signature.ballots ?? 50_000, projects: signature.projects ?? 60)
        }
        if signature.what == "timebank" {
            return try await TimeBankBench.run(context, transfers: signature.transfers ?? 4_000, entries: signature.entries ?? 10_000)
        }
        if signature.what == "insight" { return try await InsightBench.run(context, people: signature.people ?? 1_000_000, again: signature.again) }
        if signature.what == "referrals" { return try await ReferralBench.run(context, workers: signature.linkWorkers ?? 250,
                                                                              episodes: signature.episodes ?? 250, queries: signature.queries ?? 500) }
        guard signature.what == "directory" else { throw ConfigurationError("Use `bench directory`, `bench referrals`, `bench voice`, `bench timebank` or `bench insight`") }
        let count = signature.services ?? 100_000
        let queries = signature.queries ?? 500
        guard (1...1_000_000).contains(count), (1...100_000).contains(queries) else {
            throw ConfigurationError("--services must be 1 to 1000000 and --queries 1 to 100000")
        }
        let console = context.console
        let app = context.application
        try await Self.freshDatabase(app, example: "bench", empty: try await ServiceRecord.query(on: app.db).count() == 0)
        try await BundledGeography.load(on: app.db)
        let positions = try await app.alongside.geography.allPositions(on: app.db)
        var organisations: [(UUID, String)] = []
        for index in 0..<20 {
            let org = OrganisationRecord(name: "Benchmark organisation \(index + 1)", description: "Runs groups", postcode: nil, createdAt: Date())
            try await org.create(on: app.db)
            organisations.append((org.id!, org.name))
        }

        console.print("Generating \(count) services")
        var clock = ContinuousClock.now
        let listings = DemoDirectory.generate(postcodes: positions, organisations: organisations, count: count, now: Date(), seed: 42)
        let generateSeconds = seconds(since: clock)
        console.print("Writing them")
        clock = ContinuousClock.now
        let batch = 10_000
        for start in stride(from: 0, to: listings.count, by: batch) {
            let slice = listings[start..<min(listings.count, start + batch)]
            try await Directory().saveNew(Array(slice), on: app.db)
            console.print("… \(min(listings.count, start + batch)) of \(listings.count) written")
        }
        let writeSeconds = seconds(since: clock)

        console.print("Loading the search facts into memory")
        let cache = DirectorySearchCache()
        clock = ContinuousClock.now
        _ = try await cache.current(on: app.db)
        let loadSeconds = seconds(since: clock)
        let resident = Self.residentMegabytes()
        console.print("Timing \(queries) searches for words near a postcode on a day")
        let words = ["walking", "choir", "debt", "art", "carers", "food", "garden", "digital", "exercise", "shed"]
        var random = SeededGenerator(seed: 7)
        var searchTimes: [Double] = [], coldTimes: [Double] = []
        var firstWords: Set<String> = []
        var baselineTimes: [Double] = []
        var found = 0, empty = 0
        var partTimes: [[Double]] = [[], [], [], []]
        for _ in 0..<queries {
            var query = DirectoryQuery()
            query.text = words[Int.random(in: 0..<words.count, using: &random)]
            let (_, centre) = positions[Int.random(in: 0..<positions.count, using: &random)]
            query.proximity = 8_000
            query.postcode = try Postcode("LA1 1AA")
            query.day = Weekday.allCases[Int.random(in: 0..<7, using: &random)]
            query.perPage = 20
            let t0 = ContinuousClock.now
            let total = try await Directory().search(query, centre: centre, cache: cache, on: app.db).totalItems
            found += total
            if total == 0 { empty += 1 }
            // The first search for each word asks the text index; later ones reuse its answer until the directory
            // changes. Those first searches are reported apart.
            if firstWords.insert(query.text!).inserted { coldTimes.append(seconds(since: t0) * 1000) } else {
                searchTimes.append(seconds(since: t0) * 1000)
            }
            // The parts of one search, timed alone.
            let p0 = ContinuousClock.now
            let index = try await cache.current(on: app.db)
            let p1 = ContinuousClock.now
            let text = try await serviceTextIndex(for: app.db).matches(searchWords(query.text), on: app.db)
            let p2 = ContinuousClock.now
            let result = index.search(query, centre: centre, text: text)
            let p3 = ContinuousClock.now
            _ = try await cache.listings(result.hits.map(\.id), on: app.db)
            let p4 = ContinuousClock.now
            partTimes[0].append(Self.ms(p1 - p0)); partTimes[1].append(Self.ms(p2 - p1))
            partTimes[2].append(Self.ms(p3 - p2)); partTimes[3].append(Self.ms(p4 - p3))
            let t1 = ContinuousClock.now
            _ = try await StoreSQL.sql(app.db).raw("SELECT 1 AS one").all()
            baselineTimes.append(seconds(since: t1) * 1000)
        }
        let p50 = percentile(searchTimes, 0.5), p99 = percentile(searchTimes, 0.99)
        let b50 = percentile(baselineTimes, 0.5), b99 = percentile(baselineTimes, 0.99)
        console.print("")
        console.print("| what | figure | baseline (same run) | ratio |")
        console.print("| --- | --- | --- | --- |")
        console.print("| writing \(count) new services (\(StoreSQL.engine(of: app.db) == .sqlite ? "SQLite" : "PostgreSQL"), multi-row inserts, batches of \(batch)) | \(String(format: "%.1f", writeSeconds)) s | generating them in memory: \(String(format: "%.2f", generateSeconds)) s | \(String(format: "%.0f", writeSeconds / max(generateSeconds, 0.001)))× |")
        console.print("| loading the search facts of \(count) services into memory (once a process, then only what changed) | \(String(format: "%.2f", loadSeconds)) s | — | — |")
        console.print("| the process's resident memory once they are loaded | \(resident) MB | — | — |")
        console.print("| search p50, words + 8 km + day, \(searchTimes.count) queries | \(String(format: "%.2f", p50)) ms | `SELECT 1`: \(String(format: "%.3f", b50)) ms | \(String(format: "%.0f", p50 / max(b50, 0.001)))× |")
        console.print("| search p99 | \(String(format: "%.2f", p99)) ms | `SELECT 1` p99: \(String(format: "%.3f", b99)) ms | \(String(format: "%.0f", p99 / max(b99, 0.001)))× |")
        console.print("| first search for each of the \(coldTimes.count) words (text index asked): median / slowest | \(String(format: "%.2f", percentile(coldTimes, 0.5))) / \(String(format: "%.2f", coldTimes.max() ?? 0)) ms | — | — |")
        console.print("(\(found / queries) results a search on average; \(empty) of \(queries) searches found nothing)")
        for (name, times) in zip(["checking the directory's version", "text match in the engine's index", "filters, distance, order and page in memory",
                                  "the page's 20 listings, from memory"], partTimes) {
            console.print("  \(name): p50 \(String(format: "%.2f", percentile(times, 0.5))) ms, p99 \(String(format: "%.2f", percentile(times, 0.99))) ms")
        }
    }

    /// Migrates the benchmark's database, which must be a file or PostgreSQL (not memory) and hold nothing yet: `empty`
    /// is asked once migrated.
    static func freshDatabase(_ app: Application, example: String, empty: @autoclosure () async throws -> Bool) async throws {
        if case .sqliteMemory = app.alongside.configuration.database {
            throw ConfigurationError("Run the benchmark on a new database: a SQLite file (DATABASE_URL=/tmp/\(example).sqlite) or an empty PostgreSQL one")
        }
        try await app.migrateDatabase()
        guard try await empty() else { throw ConfigurationError("The benchmark needs an empty database: point DATABASE_URL at a new file") }
    }

    /// This process's resident memory in megabytes (Linux `/proc/self/statm`), or 0 where that cannot be read.
    static func residentMegabytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * 4096 / 1_048_576
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    static func ms(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    private func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}
