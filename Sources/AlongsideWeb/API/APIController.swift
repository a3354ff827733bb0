import AlongsideCore
import AlongsideStore
import Vapor

/// The JSON API beside the pages: health, tokens, who am I, postcodes, and its OpenAPI description.
struct APIController: RouteCollection {
    struct HealthDTO: Content { let status: String }
    struct ReadyDTO: Content { let status: String; let database: String; let checks: [CheckDTO] }
    struct CheckDTO: Content { let name: String; let status: String; let detail: String }
    struct SessionRequestDTO: Decodable { let email: String?; let password: String? }
    struct SessionDTO: Content { let token: String; let expires_at: Date }
    /// Ids in lower case, as every other answer of the API gives them.
    struct RoleDTO: Content { let role: String; let organisation_id: String?; let organisation_name: String? }
    struct MeDTO: Content { let id: String; let name: String; let email: String; let roles: [RoleDTO] }
    struct PostcodeDTO: Content {
        let postcode: String
        let latitude: Double
        let longitude: Double
        let lsoa: String?
        let imd_decile: Int?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.health.pathComponents) { _ in HealthDTO(status: "ok") }
        routes.get(SiteURL.healthReady.pathComponents, use: ready)
        routes.get(SiteURL.metrics.pathComponents, use: metrics)
        routes.post(SiteURL.apiSessions.pathComponents, use: createSession)
        routes.get(SiteURL.apiMe.pathComponents, use: me)
        routes.get(SiteURL.apiPostcode("").pathComponents, use: postcode)
        routes.get(SiteURL.apiOpenAPI.pathComponents) { _ in OpenAPIDocument.response() }
    }

    /// 200 while this server should be sent people ("ok", or "warning" when something needs looking at but
    /// people can still be served); 503 saying what is wrong when it should not.
    func ready(_ request: Request) async throws -> Response {
        let checks = await Readiness().check(expectedMigrations: AlongsideMigrations.all.map(\.name), now: request.now, on: request.db)
        let failing = checks.filter { $0.state == .failing }
        for check in checks where check.state != .ok { request.logger.warning("Readiness: \(check.name): \(check.detail)") }
        let status = !failing.isEmpty ? "unavailable" : checks.contains { $0.state == .warning } ? "warning" : "ok"
        let database = checks.first { $0.name == "database" }?.state == .ok ? "ok" : "unavailable"
        let body = ReadyDTO(status: status, database: database, checks: checks.map { CheckDTO(name: $0.name, status: $0.state.rawValue, detail: $0.detail) })
        return try await body.encodeResponse(status: failing.isEmpty ? .ok : .serviceUnavailable, for: request)
    }

    /// Prometheus metrics, for whoever holds the configured token; without one configured there are none.
    func metrics(_ request: Request) async throws -> Response {
        guard let token = request.alongside.configuration.metricsToken else { throw Abort(.notFound) }
        let given = request.headers.bearerAuthorization?.token ?? ""
        // Compared in full whatever the first difference, so the time taken says nothing about the token.
        guard given.utf8.count == token.utf8.count, zip(given.utf8, token.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
            var headers = HTTPHeaders()
            headers.add(name: .wwwAuthenticate, value: "Bearer realm=\"metrics\"")
            headers.contentType = .plainText
            return Response(status: .unauthorized, headers: headers, body: .init(string: "Send the metrics token as Authorization: Bearer <token>.\n"))
        }
        let outbox = try await request.alongside.outbox.countsByStatus(on: request.db)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: request.alongside.metrics.exposition(outbox: outbox)))
    }

    func createSession(_ request: Request) async throws -> SessionDTO {
        guard request.headers.contentType == .json else {
            throw APIError(status: .unsupportedMediaType, code: "unsupported_media_type",
                           message: "Send the body as JSON with Content-Type: application/json.")
        }
        let body: SessionRequestDTO
        do { body = try request.content.decode(SessionRequestDTO.self) } catch {
            throw APIError(status: .badRequest, code: "bad_request", message: "The body must be a JSON object with \"email\" and \"password\" strings.")
        }
        let account: AccountRecord
        do {
            account = try await SignInService.check(email: body.email, password: body.password, on: request)
        } catch let error as FieldError where error == SignInService.wrongCredentials {
            // Credentials that do not match are a 401, as for a missing token; a malformed email stays a 422.
            throw APIError(status: .unauthorized, code: "wrong_credentials", message: error.message, field: error.field)
        }
        let token = SecretToken.generate()
        let session = try await request.alongside.accounts.createSession(
            tokenHash: SecretToken.hash(token), for: account, kind: .api, now: request.now,
            lifetime: TokenLifetimes.apiToken, on: request.db)
        return SessionDTO(token: token, expires_at: session.expiresAt)
    }

    func me(_ request: Request) async throws -> MeDTO {
        let me = try request.requireSignedIn()
        try request.require(.readPersonRecord(of: me.personID))
        try await request.audit(.viewedRecord, about: me.personID)
        return MeDTO(id: me.personID.uuidString.lowercased(), name: me.name, email: me.email, roles: me.roles.map {
            RoleDTO(role: $0.role.rawValue, organisation_id: $0.organisationID?.uuidString.lowercased(), organisation_name: $0.organisationName)
        })
    }

    func postcode(_ request: Request) async throws -> PostcodeDTO {
        try request.require(.lookUpPostcode)
        let raw = request.parameters.get("postcode")?.removingPercentEncoding ?? ""
        let postcode: Postcode
        do { postcode = try Postcode(raw) } catch let error as FieldError {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: error.message, field: "postcode")
        }
        guard let place = try await request.alongside.geography.place(for: postcode, on: request.db) else {
            throw APIError.notFound("We do not know the postcode \(postcode.value). It may be new, ended, or outside the area Alongside covers.")
        }
        return PostcodeDTO(postcode: place.postcode, latitude: place.coordinate.latitude, longitude: place.coordinate.longitude,
                           lsoa: place.lsoa, imd_decile: place.imdDecile)
    }
}
