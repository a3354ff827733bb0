import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Vapor

/// Open Referral UK files in and out: what `alongside import oruk` and `alongside export oruk` do.
enum ORUKExchange {
    /// Every service, fully nested, as one ORUK list page.
    static func exportJSON(on db: any Database) async throws -> Data {
        let terms = try await DirectoryImport().allTerms(on: db)
        let listings = try await Directory().listings(on: db).sorted { $0.id.uuidString < $1.id.uuidString }
        let services = listings.map { ORUKMapping.service($0, full: true, terms: terms) }
        let page = ORUK.Page(services, total: services.count, page: 1, perPage: max(1, services.count))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            var container = encoder.singleValueContainer()
            try container.encode(formatter.string(from: date))
        }
        return try encoder.encode(page)
    }

    /// Reads every .json file at the path and imports the services in them.
    static func importJSON(path: String, skipInvalid: Bool, now: Date, on db: any Database) async throws -> ImportReport {
        var parsed = Parsed<ImportedService>()
        var notes: [Rejection] = []
        for url in try ImportCommand.files(at: path, ending: ".json") {
            let (one, oneNotes) = ORUKReader.parse(try Data(contentsOf: url), source: url.lastPathComponent)
            parsed.rows += one.rows
            parsed.rejections += one.rejections
            parsed.linesRead += one.linesRead
            notes += oneNotes
        }
        // A feed may list the same service twice (as the validator's own mocks do): the last one wins, noted.
        var seen: [UUID: Int] = [:]
        var times: [UUID: Int] = [:]
        var unique: [ImportedService] = []
        for row in parsed.rows {
            times[row.listing.id, default: 0] += 1
            if let index = seen[row.listing.id] {
                unique[index] = row
            } else {
                seen[row.listing.id] = unique.count
                unique.append(row)
            }
        }
        for (id, count) in times.sorted(by: { seen[$0.key]! < seen[$1.key]! }) where count > 1 {
            notes.append(Rejection(source: "import", line: seen[id]! + 1,
                                   reason: "service \(id.uuidString.lowercased()) appears \(count) times; the last one was used"))
        }
        parsed.rows = unique
        return try await DirectoryImport().importServices(parsed, notes: notes, skipInvalid: skipInvalid, now: now, on: db)
    }
}


/// `alongside import oruk <file or folder> [--skip-invalid]`.
struct ImportORUKCommand: AsyncCommand {
    var help: String { "Import Open Referral UK 3.0 JSON: list pages, full services, or v1 feeds" }

    func run(using context: CommandContext, signature: ImportCommand.Signature) async throws {
        let started = Date()
        let app = context.application
        try await app.migrateDatabase()
        let report = try await ORUKExchange.importJSON(path: signature.path, skipInvalid: signature.skipInvalid,
                                                       now: app.alongside.now(), on: app.db)
        for note in report.notes.prefix(50) { context.console.print("  note \(note.source) item \(note.line): \(note.reason)") }
        ImportCommand.print(report, context.console, seconds: Date().timeIntervalSince(started))
        if report.writtenNothing { throw ConfigurationError("Import stopped: \(report.rejected.count) items rejected") }
    }
}

/// `alongside export oruk --format json [--output file]`.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "oruk") var what: String
        @Option(name: "format", help: "json") var format: String?
        @Option(name: "output", help: "A file to write (default: standard output)") var output: String?
        init() {}
    }

    var help: String { "Export the directory as Open Referral UK 3.0 JSON" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.what == "oruk" else { throw ConfigurationError("Only `export oruk` is available") }
        guard (signature.format ?? "json") == "json" else {
            throw ConfigurationError("--format \(signature.format!) is not available yet: use --format json")
        }
        let app = context.application
        try await app.migrateDatabase()
        let data = try await ORUKExchange.exportJSON(on: app.db)
        if let output = signature.output {
            try data.write(to: URL(fileURLWithPath: output))
            context.console.print("Wrote \(output)")
        } else {
            context.console.print(String(decoding: data, as: UTF8.self))
        }
    }
}
