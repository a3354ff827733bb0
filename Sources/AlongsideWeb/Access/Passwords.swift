import Vapor

/// Bcrypt hashing off the event loop, at the configured cost.
extension Request {
    func hashPassword(_ password: String) async throws -> String {
        let cost = alongside.configuration.bcryptCost
        return try await application.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verifyPassword(_ password: String, against hash: String) async throws -> Bool {
        guard hash.hasPrefix("$2") else { return false }
        return try await application.threadPool.runIfActive { try Bcrypt.verify(password, created: hash) }
    }
}

extension Application {
    /// A hash made at start-up, checked when an email has no account so that a wrong email takes as long
    /// as a wrong password and the timing does not tell who has an account.
    var decoyPasswordHash: String {
        get async throws {
            struct Key: StorageKey { typealias Value = String }
            if let hash = storage[Key.self] { return hash }
            let cost = alongside.configuration.bcryptCost
            let hash = try await threadPool.runIfActive { try Bcrypt.hash(SecretToken.generate(), cost: cost) }
            storage[Key.self] = hash
            return hash
        }
    }
}
