import AlongsideCore
import AlongsideStore
@testable import AlongsideWeb
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import Vapor

/// A form whose body reaches the server in several reads (as any body over a few kilobytes does on a real
/// network) is read whole before its CSRF token is checked; a body over the limit is a 413, not a 403.
@Suite struct FormBodyInPiecesTests {
    /// Sends raw bytes to a running server in the pieces given, pausing between them, and returns the answer's
    /// status line and headers.
    static func send(port: Int, pieces: [String]) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Abort(.internalServerError, reason: "could not connect") }
        for (i, piece) in pieces.enumerated() {
            if i > 0 { usleep(150_000) }
            let bytes = Array(piece.utf8)
            let total = bytes.count
            var sent = 0
            while sent < total {
                let offset = sent
                let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, total - offset, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { break }
                sent += n
            }
        }
        var answer = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            answer += buffer[0..<n]
            if let text = String(bytes: answer, encoding: .utf8), text.contains("\r\n\r\n") { break }
        }
        return String(decoding: answer, as: UTF8.self)
    }

    @Test func aFormArrivingInPiecesIsReadWholeAndATooBigOneIs413() async throws {
        try await withAlongside(demo: true) { app in
            let port = Int.random(in: 20_000...40_000)
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
            let token = String(repeating: "t", count: 43)
            let body = "email=resident%40alongside.example&password=\(DemoLoader.password)&next=%2Faccount&\(CSRFMiddleware.fieldName)=\(token)"
                + "&padding=" + String(repeating: "x", count: 6_000)
            let head = "POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Cookie: \(CSRFMiddleware.cookieName)=\(token)\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
            let cut = body.index(body.startIndex, offsetBy: 40)
            let answer = try await Task.detached { try Self.send(port: port, pieces: [head + body[..<cut], String(body[cut...])]) }.value
            #expect(answer.hasPrefix("HTTP/1.1 303"), "\(answer.prefix(200))")

            let huge = String(repeating: "x", count: 300_000)
            let bigHead = "POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Cookie: \(CSRFMiddleware.cookieName)=\(token)\r\nContent-Length: \(huge.utf8.count + 8)\r\n\r\n"
            let refused = try await Task.detached { try Self.send(port: port, pieces: [bigHead + "padding=", huge]) }.value
            #expect(refused.hasPrefix("HTTP/1.1 413"), "\(refused.prefix(200))")
            await app.server.shutdown()
        }
    }
}
