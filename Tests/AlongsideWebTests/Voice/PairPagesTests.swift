import AlongsideCore
@testable import AlongsideStore
@testable import AlongsideWeb
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct PairPagesTests {
    @Test func aResidentAndAProfessionalRegisterConfirmAndPostTheirWork() async throws {
        try await withAlongside(demo: true, geography: true) { app in
            let resident = Browser(app)
            try await resident.signIn(DemoLoader.email(for: .resident))
            let bad = try await resident.post(VoiceURL.newPair.path, [("title", ""), ("sessions", "0"), ("partner", "nobody@example.org")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Enter a title") && bad.text.contains("Enter how many sessions you plan, from 1 to 100"))
            let notStaff = try await resident.post(VoiceURL.newPair.path, [("title", "Walk and talk"), ("change", "More men walking"), ("goals", "Ten walkers"),
                                                                          ("sessions", "6"), ("partner", DemoLoader.email(for: .resident))])
            #expect(notStaff.status == .unprocessableEntity && notStaff.text.contains("Your partner must be a professional"))
            let made = try await resident.post(VoiceURL.newPair.path, [("title", "Walk and talk"), ("change", "More men walking"), ("goals", "Ten walkers"),
                                                                      ("sessions", "6"), ("partner", DemoLoader.email(for: .linkWorker))])
            #expect(made.status == .seeOther)
            let id = try #require(try await PairRecord.query(on: app.db).first()?.id)
            // Not shown to anyone else until both confirm.
            #expect(try await Browser(app).get(VoiceURL.pair(id).path).status == .notFound)
            let worker = Browser(app)
            try await worker.signIn(DemoLoader.email(for: .linkWorker))
            #expect(try await worker.get(VoiceURL.pair(id).path).text.contains("Confirm the pair"))
            #expect(try await worker.post(VoiceURL.pairConfirm(id).path, []).status == .seeOther)
            #expect(try await resident.post(VoiceURL.pairUpdates(id).path, [("text", "First walk, eight came."), ("minutes", "90")]).status == .seeOther)
            #expect(try await resident.post(VoiceURL.pairUpdates(id).path, [("text", ""), ("minutes", "lots")]).status == .unprocessableEntity)
            let page = try await Browser(app).get(VoiceURL.pair(id).path)
            #expect(page.status == .ok && page.text.contains("First walk, eight came.") && page.text.contains("1 hour 30 minutes"))
            // Someone else cannot post on it.
            let other = Browser(app)
            try await other.signIn(DemoLoader.email(for: .clinician))
            #expect(try await other.post(VoiceURL.pairUpdates(id).path, [("text", "Hello")]).status == .forbidden)
        }
    }
}
