import AlongsideWeb
import Foundation
import Vapor

var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
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
