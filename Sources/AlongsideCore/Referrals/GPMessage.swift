import Foundation

/// What goes back to the GP record when an episode is accepted, connected and closed: the SNOMED CT codes
/// recorded so far, and a readable summary unless the person chose "codes only".
public struct GPMessage: Equatable, Sendable {
    public let stage: EpisodeStage
    public let summary: String?
    public let codes: [SNOMEDConcept]

    /// The stages that send a message back.
    public static let stages: Set<EpisodeStage> = [.accepted, .connected, .closed]

    public static func make(stage: EpisodeStage, name: String, birthDate: String, nhsNumber: String?, on date: Date,
                            services: [String], outcome: ClosureOutcome?, codes: [SNOMEDConcept], shareSummary: Bool) -> GPMessage? {
        guard stages.contains(stage) else { return nil }
        guard shareSummary else { return GPMessage(stage: stage, summary: nil, codes: codes) }
        let born = UKDates.parseISODay(birthDate).map(UKDates.day) ?? birthDate
        let who = "\(name) (born \(born)" + (nhsNumber.flatMap { try? NHSNumber($0) }.map { ", NHS number \($0.formatted)" } ?? "") + ")"
        let day = UKDates.day(date)
        let summary: String = switch stage {
        case .accepted: "\(who) was accepted by the social prescribing link worker team on \(day)."
        case .connected: "\(who) was connected to community support on \(day)" + (services.isEmpty ? "." : ": " + Schedule.list(services) + ".")
        default: "\(who) finished their time with the social prescribing link worker on \(day)" + (outcome.map { ". Outcome: \($0.title.lowercased())." } ?? ".")
        }
        return GPMessage(stage: stage, summary: summary, codes: codes)
    }
}
