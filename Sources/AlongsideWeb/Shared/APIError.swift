import AlongsideCore
import AlongsideStore
import Vapor

/// The JSON error every API answer uses: `{"error": {"code", "message", "field"?}}`.
struct APIErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let field: String?
        /// For a refused move: where the episode can go instead.
        var allowed: [String]? = nil
    }
    let error: Detail
}

/// An API error with its status, code and message.
struct APIError: Error {
    let status: HTTPStatus
    let code: String
    let message: String
    var field: String?
    var allowed: [String]? = nil

    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, code: "not_found", message: message) }
    static func invalid(_ error: FieldError) -> APIError {
        APIError(status: .unprocessableEntity, code: "invalid", message: error.message, field: error.field)
    }
}

/// Turns every error into an answer a person can act on: a JSON error for the API, a page for the browser,
/// a sign-in redirect where signing in would help. Never a stack trace; a 500 only for a real fault, logged.
struct ErrorResponder: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return respond(to: error, for: request)
        }
    }

    static func isJSONPath(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path.hasPrefix("/health") || path.hasPrefix("/oruk")
    }

    func respond(to error: any Error, for request: Request) -> Response {
        let response = page(for: error, request)
        // Headers an error carries (Allow on a 405) go out with whichever answer it became.
        if let abort = error as? any AbortError { for (name, value) in abort.headers { response.headers.replaceOrAdd(name: name, value: value) } }
        return response
    }

    private func page(for error: any Error, _ request: Request) -> Response {
        let (status, code, message, field) = describe(error)
        let allowed = (error as? APIError)?.allowed
        if status == .internalServerError {
            request.logger.report(error: error)
        }
        if request.url.path.hasPrefix("/fhir") {
            // FHIR answers errors with an OperationOutcome.
            let issueCode = status == .notFound ? "not-found" : status == .forbidden ? "forbidden" : status == .unauthorized ? "login"
                : status.code >= 500 ? "exception" : "invalid"
            let outcome: [String: Any] = ["resourceType": "OperationOutcome",
                                          "issue": [["severity": "error", "code": issueCode, "diagnostics": message]]]
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "application/fhir+json; charset=utf-8")
            if status == .unauthorized { headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
            return Response(status: status, headers: headers, body: .init(data: (try? JSONSerialization.data(withJSONObject: outcome)) ?? Data()))
        }
        if Self.isJSONPath(request.url.path) {
            let body = APIErrorBody(error: .init(code: code, message: message, field: field, allowed: allowed))
            let response = Response(status: status)
            try? response.content.encode(body, as: .json)
            if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
            return response
        }
        if error is SignInRequired {
            let next = request.method == .GET ? request.url.path : SiteURL.home.path
            return request.redirect(to: SiteURL.signIn.with([("next", next)]), redirectType: .normal)
        }
        return ErrorPage.render(status: status, message: message, request: request).response(status: status)
    }

    private func describe(_ error: any Error) -> (HTTPStatus, String, String, String?) {
        switch error {
        case let api as APIError:
            return (api.status, api.code, api.message, api.field)
        case let field as FieldError:
            return (.unprocessableEntity, "invalid", field.message, field.field)
        case let failure as ValidationFailure:
            let first = failure.errors.first
            return (.unprocessableEntity, "invalid", first?.message ?? "Something is wrong with the request.", first?.field)
        case is SignInRequired:
            return (.unauthorized, "unauthorized", "Sign in first: send Authorization: Bearer with a token from POST /api/v1/sessions.", nil)
        case let abort as any AbortError:
            let status = abort.status
            let message: String
            switch status {
            case .notFound: message = abort.reason == status.reasonPhrase ? "There is nothing at this address." : abort.reason
            case .unsupportedMediaType: message = "Send the body as JSON (Content-Type: application/json) or as a form."
            case .payloadTooLarge: message = "The request is too large."
            default: message = abort.reason
            }
            return (status, Self.code(for: status), message, nil)
        case let busy where StoreBusy.describes(busy):
            return (.serviceUnavailable, "busy", "Alongside is very busy just now and could not save this. Nothing was saved: please try again in a minute.", nil)
        case is DecodingError:
            return (.badRequest, "bad_request", "The request body could not be read. Check it is well-formed JSON with the documented fields.", nil)
        default:
            return (.internalServerError, "internal_error", "Sorry, something went wrong on our side. Please try again later.", nil)
        }
    }

    private static func code(for status: HTTPStatus) -> String {
        switch status {
        case .notFound: "not_found"
        case .forbidden: "forbidden"
        case .unauthorized: "unauthorized"
        case .tooManyRequests: "rate_limited"
        case .methodNotAllowed: "method_not_allowed"
        case .unprocessableEntity: "invalid"
        default: status.code < 500 ? "bad_request" : "internal_error"
        }
    }
}
