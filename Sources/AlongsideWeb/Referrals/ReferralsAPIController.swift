import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Referrals through the JSON API: the same rules and permissions as the pages. A POST carrying an
/// `Idempotency-Key` header gets its first answer back when retried.
struct ReferralsAPIController: RouteCollection {
    struct TransitionDTO: Decodable {
        var to: String?
        var outcome: String?
        var reason: String?
    }

    struct ContactDTO: Decodable {
        var way: String?
        var minutes: Int?
        var reached: Bool?
        var notes: String?
        var happened_at: String?
    }

    struct MoveDTO: Content {
        let to: String
        let from: String?
        let outcome: String?
        let reason: String?
        let at: Date
    }

    struct CodeDTO: Content {
        let system: String
        let code: String
        let display: String
        let recorded_at: Date
    }

    struct ReferralDTO: Content {
        let id: String
        /// The person referred: their plan and measures are under /api/v1/people/{person_id}.
        let person_id: String
        let stage: String
        let outcome: String?
        let given_name: String
        let family_name: String
        let needs: [String]
        /// What a place must have for the person to use it.
        let access_needs: [String]
        let referred_by: String
        let assigned_to: String?
        let created_at: Date
        let allowed_moves: [String]
        let moves: [MoveDTO]?
        let codes: [CodeDTO]?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.apiReferrals.pathComponents, use: create)
        routes.get(SiteURL.apiReferral(UUID()).pathComponents, use: read)
        routes.post(SiteURL.apiReferralTransitions(UUID()).pathComponents, use: transition)
        routes.post(SiteURL.apiReferralContacts(UUID()).pathComponents, use: contact)
        routes.post(SiteURL.apiCommunityReferrals(UUID()).pathComponents, use: sendToCommunity)
        routes.post(SiteURL.apiCommunityResponse(UUID()).pathComponents, use: communityResponse)
    }

    struct CommunityRequestDTO: Decodable {
        var service_id: UUID?
        var hopes: String?
        var access_needs: String?
        var confirm_full: Bool?
    }

    struct CommunityResponseDTO: Decodable {
        var response: String?
        var reason: String?
        var note: String?
        var attendance: String?
        var session_on: String?
        var came: Bool?
    }

    struct CommunityReferralDTO: Content {
        let id: String
        let referral_id: String
        let service_id: String
        let service_name: String
        let status: String
        let decline_reason: String?
        let sent_at: Date
        let answered_at: Date?
    }

    static func dto(_ c: CommunityReferralRecord) -> CommunityReferralDTO {
        CommunityReferralDTO(id: c.id!.uuidString.lowercased(), referral_id: c.referralID.uuidString.lowercased(),
                             service_id: c.serviceID.uuidString.lowercased(), service_name: c.serviceName, status: c.status,
                             decline_reason: c.declineReason, sent_at: c.sentAt, answered_at: c.answeredAt)
    }

    func sendToCommunity(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let r = try await referral(request)
        try request.require(.workOnReferral(r.access))
        let body = try Self.body(request, CommunityRequestDTO.self)
        guard let serviceID = body.service_id else {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "Give the service_id of a service in the directory", field: "service_id")
        }
        return try await Self.idempotent(request) { db in
            let sent = try await CommunityReferrals().send(from: r.id!, to: serviceID, hopes: body.hopes ?? "", accessNeeds: body.access_needs,
                                                           confirmFull: body.confirm_full ?? false, by: me.personID, now: request.now, on: db)
            return try Self.json(Self.dto(sent), status: .created)
        }
    }

    func communityResponse(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text),
              let c = try await CommunityReferrals().find(id, on: request.db)
        else { throw APIError.notFound("There is no community referral with this id.") }
        guard request.alongside.policy.allows(.recordAttendance(ofOrganisation: c.organisationID), for: request.actor) else {
            throw APIError(status: .forbidden, code: "forbidden", message: "This referral was not sent to your organisation.")
        }
        let body = try Self.body(request, CommunityResponseDTO.self)
        if body.response == "session" {
            let came = body.came.map { $0 ? "yes" : "no" }
            return try await Self.idempotent(request) { db in
                try await CommunityReferrals().mark(id, day: body.session_on, came: came, by: me.personID, now: request.now, on: db)
                return try Self.json(Self.dto(try await CommunityReferrals().find(id, on: db)!), status: .ok)
            }
        }
        let response = try CommunityReferralsController.response(.init(response: body.response, reason: body.reason, note: body.note,
                                                                        attendance: body.attendance))
        return try await Self.idempotent(request) { db in
            try await CommunityReferrals().respond(id, response, by: me.personID, now: request.now, on: db)
            return try Self.json(Self.dto(try await CommunityReferrals().find(id, on: db)!), status: .ok)
        }
    }

    static func dto(_ r: ReferralRecord, episode: Episode? = nil) -> ReferralDTO {
        ReferralDTO(id: r.id!.uuidString.lowercased(), person_id: r.personID.uuidString.lowercased(), stage: r.stage, outcome: r.outcome, given_name: r.givenName, family_name: r.familyName,
                    needs: r.needList.map(\.rawValue), access_needs: r.accessNeedList.map(\.rawValue), referred_by: r.referrerName, assigned_to: r.assignedTo?.uuidString.lowercased(), created_at: r.createdAt,
                    allowed_moves: EpisodeLifecycle.allowedMoves(from: r.currentStage).map(\.rawValue),
                    moves: episode?.moves.map { MoveDTO(to: $0.toStage, from: $0.fromStage, outcome: $0.outcome, reason: $0.reason, at: $0.movedAt) },
                    codes: episode?.codes.map { CodeDTO(system: "http://snomed.info/sct", code: $0.code, display: $0.display, recorded_at: $0.recordedAt) })
    }

    /// Runs `act` once for this caller's Idempotency-Key, in one transaction with the key's claim: a retry of
    /// the same request gets the first answer back; the same key on another method, path or body is a 422.
    /// `act` must do all its database work on the database it is given.
    static func idempotent(_ request: Request, _ act: @escaping @Sendable (any Database) async throws -> Response) async throws -> Response {
        guard let key = request.headers.first(name: "Idempotency-Key")?.trimmed, !key.isEmpty else { return try await act(request.db) }
        guard key.count <= 200 else {
            throw APIError(status: .badRequest, code: "bad_request", message: "The Idempotency-Key header must be 200 characters or fewer.")
        }
        let me = try request.requireSignedIn()
        var body = request.body.data ?? ByteBuffer()
        let digest = SHA256.hash(data: body.readBytes(length: body.readableBytes) ?? [])
        let fingerprint = "\(request.method.rawValue) \(request.url.path) " + digest.map { String(format: "%02x", $0) }.joined()
        do {
            let kept = try await IdempotencyKeys().once(key: key, caller: me.accountID, request: fingerprint, now: request.now, on: request.db) { db in
                let response = try await act(db)
                return .init(status: Int(response.status.code), body: response.body.buffer.map { Data(buffer: $0) } ?? Data())
            }
            return stored(kept)
        } catch is IdempotencyKeys.KeyReused {
            throw APIError(status: .unprocessableEntity, code: "idempotency_key_reused",
                           message: "This Idempotency-Key was already used for a different request. Use a new key for each new request.",
                           field: "Idempotency-Key")
        }
    }

    static func stored(_ answer: IdempotencyKeys.Answer) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: HTTPStatus(statusCode: answer.status), headers: headers, body: .init(data: answer.body))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPStatus) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: try encoder.encode(value)))
    }

    static func body<T: Decodable>(_ request: Request, _ type: T.Type) throws -> T {
        guard request.headers.contentType == .json else {
            throw APIError(status: .unsupportedMediaType, code: "unsupported_media_type", message: "Send the body as JSON with Content-Type: application/json.")
        }
        do { return try request.content.decode(type) } catch {
            throw APIError(status: .badRequest, code: "bad_request", message: "The body could not be read: check it is a JSON object with the documented fields.")
        }
    }

    func create(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let body = try Self.body(request, ReferralForm.self)
        let source = ReferralsController.source(me)
        let personID: UUID? = source == .selfReferral ? me.personID : nil
        try request.require(.referSomeone(person: personID ?? UUID()))
        return try await Self.idempotent(request) { db in
            let details = body.details(source: source)
            if let unknown = (body.needs ?? []).first(where: { Need(rawValue: $0) == nil }) {
                throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"\(unknown)\" is not a need: use one of "
                               + Need.allCases.map(\.rawValue).joined(separator: ", "), field: "needs")
            }
            if let unknown = (body.access_needs ?? []).first(where: { AccessibilityFeature(rawValue: $0) == nil }) {
                throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"\(unknown)\" is not an access need: use one of "
                               + AccessibilityFeature.allCases.map(\.rawValue).joined(separator: ", "), field: "access_needs")
            }
            let checked = try await ReferralsController.checked(details, request, also: body.unchosen(asksGPSharing: ReferralsController.refersOthers(me)), on: db)
            let made = try await Referrals().create(checked, personID: personID, referredBy: me.personID, referrerName: me.name,
                                                    gpSharing: body.gp_sharing ?? "all", submissionKey: "api:" + UUID().uuidString,
                                                    now: request.now, on: db)
            return try Self.json(Self.dto(made.referral), status: .created)
        }
    }

    private func referral(_ request: Request) async throws -> ReferralRecord {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text),
              let referral = try await Referrals().find(id, on: request.db)
        else { throw APIError.notFound("There is no referral with this id.") }
        return referral
    }

    func read(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        let r = try await referral(request)
        try request.require(.readReferral(r.access))
        try await request.audit(.viewedReferral, about: r.personID)
        let works = request.alongside.policy.allows(.workOnReferral(r.access), for: request.actor)
        let episode = works ? try await Referrals().episode(r.id!, on: request.db) : nil
        return try Self.json(Self.dto(r, episode: episode), status: .ok)
    }

    func transition(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let r = try await referral(request)
        try request.require(anyOf: [.workOnReferral(r.access), .declineOrWithdrawReferral(r.access)])
        let body = try Self.body(request, TransitionDTO.self)
        guard let to = body.to.flatMap(EpisodeStage.init(rawValue:)) else {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"to\" must be one of "
                           + EpisodeStage.allCases.map(\.rawValue).joined(separator: ", "), field: "to")
        }
        try request.require(r.access.action(movingTo: to))
        if let outcome = body.outcome, ClosureOutcome(rawValue: outcome) == nil {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"outcome\" must be one of "
                           + ClosureOutcome.allCases.map(\.rawValue).joined(separator: ", "), field: "outcome")
        }
        return try await Self.idempotent(request) { db in
            do {
                let moved = try await Referrals().move(r.id!, EpisodeMove(to: to, outcome: body.outcome.flatMap(ClosureOutcome.init(rawValue:)), reason: body.reason),
                                                       by: me.personID, now: request.now, on: db)
                return try Self.json(Self.dto(moved, episode: try await Referrals().episode(r.id!, on: db)), status: .ok)
            } catch let refused as MoveRefused {
                if let field = refused.field { throw APIError(status: .unprocessableEntity, code: "invalid", message: refused.message, field: field) }
                throw APIError(status: .conflict, code: "move_not_allowed", message: refused.message, allowed: refused.allowed.map(\.rawValue))
            }
        }
    }

    func contact(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let r = try await referral(request)
        try request.require(.workOnReferral(r.access))
        let body = try Self.body(request, ContactDTO.self)
        guard let way = body.way.flatMap(ContactWay.init(rawValue:)) else {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"way\" must be one of "
                           + ContactWay.allCases.map(\.rawValue).joined(separator: ", "), field: "way")
        }
        // Whether they spoke is a fact only the sender knows: it is never assumed.
        guard let reached = body.reached else {
            throw APIError(status: .unprocessableEntity, code: "invalid",
                           message: "\"reached\" must be true (you spoke with them) or false (an attempt that did not reach them)", field: "reached")
        }
        let happenedAt = try body.happened_at.map { text in
            guard let when = ContactLog.happenedAt(text, referredAt: r.createdAt, now: request.now) else {
                throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"happened_at\" must be a real date and time with its zone, "
                               + "like 2026-11-01T10:00:00Z, between when the referral was made and now", field: "happened_at")
            }
            return when
        } ?? request.now
        return try await Self.idempotent(request) { db in
            try await Referrals().logContact(r.id!, ContactLog(happenedAt: happenedAt, way: way, minutes: body.minutes,
                                                               reached: reached, notes: body.notes ?? ""),
                                             by: me.personID, now: request.now, on: db)
            let episode = try await Referrals().episode(r.id!, on: db)
            return try Self.json(Self.dto(episode?.referral ?? r, episode: episode), status: .created)
        }
    }
}
