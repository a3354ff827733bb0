import AlongsideStore
import Vapor

/// `alongside serve [--demo] [--hostname H] [--port P]`: migrates, loads the demo place when asked, serves.
struct ServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Load the demo place (if not loaded) and show its sign-ins")
        var demo: Bool
        @Option(name: "hostname", short: "H", help: "Address to listen on (default 127.0.0.1)")
        var hostname: String?
        @Option(name: "port", short: "p", help: "Port to listen on (default 8080)")
        var port: Int?
        init() {}
    }

    var help: String { "Serve Alongside over HTTP" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateDatabase()
        let loader = DemoLoader()
        if signature.demo {
            app.alongside.configuration.demoMode = true
            if try await !loader.isLoaded(on: app.db) {
                try await DemoCommand.load(app, console: context.console, residents: 3000, seed: 2019)
            }
        } else if try await loader.isLoaded(on: app.db) {
            throw ConfigurationError("This database holds the demo place, whose sign-ins have a published password. Run `alongside serve --demo`, or point DATABASE_URL at another database.")
        }
        await BackgroundJobs.start(app)
        // Read the directory's search facts while the server starts, so the first search does not wait for them.
        Task { [app] in _ = try? await app.alongside.directorySearch.current(on: app.db) }
        var arguments = ["alongside"]
        arguments += ["--hostname", signature.hostname ?? "127.0.0.1"]
        arguments += ["--port", String(signature.port ?? 8080)]
        var inner = CommandContext(console: context.console, input: CommandInput(arguments: arguments))
        inner.application = app
        let serve = await app.servers.asyncCommand
        try await serve.run(using: &inner)
    }
}
