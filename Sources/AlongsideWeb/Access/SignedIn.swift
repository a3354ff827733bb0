import AlongsideCore
import AlongsideStore
import Crypto
import Vapor

/// The person behind a request, found from their session cookie (pages) or bearer token (API).
struct SignedIn: Sendable {
    let accountID: UUID
    let personID: UUID
    let name: String
    let email: String
    let actor: Actor
    let roles: [HeldRole]
    let sessionTokenHash: String
}

/// Secrets handed to browsers and people: random, and stored only as a SHA-256 hash.
enum SecretToken {
    static func generate() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: .min ... .max, using: &rng) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension Request {
    private struct SignedInKey: StorageKey { typealias Value = SignedIn }

    /// The signed-in person, if any.
    var signedIn: SignedIn? {
        get { storage[SignedInKey.self] }
        set { storage[SignedInKey.self] = newValue }
    }

    /// The actor the permission policy judges: the signed-in person, or anonymous.
    var actor: Actor { signedIn?.actor ?? .anonymous }

    /// Throws 403 (or sends to sign-in) unless the policy allows the action.
    func require(_ action: Action) throws {
        switch alongside.policy.decide(action, for: actor) {
        case .allowed: return
        case .denied(let reason):
            if signedIn == nil { throw SignInRequired() }
            throw Abort(.forbidden, reason: reason)
        }
    }

    /// Throws unless the policy allows at least one of the actions (with the first one's refusal): for a form
    /// whose action depends on what was sent, checked before the form is read, so a refusal never depends on it.
    func require(anyOf actions: [Action]) throws {
        guard let first = actions.first, !actions.contains(where: { alongside.policy.allows($0, for: actor) }) else { return }
        try require(first)
    }

    /// The signed-in person, or a redirect to sign in.
    func requireSignedIn() throws -> SignedIn {
        guard let signedIn else { throw SignInRequired() }
        return signedIn
    }

    /// The page or API this request came through, as the audit log records it.
    var channel: String { "\(method.rawValue) \(url.path)" }

    /// The client's address. Behind a load balancer (`ALONGSIDE_BEHIND_PROXY=true`) it is the last address in
    /// X-Forwarded-For, the one the proxy itself added; otherwise the connection's, since anyone can write the
    /// header and so dodge the per-address sign-in limit.
    var clientAddress: String {
        if alongside.configuration.behindProxy,
           let last = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last {
            return last.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Thrown where a page needs someone signed in; pages answer with a redirect, the API with 401.
struct SignInRequired: Error {}
