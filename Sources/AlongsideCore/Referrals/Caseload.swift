import Foundation

/// One open episode on a link worker's caseload, as the caseload needs it for finding, filtering and sorting.
public struct CaseloadEntry: Equatable, Sendable {
    public let id: UUID
    public let name: String
    public let nhsNumber: String?
    public let postcode: String
    public let stage: EpisodeStage
    public let needs: [Need]
    /// `YYYY-MM-DD`, when the link worker said they would next be in touch.
    public let nextContactOn: String?
    public let carer: Bool
    public let watch: MeasureWatch?
    /// When the episode reached its stage (how long it has waited there).
    public let stageChangedAt: Date
    public let referredAt: Date

    public init(id: UUID, name: String, nhsNumber: String?, postcode: String, stage: EpisodeStage, needs: [Need], nextContactOn: String?,
                carer: Bool, watch: MeasureWatch?, stageChangedAt: Date, referredAt: Date) {
        self.id = id
        self.name = name
        self.nhsNumber = nhsNumber
        self.postcode = postcode
        self.stage = stage
        self.needs = needs
        self.nextContactOn = nextContactOn
        self.carer = carer
        self.watch = watch
        self.stageChangedAt = stageChangedAt
        self.referredAt = referredAt
    }

    /// The same entry, with what the carer links and the measures say.
    public func with(carer: Bool, watch: MeasureWatch?) -> CaseloadEntry {
        CaseloadEntry(id: id, name: name, nhsNumber: nhsNumber, postcode: postcode, stage: stage, needs: needs, nextContactOn: nextContactOn,
                      carer: carer, watch: watch, stageChangedAt: stageChangedAt, referredAt: referredAt)
    }
}

/// What a link worker asked of their caseload: a search, filters, an order and a page. Every part is in the
/// address (a GET form), so a view can be bookmarked; anything not understood is left out, never an error.
public struct CaseloadQuery: Equatable, Sendable {
    /// Which of the caseload to show beyond the search and stage.
    public enum Show: String, CaseIterable, Sendable {
        case dueToday = "due_today", overdue, notSet = "not_set", firstContact = "first_contact", carers
        case noBaseline = "no_baseline", followUpDue = "follow_up_due", gotWorse = "got_worse"

        public var title: String {
            switch self {
            case .dueToday: "Due today"
            case .overdue: "Overdue"
            case .notSet: "No next contact set"
            case .firstContact: "Waiting for a first contact"
            case .carers: "Carers"
            case .noBaseline: "No wellbeing baseline yet"
            case .followUpDue: "Wellbeing follow-up due"
            case .gotWorse: "Wellbeing got worse"
            }
        }
    }

    public enum Order: String, CaseIterable, Sendable {
        case nextContact = "next_contact", name, waitingLongest = "waiting_longest", newest

        public var title: String {
            switch self {
            case .nextContact: "Next contact, soonest first"
            case .name: "Name"
            case .waitingLongest: "Longest at their stage"
            case .newest: "Newest referral first"
            }
        }
    }

    public static let pageSize = 25

    public var search: String
    public var stage: EpisodeStage?
    public var need: Need?
    public var show: Show?
    public var order: Order
    /// From 1.
    public var page: Int

    public init(search: String = "", stage: EpisodeStage? = nil, need: Need? = nil, show: Show? = nil, order: Order = .nextContact, page: Int = 1) {
        self.search = search
        self.stage = stage
        self.need = need
        self.show = show
        self.order = order
        self.page = max(1, page)
    }

    /// From the address's values, keeping only what makes sense (an unknown stage is no filter, a page
    /// past the end is the last page).
    public init(_ value: (String) -> String?) {
        self.init(search: String((value("q") ?? "").trimmed.prefix(100)),
                  stage: value("stage").flatMap(EpisodeStage.init(rawValue:)).flatMap { $0.isOpen ? $0 : nil },
                  need: value("need").flatMap(Need.init(rawValue:)),
                  show: value("show").flatMap(Show.init(rawValue:)),
                  order: value("sort").flatMap(Order.init(rawValue:)) ?? .nextContact,
                  page: value("page").flatMap { Int($0.prefix(6)) } ?? 1)
    }

    /// The address's values for this query, leaving out what is at its default; `page` overrides the page.
    public func parameters(page: Int? = nil) -> [(String, String)] {
        var out: [(String, String)] = []
        if !search.isEmpty { out.append(("q", search)) }
        if let stage { out.append(("stage", stage.rawValue)) }
        if let need { out.append(("need", need.rawValue)) }
        if let show { out.append(("show", show.rawValue)) }
        if order != .nextContact { out.append(("sort", order.rawValue)) }
        let p = page ?? self.page
        if p > 1 { out.append(("page", String(p))) }
        return out
    }

    public func onPage(_ page: Int) -> CaseloadQuery {
        var query = self
        query.page = max(1, page)
        return query
    }

    /// Whether anything narrows the caseload.
    public var narrows: Bool { !search.isEmpty || stage != nil || need != nil || show != nil }

    public func matches(_ e: CaseloadEntry, today: String) -> Bool {
        if let stage, e.stage != stage { return false }
        if let need, !e.needs.contains(need) { return false }
        if let show {
            let ok = switch show {
            case .dueToday: e.nextContactOn == today
            case .overdue: (e.nextContactOn ?? "9999") < today
            case .notSet: e.nextContactOn == nil
            case .firstContact: e.stage == .accepted
            case .carers: e.carer
            case .noBaseline: e.watch == .noBaseline
            case .followUpDue: e.watch == .followUpDue
            case .gotWorse: e.watch == .gotWorse
            }
            if !ok { return false }
        }
        return search.isEmpty || Self.found(search, in: e)
    }

    /// A search finds a name by any part of it, an NHS number by its digits (spaces or not), a postcode by its start.
    static func found(_ search: String, in e: CaseloadEntry) -> Bool {
        let words = search.lowercased().split(separator: " ").map(String.init)
        if words.allSatisfy({ e.name.lowercased().contains($0) }) { return true }
        let digits = search.filter(\.isNumber)
        if digits.count >= 3, digits.count == search.filter({ !$0.isWhitespace }).count, let nhs = e.nhsNumber, nhs.contains(digits) { return true }
        let squashed = search.uppercased().filter { !$0.isWhitespace }
        return squashed.count >= 2 && e.postcode.uppercased().filter { !$0.isWhitespace }.hasPrefix(squashed)
    }

    func ordered(_ entries: [CaseloadEntry]) -> [CaseloadEntry] {
        switch order {
        case .nextContact:
            // Dated first, soonest (so overdue) first; those with no date set last; then by name.
            entries.sorted { ($0.nextContactOn ?? "9999-99-99", $0.name, $0.id.uuidString) < ($1.nextContactOn ?? "9999-99-99", $1.name, $1.id.uuidString) }
        case .name:
            entries.sorted { ($0.name.lowercased(), $0.id.uuidString) < ($1.name.lowercased(), $1.id.uuidString) }
        case .waitingLongest:
            entries.sorted { ($0.stageChangedAt, $0.id.uuidString) < ($1.stageChangedAt, $1.id.uuidString) }
        case .newest:
            entries.sorted { ($1.referredAt, $1.id.uuidString) < ($0.referredAt, $0.id.uuidString) }
        }
    }
}

/// One page of a caseload, with the counts that are always shown.
public struct CaseloadPage: Equatable, Sendable {
    public let entries: [CaseloadEntry]
    /// How many match the search and filters, across every page.
    public let matching: Int
    /// The whole caseload.
    public let total: Int
    public let page: Int
    public let pages: Int
    /// Counts across the whole caseload, whatever is chosen: what each "show" would find.
    public let counts: [CaseloadQuery.Show: Int]

    /// "26 to 50 of 85".
    public var range: String {
        guard !entries.isEmpty else { return "0 of \(matching)" }
        let first = (page - 1) * CaseloadQuery.pageSize + 1
        return "\(first) to \(first + entries.count - 1) of \(matching)"
    }

    public init(_ all: [CaseloadEntry], _ query: CaseloadQuery, today: String) {
        let matched = query.ordered(all.filter { query.matches($0, today: today) })
        let pages = max(1, (matched.count + CaseloadQuery.pageSize - 1) / CaseloadQuery.pageSize)
        let page = min(query.page, pages)
        entries = Array(matched.dropFirst((page - 1) * CaseloadQuery.pageSize).prefix(CaseloadQuery.pageSize))
        matching = matched.count
        total = all.count
        self.page = page
        self.pages = pages
        var counts: [CaseloadQuery.Show: Int] = [:]
        for show in CaseloadQuery.Show.allCases {
            let only = CaseloadQuery(show: show)
            counts[show] = all.filter { only.matches($0, today: today) }.count
        }
        self.counts = counts
    }
}
