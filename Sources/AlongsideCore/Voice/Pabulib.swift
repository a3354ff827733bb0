import Foundation

/// A Pabulib file (`.pb`, pabulib.org): sections `META`, `PROJECTS` and `VOTES`, each a header line and
/// rows of fields separated by `;`, a field in double quotes when it holds a `;`. Approval ballots only:
/// the `vote` column lists the approved project ids separated by commas.
public enum Pabulib {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws -> BudgetElection {
        enum Section { case none, meta, projects, votes }
        var section = Section.none
        var header: [String] = []
        var meta: [(key: String, value: String)] = []
        var projects: [BudgetElection.Project] = []
        var index: [String: Int] = [:]
        var ballots: [[Int]] = []
        var voters: Set<String> = []
        var expectHeader = false
        var lineNumber = 0
        var sawVotes = false
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.trimmingSpaces.isEmpty { continue }
            let fields = try split(line, line: lineNumber)
            let first = fields[0].lowercased()
            if fields.count == 1, ["meta", "projects", "votes"].contains(first) {
                section = first == "meta" ? .meta : first == "projects" ? .projects : .votes
                if section == .projects, !projects.isEmpty || sawVotes { throw ParseError(line: lineNumber, message: "PROJECTS appears twice, or after VOTES") }
                if section == .votes {
                    guard !projects.isEmpty else { throw ParseError(line: lineNumber, message: "VOTES comes before any project is listed") }
                    sawVotes = true
                }
                expectHeader = true
                continue
            }
            if expectHeader {
                header = fields.map { $0.lowercased() }
                expectHeader = false
                switch section {
                case .meta: guard header.count >= 2, header[0] == "key", header[1] == "value" else {
                    throw ParseError(line: lineNumber, message: "the META header must be \"key;value\"") }
                case .projects: for needed in ["project_id", "cost"] where !header.contains(needed) {
                    throw ParseError(line: lineNumber, message: "the PROJECTS header has no \"\(needed)\" column") }
                case .votes: for needed in ["voter_id", "vote"] where !header.contains(needed) {
                    throw ParseError(line: lineNumber, message: "the VOTES header has no \"\(needed)\" column") }
                case .none: break
                }
                continue
            }
            func column(_ name: String) -> String? {
                header.firstIndex(of: name).flatMap { $0 < fields.count ? fields[$0] : nil }
            }
            switch section {
            case .none:
                throw ParseError(line: lineNumber, message: "expected META, PROJECTS or VOTES")
            case .meta:
                guard fields.count >= 2 else { throw ParseError(line: lineNumber, message: "a META line needs a key and a value") }
                meta.append((key: fields[0], value: fields[1]))
            case .projects:
                guard let id = column("project_id"), !id.isEmpty else { throw ParseError(line: lineNumber, message: "a project has no id") }
                guard index[id] == nil else { throw ParseError(line: lineNumber, message: "project \(id) is listed twice") }
                guard let costText = column("cost"), let cost = Int(costText), cost >= 0 else {
                    throw ParseError(line: lineNumber, message: "project \(id) has no cost in whole units (\"\(column("cost") ?? "")\")")
                }
                index[id] = projects.count
                projects.append(.init(id: id, name: column("name") ?? "", cost: cost))
            case .votes:
                guard let voter = column("voter_id"), !voter.isEmpty else { throw ParseError(line: lineNumber, message: "a vote has no voter_id") }
                guard voters.insert(voter).inserted else { throw ParseError(line: lineNumber, message: "voter \(voter) voted twice") }
                var ballot: [Int] = []
                for part in (column("vote") ?? "").split(separator: ",") {
                    let id = String(part).trimmingSpaces
                    if id.isEmpty { continue }
                    guard let p = index[id] else { throw ParseError(line: lineNumber, message: "voter \(voter) chose project \(id), which is not listed") }
                    guard !ballot.contains(p) else { throw ParseError(line: lineNumber, message: "voter \(voter) chose project \(id) twice") }
                    ballot.append(p)
                }
                ballots.append(ballot)
            }
        }
        guard let budgetText = meta.first(where: { $0.key == "budget" })?.value else {
            throw ParseError(line: lineNumber, message: "META has no budget")
        }
        guard let budget = Int(budgetText) ?? Double(budgetText).flatMap({ $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }), budget >= 0 else {
            throw ParseError(line: lineNumber, message: "the budget \"\(budgetText)\" is not a whole number")
        }
        if let type = meta.first(where: { $0.key == "vote_type" })?.value, type != "approval" {
            throw ParseError(line: lineNumber, message: "this round's ballots are \(type); only approval ballots can be counted")
        }
        guard !projects.isEmpty else { throw ParseError(line: lineNumber, message: "no projects are listed") }
        return BudgetElection(budget: budget, projects: projects, ballots: ballots, meta: meta)
    }

    /// The round as a Pabulib file, with each project's votes and whether it was funded, so anyone can count it again.
    public static func write(_ election: BudgetElection, selected: Set<Int>) -> String {
        var lines = ["META", "key;value"]
        var meta = election.meta.filter { !["num_projects", "num_votes", "budget", "vote_type"].contains($0.key) }
        meta += [("num_projects", "\(election.projects.count)"), ("num_votes", "\(election.ballots.count)"),
                 ("budget", "\(election.budget)"), ("vote_type", "approval")]
        lines += meta.map { quote($0.key) + ";" + quote($0.value) }
        lines += ["PROJECTS", "project_id;cost;votes;name;selected"]
        let votes = election.votes
        for (p, project) in election.projects.enumerated() {
            lines.append([quote(project.id), "\(project.cost)", "\(votes[p])", quote(project.name), selected.contains(p) ? "1" : "0"].joined(separator: ";"))
        }
        lines += ["VOTES", "voter_id;vote"]
        for (n, ballot) in election.ballots.enumerated() {
            lines.append("\(n + 1);" + quote(ballot.map { election.projects[$0].id }.joined(separator: ",")))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func quote(_ field: String) -> String {
        let plain = field.map { $0 == "\n" || $0 == "\r" ? " " : $0 }
        let text = String(plain)
        return text.contains(";") || text.contains("\"") || text.contains(",")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func split(_ line: Substring, line number: Int) throws -> [String] {
        var fields: [String] = [], current = "", quoted = false, wasQuoted = false
        var chars = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" && current.trimmingSpaces.isEmpty {
                quoted = true; wasQuoted = true; current = ""
            } else if c == ";" {
                fields.append(wasQuoted ? current : current.trimmingSpaces); current = ""; wasQuoted = false
            } else { current.append(c) }
        }
        if quoted { throw ParseError(line: number, message: "a quoted field is not closed") }
        fields.append(wasQuoted ? current : current.trimmingSpaces)
        return fields
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
