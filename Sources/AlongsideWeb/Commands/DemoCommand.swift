import AlongsideCore
import AlongsideStore
import Vapor

/// `alongside demo [--reset] [--residents N] [--seed S]`: loads the demo place, or wipes the database and
/// loads it again.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "reset", help: "Wipe the database and load the demo place again")
        var reset: Bool
        @Option(name: "residents", help: "How many synthetic residents (default 3000)")
        var residents: Int?
        @Option(name: "seed", help: "Random seed: the same seed makes the same place (default 2019)")
        var seed: Int?
        init() {}
    }

    var help: String { "Load (or --reset) the demo place: Lancaster district with synthetic people" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let residents = signature.residents ?? 3000
        guard (1...100_000).contains(residents) else { throw ConfigurationError("--residents must be from 1 to 100000") }
        if signature.reset {
            context.console.print("Removing everything in the database")
            try await app.autoRevert()
        }
        try await app.migrateDatabase()
        if try await DemoLoader().isLoaded(on: app.db) {
            context.console.print("The demo place is already loaded. Use --reset to load it again.")
            return
        }
        try await Self.load(app, console: context.console, residents: residents, seed: UInt64(signature.seed ?? 2019))
    }

    /// Loads the place with progress lines and a closing summary.
    static func load(_ app: Application, console: any Console, residents: Int, seed: UInt64) async throws {
        let started = Date()
        let hash = try await app.threadPool.runIfActive { [cost = app.alongside.configuration.bcryptCost] in
            try Bcrypt.hash(DemoLoader.password, cost: cost)
        }
        let summary = try await DemoLoader().load(
            passwordHash: hash, now: app.alongside.now(), residentCount: residents, seed: seed,
            progress: { line in console.print("… " + line) }, on: app.db)
        let seconds = Date().timeIntervalSince(started)
        console.print("Demo place loaded in \(String(format: "%.1f", seconds)) s: \(summary.postcodes) postcodes, \(summary.residents) residents, \(summary.organisations) organisations, \(summary.services) services, \(summary.referrals) referrals, \(summary.measures) wellbeing measures, \(summary.plans) plans, \(summary.carers) carers, \(summary.timeBankExchanges) time bank exchanges, \(summary.roomBookings) room bookings, \(summary.trainingPlaces) training places asked for.")
        console.print("Sign in as any of these, password \(DemoLoader.password):")
        for account in summary.accounts { console.print("  \(account.role.title): \(account.email)") }
    }
}
