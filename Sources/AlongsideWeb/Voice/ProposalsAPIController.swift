import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Proposals through `/api/v1`: the same rules as the pages (ProposalsController), in JSON.
struct ProposalsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(VoiceAPIURL.proposals.pathComponents, use: create)
        routes.get(VoiceAPIURL.proposal(UUID()).pathComponents, use: show)
        routes.post(VoiceAPIURL.support(UUID()).pathComponents, use: support)
        routes.delete(VoiceAPIURL.support(UUID()).pathComponents, use: withdraw)
        routes.post(VoiceAPIURL.answer(UUID()).pathComponents, use: answer)
        routes.get(VoiceAPIURL.call(UUID()).pathComponents, use: call)
    }

    struct ProposalBody: Decodable {
        var title: String?
        var body: String?
        var ward: String?
        var category: String?
        var notify: Bool?
        var call_id: String?
    }

    struct AnswerBody: Decodable {
        var kind: String?
        var reasons: String?
        var new_due: String?
        var service_id: String?
    }

    struct WardCount: Content { let ward: String; let ward_name: String; let supports: Int }
    struct AnswerDTO: Content { let kind: String; let reasons: String; let new_due: String?; let service_id: String?; let at: Date }
    struct ProposalDTO: Content {
        let id: String
        let title: String
        let body: String
        let ward: String?
        let place: String
        let category: String
        let state: String
        let supports: Int
        let supports_by_ward: [WardCount]
        let answer_due_by: String?
        let overdue: Bool
        let on_board_agenda: Bool
        let created_at: Date
        let answers: [AnswerDTO]
        let call_id: String?
    }
    struct CallDTO: Content {
        let id: String
        let title: String
        let body: String
        let ward: String?
        let place: String
        let category: String
        let closes_on: String
        let open: Bool
        let need: String?
        let answered: Int
        let published: [String]
        let opened_at: Date
    }
    struct SupportsDTO: Content { let supports: Int }

    static func dto(_ view: ProposalView, _ places: ProposalsController.Places) -> ProposalDTO {
        ProposalDTO(
            id: view.id.uuidString.lowercased(), title: view.title, body: view.standing.state == .hidden ? "" : view.body, ward: view.ward,
            place: view.ward.map { places.ward(of: $0) } ?? "The whole place", category: view.category, state: view.standing.state.rawValue,
            supports: view.supports,
            supports_by_ward: view.supportsByWard.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { WardCount(ward: $0.key, ward_name: places.ward(of: $0.key), supports: $0.value) },
            answer_due_by: view.standing.answerDue, overdue: view.standing.overdue, on_board_agenda: view.standing.onBoardAgenda,
            created_at: view.createdAt,
            answers: view.answers.map { a in
                var newDue: String?, service: String?
                switch a.answer {
                case .underConsideration(_, let due): newDue = due
                case .alreadyHappening(let id, _): service = id.uuidString.lowercased()
                default: break
                }
                return AnswerDTO(kind: a.answer.kind.rawValue, reasons: a.answer.reasons, new_due: newDue, service_id: service, at: a.at)
            },
            call_id: view.callID?.uuidString.lowercased())
    }

    func view(_ id: UUID, _ request: Request, on db: any Database) async throws -> Response {
        guard let view = try await Proposals().view(id, thresholds: try await VoiceSettings().thresholds(on: db), today: request.now, on: db) else {
            throw APIError.notFound("There is no proposal with this id.")
        }
        return try ReferralsAPIController.json(Self.dto(view, try await ProposalsController.places(request)), status: .ok)
    }

    func show(_ request: Request) async throws -> Response {
        try await view(try Self.id(request), request, on: request.db)
    }

    func create(_ request: Request) async throws -> Response {
        let me = try await ProposalsController.requireResident(request)
        let body = try ReferralsAPIController.body(request, ProposalBody.self)
        let places = try await ProposalsController.places(request)
        // In answer to a call: the call's ward and category, whatever else the body says.
        let call: ProposalCallView?
        do {
            call = try await ProposalCallsController.openCall(body.call_id, request, field: "call_id")
        } catch let closed as ProposalCallsController.CallClosed {
            throw closed.failure
        }
        let draft = try ProposalDraft(title: body.title ?? "", body: body.body ?? "", ward: call.map { $0.ward ?? ProposalDraft.wholePlace } ?? body.ward,
                                      category: call?.category ?? body.category ?? "")
            .validated(wards: Set(places.wards.map(\.code)), categories: Set(places.categories.map(\.code)))
        let thresholds = try await ProposalsController.thresholds(request)
        return try await ReferralsAPIController.idempotent(request) { db in
            let id: UUID
            do {
                id = try await ProposalCallsController.answering(field: "call_id") {
                    try await Proposals().create(draft, author: me.personID, notify: body.notify ?? false, call: call?.id, now: request.now, on: db)
                }
            } catch let closed as ProposalCallsController.CallClosed {
                throw closed.failure
            }
            guard let view = try await Proposals().view(id, thresholds: thresholds, today: request.now, on: db) else {
                throw APIError.notFound("The proposal could not be read back.")
            }
            return try ReferralsAPIController.json(Self.dto(view, places), status: .created)
        }
    }

    func support(_ request: Request) async throws -> Response {
        let me = try await ProposalsController.requireResident(request)
        let id = try Self.id(request)
        let thresholds = try await ProposalsController.thresholds(request)
        let count = try await Self.refusals { try await Proposals().support(id, by: me.personID, thresholds: thresholds, now: request.now, on: request.db) }
        return try ReferralsAPIController.json(SupportsDTO(supports: count), status: .ok)
    }

    func withdraw(_ request: Request) async throws -> Response {
        let me = try await ProposalsController.requireResident(request)
        let id = try Self.id(request)
        let count = try await Self.refusals { try await Proposals().withdraw(id, by: me.personID, on: request.db) }
        return try ReferralsAPIController.json(SupportsDTO(supports: count), status: .ok)
    }

    func answer(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.answerProposal)
        let id = try Self.id(request)
        let body = try ReferralsAPIController.body(request, AnswerBody.self)
        let answer = try ProposalAnswer.from(kind: body.kind, reasons: body.reasons, newDue: body.new_due, service: body.service_id, today: request.now)
        _ = try await Self.refusals {
            try await Proposals().answer(id, answer, organisation: nil, by: me.personID, now: request.now,
                                         email: ProposalsController.answerEmail(answer, id, request), on: request.db)
            return 0
        }
        return try await view(id, request, on: request.db)
    }

    func call(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)), let call = try await ProposalCalls().find(id, on: request.db) else {
            throw APIError.notFound("There is no call for proposals with this id.")
        }
        let places = try await ProposalsController.places(request)
        let published = try await Proposals().listed(inAnswerTo: id, thresholds: try await ProposalsController.thresholds(request), today: request.now,
                                                     on: request.db)
        return try ReferralsAPIController.json(CallDTO(
            id: call.id.uuidString.lowercased(), title: call.title, body: call.body, ward: call.ward,
            place: call.ward.map { places.ward(of: $0) } ?? "The whole place", category: call.category, closes_on: call.closesOn,
            open: call.isOpen(today: request.now), need: call.need?.rawValue, answered: call.answered,
            published: published.map { $0.id.uuidString.lowercased() }, opened_at: call.openedAt), status: .ok)
    }

    /// A store refusal as the API says it: 404 for no such proposal, 409 for a rule that stops it, naming the field.
    static func refusals(_ act: () async throws -> Int) async throws -> Int {
        do { return try await act() } catch is ProposalNotFound {
            throw APIError.notFound("There is no proposal with this id.")
        } catch let refused as ProposalRefused {
            throw APIError(status: .conflict, code: "refused", message: refused.message, field: refused.field)
        }
    }

    static func id(_ request: Request) throws -> UUID {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else { throw APIError.notFound("There is no proposal with this id.") }
        return id
    }
}

/// The voice area's API addresses.
enum VoiceAPIURL {
    case proposals, proposal(UUID), support(UUID), answer(UUID), call(UUID)

    var path: String {
        switch self {
        case .proposals: "/api/v1/proposals"
        case .proposal(let id): "/api/v1/proposals/" + id.uuidString.lowercased()
        case .support(let id): "/api/v1/proposals/" + id.uuidString.lowercased() + "/support"
        case .answer(let id): "/api/v1/proposals/" + id.uuidString.lowercased() + "/answer"
        case .call(let id): "/api/v1/proposal-calls/" + id.uuidString.lowercased()
        }
    }

    var pathComponents: [PathComponent] { VoiceURL.routeParts(path) }
}
