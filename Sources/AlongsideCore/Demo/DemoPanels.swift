import Foundation

/// The demo place's panel: elected by STV some weeks ago, with report-backs (one representative's overdue).
public enum DemoPanels {
    public struct Candidate: Equatable, Sendable {
        public let statement: String
        public let interests: String
        /// How many first choices in a hundred go to them.
        public let appeal: Int
        /// Days ago their report-backs were written (none: their report-back is overdue).
        public let reportedDaysAgo: [Int]
    }

    public static let name = "Lancaster district health panel"
    public static let description = "Five residents elected by their neighbours to speak for the district to the integrated care board and the primary care networks, and to report back every eight weeks."
    public static let seats = 3
    /// Days from today: people may stand, voting opens, the last day of voting.
    public static let days = (nominations: -120, voting: -90, until: -76)
    public static let voters = 180

    public static let candidates: [Candidate] = [
        Candidate(statement: "I have cared for my dad for six years. I want carers to be asked, not told, and to get breaks that are real.", interests: "Volunteer at the carers' centre.", appeal: 34, reportedDaysAgo: [60, 9]),
        Candidate(statement: "Getting a GP appointment in Morecambe is the thing everyone I know talks about. I will keep asking until it changes.", interests: "None", appeal: 27, reportedDaysAgo: [50, 2]),
        Candidate(statement: "Young people's mental health support has waiting lists of months. I want peer support groups in every town.", interests: "Member of a youth mental health charity.", appeal: 19, reportedDaysAgo: []),
        Candidate(statement: "Buses from the villages stop before clinics close. Health is about getting there too.", interests: "Parish councillor.", appeal: 12, reportedDaysAgo: []),
        Candidate(statement: "I run a walking group and see what it does for people. More of this, less waiting.", interests: "Organiser of a walking group.", appeal: 8, reportedDaysAgo: []),
    ]

    /// A second panel whose first election is open for voting now.
    public static let openName = "Morecambe and Heysham health panel"
    public static let openDescription = "Two residents to speak for Morecambe and Heysham at the primary care network's patient group, elected by their neighbours."
    public static let openDays = (nominations: -30, voting: -3, until: 11)
    public static let openVoters = 40
    public static let openStatements = [
        "I want the new health centre to open the hours working people need.",
        "Mental health support should not stop at 5pm. I will push for evening drop-ins.",
        "I volunteer at the food bank and see how health and money go together.",
    ]
}
