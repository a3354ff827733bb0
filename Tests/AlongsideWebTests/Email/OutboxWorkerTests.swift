import AlongsideStore
@testable import AlongsideWeb
import Foundation
import Testing
import Vapor

@Suite struct OutboxWorkerTests {
    @Test func theWorkerSendsDueEmailThroughTheConfiguredProgram() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sendmail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("sendmail")
        let received = folder.appendingPathComponent("received.eml")
        try "#!/bin/sh\ncat > \(received.path)\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        try await withAlongside(email: .sendmail(path: script.path, from: "alongside@example.org")) { app in
            try await Outbox().enqueue(to: "jo@example.org", subject: "Hello Jo", body: "Line one", at: Date(), on: app.db)
            #expect(await OutboxWorker.runOnce(app) == 1)
            let message = try String(contentsOf: received, encoding: .utf8)
            #expect(message.contains("To: jo@example.org"))
            #expect(message.contains("Subject: Hello Jo"))
            #expect(message.contains("Line one"))
            #expect(try await Outbox().messages(to: "jo@example.org", on: app.db).first?.status == "sent")
            #expect(await OutboxWorker.runOnce(app) == 0)
        }
    }

    @Test func aFailingProgramLeavesTheEmailToBeRetried() async throws {
        try await withAlongside(email: .sendmail(path: "/bin/false", from: "a@example.org")) { app in
            try await Outbox().enqueue(to: "jo@example.org", subject: "s", body: "b", at: Date(), on: app.db)
            #expect(await OutboxWorker.runOnce(app) == 0)
            let stored = try #require(try await Outbox().messages(to: "jo@example.org", on: app.db).first)
            #expect(stored.status == "pending")
            #expect(stored.lastError?.contains("exited with 1") == true)
            #expect(stored.nextAttemptAt > Date())
        }
    }

    @Test func headerInjectionThroughTheSubjectIsNotPossible() {
        let email = OutgoingEmail(id: UUID(), recipient: "a@example.org\nBcc: evil@example.org", subject: "Hi\r\nBcc: x", body: "b", attempts: 1)
        let message = SendmailEmailSender.message(email, from: "f@example.org")
        #expect(!message.contains("\nBcc:"))
    }

    @Test func theNotifyTokenIsSignedWithTheKeysSecret() throws {
        let service = "26785a09-ab16-4eb0-8407-a37497a57506"
        let secret = "3d844edf-8d35-48ac-975b-e847b4f122b0"
        let token = try NotifyEmailSender.token(apiKey: "my_key-\(service)-\(secret)", at: Date(timeIntervalSince1970: 1_700_000_000))
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        var payload = String(parts[1])
        while payload.count % 4 != 0 { payload += "=" }
        let json = String(decoding: Data(base64Encoded: payload)!, as: UTF8.self)
        #expect(json == #"{"iss":"26785a09-ab16-4eb0-8407-a37497a57506","iat":1700000000}"#)
        #expect(throws: EmailDeliveryError.self) { try NotifyEmailSender.token(apiKey: "too-short", at: Date()) }
    }

    @Test func badConfigurationStopsStartUpWithAMessageNamingTheSetting() {
        #expect(throws: ConfigurationError.self) { try AlongsideConfiguration.fromEnvironment(["ALONGSIDE_EMAIL": "pigeon"]) }
        #expect(throws: ConfigurationError.self) { try AlongsideConfiguration.fromEnvironment(["ALONGSIDE_EMAIL": "notify"]) }
        #expect(throws: ConfigurationError.self) { try AlongsideConfiguration.fromEnvironment(["ALONGSIDE_PUBLIC_URL": "alongside.org"]) }
        let defaults = try? AlongsideConfiguration.fromEnvironment([:])
        #expect(defaults?.database == .sqliteFile("alongside.sqlite"))
        let postgres = try? AlongsideConfiguration.fromEnvironment(["DATABASE_URL": "postgres://u@h/db"])
        #expect(postgres?.database == .postgres(url: "postgres://u@h/db", searchPath: nil))
    }
}
