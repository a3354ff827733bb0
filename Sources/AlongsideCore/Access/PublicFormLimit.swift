import Foundation

/// How many times one network address may send a public form (asking for a link worker without an account)
/// before being asked to wait. Counted in the database so every app server sees the same numbers.
public struct PublicFormLimit: Sendable {
    /// How far back submissions count.
    public var window: TimeInterval = 60 * 60
    /// Submissions from one address within the window. A family or a library computer may send a few.
    public var perAddress = 5

    public init() {}

    public func decide(recentFromAddress: Int) -> Decision {
        recentFromAddress >= perAddress
            ? .denied("Several requests have come from your network in the last hour. Wait an hour and try again, or ask your GP practice to refer you.")
            : .allowed
    }
}
