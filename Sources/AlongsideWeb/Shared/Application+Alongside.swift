import AlongsideCore
import AlongsideStore
import Vapor

/// What every part of the web layer shares: the configuration, the clock, the policy and the stores.
public struct AlongsideServices: Sendable {
    public var configuration: AlongsideConfiguration
    /// The time now; tests replace it to move through expiry.
    public var now: @Sendable () -> Date = { Date() }
    public let policy = PermissionPolicy()
    public let accounts = Accounts()
    public let audit = AuditLog()
    public let outbox = Outbox()
    public let geography = Geography()
    /// The directory's search facts, held in memory by this process and kept current from the change log.
    public let directorySearch = DirectorySearchCache()
    /// Public directory answers, kept until the directory changes.
    let directoryResponses = DirectoryResponseCache()
    /// What this process has counted, for `/metrics`.
    let metrics = Metrics()
    /// A name for this process among several app servers (for job leases).
    public let instanceID = UUID().uuidString

    public init(configuration: AlongsideConfiguration) { self.configuration = configuration }
}

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = AlongsideServices }

    /// Alongside's shared services; set by `configure`.
    public var alongside: AlongsideServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(_:) has not run") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    public var alongside: AlongsideServices { application.alongside }
    public var now: Date { application.alongside.now() }
}
