import AlongsideWeb
import Foundation
import Vapor

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
