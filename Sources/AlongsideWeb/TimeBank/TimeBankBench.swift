import AlongsideCore
import AlongsideStore
import Fluent
import SQLKit
import Vapor

/// `alongside bench timebank [--transfers N] [--entries M]`: transfers a second through the store with 2 writers on SQLite
/// and 8 on PostgreSQL, against a plain single-row insert by as many writers in the same run; then the statement page of a
/// member with M entries (10,000 by default), against `SELECT 1`.
enum TimeBankBench {
    static func run(_ context: CommandContext, transfers: Int, entries: Int) async throws {
        guard (100...1_000_000).contains(transfers), (1...1_000_000).contains(entries) else {
            throw ConfigurationError("--transfers must be 100 to 1000000 and --entries 1 to 1000000")
        }
        let console = context.console
        let app = context.application
        try await BenchCommand.freshDatabase(app, example: "timebank", empty: try await TransferRecord.query(on: app.db).count() == 0)
        let postgres = StoreSQL.engine(of: app.db) == .postgres
        let writers = postgres ? 8 : 2
        let now = Date()
        let coordinator = UUID()
        var members: [UUID] = []
        for i in 0..<42 {
            let person = PersonRecord(givenName: "Member", familyName: "\(i)", postcode: nil, createdAt: now)
            try await person.create(on: app.db)
            try await TimeBank().approve(person: person.id!, by: coordinator, now: now, on: app.db)
            members.append(person.id!)
        }
        let db = app.db
        let payers = Array(members.prefix(40))

        console.print("Baseline: \(transfers) plain single-row inserts by \(writers) writers")
        var clock = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    for i in stride(from: w, to: transfers, by: writers) {
                        let post = TimeBankPostRecord()
                        post.memberID = payers[i % payers.count]; post.kind = "offer"; post.title = "Bench \(i)"; post.details = "x"; post.category = "food"
                        post.place = "online"; post.whenFree = "any"; post.postedAt = now
                        try await post.create(on: db)
                    }
                }
            }
            try await group.waitForAll()
        }
        let plainSeconds = BenchCommand.seconds(since: clock)

        console.print("\(transfers) transfers between 40 members through the store (a lock on the payer, the limit checked, an exchange, two legs)")
        clock = ContinuousClock.now
        let refused = try await withThrowingTaskGroup(of: Int.self) { group in
            for w in 0..<writers {
                group.addTask {
                    var random = SeededGenerator(seed: UInt64(w + 1))
                    var refused = 0
                    for _ in stride(from: w, to: transfers, by: writers) {
                        let from = Int.random(in: 0..<40, using: &random), to = (from + Int.random(in: 1..<40, using: &random)) % 40
                        do {
                            _ = try await TimeBank().recordForMembers(payer: payers[from], receiver: payers[to], minutes: Int.random(in: 15...120, using: &random),
                                                                      note: "Bench", by: coordinator, now: now, on: db)
                        } catch is TimeBankRefused { refused += 1 }
                    }
                    return refused
                }
            }
            return try await group.reduce(0, +)
        }
        let transferSeconds = BenchCommand.seconds(since: clock)
        let totals = try await TimeBank().totals(on: db)
        guard totals.sumOfBalances == 0 else { throw ConfigurationError("The balances add up to \(totals.sumOfBalances), not 0") }

        console.print("Writing \(entries) entries on one member's statement")
        let (a, b) = (members[40], members[41])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    // Each writer pays one way then back, so neither member's balance drifts far whatever order the writers go in.
                    for pair in stride(from: w, to: (entries + 1) / 2, by: writers) {
                        for i in [2 * pair, 2 * pair + 1] where i < entries {
                            _ = try await TimeBank().recordForMembers(payer: i % 2 == 0 ? a : b, receiver: i % 2 == 0 ? b : a, minutes: 30, note: "Entry \(i)",
                                                                      by: coordinator, now: now.addingTimeInterval(Double(i)), on: db)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        console.print("Timing the statement page 200 times")
        let request = Request(application: app, on: app.eventLoopGroup.next())
        var pageTimes: [Double] = [], baseline: [Double] = []
        var lines = 0
        for _ in 0..<200 {
            clock = ContinuousClock.now
            let statement = try await TimeBank().statementPage(of: a, offset: 0, size: TimeBankPages.statementPageSize, on: db)
            let html = TimeBankPages.statement(statement, name: "Member 40", path: TimeBankURL.statement.path, csv: TimeBankURL.statementCSV.path,
                                               PageContext(request, title: "Your time bank statement")).html
            pageTimes.append(BenchCommand.seconds(since: clock) * 1000)
            lines = statement.entries + (html.isEmpty ? 1 : 0)
            clock = ContinuousClock.now
            _ = try await StoreSQL.sql(db).raw("SELECT 1 AS one").first()
            baseline.append(BenchCommand.seconds(since: clock) * 1000)
        }
        let done = transfers - refused
        let p50 = BenchCommand.percentile(pageTimes, 0.5), p99 = BenchCommand.percentile(pageTimes, 0.99), b99 = BenchCommand.percentile(baseline, 0.99)
        let rate = Double(done) / transferSeconds, plainRate = Double(transfers) / plainSeconds
        console.print("")
        console.print("| what (\(postgres ? "PostgreSQL" : "SQLite"), \(writers) writers) | figure | baseline (same run) | ratio | target |")
        console.print("| --- | --- | --- | --- | --- |")
        console.print("| transfers through the store (\(done) made, \(refused) refused at the lowest balance; balances sum to 0) | \(String(format: "%.0f", rate)) a second | plain single-row inserts: \(String(format: "%.0f", plainRate)) a second | \(String(format: "%.1f", plainRate / max(rate, 0.001)))× slower | — |")
        console.print("| statement page of a member with \(lines) entries (the newest 50, with the balance after each), p50 | \(String(format: "%.2f", p50)) ms | `SELECT 1` p99: \(String(format: "%.3f", b99)) ms | — | — |")
        console.print("| the same, p99 | \(String(format: "%.2f", p99)) ms | `SELECT 1` p99: \(String(format: "%.3f", b99)) ms | \(String(format: "%.0f", p99 / max(b99, 0.001)))× | under 20 ms |")
    }
}
