import Foundation
import NIOCore

/// Everything Alongside is told from outside, read in one place from the environment (and command flags).
public struct AlongsideConfiguration: Sendable {
    /// Where the data lives: a SQLite file path, or a `postgres://` URL.
    public enum DatabaseLocation: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(url: String, searchPath: String?)
    }

    /// How email leaves the outbox.
    public enum EmailDelivery: Sendable, Equatable {
        /// Written to the log (development).
        case log
        /// Handed to a sendmail-compatible program.
        case sendmail(path: String, from: String)
        /// Sent through GOV.UK Notify with one email template whose body is `((body))` and subject `((subject))`.
        case notify(apiKey: String, templateID: String, baseURL: String)
    }

    public var database: DatabaseLocation
    /// The address people reach Alongside at, used in emailed links; https makes cookies Secure.
    public var publicURL: String
    public var email: EmailDelivery
    /// Bcrypt work factor: 12 in production; tests use the minimum to stay fast.
    public var bcryptCost: Int
    /// Shows the demo sign-ins on the sign-in page.
    public var demoMode: Bool
    /// Runs the outbox sender and other scheduled jobs in this process.
    public var runsBackgroundJobs: Bool
    /// True behind a load balancer that appends the client's address to X-Forwarded-For.
    public var behindProxy = false
    /// The bearer token `/metrics` asks for; without one, there is no `/metrics`.
    public var metricsToken: String?
    /// One JSON object per log line (`ALONGSIDE_LOG_FORMAT=json`), for a log collector.
    public var jsonLogs = false
    /// How long a request waits its turn for a database connection before it is told Alongside is busy (503).
    /// 30 s, as long as a writer waits for the write lock; the test suites, which run hundreds of applications at
    /// once on one machine, wait longer, since they check what concurrent writers leave behind, not speed.
    public var databaseWait: TimeAmount = .seconds(30)

    public init(database: DatabaseLocation, publicURL: String = "http://127.0.0.1:8080", email: EmailDelivery = .log,
                bcryptCost: Int = 12, demoMode: Bool = false, runsBackgroundJobs: Bool = true) {
        self.database = database
        self.publicURL = publicURL
        self.email = email
        self.bcryptCost = bcryptCost
        self.demoMode = demoMode
        self.runsBackgroundJobs = runsBackgroundJobs
    }

    /// True when links are https, so cookies must be Secure.
    public var isSecure: Bool { publicURL.lowercased().hasPrefix("https://") }

    /// Reads `DATABASE_URL`, `ALONGSIDE_PUBLIC_URL`, `ALONGSIDE_EMAIL` (log | sendmail | notify),
    /// `ALONGSIDE_SENDMAIL`, `ALONGSIDE_EMAIL_FROM`, `NOTIFY_API_KEY`, `NOTIFY_TEMPLATE_ID`, `NOTIFY_BASE_URL`
    /// `ALONGSIDE_BCRYPT_COST`, `ALONGSIDE_BEHIND_PROXY`, `ALONGSIDE_METRICS_TOKEN` and `ALONGSIDE_LOG_FORMAT`. Bad values stop start-up with a message naming the variable.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Self {
        let databaseURL = env["DATABASE_URL"] ?? "alongside.sqlite"
        let database: DatabaseLocation
        if databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") {
            database = .postgres(url: databaseURL, searchPath: nil)
        } else if databaseURL == ":memory:" {
            database = .sqliteMemory
        } else {
            database = .sqliteFile(databaseURL.hasPrefix("sqlite://") ? String(databaseURL.dropFirst(9)) : databaseURL)
        }
        let publicURL = env["ALONGSIDE_PUBLIC_URL"] ?? "http://127.0.0.1:8080"
        guard publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://") else {
            throw ConfigurationError("ALONGSIDE_PUBLIC_URL must start with http:// or https://, not \"\(publicURL)\"")
        }
        let email: EmailDelivery
        switch env["ALONGSIDE_EMAIL"] ?? "log" {
        case "log": email = .log
        case "sendmail":
            email = .sendmail(path: env["ALONGSIDE_SENDMAIL"] ?? "/usr/sbin/sendmail",
                              from: env["ALONGSIDE_EMAIL_FROM"] ?? "alongside@localhost")
        case "notify":
            guard let key = env["NOTIFY_API_KEY"], let template = env["NOTIFY_TEMPLATE_ID"] else {
                throw ConfigurationError("ALONGSIDE_EMAIL=notify needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID")
            }
            email = .notify(apiKey: key, templateID: template,
                            baseURL: env["NOTIFY_BASE_URL"] ?? "https://api.notifications.service.gov.uk")
        case let other:
            throw ConfigurationError("ALONGSIDE_EMAIL must be log, sendmail or notify, not \"\(other)\"")
        }
        var cost = 12
        if let text = env["ALONGSIDE_BCRYPT_COST"] {
            guard let value = Int(text), (4...31).contains(value) else {
                throw ConfigurationError("ALONGSIDE_BCRYPT_COST must be a whole number from 4 to 31")
            }
            cost = value
        }
        var configuration = Self(database: database, publicURL: publicURL, email: email, bcryptCost: cost)
        configuration.behindProxy = ["1", "true", "yes"].contains((env["ALONGSIDE_BEHIND_PROXY"] ?? "").lowercased())
        if let token = env["ALONGSIDE_METRICS_TOKEN"], !token.isEmpty {
            guard token.count >= 20, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ConfigurationError("ALONGSIDE_METRICS_TOKEN must be at least 20 characters with no spaces (for example, from `openssl rand -hex 20`)")
            }
            configuration.metricsToken = token
        }
        switch env["ALONGSIDE_LOG_FORMAT"] ?? "text" {
        case "text": configuration.jsonLogs = false
        case "json": configuration.jsonLogs = true
        case let other: throw ConfigurationError("ALONGSIDE_LOG_FORMAT must be text or json, not \"\(other)\"")
        }
        return configuration
    }
}

/// A setting Alongside cannot start with.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
