import AlongsideCore
import Foundation
import Vapor

/// `alongside budget count FILE.pb --rule …`: counts a published round, for anyone re-checking a result or
/// counting paper ballots. Prints `{"selected": [project ids], "cost": N}`.
enum BudgetCommands {
    static var group: some AsyncCommandGroup { Group() }

    struct Group: AsyncCommandGroup {
        var help: String { "Count participatory budgeting rounds" }
        var commands: [String: any AnyAsyncCommand] { ["count": Count()] }
    }

    struct Count: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "A Pabulib .pb file with approval ballots") var file: String
            @Option(name: "rule", help: "greedy, equal-shares or equal-shares-add1 (the default: equal shares, add1, then greedy, as a round counts)")
            var rule: String?
            init() {}
        }

        var help: String { "Count a Pabulib round by a rule and print the funded projects as JSON" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let ruleName = signature.rule ?? BudgetRule.equalSharesAdd1.rawValue
            guard let rule = BudgetRule(rawValue: ruleName) else {
                throw ConfigurationError("There is no rule \"\(ruleName)\": use \(BudgetRule.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let election = try VoiceFiles.read(signature.file) { try Pabulib.parse($0) }
            let outcome = BudgetCount.count(election, rule: rule)
            struct Printed: Encodable { var selected: [String]; var cost: Int }
            try VoiceFiles.print(Printed(selected: outcome.selected.map { election.projects[$0].id }, cost: outcome.cost), context)
        }
    }
}

enum VoiceFiles {
    /// The file's text, parsed; a file that cannot be read or parsed says so with its name (and the line).
    static func read<T>(_ path: String, _ parse: (String) throws -> T) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigurationError("There is no file at \(path).") }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigurationError("\(path) is not UTF-8 text.") }
        do { return try parse(text) } catch { throw ConfigurationError("\(path), \(error)") }
    }

    static func print(_ value: some Encodable, _ context: CommandContext) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        context.console.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// `alongside election count FILE.blt [--seats N]`: counts a published election by Scottish STV and prints
/// `{"elected": [names in order of election], "quota": N, "stages": [...]}`.
enum ElectionCommands {
    static var group: some AsyncCommandGroup { Group() }

    struct Group: AsyncCommandGroup {
        var help: String { "Count elections of representatives" }
        var commands: [String: any AnyAsyncCommand] { ["count": Count()] }
    }

    struct Count: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "A BLT file of ranked ballots") var file: String
            @Option(name: "seats", help: "How many to elect (the file's own number if not given)") var seats: Int?
            init() {}
        }

        var help: String { "Count a BLT election by Scottish STV and print who was elected and every stage as JSON" }

        func run(using context: CommandContext, signature: Signature) async throws {
            var election = try VoiceFiles.read(signature.file) { try BLT.parse($0) }
            if let seats = signature.seats {
                guard seats > 0 else { throw ConfigurationError("--seats must be at least 1.") }
                election.seats = seats
            }
            let result = ScottishSTV.count(election)
            try VoiceFiles.print(ElectionCount(result, election), context)
        }
    }
}

/// A count as JSON: names, not positions; votes as decimals with five places.
struct ElectionCount: Encodable {
    struct Stage: Encodable {
        var stage: Int
        var action: String
        var votes: [String: String]
        var non_transferable: String
        var lost_to_fractions: String
        var elected: [String]
    }
    var elected: [String]
    var quota: Int
    var valid_votes: Int
    var unopposed: Bool
    var stages: [Stage]

    init(_ result: ScottishSTV.Result, _ election: RankedElection) {
        let names = election.candidates
        elected = result.elected.map { names[$0] }
        quota = result.quota
        valid_votes = result.validVotes
        unopposed = result.unopposed
        stages = result.stages.map { stage in
            let action: String
            switch stage.action {
            case .firstPreferences: action = "first preferences"
            case .surplus(let c): action = "surplus of \(names[c])"
            case .exclusion(let c): action = "exclusion of \(names[c])"
            }
            var votes: [String: String] = [:]
            for (c, name) in names.enumerated() where !election.withdrawn.contains(c) { votes[name] = ScottishSTV.decimal(stage.votes[c]) }
            return Stage(stage: stage.number, action: action, votes: votes, non_transferable: ScottishSTV.decimal(stage.nonTransferable),
                         lost_to_fractions: ScottishSTV.decimal(stage.lostToFractions), elected: stage.elected.map { names[$0] })
        }
    }
}
