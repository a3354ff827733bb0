import Foundation

/// How long the single-use links and sessions Alongside hands out stay valid.
public enum TokenLifetimes {
    /// A staff invitation link.
    public static let invitation: TimeInterval = 7 * 24 * 3600
    /// The link that finishes a resident's registration.
    public static let registration: TimeInterval = 24 * 3600
    /// A password reset link.
    public static let passwordReset: TimeInterval = 2 * 3600
    /// A signed-in browser session, renewed while in use.
    public static let browserSession: TimeInterval = 12 * 3600
    /// An API token from `POST /api/v1/sessions`.
    public static let apiToken: TimeInterval = 24 * 3600

    /// Why a single-use link cannot be used, if it cannot.
    public static func problem(expiresAt: Date, usedAt: Date?, now: Date, what: String) -> String? {
        if usedAt != nil { return "This \(what) link has already been used. Ask for a new one." }
        if expiresAt <= now { return "This \(what) link has expired. Ask for a new one." }
        return nil
    }
}
