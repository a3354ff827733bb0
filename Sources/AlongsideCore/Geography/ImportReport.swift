/// A line of an input file that could not be used, and why.
public struct Rejection: Equatable, Sendable, Codable {
    public let source: String
    public let line: Int
    public let reason: String

    public init(source: String, line: Int, reason: String) {
        self.source = source
        self.line = line
        self.reason = reason
    }
}

/// The outcome of parsing a published file: the rows that can be used and the lines that could not.
public struct Parsed<Row: Sendable>: Sendable {
    public var rows: [Row] = []
    public var rejections: [Rejection] = []
    /// Lines that are correct as published but carry nothing to import (a postcode with no grid reference).
    public var skipped: [Rejection] = []
    public var linesRead = 0

    public init() {}
}

/// What an import did, printed at the end of every import command.
public struct ImportReport: Equatable, Sendable, Codable {
    public var read = 0
    public var added = 0
    public var changed = 0
    public var unchanged = 0
    /// Lines left out on purpose, with why (not errors).
    public var skipped: [Rejection] = []
    public var rejected: [Rejection] = []
    /// What the import changed to make the data fit (an enumeration's casing, a position taken from a postcode).
    public var notes: [Rejection] = []
    /// True when nothing was written because some lines were rejected and `--skip-invalid` was not given.
    public var writtenNothing = false

    public init() {}

    public var summary: String {
        var text = "Read \(read), added \(added), changed \(changed), unchanged \(unchanged), rejected \(rejected.count)."
        if !skipped.isEmpty {
            let reasons = Set(skipped.map(\.reason)).sorted().joined(separator: "; ")
            text += " Skipped \(skipped.count): \(reasons)."
        }
        if writtenNothing { text += " Nothing was written: fix the rejected lines or use --skip-invalid." }
        return text
    }
}
