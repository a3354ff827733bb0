import AlongsideCore
import AlongsideStore
import Vapor

/// `alongside import postcodes|lsoa|imd`: loads the published geography files as they are.
enum ImportCommand {
    static var group: some AsyncCommandGroup { Group() }

    struct Group: AsyncCommandGroup {
        var help: String { "Import published data files" }
        var commands: [String: any AnyAsyncCommand] {
            ["postcodes": Postcodes(), "lsoa": LSOALookup(), "imd": Deprivation(), "oruk": ImportORUKCommand()]
        }
    }

    struct Signature: CommandSignature {
        @Argument(name: "path", help: "A CSV file, or a folder of them") var path: String
        @Flag(name: "skip-invalid", help: "Write the good lines even when some are rejected") var skipInvalid: Bool
        init() {}
    }

    /// The files at a path: the file itself, or every file in the folder ending `ending`, in name order.
    static func files(at path: String, ending: String = ".csv") throws -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ConfigurationError("There is no file or folder at \(path)")
        }
        let url = URL(fileURLWithPath: path)
        guard isFolder.boolValue else { return [url] }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.lowercased().hasSuffix(ending) }.sorted()
        guard !names.isEmpty else { throw ConfigurationError("The folder \(path) has no \(ending) files") }
        return names.map { url.appendingPathComponent($0) }
    }

    /// Reads and parses every file at the path, showing progress when there are many.
    static func parseAll<Row>(_ path: String, console: any Console,
                              with parse: (String, String) -> Parsed<Row>) throws -> Parsed<Row> {
        let files = try files(at: path)
        var parsed = Parsed<Row>()
        for (index, url) in files.enumerated() {
            let one = parse(String(decoding: try Data(contentsOf: url), as: UTF8.self), url.lastPathComponent)
            parsed.rows += one.rows
            parsed.rejections += one.rejections
            parsed.skipped += one.skipped
            parsed.linesRead += one.linesRead
            if files.count > 1 && (index % 10 == 9 || index == files.count - 1) {
                console.print("… read \(index + 1) of \(files.count) files (\(parsed.linesRead) lines)")
            }
        }
        return parsed
    }

    /// Prints the report: counts, then each rejected line (the first 50), then whether anything was written.
    static func print(_ report: ImportReport, _ console: any Console, seconds: Double) {
        for rejection in report.rejected.prefix(50) {
            console.print("  rejected \(rejection.source) line \(rejection.line): \(rejection.reason)")
        }
        if report.rejected.count > 50 { console.print("  … and \(report.rejected.count - 50) more rejected lines") }
        console.print(report.summary + " (\(String(format: "%.1f", seconds)) s)")
    }

    struct Postcodes: AsyncCommand {
        var help: String { "Import Ordnance Survey Code-Point Open CSV files (no header row)" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let started = Date()
            let app = context.application
            try await app.migrateDatabase()
            let parsed = try ImportCommand.parseAll(signature.path, console: context.console, with: CodePointOpen.parse)
            let console = context.console
            let total = parsed.rows.count
            let step = max(1, total / 10 / Geography.batchSizeForProgress) * Geography.batchSizeForProgress
            let report = try await app.alongside.geography.importPostcodes(parsed, skipInvalid: signature.skipInvalid, progress: { done, all in
                if done % step == 0 || done == all { console.print("… \(done) of \(all) postcodes written") }
            }, on: app.db)
            ImportCommand.print(report, console, seconds: Date().timeIntervalSince(started))
            if report.writtenNothing { throw ConfigurationError("Import stopped: \(report.rejected.count) lines rejected") }
        }
    }

    struct LSOALookup: AsyncCommand {
        var help: String { "Import the ONS postcode to LSOA lookup (with its header row)" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let started = Date()
            let app = context.application
            try await app.migrateDatabase()
            let parsed = try ImportCommand.parseAll(signature.path, console: context.console, with: PostcodeLSOALookup.parse)
            let report = try await app.alongside.geography.importLSOALookup(parsed, skipInvalid: signature.skipInvalid, on: app.db)
            ImportCommand.print(report, context.console, seconds: Date().timeIntervalSince(started))
            if report.writtenNothing { throw ConfigurationError("Import stopped: \(report.rejected.count) lines rejected") }
        }
    }

    struct Deprivation: AsyncCommand {
        var help: String { "Import the English Indices of Deprivation 2019, File 1 (CSV)" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let started = Date()
            let app = context.application
            try await app.migrateDatabase()
            let parsed = try ImportCommand.parseAll(signature.path, console: context.console, with: DeprivationIndex.parse)
            let report = try await app.alongside.geography.importDeprivation(parsed, skipInvalid: signature.skipInvalid, on: app.db)
            ImportCommand.print(report, context.console, seconds: Date().timeIntervalSince(started))
            if report.writtenNothing { throw ConfigurationError("Import stopped: \(report.rejected.count) lines rejected") }
        }
    }
}

/// `alongside postcode <postcode>`: prints what the API returns for it.
struct PostcodeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "postcode") var postcode: String
        init() {}
    }
    var help: String { "Look up a postcode: position, LSOA and IMD decile" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateDatabase()
        let postcode = try Postcode(signature.postcode)
        guard let place = try await app.alongside.geography.place(for: postcode, on: app.db) else {
            throw ConfigurationError("We do not know the postcode \(postcode.value). Import Code-Point Open first, or check it.")
        }
        let dto = APIController.PostcodeDTO(postcode: place.postcode, latitude: place.coordinate.latitude,
                                            longitude: place.coordinate.longitude, lsoa: place.lsoa, imd_decile: place.imdDecile)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        context.console.print(String(decoding: try encoder.encode(dto), as: UTF8.self))
    }
}
