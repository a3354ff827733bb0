import Foundation

/// A category in a taxonomy: what a service is, for finding it.
public struct TaxonomyTerm: Equatable, Sendable, Codable {
    public let id: UUID
    public var code: String
    public var name: String
    public var description: String
    /// The taxonomy the term belongs to: the social prescribing categories, or one imported beside them.
    public var taxonomyID: UUID

    public init(id: UUID, code: String, name: String, description: String, taxonomyID: UUID = SocialPrescribingTaxonomy.id) {
        self.id = id
        self.code = code
        self.name = name
        self.description = description
        self.taxonomyID = taxonomyID
    }

    /// Checks what an administrator typed for a category.
    public func validate() throws {
        var checks = FieldChecks()
        checks.check { _ = try Text.required(name, field: "name", label: "the category's name", maxLength: 80) }
        checks.check { _ = try Text.required(description, field: "description", label: "a short description", maxLength: 500, multiline: true) }
        try checks.finish()
    }

    /// A code for a new category, from its name: lower case words joined by hyphens.
    public static func code(forName name: String) -> String {
        name.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
    }
}

/// A set of categories (ORUK `taxonomy`).
public struct Taxonomy: Equatable, Sendable {
    public let id: UUID
    public var name: String
    public var description: String

    public init(id: UUID, name: String, description: String) {
        self.id = id
        self.name = name
        self.description = description
    }
}

/// The default categories for what link workers connect people to. Ids are fixed so that feeds, links and
/// saved searches keep working across installations.
public enum SocialPrescribingTaxonomy {
    public static let id = UUID(uuidString: "5b1c0a5e-0000-4000-8000-000000000000")!
    public static let name = "Alongside social prescribing categories"
    public static let description = "What link workers connect people to, for counting and searching."

    public static let terms: [TaxonomyTerm] = [
        ("physical-activity", "Physical activity", "Walking groups, sport, exercise classes and dance."),
        ("arts-and-creativity", "Arts and creativity", "Art, craft, music, singing, writing and drama."),
        ("nature-and-green-space", "Nature and green space", "Gardening, allotments, conservation and time outdoors."),
        ("social-connection", "Social connection and befriending", "Clubs, cafés, befriending visits and calls."),
        ("peer-support", "Peer support", "Groups run by and for people with shared experience."),
        ("mental-wellbeing", "Mental wellbeing", "Talking, coping skills and emotional support."),
        ("money-and-debt", "Money and debt advice", "Benefits, debt, budgeting and grants."),
        ("housing", "Housing", "Housing advice, repairs, homelessness and tenancy support."),
        ("employment-and-skills", "Employment and skills", "Finding work, volunteering into work and training."),
        ("learning", "Learning", "Courses, classes and libraries."),
        ("food", "Food", "Food banks, community meals, cooking and healthy eating."),
        ("faith-and-culture", "Faith and culture", "Faith groups and cultural communities."),
        ("digital-inclusion", "Digital inclusion", "Devices, data and help getting online."),
        ("carers-support", "Carers' support", "Breaks, advice and groups for unpaid carers."),
        ("health-condition-support", "Support with a health condition", "Living well with a long-term condition."),
        ("volunteering", "Volunteering", "Giving time to help others."),
    ].enumerated().map { index, term in
        TaxonomyTerm(id: UUID(uuidString: String(format: "5b1c0a5e-0000-4000-8000-%012d", index + 1))!,
                     code: term.0, name: term.1, description: term.2)
    }

    public static func term(code: String) -> TaxonomyTerm? { terms.first { $0.code == code } }

    public static var taxonomy: Taxonomy { Taxonomy(id: id, name: name, description: description) }
}
