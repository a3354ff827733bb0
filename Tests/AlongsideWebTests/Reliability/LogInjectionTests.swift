@testable import AlongsideWeb
import Logging
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

/// A log handler that keeps every line it is given, to read back in a test.
final class CapturedLog: LogHandler, @unchecked Sendable {
    private let lock = NIOLock()
    private var kept: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        lock.withLock { kept.append(message.description) }
    }
    var lines: [String] { lock.withLock { kept } }
}

@Suite struct LogInjectionTests {
    @Test func controlCharactersAreWrittenAsEscapesNotKept() {
        #expect(LogText.escaped("/a\nGET /admin 200") == "/a\\u{a}GET /admin 200")
        #expect(LogText.escaped("/a\r\n\t\u{0}\u{1b}[31m\u{7f}\u{2028}") == "/a\\u{d}\\u{a}\\u{9}\\u{0}\\u{1b}[31m\\u{7f}\\u{2028}")
        #expect(LogText.escaped("/a\\u{a}") == "/a\\\\u{a}", "an escape typed by the sender cannot pass for one of ours")
        #expect(LogText.escaped("/services/café-über") == "/services/café-über")
    }

    @Test func aPathHoldingALineBreakCannotForgeALogLine() async throws {
        try await withAlongside { app in
            let captured = CapturedLog()
            app.logger = Logger(label: "test") { _ in captured }
            _ = try await app.testing().sendRequest(.GET, "/services%0A2026-12-02T10:00:00Z%20info%20GET%20/admin%0D")
            let line = try #require(captured.lines.first { $0.hasPrefix("GET /services") })
            #expect(!line.contains("\n") && !line.contains("\r"))
            #expect(line == "GET /services\\u{a}2026-12-02T10:00:00Z info GET /admin\\u{d}")
        }
    }
}
