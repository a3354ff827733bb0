import AlongsideCore
import FluentKit
import Foundation

/// What happened after a gap: the budget rounds opened from it, the directory services their funded projects
/// became, and the people referred to those services — how many went, and how their support ended. Counts only,
/// true here; the page suppresses them.
public struct GapFollowUp: Sendable {
    public struct Round: Sendable {
        public let id: UUID
        public let title: String
    }

    /// A service a round's funding became, with what came of referrals to it.
    public struct FundedService: Sendable {
        public let serviceID: UUID
        public let serviceName: String
        /// The funded result it came from.
        public let resultTitle: String
        /// Referrals made to the service from social prescribing for people whose referral names the gap's need.
        public let referred: Int
        /// Of those, the people who went at least once.
        public let went: Int
        /// Of those who went, the people whose support has ended with their goals met or partly met.
        public let goalsMet: Int
    }

    public let rounds: [Round]
    public let services: [FundedService]
}

extension Insight {
    /// The loop after a need's gap: rounds opened from it, the services they funded, and the referrals to those services.
    public func followUp(of need: Need, on db: any Database) async throws -> GapFollowUp {
        let rounds = try await BudgetRoundRecord.query(on: db).filter(\.$need == need.rawValue).sort(\.$createdAt).all()
        guard !rounds.isEmpty else { return GapFollowUp(rounds: [], services: []) }
        let results = try await CommunityResultRecord.query(on: db).filter(\.$roundID ~~ rounds.map { $0.id! }).filter(\.$serviceID != nil)
            .sort(\.$createdAt).all()
        var services: [GapFollowUp.FundedService] = []
        var seen: Set<UUID> = []
        for result in results {
            guard let serviceID = result.serviceID, seen.insert(serviceID).inserted else { continue }
            let name = try await ServiceRecord.find(serviceID, on: db)?.name ?? "A service no longer listed"
            let all = try await CommunityReferralRecord.query(on: db).filter(\.$serviceID == serviceID).all()
            // Only the people who said they needed help with this need: the gap's own people, not everyone the service took.
            var withNeed: Set<UUID> = []
            for chunk in Array(Set(all.map(\.referralID))).chunked(500) {
                for episode in try await ReferralRecord.query(on: db).filter(\.$id ~~ Array(chunk)).all()
                where episode.needs.split(separator: ",").contains(Substring(need.rawValue)) {
                    withNeed.insert(episode.id!)
                }
            }
            let sent = all.filter { withNeed.contains($0.referralID) }
            let went = sent.filter { CommunityReferralStatus(rawValue: $0.status)?.went == true }
            let episodes = Set(went.map(\.referralID))
            let met = episodes.isEmpty ? 0 : try await ReferralRecord.query(on: db).filter(\.$id ~~ Array(episodes))
                .filter(\.$stage == "closed").filter(\.$outcome ~~ ["goals_met", "goals_partly_met"]).count()
            services.append(GapFollowUp.FundedService(serviceID: serviceID, serviceName: name, resultTitle: result.title,
                                                      referred: Set(sent.map(\.referralID)).count, went: Set(went.map(\.referralID)).count, goalsMet: met))
        }
        return GapFollowUp(rounds: rounds.map { GapFollowUp.Round(id: $0.id!, title: $0.title) }, services: services)
    }
}
