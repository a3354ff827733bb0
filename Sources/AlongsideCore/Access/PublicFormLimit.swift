import Foundation

/// How many times one network address may send a public form (asking for a link worker without an account)
/// before being asked to wait. Counted in the database so every app server sees the same numbers.
public struct PublicFormLimit: Sendable {
    /// How far back submissions count.
    public var window: TimeInterval = 60 * 60
    /// Submissions from one address within the window. A family or a library computer may send a few.
    public var perAddress = 5

    public init() {}

    /// Emails one form may send to one address within the window (registering, resetting a password): enough
    /// for someone whose first email went astray, too few to fill anybody's inbox.
    public var emailsPerRecipient = 3

    /// For the forms that send an email (registering, a password reset): one network address may send more
    /// of them, as a whole office may reset passwords on one morning.
    public static let emailing = PublicFormLimit(perAddress: 20)

    public init(perAddress: Int) { self.perAddress = perAddress }

    /// Whether another email of one kind may go to an address that has had `recentToRecipient` in the window.
    /// When it may not, the form answers the same as ever and sends nothing, so it says nothing about accounts.
    public func mayEmail(recentToRecipient: Int) -> Bool { recentToRecipient < emailsPerRecipient }

    /// The same limit for a form that sends an email, with words for it.
    public func decideEmailing(recentFromAddress: Int) -> Decision {
        recentFromAddress >= perAddress
            ? .denied("Several requests have come from your network in the last hour. Wait an hour and try again.")
            : .allowed
    }

    public func decide(recentFromAddress: Int) -> Decision {
        recentFromAddress >= perAddress
            ? .denied("Several requests have come from your network in the last hour. Wait an hour and try again, or ask your GP practice to refer you.")
            : .allowed
    }
}
