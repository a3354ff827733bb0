/// An election of representatives by ranked ballots: candidates, seats, and each ballot's ranking (as
/// positions in `candidates`) with how many voters cast it.
public struct RankedElection: Sendable, Equatable {
    public struct Ballot: Sendable, Equatable {
        public var weight: Int
        public var ranking: [Int]
        public init(weight: Int = 1, ranking: [Int]) { self.weight = weight; self.ranking = ranking }
    }

    public var title: String
    public var candidates: [String]
    public var seats: Int
    public var ballots: [Ballot]
    /// Candidates who withdrew: preferences for them are passed over.
    public var withdrawn: Set<Int>

    public init(title: String = "", candidates: [String], seats: Int, ballots: [Ballot], withdrawn: Set<Int> = []) {
        self.title = title; self.candidates = candidates; self.seats = seats; self.ballots = ballots; self.withdrawn = withdrawn
    }
}

/// The BLT ballot format (as OpenSTV and the Electoral Reform Society write it): a line "candidates seats",
/// optionally a line of withdrawn candidates as negative numbers, then one line a ballot — its weight, the
/// candidates in order of preference (numbered from 1), and 0 — then a line "0", each candidate's name in
/// quotes, and the election's title in quotes.
public enum BLT {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws -> RankedElection {
        var lines: [(Int, String)] = []
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if n == 0, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let tidy = line.trimmingSpaces
            if !tidy.isEmpty, !tidy.hasPrefix("#") { lines.append((n + 1, tidy)) }
        }
        var at = 0
        guard at < lines.count else { throw ParseError(line: 1, message: "the file is empty") }
        let head = lines[at].1.split(separator: " ", omittingEmptySubsequences: true).compactMap { Int($0) }
        guard head.count == 2, head[0] > 0, head[1] > 0 else {
            throw ParseError(line: lines[at].0, message: "the first line must be the number of candidates and the number of seats")
        }
        let count = head[0], seats = head[1]
        at += 1
        var withdrawn: Set<Int> = []
        if at < lines.count, lines[at].1.hasPrefix("-") {
            for part in lines[at].1.split(separator: " ") {
                guard let n = Int(part), n < 0, -n <= count else { throw ParseError(line: lines[at].0, message: "\"\(part)\" is not a withdrawn candidate's number") }
                withdrawn.insert(-n - 1)
            }
            at += 1
        }
        var ballots: [RankedElection.Ballot] = []
        while true {
            guard at < lines.count else { throw ParseError(line: lines.last?.0 ?? 1, message: "the ballots do not end with a line \"0\"") }
            let (number, line) = lines[at]
            at += 1
            if line == "0" { break }
            if line.hasPrefix("(") { throw ParseError(line: number, message: "ballot ids in brackets are not read; remove them") }
            if line.contains("=") { throw ParseError(line: number, message: "equal preferences (\"=\") cannot be counted by STV") }
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let weight = Int(parts[0]), weight > 0 else { throw ParseError(line: number, message: "a ballot line starts with how many voters cast it (\"\(parts[0])\")") }
            guard parts.last == "0" else { throw ParseError(line: number, message: "a ballot line must end with 0") }
            var ranking: [Int] = []
            for part in parts.dropFirst().dropLast() {
                guard let c = Int(part), c >= 1, c <= count else {
                    throw ParseError(line: number, message: "\"\(part)\" is not a candidate (they are numbered 1 to \(count))")
                }
                guard !ranking.contains(c - 1) else { throw ParseError(line: number, message: "candidate \(c) is ranked twice") }
                ranking.append(c - 1)
            }
            ballots.append(.init(weight: weight, ranking: ranking))
        }
        var names: [String] = []
        while at < lines.count {
            let (number, line) = lines[at]
            at += 1
            guard line.count >= 2, line.hasPrefix("\""), line.hasSuffix("\"") else {
                throw ParseError(line: number, message: "names and the title must be in double quotes")
            }
            names.append(String(line.dropFirst().dropLast()))
        }
        guard names.count >= count else {
            throw ParseError(line: lines.last?.0 ?? 1, message: "\(count) candidates are declared but \(names.count) names follow")
        }
        let title = names.count > count ? names[count] : ""
        return RankedElection(title: title, candidates: Array(names.prefix(count)), seats: seats, ballots: ballots, withdrawn: withdrawn)
    }
}
