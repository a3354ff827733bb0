import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Community budget rounds through `/api/v1`: the same rules as the pages (BudgetsController), in JSON.
struct BudgetsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(BudgetURL.apiRounds.pathComponents, use: list)
        routes.get(BudgetURL.apiRound(UUID()).pathComponents, use: show)
        routes.get(BudgetURL.apiBallot(UUID()).pathComponents, use: myBallot)
        routes.put(BudgetURL.apiBallot(UUID()).pathComponents, use: cast)
        routes.get(BudgetURL.apiResults(UUID()).pathComponents, use: results)
        routes.get(BudgetURL.apiResultsFile(UUID()).pathComponents, use: resultsFile)
    }

    struct ProjectDTO: Content {
        let id: String
        let number: Int
        let title: String
        let description: String
        let feasibility: String
        let cost_pence: Int?
        let reason: String
        let proposal_id: String?
    }
    struct RoundDTO: Content {
        let id: String
        let title: String
        let description: String
        let budget_pence: Int
        let wards: [String]
        let minimum_age: Int
        let phase: String
        let ideas_from: String
        let feasibility_from: String
        let voting_from: String
        let voting_until: String
        let ballot: String
        let ballot_limit: Int?
        let rule: String
        let ballots: Int
        let projects: [ProjectDTO]
    }
    struct BallotBody: Decodable { var projects: [String]? }
    struct BallotDTO: Content { let round_id: String; let projects: [String]; let cast_at: Date; let changed_at: Date }
    struct ResultDTO: Content {
        let project_id: String
        let number: Int
        let title: String
        let votes: Int
        let cost_pence: Int
        let funded: Bool
        let why: String
        /// For equal shares: the most any supporter paid, in pence, exactly ("1042/3").
        let payment_pence: String?
    }
    struct ResultsDTO: Content {
        let round_id: String
        let rule: String
        let budget_pence: Int
        let spent_pence: Int
        let ballots: Int
        let share_pence: String?
        let projects: [ResultDTO]
        let selected: [String]
    }

    static func dto(_ round: BudgetRoundView, today: Date) -> RoundDTO {
        let r = round.rules
        var limit: Int?
        if case .approval(let n) = r.ballot { limit = n }
        return RoundDTO(
            id: round.id.uuidString.lowercased(), title: r.title, description: r.description, budget_pence: r.budget, wards: r.wards,
            minimum_age: r.minimumAge, phase: round.phase(on: today).rawValue, ideas_from: r.ideasFrom, feasibility_from: r.feasibilityFrom,
            voting_from: r.votingFrom, voting_until: r.votingUntil, ballot: r.ballot.code, ballot_limit: limit, rule: r.rule.rawValue,
            ballots: round.ballots,
            projects: round.projects.map {
                ProjectDTO(id: $0.id.uuidString.lowercased(), number: $0.number, title: $0.title, description: $0.description,
                           feasibility: $0.feasibility.rawValue, cost_pence: $0.cost, reason: $0.reason, proposal_id: $0.proposalID?.uuidString.lowercased())
            })
    }

    func list(_ request: Request) async throws -> Response {
        let rounds = try await BudgetRounds().rounds(on: request.db)
        return try ReferralsAPIController.json(rounds.map { Self.dto($0, today: request.now) }, status: .ok)
    }

    func show(_ request: Request) async throws -> Response {
        try ReferralsAPIController.json(Self.dto(try await Self.round(request), today: request.now), status: .ok)
    }

    func myBallot(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let round = try await Self.round(request)
        guard let saved = try await BudgetRounds().ballot(in: round.id, of: me.personID, on: request.db) else {
            throw APIError.notFound("You have not voted in this round.")
        }
        return try ReferralsAPIController.json(Self.ballotDTO(round.id, saved), status: .ok)
    }

    static func ballotDTO(_ round: UUID, _ saved: (projects: [UUID], castAt: Date, changedAt: Date)) -> BallotDTO {
        BallotDTO(round_id: round.uuidString.lowercased(), projects: saved.projects.map { $0.uuidString.lowercased() }, cast_at: saved.castAt, changed_at: saved.changedAt)
    }

    /// Replaces the person's ballot with `{"projects": [ids]}`.
    func cast(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let round = try await Self.round(request)
        let body = try ReferralsAPIController.body(request, BallotBody.self)
        guard let typed = body.projects else { throw APIError(status: .unprocessableEntity, code: "invalid", message: "Send \"projects\": the ids of the projects you choose.", field: "projects") }
        var chosen: [UUID] = []
        for (index, text) in typed.enumerated() {
            guard let id = UUID(uuidString: text) else {
                throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"\(text)\" is not a project on this round's ballot.", field: "projects[\(index)]")
            }
            chosen.append(id)
        }
        do {
            try await BudgetRounds().cast(chosen, in: round.id, by: me.personID, now: request.now, on: request.db)
        } catch let refused as BudgetRefused {
            throw APIError(status: .conflict, code: "refused", message: refused.message, field: refused.field ?? "projects")
        }
        guard let saved = try await BudgetRounds().ballot(in: round.id, of: me.personID, on: request.db) else {
            throw APIError.notFound("The ballot could not be read back.")
        }
        return try ReferralsAPIController.json(Self.ballotDTO(round.id, saved), status: .ok)
    }

    func counted(_ request: Request) async throws -> (BudgetRoundView, BudgetResults) {
        let round = try await Self.round(request)
        guard let counted = try await BudgetRounds().results(round.id, today: request.now, on: request.db) else {
            throw APIError(status: .conflict, code: "not_yet", message: "The results are published when voting closes, after \(round.rules.votingUntil).", field: nil)
        }
        return (round, counted)
    }

    func results(_ request: Request) async throws -> Response {
        let (round, counted) = try await counted(request)
        let lines = counted.lines.map { line in
            ResultDTO(project_id: counted.projectIDs[line.project].uuidString.lowercased(), number: Int(counted.election.projects[line.project].id) ?? 0,
                      title: counted.election.projects[line.project].name, votes: line.votes, cost_pence: line.cost, funded: line.funded, why: line.why,
                      payment_pence: counted.outcome.payment[line.project].map(\.description))
        }
        let dto = ResultsDTO(round_id: round.id.uuidString.lowercased(), rule: round.rules.rule.rawValue, budget_pence: round.rules.budget,
                             spent_pence: counted.outcome.cost, ballots: counted.election.ballots.count, share_pence: counted.outcome.share?.description,
                             projects: lines, selected: counted.outcome.selected.map { counted.projectIDs[$0].uuidString.lowercased() })
        return try ReferralsAPIController.json(dto, status: .ok)
    }

    func resultsFile(_ request: Request) async throws -> Response {
        let (round, counted) = try await counted(request)
        return BudgetsController.pabulibResponse(counted, round)
    }

    static func round(_ request: Request) async throws -> BudgetRoundView {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text), let round = try await BudgetRounds().round(id, on: request.db) else {
            throw APIError.notFound("There is no budget round with this id.")
        }
        return round
    }
}
