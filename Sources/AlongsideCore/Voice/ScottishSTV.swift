/// Counting by the single transferable vote as the Scottish Local Government Elections Order 2007 sets it out
/// (Schedule 1, rules 45–52): the Droop quota (valid votes ÷ (seats + 1), fractions ignored, plus 1); every
/// candidate at or over the quota elected; surpluses transferred one at a time, largest first, by the
/// weighted inclusive Gregory method — every paper the candidate holds goes on at (surplus × the paper's
/// value ÷ the candidate's votes), to five decimal places with the remainder ignored; when no surplus is
/// left, the lowest candidate excluded and their papers passed on at the value they came with; the last
/// seats filled when the continuing candidates are as many as the seats left, or when one seat is left and
/// one candidate has more than all the others together with any surplus not yet transferred.
///
/// Ties (between surpluses, or for exclusion) look back to the most recent earlier stage at which the tied
/// candidates had unequal votes; tied at every stage, the rules call for lots, and Alongside draws them as
/// the published order of candidates (the first listed goes on), so anyone re-counting gets the same result.
public enum ScottishSTV {
    /// Votes in hundred-thousandths: the five decimal places the rules count to, held exactly.
    public static let scale = 100_000

    public struct Stage: Sendable, Equatable {
        public enum Action: Sendable, Equatable {
            case firstPreferences
            case surplus(of: Int)
            case exclusion(of: Int)
        }
        public var number: Int
        public var action: Action
        /// Every candidate's votes at the end of the stage, in hundred-thousandths.
        public var votes: [Int]
        public var nonTransferable: Int
        /// Lost by ignoring remainders below five decimal places, so far.
        public var lostToFractions: Int
        /// Elected at the end of this stage, in order.
        public var elected: [Int]
    }

    public struct Result: Sendable, Equatable {
        public var elected: [Int]
        public var quota: Int
        public var validVotes: Int
        public var stages: [Stage]
        /// True when there were no more candidates than seats.
        public var unopposed: Bool
    }

    public static func count(_ election: RankedElection) -> Result {
        let n = election.candidates.count
        let seats = election.seats
        // Papers with the same ranking and value travel together.
        struct Parcel { var ranking: [Int]; var weight: Int; var value: Int; var at: Int }
        var parcels: [Parcel] = []
        var valid = 0
        for ballot in election.ballots {
            let ranking = ballot.ranking.filter { !election.withdrawn.contains($0) }
            guard !ranking.isEmpty else { continue }
            valid += ballot.weight
            parcels.append(Parcel(ranking: ranking, weight: ballot.weight, value: scale, at: 0))
        }
        let quota = valid / (seats + 1) + 1
        let standing = (0..<n).filter { !election.withdrawn.contains($0) }
        if standing.count <= seats {
            return Result(elected: standing, quota: quota, validVotes: valid, stages: [], unopposed: true)
        }
        enum State { case continuing, elected, excluded }
        var state = Array(repeating: State.continuing, count: n)
        for c in election.withdrawn { state[c] = .excluded }
        var votes = Array(repeating: 0, count: n)
        var holding: [[Int]] = Array(repeating: [], count: n)
        var nonTransferable = 0, lost = 0
        var elected: [Int] = []
        var surplusPending: [Int] = []
        var stages: [Stage] = []
        var history: [[Int]] = []

        for (i, parcel) in parcels.enumerated() {
            let c = parcel.ranking[0]
            votes[c] += parcel.weight * scale
            holding[c].append(i)
        }

        /// Moves the parcel on to its next continuing preference, or to the non-transferable papers.
        func passOn(_ i: Int) {
            var at = parcels[i].at + 1
            while at < parcels[i].ranking.count, state[parcels[i].ranking[at]] != .continuing { at += 1 }
            let value = parcels[i].weight * parcels[i].value
            if at < parcels[i].ranking.count {
                parcels[i].at = at
                let to = parcels[i].ranking[at]
                votes[to] += value
                holding[to].append(i)
            } else {
                parcels[i].at = at
                nonTransferable += value
            }
        }

        /// Among tied candidates, those with the most (or fewest) votes at the most recent earlier stage where
        /// they differed; then the first listed.
        func settle(_ tied: [Int], most: Bool) -> Int {
            var remaining = tied
            for past in history.reversed() where remaining.count > 1 {
                let values = remaining.map { past[$0] }
                guard let target = most ? values.max() : values.min(), Set(values).count > 1 else { continue }
                remaining = remaining.filter { past[$0] == target }
            }
            // Lots: the first listed goes on (its surplus first; the last listed excluded first).
            return most ? remaining.min()! : remaining.max()!
        }

        func ordered(_ candidates: [Int]) -> [Int] {
            var left = candidates, order: [Int] = []
            while !left.isEmpty {
                let top = left.map { votes[$0] }.max()!
                let tied = left.filter { votes[$0] == top }
                let next = tied.count == 1 ? tied[0] : settle(tied, most: true)
                order.append(next)
                left.removeAll { $0 == next }
            }
            return order
        }

        var action = Stage.Action.firstPreferences
        while true {
            // Elect everyone at or over the quota, the most votes first.
            let reached = ordered((0..<n).filter { state[$0] == .continuing && votes[$0] >= quota * scale })
            var newly: [Int] = []
            for c in reached where elected.count < seats {
                state[c] = .elected
                elected.append(c)
                newly.append(c)
                if votes[c] > quota * scale { surplusPending.append(c) }
            }
            var continuing = (0..<n).filter { state[$0] == .continuing }
            // The last seats: as many continuing as seats left, or one seat and a candidate no one can catch.
            if elected.count < seats, continuing.count <= seats - elected.count {
                for c in ordered(continuing) { state[c] = .elected; elected.append(c); newly.append(c) }
                continuing = []
            } else if elected.count == seats - 1, continuing.count > 1 {
                let untransferred = surplusPending.reduce(0) { $0 + votes[$1] - quota * scale }
                let leader = ordered(continuing)[0]
                let others = continuing.reduce(0) { $0 + ($1 == leader ? 0 : votes[$1]) }
                if votes[leader] >= others + untransferred {
                    state[leader] = .elected; elected.append(leader); newly.append(leader)
                }
            }
            stages.append(Stage(number: stages.count + 1, action: action, votes: votes, nonTransferable: nonTransferable,
                                lostToFractions: lost, elected: newly))
            history.append(votes)
            if elected.count >= seats { break }

            if !surplusPending.isEmpty {
                // The largest surplus first.
                let c = ordered(surplusPending)[0]
                surplusPending.removeAll { $0 == c }
                let total = votes[c], surplus = total - quota * scale
                for i in holding[c] {
                    parcels[i].value = surplus * parcels[i].value / total
                    passOn(i)
                }
                // What the transfers carried, less than the surplus by the remainders ignored.
                let carried = holding[c].reduce(0) { $0 + parcels[$1].weight * parcels[$1].value }
                lost += surplus - carried
                holding[c] = []
                votes[c] = quota * scale
                action = .surplus(of: c)
            } else {
                let lowest = continuing.map { votes[$0] }.min()!
                let tied = continuing.filter { votes[$0] == lowest }
                let c = tied.count == 1 ? tied[0] : settle(tied, most: false)
                state[c] = .excluded
                for i in holding[c] { passOn(i) }
                holding[c] = []
                votes[c] = 0
                action = .exclusion(of: c)
            }
        }
        return Result(elected: elected, quota: quota, validVotes: valid, stages: stages, unopposed: false)
    }

    /// Votes in hundred-thousandths written as a decimal with five places ("1234.50000").
    public static func decimal(_ units: Int) -> String {
        let whole = units / scale, part = units % scale
        let digits = String(part)
        return "\(whole)." + String(repeating: "0", count: 5 - digits.count) + digits
    }
}
