import Foundation

/// What goes back to the GP record when an episode is accepted, declined, connected and closed: the SNOMED CT
/// codes recorded so far, and a readable summary unless the person chose "codes only".
public struct GPMessage: Equatable, Sendable {
    public let stage: EpisodeStage
    public let summary: String?
    public let codes: [SNOMEDConcept]

    /// The stages that send a message back.
    public static let stages: Set<EpisodeStage> = [.accepted, .declinedByPerson, .connected, .closed]

    public static func make(stage: EpisodeStage, name: String, birthDate: String, nhsNumber: String?, on date: Date,
                            services: [String], outcome: ClosureOutcome?, codes: [SNOMEDConcept], shareSummary: Bool,
                            referredOn: Date? = nil, stillSupportedSince: Date? = nil) -> GPMessage? {
        guard stages.contains(stage) else { return nil }
        guard shareSummary else { return GPMessage(stage: stage, summary: nil, codes: codes) }
        let who = Self.who(name: name, birthDate: birthDate, nhsNumber: nhsNumber)
        let day = UKDates.day(date)
        let summary: String = switch stage {
        case .accepted: "\(who) was accepted by the social prescribing link worker team on \(day)."
        case .declinedByPerson:
            "\(who) said on \(day) that they did not want the social prescribing referral"
                + (referredOn.map { " made on \(UKDates.day($0))" } ?? "") + "."
                + (stillSupportedSince.map { " This is about that referral only: they are still being supported by the link worker team through another, made on \(UKDates.day($0))." } ?? "")
        case .connected: "\(who) was connected to community support on \(day)" + (services.isEmpty ? "." : ": " + Schedule.list(services) + ".")
        default: "\(who) finished their time with the social prescribing link worker on \(day)" + (outcome.map { ". Outcome: \($0.title.lowercased())." } ?? ".")
        }
        return GPMessage(stage: stage, summary: summary, codes: codes)
    }

    /// The person changed their mind within the days allowed: the decline sent before no longer stands, and the
    /// codes still recorded (without the decline) go with it.
    public static func changedMind(name: String, birthDate: String, nhsNumber: String?, on date: Date, declinedOn: Date,
                                   backTo stage: EpisodeStage, codes: [SNOMEDConcept], shareSummary: Bool) -> GPMessage {
        guard shareSummary else { return GPMessage(stage: stage, summary: nil, codes: codes) }
        let who = Self.who(name: name, birthDate: birthDate, nhsNumber: nhsNumber)
        return GPMessage(stage: stage, summary: "\(who) changed their mind on \(UKDates.day(date)) and wants social prescribing support after all. "
                            + "The decline sent on \(UKDates.day(declinedOn)) no longer stands.", codes: codes)
    }

    static func who(name: String, birthDate: String, nhsNumber: String?) -> String {
        let born = UKDates.parseISODay(birthDate).map(UKDates.day) ?? birthDate
        return "\(name) (born \(born)" + (nhsNumber.flatMap { try? NHSNumber($0) }.map { ", NHS number \($0.formatted)" } ?? "") + ")"
    }
}
