import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The time bank through `/api/v1/timebank`: members, accounts, statements and exchanges.
struct TimeBankAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(TimeBankURL.apiMembers.pathComponents, use: addMember)
        routes.get(TimeBankURL.apiAccount(UUID()).pathComponents, use: account)
        routes.get(TimeBankURL.apiStatement(UUID()).pathComponents, use: statement)
        routes.post(TimeBankURL.apiExchanges.pathComponents, use: record)
        routes.post(TimeBankURL.apiConfirm(UUID()).pathComponents, use: confirm)
    }

    struct MemberBody: Decodable { var person_id: String? }
    struct MemberDTO: Content { let person_id: String; let status: String }
    struct AccountDTO: Content { let person_id: String; let status: String; let balance_minutes: Int; let lowest_balance_minutes: Int }
    struct EntryDTO: Content { let transfer_id: String; let minutes: Int; let balance_after: Int; let at: Date; let kind: String; let note: String }
    struct StatementDTO: Content { let person_id: String; let balance_minutes: Int; let entries: [EntryDTO] }
    struct ExchangeBody: Decodable { var with: String?; var minutes: Int?; var direction: String?; var note: String?; var from: String?; var to: String? }
    struct ExchangeDTO: Content {
        let id: String; let payer_id: String; let receiver_id: String; let minutes: Int; let note: String; let status: String; let transfer_id: String?
    }

    static func dto(_ x: ExchangeView) -> ExchangeDTO {
        ExchangeDTO(id: x.id.uuidString.lowercased(), payer_id: x.payerID.uuidString.lowercased(), receiver_id: x.receiverID.uuidString.lowercased(),
                    minutes: x.minutes, note: x.note, status: x.status.rawValue, transfer_id: x.transferID?.uuidString.lowercased())
    }

    static func id(_ request: Request) throws -> UUID {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else { throw APIError.notFound("There is nothing with this id.") }
        return id
    }

    /// A coordinator adds a member at once; a person naming themselves asks to join and waits for a coordinator.
    func addMember(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let body = try ReferralsAPIController.body(request, MemberBody.self)
        guard let person = body.person_id.flatMap(UUID.init(uuidString:)) else {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "Send \"person_id\": the id of the person to add.", field: "person_id")
        }
        let coordinator = request.alongside.policy.allows(.coordinateTimeBank, for: request.actor)
        if person == me.personID && !coordinator {
            try request.require(.joinTimeBank)
            let status = try await TimeBank().ask(person: person, now: request.now, on: request.db)
            return try ReferralsAPIController.json(MemberDTO(person_id: person.uuidString.lowercased(), status: status.rawValue), status: .accepted)
        }
        try request.require(.coordinateTimeBank)
        do { try await TimeBank().approve(person: person, by: me.personID, now: request.now, on: request.db) } catch is TimeBankNotFound {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "There is no person with this id.", field: "person_id")
        }
        return try ReferralsAPIController.json(MemberDTO(person_id: person.uuidString.lowercased(), status: MembershipStatus.active.rawValue), status: .created)
    }

    func account(_ request: Request) async throws -> Response {
        let person = try Self.id(request)
        try request.require(.readTimeBankAccount(of: person))
        guard let m = try await TimeBank().membership(of: person, on: request.db) else { throw APIError.notFound("This person is not in the time bank.") }
        // An organisation's account is no one's personal record.
        if try await !TimeBank().isOrganisation(person, on: request.db) { try await request.audit(.viewedTimeAccount, about: person) }
        return try ReferralsAPIController.json(AccountDTO(person_id: person.uuidString.lowercased(), status: m.status.rawValue, balance_minutes: m.balance,
                                                          lowest_balance_minutes: m.lowestBalance), status: .ok)
    }

    func statement(_ request: Request) async throws -> Response {
        let person = try Self.id(request)
        try request.require(.readTimeBankAccount(of: person))
        guard try await TimeBank().membership(of: person, on: request.db) != nil else { throw APIError.notFound("This person is not in the time bank.") }
        let s = try await TimeBank().statement(of: person, on: request.db)
        // An organisation's account is no one's personal record.
        if try await !TimeBank().isOrganisation(person, on: request.db) { try await request.audit(.viewedTimeAccount, about: person) }
        return try ReferralsAPIController.json(StatementDTO(
            person_id: person.uuidString.lowercased(), balance_minutes: s.balance,
            entries: s.lines.map { EntryDTO(transfer_id: $0.transferID.uuidString.lowercased(), minutes: $0.minutes, balance_after: $0.balanceAfter, at: $0.at,
                                            kind: $0.kind.rawValue, note: $0.note) }), status: .ok)
    }

    /// A member records an exchange with another (waiting for them); a coordinator sending `from` and `to` records it confirmed.
    func record(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let body = try ReferralsAPIController.body(request, ExchangeBody.self)
        let coordinator = request.alongside.policy.allows(.coordinateTimeBank, for: request.actor)
        if coordinator && (body.from != nil || body.to != nil) {
            var checks = FieldChecks()
            let from = checks.check { () throws -> UUID in
                guard let id = body.from.flatMap(UUID.init(uuidString:)) else { throw FieldError("from", "Send \"from\": the member who had the help and pays") }
                return id
            }
            let to = checks.check { () throws -> UUID in
                guard let id = body.to.flatMap(UUID.init(uuidString:)) else { throw FieldError("to", "Send \"to\": the member who gave the help and is credited") }
                return id
            }
            let minutes = checks.check { try TimeBankMinutes.parse(body.minutes.map(String.init), field: "minutes") }
            let note = checks.check { try Text.required(body.note, field: "note", label: "what the time was for", maxLength: 500) }
            try checks.finish()
            return try await ReferralsAPIController.idempotent(request) { db in
                let made = try await Self.refusing { try await TimeBank().recordForMembers(payer: from!, receiver: to!, minutes: minutes!, note: note!, by: me.personID, now: request.now, on: db) }
                return try ReferralsAPIController.json(Self.dto(try await TimeBank().exchange(made.exchange, for: me.personID, anyone: true, on: db)), status: .created)
            }
        }
        try request.require(.exchangeTime(activeMember: try await TimeBank().isActive(me.personID, on: request.db)))
        let draft = try ExchangeDraft.from(with: body.with, minutes: body.minutes.map(String.init), direction: body.direction, note: body.note, me: me.personID)
        return try await ReferralsAPIController.idempotent(request) { db in
            let id = try await Self.refusing { try await TimeBank().record(draft, by: me.personID, now: request.now, on: db) }
            return try ReferralsAPIController.json(Self.dto(try await TimeBank().exchange(id, for: me.personID, anyone: false, on: db)), status: .created)
        }
    }

    func confirm(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try Self.id(request)
        try request.require(.exchangeTime(activeMember: try await TimeBank().isActive(me.personID, on: request.db)))
        do {
            try await TimeBank().confirm(id, by: me.personID, now: request.now, on: request.db)
        } catch is TimeBankNotFound {
            throw APIError.notFound("There is no such exchange of yours.")
        } catch let refused as TimeBankRefused {
            throw APIError(status: .conflict, code: "refused", message: refused.message, field: refused.field == "form" ? nil : refused.field)
        }
        return try ReferralsAPIController.json(Self.dto(try await TimeBank().exchange(id, for: me.personID, anyone: false, on: request.db)), status: .ok)
    }

    /// A refusal from the bank as a 422 (bad input) or 409 (the limit, or a member not active just now).
    static func refusing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let refused as TimeBankRefused {
            throw APIError(status: refused.field == "minutes" ? .conflict : .unprocessableEntity, code: refused.field == "minutes" ? "limit" : "invalid",
                           message: refused.message, field: refused.field)
        } catch is TimeBankNotFound {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "Name members of the time bank.", field: "with")
        }
    }
}
