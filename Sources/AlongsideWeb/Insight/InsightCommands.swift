import AlongsideCore
import Foundation
import Vapor

/// `alongside insight methods FILE`: works out the statistics the dashboards show — Wilson intervals on
/// proportions, Byar's or exact Poisson intervals on counts, the slope and relative indexes of inequality — for
/// each case in a JSON-lines file, so others' implementations (scipy, statsmodels, numpy) can check them. Each
/// line is one of `{"wilson": [events, total]}`, `{"count": events}` or `{"sii": {"values": [...],
/// "populations": [...]}}`; each answer line is `{"lower", "upper"}`, `{"sii", "rii", "intercept"}` or
/// `{"refused": "why"}`.
enum InsightCommands {
    static var group: some AsyncCommandGroup { Group() }

    struct Group: AsyncCommandGroup {
        var help: String { "Work out insight's published statistics for cases in a file" }
        var commands: [String: any AnyAsyncCommand] { ["methods": Methods()] }
    }

    struct Case: Decodable {
        struct Groups: Decodable {
            let values: [Double]
            let populations: [Int]
        }

        let wilson: [Int]?
        let count: Int?
        let sii: Groups?
    }

    struct Answer: Encodable {
        var lower: Double?
        var upper: Double?
        var sii: Double?
        var rii: Double?
        var intercept: Double?
        var refused: String?
    }

    /// One case's answer; a case that cannot be worked out says why.
    static func answer(_ line: Case) -> Answer {
        do {
            if let pair = line.wilson {
                guard pair.count == 2 else { return Answer(refused: "wilson takes [events, total].") }
                let interval = try Intervals.wilson(pair[0], of: pair[1])
                return Answer(lower: interval.lower, upper: interval.upper)
            }
            if let events = line.count {
                let interval = try Intervals.count(events)
                return Answer(lower: interval.lower, upper: interval.upper)
            }
            if let groups = line.sii {
                let index = try SlopeIndex(values: groups.values, populations: groups.populations)
                return Answer(sii: index.sii, rii: index.rii, intercept: index.intercept)
            }
            return Answer(refused: "A case is one of wilson, count or sii.")
        } catch {
            return Answer(refused: "\(error)")
        }
    }

    struct Methods: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "A JSON-lines file of cases") var file: String
            init() {}
        }

        var help: String { "Print Wilson, Byar/exact Poisson and SII/RII figures for each case in a JSON-lines file" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let text = try VoiceFiles.read(signature.file) { $0 }
            let decoder = JSONDecoder(), encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var out: [String] = []
            for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() where !line.allSatisfy(\.isWhitespace) {
                guard let parsed = try? decoder.decode(Case.self, from: Data(line.utf8)) else {
                    throw ConfigurationError("\(signature.file), line \(number + 1): not a case (wilson, count or sii as JSON).")
                }
                out.append(String(decoding: try encoder.encode(InsightCommands.answer(parsed)), as: UTF8.self))
            }
            context.console.print(out.joined(separator: "\n"))
        }
    }
}
