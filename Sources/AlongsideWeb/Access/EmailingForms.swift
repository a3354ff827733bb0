import AlongsideCore
import AlongsideStore
import Vapor

/// The forms anyone may send that email someone (registering, a forgotten password): each network address
/// may send them only so often, counted in the database so every app server sees the same numbers.
enum EmailingForms {
    /// Why this address must wait before sending `form` again, or nil (and this sending is counted).
    static func refusal(_ form: String, field: String, _ request: Request) async throws -> FieldError? {
        let limit = PublicFormLimit.emailing
        let submissions = PublicSubmissions()
        let recent = try await submissions.count(form: form, address: request.clientAddress,
                                                 since: request.now.addingTimeInterval(-limit.window), on: request.db)
        if case .denied(let reason) = limit.decideEmailing(recentFromAddress: recent) { return FieldError(field, reason) }
        try await submissions.record(form: form, address: request.clientAddress, at: request.now, on: request.db)
        return nil
    }
}
