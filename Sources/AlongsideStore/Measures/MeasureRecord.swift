import AlongsideCore
import FluentKit
import Foundation

/// One completed measure: the raw answers as given (empty where not answered). Scores are worked out from
/// them by AlongsideCore whenever they are shown, so a score is never stored apart from its answers.
public final class MeasureRecord: Model, @unchecked Sendable {
    public static let schema = "measures"

    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    /// The episode it was taken in, pairing baseline and follow-ups; nil outside an episode.
    @OptionalField(key: "referral_id") public var referralID: UUID?
    @Field(key: "instrument") public var instrument: String
    /// Item answers in the instrument's order, comma-separated; empty for an item not answered.
    @Field(key: "answers") public var answers: String
    @Field(key: "taken_at") public var takenAt: Date
    @OptionalField(key: "recorded_by") public var recordedBy: UUID?
    /// For SWEMWBS, the metric score, kept beside the answers for caseload and place summaries.
    @OptionalField(key: "metric") public var metric: Double?

    public init() {}

    public var answerList: [Int?] { answers.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) } }

    static func text(_ answers: [Int?]) -> String { answers.map { $0.map(String.init) ?? "" }.joined(separator: ",") }

    /// The answers scored; stored answers were checked when they were written.
    public var result: MeasureResult? {
        Instrument(rawValue: instrument).flatMap { try? MeasureResult($0, answers: answerList) }
    }
}
