import Vapor

/// Every `alongside` command.
enum AlongsideCommands {
    static func register(on app: Application) {
        app.asyncCommands.use(ServeCommand(), as: "serve", isDefault: true)
        app.asyncCommands.use(MigrateCommand(), as: "migrate")
        app.asyncCommands.use(DemoCommand(), as: "demo")
        app.asyncCommands.use(UsersCommand.group, as: "users")
        app.asyncCommands.use(ImportCommand.group, as: "import")
        app.asyncCommands.use(PostcodeCommand(), as: "postcode")
        app.asyncCommands.use(ExportCommand(), as: "export")
        app.asyncCommands.use(BenchCommand(), as: "bench")
        app.asyncCommands.use(BackupCommand(), as: "backup")
        app.asyncCommands.use(RestoreCommand(), as: "restore")
        app.asyncCommands.use(CheckCommand(), as: "check")
        app.asyncCommands.use(BudgetCommands.group, as: "budget")
        app.asyncCommands.use(ElectionCommands.group, as: "election")
        app.asyncCommands.use(InsightCommands.group, as: "insight")
    }
}

/// `alongside migrate`: brings the database schema up to date, without asking.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature { init() {} }
    var help: String { "Bring the database up to date (runs every migration not yet run)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.migrateDatabase()
        context.console.print("The database is up to date.")
    }
}
