import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Panel elections through `/api/v1`: a secret ranked ballot, and the results with every stage of the count.
struct PanelsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.put(PanelURL.apiBallot(UUID()).pathComponents, use: vote)
        routes.get(PanelURL.apiResults(UUID()).pathComponents, use: results)
    }

    struct RankingBody: Decodable { var ranking: [String]? }
    struct VotedDTO: Content { let election_id: String; let voted: Bool }

    static func id(_ request: Request) throws -> UUID {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else { throw APIError.notFound("There is no election with this id.") }
        return id
    }

    /// Casts the person's secret ballot: `{"ranking": [candidate ids, first choice first]}`. Once each.
    func vote(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try Self.id(request)
        let body = try ReferralsAPIController.body(request, RankingBody.self)
        guard let typed = body.ranking else {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "Send \"ranking\": candidate ids, your first choice first.", field: "ranking")
        }
        var ranking: [UUID] = []
        for (index, text) in typed.enumerated() {
            guard let candidate = UUID(uuidString: text) else {
                throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"\(text)\" is not a candidate in this election.", field: "ranking[\(index)]")
            }
            ranking.append(candidate)
        }
        do {
            try await Panels().vote(in: id, person: me.personID, ranking: ranking, now: request.now, on: request.db)
        } catch is PanelNotFound {
            throw APIError.notFound("There is no election with this id.")
        } catch let refused as PanelRefused {
            throw APIError(status: .conflict, code: "refused", message: refused.message, field: "ranking")
        }
        return try ReferralsAPIController.json(VotedDTO(election_id: id.uuidString.lowercased(), voted: true), status: .ok)
    }

    func results(_ request: Request) async throws -> Response {
        let id = try Self.id(request)
        guard let election = try await Panels().election(id, on: request.db) else { throw APIError.notFound("There is no election with this id.") }
        guard let counted = try await Panels().results(id, today: request.now, on: request.db) else {
            throw APIError(status: .conflict, code: "not_yet", message: "The results are published when voting closes, after \(election.days.votingUntil).", field: nil)
        }
        return try ReferralsAPIController.json(ElectionCount(counted.result, counted.ranked), status: .ok)
    }
}
