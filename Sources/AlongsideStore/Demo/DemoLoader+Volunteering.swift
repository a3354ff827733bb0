import AlongsideCore
import FluentKit
import Foundation

/// Volunteering roles at the demo organisations, with the demo resident taken on for one and some hours confirmed.
extension DemoLoader {
    static let demoVolunteerRoles: [(organisation: String, draft: VolunteerRoleDraft)] = [
        ("Bay Walkers", VolunteerRoleDraft(title: "Walk leader", involves: "Lead a gentle weekly walk along the prom, at the pace of the slowest walker. Training given.",
                                           when: "Tuesdays, 10:30 to 12:00", place: "Morecambe promenade, by the Eric Morecambe statue", access: "Flat, step-free route",
                                           needsDBS: false, places: 4, earnsTimeCredit: true)),
        ("Lancaster District Befriending", VolunteerRoleDraft(title: "Befriender", involves: "Visit or phone someone who lives alone, once a week, for a cup of tea and a chat.",
                                                              when: "An hour a week, at a time you agree", place: "In people's homes, or by phone",
                                                              access: "Phone befriending suits people who cannot travel", needsDBS: true, places: 10)),
        ("Westgate Digital Inclusion Hub", VolunteerRoleDraft(title: "Digital helper", involves: "Help people set up phones and tablets and use the NHS App.",
                                                               when: "Thursdays, 13:00 to 15:00", place: "Westgate Library, Morecambe", access: "Step-free, hearing loop",
                                                               needsDBS: false, places: 3)),
        ("Morecambe Bay Food Partnership", VolunteerRoleDraft(title: "Community meal helper", involves: "Cook, serve and wash up at the Friday community meal.",
                                                               when: "Fridays, 16:00 to 19:00", place: "West End community centre, Morecambe",
                                                               access: "Step-free, standing work", needsDBS: false, places: 8, earnsTimeCredit: true)),
    ]

    static func loadVolunteering(resident: UUID, now: Date, on db: any Database) async throws {
        var owners: [String: UUID] = [:]
        for org in try await OrganisationRecord.query(on: db).all() { owners[org.name] = org.id }
        var first: UUID?
        for (name, draft) in demoVolunteerRoles {
            guard let organisation = owners[name] else { continue }
            let role = try await Volunteering().post(draft, for: organisation, now: now.addingTimeInterval(-60 * 86_400), on: db)
            first = first ?? role
        }
        guard let role = first else { return }
        try await Volunteering().interested(in: role, person: resident, now: now.addingTimeInterval(-50 * 86_400), on: db)
        guard let volunteer = try await VolunteerRecord.query(on: db).filter(\.$roleID == role).filter(\.$personID == resident).first() else { return }
        try await Volunteering().decide(volunteer.id!, accept: true, now: now.addingTimeInterval(-45 * 86_400), on: db)
        for weeksAgo in [5, 4, 3, 2, 1] {
            let day = now.addingTimeInterval(-Double(weeksAgo * 7) * 86_400)
            try await Volunteering().log(VolunteerHoursDraft(day: UKDates.isoDay(day), minutes: 90, note: "Led the Tuesday walk"), role: role, person: resident,
                                         now: day, on: db)
        }
        // The organisation has confirmed all but the latest.
        let logged = try await VolunteerHoursRecord.query(on: db).filter(\.$volunteerID == volunteer.id!).sort(\.$day).all()
        for hours in logged.dropLast() {
            try await Volunteering().confirm(hours: hours.id!, confirmed: true, organisationAllowed: { _ in true }, now: now, on: db)
        }
    }
}
