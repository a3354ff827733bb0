import AlongsideWeb
import Foundation
import Vapor

#if os(Linux)
/// glibc's `mallopt`. A server's many threads (event loops, the database's thread pool, tasks) would each get an
/// allocator arena of their own, up to eight a core, and memory freed in one is not reused by another: in a
/// ten-minute soak resident memory kept climbing by 2 MB a minute. Two arenas hold it flat, at no measurable
/// cost in throughput. `MALLOC_ARENA_MAX` in the environment still wins.
@_silgen_name("mallopt") func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
if ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil {
    _ = glibcMallopt(-8 /* M_ARENA_MAX */, 2)
}
#endif

var environment = try Environment.detect()
let env = ProcessInfo.processInfo.environment
if env["ALONGSIDE_LOG_FORMAT"] == "json" {
    let level = env["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
} else {
    try LoggingSystem.bootstrap(from: &environment)
}
let app = try await Application.make(environment)
do {
    try await configure(app, AlongsideConfiguration.fromEnvironment())
    try await app.execute()
    try await app.asyncShutdown()
} catch {
    app.logger.critical("\(error)")
    try? await app.asyncShutdown()
    exit(1)
}
