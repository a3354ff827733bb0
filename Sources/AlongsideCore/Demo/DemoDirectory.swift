import Foundation

/// A few hundred plausible community services across the demo district, at real postcodes, with schedules,
/// ages, costs and categories. Deterministic: the same seed gives the same directory.
public enum DemoDirectory {
    struct Template: Sendable {
        let name: String
        let description: String
        let categories: [String]
        let schedule: @Sendable (inout SeededGenerator) -> Schedule
        var minimumAge: Int? = nil
        var maximumAge: Int? = nil
        var fees: String? = nil
        /// What a session costs in pence, where the fee is an amount.
        var cost: Int? = nil
        var howToJoin: HowToJoin = .turnUp
        var attending: [AttendingMode] = [.inPerson]
        var venue: String = "Community Centre"
        /// The organisation that runs it, as `DemoNames.organisations` names it.
        var runBy: String = ""
    }

    /// Which organisation runs each kind of service: a money advice charity does not run the daily mile.
    static let runBy: [String: String] = [
        "Health walk": "Bay Walkers", "Nordic walking group": "Bay Walkers", "Men's shed": "Heysham Men's Shed",
        "Carers' café": "Lancaster Carers' Network", "Young carers group": "Lancaster Carers' Network",
        "Debt advice drop-in": "Morecambe Bay Money Advice", "Housing advice surgery": "Morecambe Bay Money Advice",
        "Community allotment": "Lune Valley Community Allotments", "Community choir": "Carnforth Community Arts",
        "Art for wellbeing": "Carnforth Community Arts", "Repair café": "Heysham Men's Shed", "Daily mile": "Lancaster Schools Sport",
        "Befriending calls": "Lancaster District Befriending", "Chair-based exercise": "Bay Active", "Tai chi": "Bay Active", "Parkrun": "Bay Active",
        "Food bank": "Morecambe Bay Food Partnership", "Community meal": "Morecambe Bay Food Partnership",
        "Digital help drop-in": "Westgate Digital Inclusion Hub", "Job club": "Westgate Digital Inclusion Hub",
        "Peer support group for low mood": "Lancaster Wellbeing Hub", "Living well with diabetes": "Lancaster Wellbeing Hub",
        "Conservation volunteers": "Lune Conservation Volunteers", "Faith and friendship lunch": "Lancaster Faith Forum",
    ]

    /// About one listing in six has not been checked for over six months, as in a real directory.
    public static let staleShare = 1.0 / 6

    static func t(_ h: Int, _ m: Int = 0) -> TimeOfDay { TimeOfDay(hour: h, minute: m) }

    /// One of the days, starting on the hour given or half an hour either side: the same kind of group meets at
    /// different times in different places.
    static func weekly(_ days: [Weekday], _ from: TimeOfDay, _ to: TimeOfDay) -> @Sendable (inout SeededGenerator) -> Schedule {
        { random in
            let day = days[Int.random(in: 0..<days.count, using: &random)]
            let shift = [-30, 0, 0, 30][Int.random(in: 0..<4, using: &random)]
            func moved(_ t: TimeOfDay) -> TimeOfDay {
                let minutes = min(23 * 60 + 30, max(6 * 60, t.minutes + shift))
                return TimeOfDay(hour: minutes / 60, minute: minutes % 60)
            }
            return Schedule(days: [.init(day)], opensAt: moved(from), closesAt: moved(to))
        }
    }

    static let templates: [Template] = [
        Template(name: "Health walk", description: "A gentle, volunteer-led walk of about an hour on level paths, finishing with a cup of tea. Walk at your own pace; nobody is left behind.",
                 categories: ["physical-activity", "social-connection", "nature-and-green-space"], schedule: weekly([.tuesday, .thursday, .saturday], t(10), t(11, 30)), venue: "Promenade shelter"),
        Template(name: "Nordic walking group", description: "Walking with poles for a full-body workout. Poles can be borrowed. Suitable for beginners.",
                 categories: ["physical-activity"], schedule: weekly([.monday, .wednesday], t(9, 30), t(11)), minimumAge: 16, fees: "£3 a session", cost: 300, venue: "Park gates"),
        Template(name: "Men's shed", description: "A workshop where men (and anyone who likes making and mending) meet to work on projects, share skills and have a brew.",
                 categories: ["social-connection", "peer-support", "learning"], schedule: weekly([.wednesday, .friday], t(10), t(15)), minimumAge: 18, venue: "Workshop"),
        Template(name: "Carers' café", description: "A relaxed monthly café for unpaid carers: meet others who understand, get advice, and take an hour for yourself.",
                 categories: ["carers-support", "peer-support", "social-connection"], schedule: { _ in .monthly(1, .wednesday, from: t(13), to: t(15)) }, minimumAge: 18, venue: "Library"),
        Template(name: "Debt advice drop-in", description: "Free, confidential help with debts, benefits, budgeting and grants from trained advisers. Bring any letters you have.",
                 categories: ["money-and-debt"], schedule: weekly([.monday, .thursday], t(9, 30), t(12, 30)), minimumAge: 18, attending: [.inPerson, .phone], venue: "Advice Centre"),
        Template(name: "Community allotment", description: "Shared plots where you can grow fruit and vegetables with others. Tools, seeds and advice provided; no experience needed.",
                 categories: ["nature-and-green-space", "physical-activity", "food"], schedule: weekly([.tuesday, .saturday], t(10), t(13)), venue: "Allotments"),
        Template(name: "Community choir", description: "A friendly choir that sings pop, folk and gospel. No auditions and no need to read music.",
                 categories: ["arts-and-creativity", "social-connection"], schedule: weekly([.monday, .thursday], t(19), t(20, 30)), minimumAge: 16, fees: "£4 a session, first one free", cost: 400, venue: "Church Hall"),
        Template(name: "Daily mile", description: "Children run or walk a mile at school every day in the fresh air, at their own pace.",
                 categories: ["physical-activity"], schedule: { _ in Schedule(days: [.monday, .tuesday, .wednesday, .thursday, .friday].map { .init($0) }, opensAt: t(10, 30), closesAt: t(10, 45)) }, minimumAge: 4, maximumAge: 11, venue: "Primary School"),
        Template(name: "Befriending calls", description: "A trained volunteer rings you for a chat once a week, at a time that suits you.",
                 categories: ["social-connection", "mental-wellbeing"], schedule: weekly([.monday, .tuesday, .wednesday, .thursday, .friday], t(10), t(16)), minimumAge: 50, howToJoin: .referral, attending: [.phone], venue: "Office"),
        Template(name: "Art for wellbeing", description: "Relaxed art sessions in a small group: painting, collage and printmaking. All materials provided.",
                 categories: ["arts-and-creativity", "mental-wellbeing"], schedule: weekly([.tuesday, .friday], t(13, 30), t(15, 30)), minimumAge: 18, howToJoin: .book, venue: "Arts Centre"),
        Template(name: "Chair-based exercise", description: "Seated exercise to music to keep you moving, build strength and reduce falls. Suitable if you cannot stand for long.",
                 categories: ["physical-activity", "health-condition-support"], schedule: weekly([.monday, .wednesday, .friday], t(11), t(12)), minimumAge: 55, fees: "£2.50 a session", cost: 250, venue: "Community Centre"),
        Template(name: "Food bank", description: "Emergency food parcels and toiletries, with a warm drink and signposting to advice.",
                 categories: ["food", "money-and-debt"], schedule: weekly([.tuesday, .friday], t(12), t(14)), howToJoin: .referral, venue: "Church"),
        Template(name: "Digital help drop-in", description: "Help with phones, tablets and laptops: the NHS App, video calls, shopping and staying safe online. Devices and data can be loaned.",
                 categories: ["digital-inclusion", "learning"], schedule: weekly([.wednesday, .thursday], t(10), t(12)), venue: "Library"),
        Template(name: "Peer support group for low mood", description: "A small, facilitated group for people living with low mood or anxiety, run by people who have been there.",
                 categories: ["peer-support", "mental-wellbeing"], schedule: weekly([.monday, .thursday], t(18, 30), t(20)), minimumAge: 18, howToJoin: .book, attending: [.inPerson, .online], venue: "Wellbeing Hub"),
        Template(name: "Community meal", description: "A hot two-course lunch for a small donation, with good company. Everyone welcome.",
                 categories: ["food", "social-connection"], schedule: weekly([.wednesday, .sunday], t(12), t(13, 30)), fees: "Pay as you feel", venue: "Church Hall"),
        Template(name: "Conservation volunteers", description: "Outdoor practical conservation: hedge laying, path work and tree planting on local nature reserves.",
                 categories: ["volunteering", "nature-and-green-space", "physical-activity"], schedule: weekly([.thursday, .sunday], t(9, 30), t(15)), minimumAge: 16, venue: "Nature reserve car park"),
        Template(name: "Job club", description: "Help with CVs, applications and interviews, and finding training and volunteering that lead to work.",
                 categories: ["employment-and-skills"], schedule: weekly([.tuesday, .thursday], t(10), t(12)), minimumAge: 16, attending: [.inPerson, .online], venue: "Library"),
        Template(name: "Living well with diabetes", description: "A six-week course on managing type 2 diabetes: food, activity, medicines and looking after your feet.",
                 categories: ["health-condition-support", "learning"], schedule: weekly([.wednesday], t(14), t(16)), minimumAge: 18, howToJoin: .referral, venue: "Health Centre"),
        Template(name: "Housing advice surgery", description: "Advice on renting, repairs, rent arrears, eviction and finding somewhere to live.",
                 categories: ["housing", "money-and-debt"], schedule: { _ in .monthly(2, .tuesday, from: t(10), to: t(13)) }, minimumAge: 18, howToJoin: .book, attending: [.inPerson, .phone], venue: "Town Hall"),
        Template(name: "Tai chi", description: "Slow, flowing movements to improve balance, breathing and calm. Beginners welcome.",
                 categories: ["physical-activity", "mental-wellbeing"], schedule: weekly([.monday, .friday], t(10), t(11)), minimumAge: 16, fees: "£3 a session", cost: 300, venue: "Community Centre"),
        Template(name: "Young carers group", description: "Fun activities, trips and a break for young people who look after someone at home.",
                 categories: ["carers-support", "social-connection"], schedule: { _ in .monthly(-1, .saturday, from: t(10), to: t(14)) }, minimumAge: 8, maximumAge: 17, howToJoin: .referral, venue: "Youth Centre"),
        Template(name: "Faith and friendship lunch", description: "A weekly lunch club hosted by local faith communities, open to people of all faiths and none.",
                 categories: ["faith-and-culture", "social-connection", "food"], schedule: weekly([.friday], t(12), t(14)), venue: "Mosque community room"),
        Template(name: "Repair café", description: "Bring broken things — clothes, toasters, bikes — and mend them with volunteer fixers.",
                 categories: ["social-connection", "learning", "volunteering"], schedule: { _ in .monthly(3, .saturday, from: t(10), to: t(13)) }, venue: "Church Hall"),
        Template(name: "Parkrun", description: "A free, timed 5 km run, jog or walk every Saturday morning. Register once online before your first.",
                 categories: ["physical-activity", "social-connection"], schedule: { _ in .weekly(.saturday, from: t(9), to: t(10)) }, minimumAge: 4, venue: "Park"),
    ]

    /// Towns by outward code, for addresses.
    static func town(for postcode: String) -> String {
        switch postcode.split(separator: " ").first ?? "" {
        case "LA1": "Lancaster"
        case "LA2": "Lancaster"
        case "LA3": "Heysham"
        case "LA4": "Morecambe"
        case "LA5": "Carnforth"
        case "LA6": "Kirkby Lonsdale"
        default: "Lancaster"
        }
    }

    /// Makes about `count` services spread over the postcodes, run by the given organisations.
    public static func generate(postcodes: [(String, Coordinate)], organisations: [(UUID, String)], count: Int = 300,
                                now: Date, seed: UInt64 = 2019) -> [ServiceListing] {
        precondition(!postcodes.isEmpty && !organisations.isEmpty)
        var random = SeededGenerator(seed: seed &+ 7)
        let sorted = postcodes.sorted { $0.0 < $1.0 }
        var services: [ServiceListing] = []
        for index in 0..<count {
            let template = templates[index % templates.count]
            let (postcode, coordinate) = sorted[Int.random(in: 0..<sorted.count, using: &random)]
            let town = town(for: postcode)
            let fallback = organisations[Int.random(in: 0..<organisations.count, using: &random)]
            let organisation = organisations.first { $0.1 == runBy[template.name] } ?? fallback
            let schedule = template.schedule(&random)
            let stale = Double.random(in: 0..<1, using: &random) < staleShare
            let checkedDaysAgo = Double(stale ? Int.random(in: 190..<420, using: &random) : Int.random(in: 0..<170, using: &random))
            let capacity: Capacity = random.pick([(.unknown, 5.0), (.spaces(Int.random(in: 1...12, using: &random)), 3.0), (.full, 1.0)])
            let accessibility = AccessibilityFeature.allCases.filter { _ in Double.random(in: 0..<1, using: &random) < 0.5 }
            let slug = template.name.lowercased().replacingOccurrences(of: " ", with: "-").filter { $0.isLetter || $0 == "-" }
            services.append(ServiceListing(
                id: SeededGenerator.uuid(&random), organisationID: organisation.0, organisationName: organisation.1,
                name: "\(template.name), \(town)", description: template.description,
                url: WebAddress.normalised("https://example.org/\(slug)"), email: nil, phone: String(format: "01524 %06d", Int.random(in: 0..<1_000_000, using: &random)),
                fees: template.fees, isFree: template.fees == nil, costPence: template.cost, minimumAge: template.minimumAge, maximumAge: template.maximumAge,
                howToJoin: template.howToJoin, attending: template.attending, capacity: capacity,
                languages: Double.random(in: 0..<1, using: &random) < 0.1 ? ["English", "Polish"] : ["English"],
                locations: template.attending.contains(.inPerson) ? [ListingLocation(
                    id: SeededGenerator.uuid(&random), serviceAtLocationID: SeededGenerator.uuid(&random),
                    name: "\(town) \(template.venue)", address: "\(Int.random(in: 1...120, using: &random)) \(["Church Street", "Market Street", "Marine Road", "Queen Street", "Main Road", "Station Road"][Int.random(in: 0..<6, using: &random)])",
                    town: town, postcode: postcode, coordinate: coordinate, accessibility: accessibility)] : [],
                schedules: [schedule],
                taxonomyTermIDs: template.categories.compactMap { SocialPrescribingTaxonomy.term(code: $0)?.id },
                lastModified: now.addingTimeInterval(-checkedDaysAgo * 86_400),
                lastChecked: now.addingTimeInterval(-checkedDaysAgo * 86_400)))
        }
        return services
    }
}
