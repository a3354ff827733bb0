import AlongsideStore
import Crypto
import Foundation
import Vapor

/// Something that can hand an email on; each configured way of delivering email is one.
protocol EmailSender: Sendable {
    func send(_ email: OutgoingEmail) async throws
}

/// Development: the email is written to the log, links and all.
struct LogEmailSender: EmailSender {
    let logger: Logger

    func send(_ email: OutgoingEmail) async throws {
        logger.notice("Email to \(email.recipient): \(email.subject)\n\(email.body)")
    }
}

/// Production on a server with a mail transfer agent: the message goes to a sendmail-compatible program.
struct SendmailEmailSender: EmailSender {
    let path: String
    let from: String

    /// The message in RFC 5322 form, as sendmail reads it with `-t`.
    static func message(_ email: OutgoingEmail, from: String) -> String {
        func clean(_ s: String) -> String { s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
        return """
            From: \(clean(from))
            To: \(clean(email.recipient))
            Subject: \(clean(email.subject))
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            \(email.body)

            """
    }

    func send(_ email: OutgoingEmail) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "-i"]
        let input = Pipe()
        process.standardInput = input
        let errors = Pipe()
        process.standardError = errors
        // A program that exits before reading must not take the server down with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        do {
            try input.fileHandleForWriting.write(contentsOf: Data(Self.message(email, from: from).utf8))
        } catch {
            // The program stopped reading; its exit status below says why.
        }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw EmailDeliveryError("\(path) exited with \(process.terminationStatus): \(text.prefix(300))")
        }
    }
}

/// GOV.UK Notify: one email template whose subject is `((subject))` and body `((body))`.
struct NotifyEmailSender: EmailSender {
    let apiKey: String
    let templateID: String
    let baseURL: String
    let client: any Client
    let now: @Sendable () -> Date

    /// The service id and secret inside a Notify API key (`name-<service id>-<secret>`, each id 36 characters).
    static func keyParts(_ apiKey: String) throws -> (serviceID: String, secret: String) {
        guard apiKey.count >= 74 else { throw EmailDeliveryError("NOTIFY_API_KEY is not a Notify API key") }
        let secret = String(apiKey.suffix(36))
        let serviceID = String(apiKey.dropLast(37).suffix(36))
        return (serviceID, secret)
    }

    /// The HS256 JSON Web Token Notify expects: issuer the service id, issued-at now.
    static func token(apiKey: String, at date: Date) throws -> String {
        let (serviceID, secret) = try keyParts(apiKey)
        func base64URL(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let header = base64URL(Data(#"{"typ":"JWT","alg":"HS256"}"#.utf8))
        let payload = base64URL(Data(#"{"iss":"\#(serviceID)","iat":\#(Int(date.timeIntervalSince1970))}"#.utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Data("\(header).\(payload)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "\(header).\(payload).\(base64URL(Data(signature)))"
    }

    struct Body: Content {
        let email_address: String
        let template_id: String
        let personalisation: [String: String]
        let reference: String
    }

    func send(_ email: OutgoingEmail) async throws {
        let token = try Self.token(apiKey: apiKey, at: now())
        let response = try await client.post(URI(string: baseURL + "/v2/notifications/email")) { request in
            request.headers.bearerAuthorization = BearerAuthorization(token: token)
            try request.content.encode(Body(email_address: email.recipient, template_id: templateID,
                                            personalisation: ["subject": email.subject, "body": email.body],
                                            reference: email.id.uuidString), as: .json)
        }
        guard (200..<300).contains(response.status.code) else {
            throw EmailDeliveryError("GOV.UK Notify answered \(response.status.code): \(response.body.map { String(buffer: $0) }?.prefix(300) ?? "")")
        }
    }
}

struct EmailDeliveryError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
