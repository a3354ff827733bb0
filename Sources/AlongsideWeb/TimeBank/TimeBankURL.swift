import Foundation
import Vapor

/// The time bank's addresses: a member's pages, the coordinators' page, and the API.
enum TimeBankURL: AreaURL {
    case home, join, exchanges, confirm(UUID), decline(UUID), donate, statement, statementCSV
    case offers, newOffer, closeOffer(UUID), report(UUID)
    case groupExchanges, groupForMembers, lowestBalance(UUID), usualLowestBalance, organisations, organisationJoin(UUID), organisationStatement(UUID)
    case coordinate, decide(UUID), recordForMembers, giveFromFund, reverse(UUID), reportDealt(UUID), memberStatement(UUID)
    case apiMembers, apiAccount(UUID), apiStatement(UUID), apiExchanges, apiConfirm(UUID)

    var path: String {
        func id(_ id: UUID) -> String { id.uuidString.lowercased() }
        return switch self {
        case .home: "/time-bank"
        case .join: "/time-bank/join"
        case .exchanges: "/time-bank/exchanges"
        case .confirm(let e): "/time-bank/exchanges/\(id(e))/confirm"
        case .decline(let e): "/time-bank/exchanges/\(id(e))/decline"
        case .donate: "/time-bank/donate"
        case .statement: "/time-bank/statement"
        case .statementCSV: "/time-bank/statement.csv"
        case .offers: "/time-bank/offers"
        case .newOffer: "/time-bank/offers/new"
        case .closeOffer(let p): "/time-bank/offers/\(id(p))/close"
        case .report(let m): "/time-bank/members/\(id(m))/report"
        case .coordinate: "/time-bank/coordinate"
        case .decide(let m): "/time-bank/coordinate/members/\(id(m))"
        case .recordForMembers: "/time-bank/coordinate/exchanges"
        case .groupExchanges: "/time-bank/exchanges/group"
        case .usualLowestBalance: "/time-bank/coordinate/lowest-balance"
        case .organisations: "/time-bank/organisations"
        case .organisationJoin(let o): "/time-bank/organisations/\(id(o))/join"
        case .organisationStatement(let o): "/time-bank/organisations/\(id(o))/statement"
        case .groupForMembers: "/time-bank/coordinate/group-exchanges"
        case .lowestBalance(let m): "/time-bank/coordinate/members/\(id(m))/lowest-balance"
        case .giveFromFund: "/time-bank/coordinate/fund"
        case .reverse(let t): "/time-bank/coordinate/transfers/\(id(t))/reverse"
        case .reportDealt(let r): "/time-bank/coordinate/reports/\(id(r))/dealt"
        case .memberStatement(let m): "/time-bank/coordinate/members/\(id(m))/statement"
        case .apiMembers: "/api/v1/timebank/members"
        case .apiAccount(let m): "/api/v1/timebank/accounts/\(id(m))"
        case .apiStatement(let m): "/api/v1/timebank/accounts/\(id(m))/statement"
        case .apiExchanges: "/api/v1/timebank/exchanges"
        case .apiConfirm(let e): "/api/v1/timebank/exchanges/\(id(e))/confirm"
        }
    }

}
