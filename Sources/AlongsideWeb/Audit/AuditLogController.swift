import AlongsideCore
import AlongsideStore
import Vapor

/// Administrators search the audit log.
struct AuditLogController: RouteCollection {
    struct Filters: Content { var email: String?; var action: String?; var from: String?; var to: String? }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.adminAudit.pathComponents, use: search)
    }

    func search(_ request: Request) async throws -> Response {
        try request.require(.searchAuditLog)
        let filters = try request.query.decode(Filters.self)
        var model = AuditLogPage.Model(email: filters.email ?? "", action: filters.action ?? "", from: filters.from ?? "", to: filters.to ?? "")
        var query = AuditQuery()
        var v = FieldChecks()
        if let raw = filters.email, !raw.trimmed.isEmpty, let email = v.check({ try EmailAddress(raw) }) {
            if let account = try await request.alongside.accounts.account(email: email, on: request.db) {
                query.personID = account.$person.id
            } else {
                v.add("email", "No account uses this email address")
            }
        }
        if let raw = filters.action, !raw.isEmpty {
            if let action = AuditAction(rawValue: raw) { query.action = action } else { v.add("action", "Choose what was done from the list") }
        }
        query.from = v.check { try Self.date(filters.from, field: "from") } ?? nil
        query.to = (v.check { try Self.date(filters.to, field: "to") } ?? nil)?.addingTimeInterval(24 * 3600)
        model.errors = v.errors
        if v.errors.isEmpty {
            let events = try await request.alongside.audit.search(query, on: request.db)
            model.rows = events.map {
                AuditLogPage.Row(when: AccountPages.when($0.occurredAt), who: $0.actorName, whose: $0.subjectName ?? "—",
                                 what: $0.action?.sentence(who: $0.actorName, whose: $0.subjectName) ?? "\($0.actorName): \($0.actionCode)",
                                 channel: ChannelNames.describe($0.channel), detail: $0.detail)
            }
        }
        return AuditLogPage.render(model, PageContext(request, title: "Audit log"))
            .response(status: v.errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// A `YYYY-MM-DD` date at midnight UK time, or nil when left empty.
    static func date(_ raw: String?, field: String) throws -> Date? {
        guard let raw = raw?.trimmed, !raw.isEmpty else { return nil }
        guard let date = UKDates.parseISODay(raw) else { throw FieldError(field, "Enter a real date, like 2026-11-01") }
        return date
    }
}
