import AlongsideCore
import AlongsideStore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// Sets up an application: database, migrations, middleware, routes, commands and background jobs.
public func configure(_ app: Application, _ configuration: AlongsideConfiguration) async throws {
    app.alongside = AlongsideServices(configuration: configuration)

    if case .postgres = configuration.database {} else {
        // SQLite runs each statement on a thread of this pool, and a statement waiting for another writer's lock
        // holds its thread while it waits. Enough threads that the writer holding the lock always has one to
        // finish on (and Bcrypt, which shares the pool, never starves it).
        app.threadPool = NIOThreadPool(numberOfThreads: 8)
    }
    switch configuration.database {
    case .sqliteFile(let path):
        // A request waits its turn for the one connection of its event loop (for `databaseWait`) before it is
        // told Alongside is busy.
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: configuration.databaseWait, dataEncoder: .init(), dataDecoder: .init(), sqlLogLevel: .trace), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, connectionPoolTimeout: configuration.databaseWait, dataEncoder: .init(), dataDecoder: .init(), sqlLogLevel: .trace), as: .sqlite)
    case .postgres(let url, let searchPath):
        var postgres = try SQLPostgresConfiguration(url: url)
        if let searchPath { postgres.searchPath = [searchPath] }
        // No just-in-time compilation: Alongside's longest reads (a year of insight) finish in under a second, and
        // compiling them took longer than it saved — unmet need at a million people went from 1.25 s to 0.96 s
        // without it (docs/benchmarks.md).
        postgres.coreConfiguration.options.additionalStartupParameters.append(("jit", "off"))
        app.databases.use(.postgres(configuration: postgres, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: configuration.databaseWait, sqlLogLevel: .trace), as: .psql)
    }
    app.migrations.add(AlongsideMigrations.all)

    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys]
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    ContentConfiguration.global.use(decoder: decoder, for: .json)

    // The largest thing a person sends is a whole plan (12 goals of 12 steps); anything bigger is refused with 413
    // before it is read further.
    app.routes.defaultMaxBodySize = CSRFMiddleware.maxFormBody
    app.middleware = Middlewares()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(MetricsMiddleware(metrics: app.alongside.metrics))
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(OpenCORSMiddleware())
    app.middleware.use(ErrorResponder())
    app.middleware.use(MethodNotAllowedMiddleware(routes: app.routes))
    app.middleware.use(SessionMiddleware())
    app.middleware.use(CSRFMiddleware())

    try app.register(collection: HomeController())
    try app.register(collection: SignInController())
    try app.register(collection: RegisterController())
    try app.register(collection: PasswordController())
    try app.register(collection: InvitationController())
    try app.register(collection: AccountController())
    try app.register(collection: AdminController())
    try app.register(collection: AuditLogController())
    try app.register(collection: CategoriesController())
    try app.register(collection: ReferralsController())
    try app.register(collection: ReferralsAPIController())
    try app.register(collection: CommunityReferralsController())
    try app.register(collection: PlansController())
    try app.register(collection: MeasuresController())
    try app.register(collection: CaringController())
    try app.register(collection: PeopleAPIController())
    try app.register(collection: FHIRController())
    try app.register(collection: FHIRPlansController())
    try app.register(collection: APIController())
    try app.register(collection: ORUKController())
    try app.register(collection: DirectoryController())
    try app.register(collection: ListingEditController())
    try app.register(collection: ProposalsController())
    try app.register(collection: ProposalCallsController())
    try app.register(collection: ProposalsAPIController())
    try app.register(collection: BudgetsController())
    try app.register(collection: BudgetsAPIController())
    try app.register(collection: PanelsController())
    try app.register(collection: PanelsAPIController())
    try app.register(collection: ResultsController())
    try app.register(collection: InsightController())
    try app.register(collection: InsightSummaryController())
    try app.register(collection: GapController())
    try app.register(collection: PracticesController())
    try app.register(collection: UnmetNeedController())
    try app.register(collection: PairsController())
    try app.register(collection: TimeBankController())
    try app.register(collection: CoordinateController())
    try app.register(collection: TimeBankAPIController())
    try app.register(collection: RoomsController())
    try app.register(collection: RoomsAPIController())
    try app.register(collection: RoomOwnersController())
    try app.register(collection: VolunteeringController())
    try app.register(collection: TrainingController())

    AlongsideCommands.register(on: app)
}

extension Application {
    /// Brings the database schema up to date.
    public func migrateDatabase() async throws {
        if case .sqliteFile = alongside.configuration.database {
            // Readers do not block the writer, and writers wait for each other rather than fail.
            _ = try await StoreSQL.sql(db).raw("PRAGMA journal_mode=WAL").all()
        }
        try await autoMigrate()
    }
}
