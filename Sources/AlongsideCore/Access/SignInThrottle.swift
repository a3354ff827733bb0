import Foundation

/// How many failed sign-ins are allowed before Alongside asks someone to wait. Counted in the database so
/// that every app server sees the same numbers.
public struct SignInThrottle: Sendable {
    /// How far back failed attempts count.
    public var window: TimeInterval = 15 * 60
    /// Failed attempts for one account from one network address within the window before that pair is paused.
    public var perAccount = 5
    /// Failed attempts from one network address within the window before it is paused.
    public var perAddress = 20

    public init() {}

    /// Whether another attempt may be made, given the failures already counted in the window.
    public func decide(failuresForAccount: Int, failuresFromAddress: Int) -> Decision {
        if failuresForAccount >= perAccount {
            return .denied("Too many attempts to sign in to this account. Wait 15 minutes, or reset your password.")
        }
        if failuresFromAddress >= perAddress {
            return .denied("Too many attempts to sign in from your network. Wait 15 minutes and try again.")
        }
        return .allowed
    }
}
