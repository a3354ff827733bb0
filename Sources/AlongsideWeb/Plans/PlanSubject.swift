import AlongsideCore
import AlongsideStore
import Vapor

/// The person whose plan, measures or caring details an address is about (`/people/:id/…`), and who has a
/// reason to see them. Pages and APIs for plans, measures and carers all start here.
struct PlanSubject: Sendable {
    let person: PersonRecord
    let access: PlanAccess
    let me: SignedIn

    var id: UUID { person.id! }
    var isMe: Bool { me.personID == id }
    /// "your" for the person themselves, "Margaret Hodgson's" for anyone else.
    var whose: String { isMe ? "your" : person.fullName + "'s" }
    var whoseTitle: String { isMe ? "My" : person.fullName + "'s" }
}

extension Request {
    /// The person in the address, after checking the signed-in person may do `action` for them: 404 when there
    /// is nobody at the address, 403 (or sign in first) when the viewer has no reason to see them.
    func planSubject(_ action: (PlanAccess) -> Action) async throws -> PlanSubject {
        let me = try requireSignedIn()
        guard let text = parameters.get("id"), let id = UUID(uuidString: text), let person = try await PersonRecord.find(id, on: db) else {
            throw Abort(.notFound, reason: "There is nobody at this address.")
        }
        let access = try await Plans().access(for: id, on: db)
        try require(action(access))
        return PlanSubject(person: person, access: access, me: me)
    }
}
