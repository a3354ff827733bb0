import Foundation

/// Who is asking: the signed-in person (or nobody) with their roles.
public struct Actor: Sendable, Equatable {
    /// The account's person, if signed in.
    public let personID: UUID?
    public let roles: Set<Role>
    /// Organisations the person is a member of (for the organisation member role).
    public let organisationIDs: Set<UUID>

    public init(personID: UUID?, roles: Set<Role>, organisationIDs: Set<UUID> = []) {
        self.personID = personID
        self.roles = roles
        self.organisationIDs = organisationIDs
    }

    /// Someone who has not signed in.
    public static let anonymous = Actor(personID: nil, roles: [])

    public var isSignedIn: Bool { personID != nil }

    public func has(_ role: Role) -> Bool { roles.contains(role) }
}
