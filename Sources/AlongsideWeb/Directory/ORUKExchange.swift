import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Vapor

/// Open Referral UK files in and out: what `alongside import oruk` and `alongside export oruk` do.
enum ORUKExchange {
    /// Every service, fully nested, as one ORUK list page.
    static func exportJSON(on db: any Database) async throws -> Data {
        let services = try await fullServices(on: db)
        return try encoder.encode(ORUK.Page(services, total: services.count, page: 1, perPage: max(1, services.count)))
    }

    /// Every service as an HSDS 3.0 tabular package: file name → CSV text.
    static func exportCSV(on db: any Database) async throws -> [String: String] {
        let objects = try await fullServices(on: db).map { service -> [String: Any] in
            (try JSONSerialization.jsonObject(with: try encoder.encode(service)) as? [String: Any]) ?? [:]
        }
        var files: [String: String] = [:]
        for (name, table) in HSDSTabular.tables(from: objects) { files[name + ".csv"] = HSDSTabular.csv(table) }
        return files
    }

    static func fullServices(on db: any Database) async throws -> [ORUK.Service] {
        let terms = try await Taxonomies().termsByID(on: db)
        let listings = try await Directory().listings(on: db).sorted { $0.id.uuidString < $1.id.uuidString }
        return listings.map { ORUKMapping.service($0, full: true, terms: terms) }
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            var container = encoder.singleValueContainer()
            try container.encode(formatter.string(from: date))
        }
        return encoder
    }

    /// Imports what is at the path: a folder holding `services.csv` is an HSDS 3.0 tabular package; otherwise
    /// every .json file (or the one file) is read as ORUK JSON.
    static func importFeed(path: String, skipInvalid: Bool, now: Date, on db: any Database) async throws -> ImportReport {
        let folder = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("services.csv").path) {
            return try await importCSV(folder: folder, skipInvalid: skipInvalid, now: now, on: db)
        }
        return try await importJSON(path: path, skipInvalid: skipInvalid, now: now, on: db)
    }

    /// Reads the CSV files of a tabular package and imports its services.
    static func importCSV(folder: URL, skipInvalid: Bool, now: Date, on db: any Database) async throws -> ImportReport {
        var tables: [(String, HSDSTabular.Table)] = []
        var notes: [Rejection] = []
        for url in try ImportCommand.files(at: folder.path, ending: ".csv") {
            guard let name = HSDSTabular.tableName(forFile: url.lastPathComponent) else {
                notes.append(Rejection(source: url.lastPathComponent, line: 0, reason: "not a table Alongside reads; left out"))
                continue
            }
            tables.append((name, HSDSTabular.table(try String(contentsOf: url, encoding: .utf8))))
        }
        let (parsed, parseNotes) = ORUKReader.parse(tables: HSDSTabular.merge(tables))
        return try await importParsed(parsed, notes: notes + parseNotes, skipInvalid: skipInvalid, now: now, on: db)
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
        return try await importParsed(parsed, notes: notes, skipInvalid: skipInvalid, now: now, on: db)
    }

    static func importParsed(_ parsed: Parsed<ImportedService>, notes: [Rejection], skipInvalid: Bool, now: Date,
                             on db: any Database) async throws -> ImportReport {
        var parsed = parsed, notes = notes
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
    var help: String { "Import Open Referral UK 3.0 JSON (list pages, full services, v1 feeds) or an HSDS 3.0 CSV folder" }

    func run(using context: CommandContext, signature: ImportCommand.Signature) async throws {
        let started = Date()
        let app = context.application
        try await app.migrateDatabase()
        let report = try await ORUKExchange.importFeed(path: signature.path, skipInvalid: signature.skipInvalid,
                                                       now: app.alongside.now(), on: app.db)
        for note in report.notes.prefix(50) { context.console.print("  note \(note.source) item \(note.line): \(note.reason)") }
        ImportCommand.print(report, context.console, seconds: Date().timeIntervalSince(started))
        if report.writtenNothing { throw ConfigurationError("Import stopped: \(report.rejected.count) items rejected") }
    }
}

/// `alongside export oruk --format json|csv [--output file or folder]`.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "oruk") var what: String
        @Option(name: "format", help: "json (one list page) or csv (an HSDS 3.0 tabular folder)") var format: String?
        @Option(name: "output", help: "A file (json, default: standard output) or a folder (csv, required)") var output: String?
        init() {}
    }

    var help: String { "Export the directory as Open Referral UK 3.0 JSON or HSDS 3.0 CSV" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.what == "oruk" else { throw ConfigurationError("Only `export oruk` is available") }
        let app = context.application
        switch signature.format ?? "json" {
        case "json":
            try await app.migrateDatabase()
            let data = try await ORUKExchange.exportJSON(on: app.db)
            if let output = signature.output {
                try data.write(to: URL(fileURLWithPath: output))
                context.console.print("Wrote \(output)")
            } else {
                context.console.print(String(decoding: data, as: UTF8.self))
            }
        case "csv":
            guard let output = signature.output else {
                throw ConfigurationError("--format csv writes a folder of CSV files: name it with --output <folder>")
            }
            try await app.migrateDatabase()
            let files = try await ORUKExchange.exportCSV(on: app.db)
            let folder = URL(fileURLWithPath: output)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                try Data(text.utf8).write(to: folder.appendingPathComponent(name))
                context.console.print("Wrote \(folder.appendingPathComponent(name).path) (\(text.split(separator: "\r\n").count - 1) rows)")
            }
        case let other:
            throw ConfigurationError("--format \(other) is not known: use --format json or --format csv")
        }
    }
}
