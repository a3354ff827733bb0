import AlongsideStore
import AlongsideTestSupport
import Fluent
@testable import AlongsideWeb
import Testing
import Vapor
import VaporTesting

/// Boots Alongside on a database of its own (SQLite in memory, or a PostgreSQL schema when
/// `ALONGSIDE_TEST_POSTGRES_URL` is set), migrated, with the fastest Bcrypt cost; runs `body`; shuts down.
/// `onFile` uses a SQLite file (in WAL mode, several connections, as `serve` runs) instead of memory.
func withAlongside(demo: Bool = false, directory: Bool = false, geography: Bool = false, onFile: Bool = false, demoReferrals: Int = 0,
                   publicURL: String = "http://127.0.0.1:8080",
                   email: AlongsideConfiguration.EmailDelivery = .log,
                   _ body: (Application) async throws -> Void) async throws {
    let test = try await TestDatabase.make()
    let location: AlongsideConfiguration.DatabaseLocation = test.schema.map {
        .postgres(url: TestDatabase.postgresURL!, searchPath: $0)
    } ?? (onFile ? .sqliteFile(FileManager.default.temporaryDirectory.appendingPathComponent("alongside-\(UUID().uuidString).sqlite").path)
                 : .sqliteMemory)
    let app: Application
    do { app = try await Application.make(.testing) } catch {
        try? await test.drop()
        throw error
    }
    // LOG_LEVEL=warning (as CI runs the suite) keeps the output to what went wrong.
    if let level = Environment.get("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) { app.logger.logLevel = level }
    do {
        var configuration = AlongsideConfiguration(database: location, publicURL: publicURL, email: email, bcryptCost: 4,
                                                   demoMode: demo, runsBackgroundJobs: false)
        // The suites run hundreds of applications at once on two cores: a request may queue minutes for a connection.
        // What concurrent writers leave behind is checked here, not speed; 503 stays the application's answer when it waits
        // longer than its own 30 s (`waitingTooLongIsBusyNotAFault`).
        configuration.databaseWait = .seconds(300)
        try await configure(app, configuration)
        try await app.migrateDatabase()
        if demo {
            _ = try await DemoLoader().load(passwordHash: try Bcrypt.hash(DemoLoader.password, cost: 4), now: Date(),
                                            residentCount: 100, serviceCount: directory ? 300 : 0, referralCount: demoReferrals, on: app.db)
        } else if geography {
            try await BundledGeography.load(on: app.db)
        }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        try? await test.drop()
        throw error
    }
    do { try await app.asyncShutdown() } catch {
        try? await test.drop()
        throw error
    }
    try await test.drop()
    if case .sqliteFile(let path) = location {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// A person at a browser: keeps cookies between requests and fills in each form's CSRF token, as a browser
/// showing Alongside's own pages would.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String, headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: extra)
    }

    /// Posts a form as the page would, with the CSRF token from the cookie unless `csrf` is given.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> TestingHTTPResponse {
        if cookies[CSRFMiddleware.cookieName] == nil { try await get("/sign-in") }
        var all = fields
        all.append((CSRFMiddleware.fieldName, csrf ?? cookies[CSRFMiddleware.cookieName] ?? ""))
        var components = URLComponents()
        components.queryItems = all.map { URLQueryItem(name: $0.0, value: $0.1) }
        let body = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a form with a file (`multipart/form-data`), as a browser sends a file chosen in the form, with the CSRF token.
    @discardableResult
    func postFile(_ path: String, field: String, filename: String, contents: String, _ fields: [(String, String)] = []) async throws -> TestingHTTPResponse {
        if cookies[CSRFMiddleware.cookieName] == nil { try await get("/sign-in") }
        let boundary = "----alongside-test-boundary"
        var body = ""
        for (name, value) in fields + [(CSRFMiddleware.fieldName, cookies[CSRFMiddleware.cookieName] ?? "")] {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n\(contents)\r\n"
        body += "--\(boundary)--\r\n"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    private func send(_ method: HTTPMethod, _ path: String, headers extra: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> TestingHTTPResponse {
        var headers = extra
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[1].isEmpty || header.contains("Max-Age=0") { cookies[parts[0]] = nil } else { cookies[parts[0]] = parts[1] }
        }
        return response
    }

    /// Registers through the form and the link in the email it sends, as a newcomer would; the answer to the
    /// link's button (signed in, on to My account).
    @discardableResult
    func register(_ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        let sent = try await post("/register", fields)
        #expect(sent.status == .seeOther && sent.location == SiteURL.registerSent.path, "registering")
        let email = fields.first { $0.0 == "email" }?.1.lowercased() ?? ""
        let mail = try await OutboxMessageRecord.query(on: app.db).filter(\.$recipient == email).sort(\.$createdAt, .descending).all()
        guard let token = mail.lazy.compactMap({ $0.body.firstMatch(of: /register\/confirm\?token=([A-Za-z0-9_\-]+)/)?.1 }).first else {
            Issue.record("no registration link was emailed to \(email)")
            return sent
        }
        try await get(SiteURL.registerConfirm.with([("token", String(token))]))
        return try await post(SiteURL.registerConfirm.path, [("token", String(token))])
    }

    /// Signs in through the sign-in page.
    func signIn(_ email: String, _ password: String = DemoLoader.password) async throws {
        let response = try await post("/sign-in", [("email", email), ("password", password)])
        #expect(response.status == .seeOther, "signing in as \(email)")
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }

    /// The page's h1, to check which page a person landed on.
    var heading: String? {
        guard let start = text.range(of: "<h1>"), let end = text.range(of: "</h1>", range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    var location: String? { headers.first(name: .location) }
}
