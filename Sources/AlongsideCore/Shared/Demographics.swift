/// Sex as recorded (for counting by sex in insight; not gender identity).
public enum Sex: String, Codable, Sendable, CaseIterable {
    case female, male
    case notKnown = "not_known"

    public var title: String {
        switch self {
        case .female: "Female"
        case .male: "Male"
        case .notKnown: "Not known"
        }
    }
}

/// Ethnic group, at the ONS 2021 census high level.
public enum Ethnicity: String, Codable, Sendable, CaseIterable {
    case asian, black, mixed, white, other
    case notStated = "not_stated"

    public var title: String {
        switch self {
        case .asian: "Asian, Asian British or Asian Welsh"
        case .black: "Black, Black British, Black Welsh, Caribbean or African"
        case .mixed: "Mixed or Multiple ethnic groups"
        case .white: "White"
        case .other: "Other ethnic group"
        case .notStated: "Prefer not to say"
        }
    }
}
