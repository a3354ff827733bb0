import Foundation

/// The validated wellbeing measures Alongside asks, each exactly as published (DESIGN.md, "Data standards").
public enum Instrument: String, CaseIterable, Codable, Sendable {
    case swemwbs, ons4, ucla3, involvement

    public var title: String {
        switch self {
        case .swemwbs: "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)"
        case .ons4: "ONS personal wellbeing (ONS4)"
        case .ucla3: "Loneliness (UCLA 3-item scale and the ONS question)"
        case .involvement: "Involvement and support"
        }
    }

    /// A short name for lists and charts.
    public var shortTitle: String {
        switch self {
        case .swemwbs: "Wellbeing (SWEMWBS)"
        case .ons4: "Personal wellbeing (ONS4)"
        case .ucla3: "Loneliness (UCLA-3)"
        case .involvement: "Involvement and support"
        }
    }

    /// What the person reads before the questions.
    public var preamble: String {
        switch self {
        case .swemwbs:
            "Below are some statements about feelings and thoughts. Choose the answer that best describes your experience of each over the last 2 weeks."
        case .ons4:
            "For each of these questions, give an answer on a scale of 0 to 10, where 0 is \"not at all\" and 10 is \"completely\"."
        case .ucla3:
            "The next questions are about how you feel about different aspects of your life. For each one, say how often you feel that way."
        case .involvement:
            "Thinking about the care and support you have had recently."
        }
    }

    public var items: [InstrumentItem] {
        switch self {
        case .swemwbs:
            let scale = [(1, "None of the time"), (2, "Rarely"), (3, "Some of the time"), (4, "Often"), (5, "All of the time")]
            return [
                "I've been feeling optimistic about the future",
                "I've been feeling useful",
                "I've been feeling relaxed",
                "I've been dealing with problems well",
                "I've been thinking clearly",
                "I've been feeling close to other people",
                "I've been able to make up my own mind about things",
            ].enumerated().map { InstrumentItem(linkID: "swemwbs-\($0.offset + 1)", text: $0.element, options: scale) }
        case .ons4:
            let scale = (0...10).map { ($0, $0 == 0 ? "0 – not at all" : $0 == 10 ? "10 – completely" : "\($0)") }
            return [
                InstrumentItem(linkID: "ons4-life-satisfaction", text: "Overall, how satisfied are you with your life nowadays?", options: scale),
                InstrumentItem(linkID: "ons4-worthwhile", text: "Overall, to what extent do you feel that the things you do in your life are worthwhile?", options: scale),
                InstrumentItem(linkID: "ons4-happiness", text: "Overall, how happy did you feel yesterday?", options: scale),
                InstrumentItem(linkID: "ons4-anxiety", text: "Overall, how anxious did you feel yesterday?", options: scale),
            ]
        case .ucla3:
            let scale = [(1, "Hardly ever or never"), (2, "Some of the time"), (3, "Often")]
            return [
                InstrumentItem(linkID: "ucla-companionship", text: "How often do you feel that you lack companionship?", options: scale),
                InstrumentItem(linkID: "ucla-left-out", text: "How often do you feel left out?", options: scale),
                InstrumentItem(linkID: "ucla-isolated", text: "How often do you feel isolated from others?", options: scale),
                InstrumentItem(linkID: "ons-lonely", text: "How often do you feel lonely?",
                               options: LonelinessFrequency.allCases.map { ($0.rawValue, $0.title) }),
            ]
        case .involvement:
            return [
                InstrumentItem(linkID: "involved", text: "Were you involved as much as you wanted to be in decisions about your care and support?",
                               options: [(1, "Yes, definitely"), (2, "Yes, to some extent"), (3, "No"), (4, "I did not want to be involved")]),
                InstrumentItem(linkID: "enough-support", text: "Have you had enough support from local services or organisations to help you manage your health and wellbeing?",
                               options: [(1, "Yes, definitely"), (2, "Yes, to some extent"), (3, "No"), (4, "I have not needed support")]),
            ]
        }
    }
}

/// One question and the answers it allows, each with the value it is scored as.
public struct InstrumentItem: Sendable, Equatable {
    /// A stable id for the item, used as the FHIR Questionnaire item's linkId and the form field.
    public let linkID: String
    public let text: String
    public let options: [(value: Int, label: String)]

    public init(linkID: String, text: String, options: [(Int, String)]) {
        self.linkID = linkID
        self.text = text
        self.options = options.map { (value: $0.0, label: $0.1) }
    }

    public static func == (a: InstrumentItem, b: InstrumentItem) -> Bool {
        a.linkID == b.linkID && a.text == b.text && a.options.map(\.value) == b.options.map(\.value) && a.options.map(\.label) == b.options.map(\.label)
    }

    public func label(for value: Int) -> String? { options.first { $0.value == value }?.label }
}

/// The ONS direct loneliness question's answers, coded in the order they are asked.
public enum LonelinessFrequency: Int, CaseIterable, Sendable {
    case oftenOrAlways = 1, someOfTheTime, occasionally, hardlyEver, never

    public var title: String {
        switch self {
        case .oftenOrAlways: "Often or always"
        case .someOfTheTime: "Some of the time"
        case .occasionally: "Occasionally"
        case .hardlyEver: "Hardly ever"
        case .never: "Never"
        }
    }
}
