import Foundation

/// The demo place's time bank: the Morecambe Bay time bank's offers and requests, and the kinds of help members give
/// each other, for months of exchanges.
public enum DemoTimeBank {
    public struct Post: Sendable {
        public let kind: TimeBankPostDraft.Kind
        public let title: String
        public let details: String
        public let category: String
        public let place: TimeBankPostDraft.Place
        public let when: String
    }

    public static let posts: [Post] = [
        Post(kind: .offer, title: "Help with the garden", details: "Weeding, mowing and planting. I bring my own gloves.", category: "nature-and-green-space",
             place: .canTravel, when: "Weekday mornings"),
        Post(kind: .offer, title: "Lifts to appointments", details: "I drive and can take you to the RLI or your surgery and wait.", category: "health-condition-support",
             place: .canTravel, when: "Tuesdays and Thursdays"),
        Post(kind: .offer, title: "Help getting online", details: "Setting up a phone or tablet, video calls, the NHS App.", category: "digital-inclusion",
             place: .comeToMe, when: "Saturday afternoons"),
        Post(kind: .offer, title: "A friendly phone call", details: "A weekly chat for anyone who would like one.", category: "social-connection",
             place: .online, when: "Evenings"),
        Post(kind: .offer, title: "Batch cooking", details: "I cook extra and can drop meals round, or cook with you.", category: "food",
             place: .canTravel, when: "Sundays"),
        Post(kind: .offer, title: "Sewing repairs", details: "Hems, buttons and zips.", category: "arts-and-creativity", place: .comeToMe, when: "Any weekday"),
        Post(kind: .request, title: "Someone to walk with", details: "I am getting my confidence back after a fall and would like company on short walks.",
             category: "physical-activity", place: .comeToMe, when: "Mornings"),
        Post(kind: .request, title: "Help filling in forms", details: "Letters about benefits that I find hard to follow.", category: "money-and-debt",
             place: .comeToMe, when: "Any afternoon"),
        Post(kind: .request, title: "Dog walking while I recover", details: "A friendly spaniel, an hour a day for three weeks.", category: "physical-activity",
             place: .comeToMe, when: "Late mornings"),
        Post(kind: .request, title: "Shopping once a week", details: "A lift to the supermarket and help carrying.", category: "food", place: .comeToMe, when: "Fridays"),
    ]

    /// What exchanges were for, in the members' words.
    public static let notes = [
        "Gardening", "A lift to the RLI", "Setting up a tablet", "Weekly phone call", "Cooking together", "Sewing repairs", "A walk along the prom",
        "Help with a benefits form", "Dog walking", "Shopping", "Putting up shelves", "Reading practice",
    ]
}
