import AlongsideCore
import FluentKit
import Foundation

/// Training the district's hospital trust and the council open to community leaders: one session full with a waiting
/// list, one the demo organisation member attended (so they have a certificate), one online with places left.
extension DemoLoader {
    static let demoTrainers: [(name: String, description: String)] = [
        ("University Hospitals of Morecambe Bay NHS Foundation Trust", "The district's hospitals, sharing their rooms with local groups."),
        ("Lancaster City Council", "The district council: public health, housing and communities."),
    ]

    /// Each session: who runs it, days from today, start hour, hours long, places, and how many demo residents asked.
    static let demoTraining: [(trainer: Int, days: Int, hour: Int, hours: Int, places: Int, asked: Int, title: String, covers: String, place: String?)] = [
        (0, 21, 9, 6, 4, 6, "Mental health first aid champion",
         "Spotting the signs of common mental health problems, starting a supportive conversation, and helping someone towards the help they need.\nGiven by the trust's staff training team, as for its own staff.",
         "Education Centre, Royal Lancaster Infirmary, Ashton Road, Lancaster LA1 4RP"),
        (1, 10, 13, 3, 10, 3, "Safeguarding adults: level 1",
         "What abuse and neglect look like, what to do if you are worried about someone, and how to raise a concern with the council.",
         "Lancaster Town Hall, Dalton Square, Lancaster LA1 1PJ"),
        (0, -14, 10, 3, 8, 4, "Making Every Contact Count",
         "Using everyday conversations to support people to make healthier choices: brief, encouraging, and pointing to local help.",
         "Education Centre, Royal Lancaster Infirmary, Ashton Road, Lancaster LA1 4RP"),
        (1, 35, 18, 2, 12, 1, "Understanding dementia",
         "How dementia affects people and their families, and small changes that make a group welcoming to people living with it.", nil),
    ]

    static func loadTraining(people: [PersonRecord], now: Date, on db: any Database) async throws -> Int {
        var owners: [String: UUID] = [:]
        for org in try await OrganisationRecord.query(on: db).all() { owners[org.name] = org.id }
        var trainers: [UUID] = []
        for trainer in demoTrainers {
            if let known = owners[trainer.name] { trainers.append(known); continue }
            let org = OrganisationRecord(name: trainer.name, description: trainer.description, postcode: nil, createdAt: now)
            try await org.create(on: db)
            trainers.append(org.id!)
        }
        let member = try await Accounts().account(email: try EmailAddress(email(for: .organisationMember)), on: db)?.$person.id
        let calendar = Calendar.ukCivil
        let today = calendar.startOfDay(for: now)
        var asked = 0
        for (index, t) in demoTraining.enumerated() {
            let day = calendar.date(byAdding: .day, value: t.days, to: today)!
            let starts = calendar.date(bySettingHour: t.hour, minute: 0, second: 0, of: day)!
            let draft = TrainingSessionDraft(title: t.title, covers: t.covers, starts: starts, ends: starts.addingTimeInterval(Double(t.hours) * 3_600),
                                             place: t.place ?? "Online, on Microsoft Teams: the trainer emails the joining link the day before", online: t.place == nil,
                                             places: t.places)
            let session = try await Training().offer(draft, by: trainers[t.trainer], now: now.addingTimeInterval(-30 * 86_400), on: db)
            let past = t.days < 0
            let askedAt = past ? starts.addingTimeInterval(-20 * 86_400) : now.addingTimeInterval(-5 * 86_400)
            var who = people.dropFirst(10 + index * 7).prefix(t.asked).compactMap(\.id)
            if past, let member { who.insert(member, at: 0) }
            for (n, person) in who.enumerated() {
                _ = try await Training().request(session, person: person, now: askedAt.addingTimeInterval(Double(n) * 3_600), on: db)
                asked += 1
            }
            guard past else { continue }
            // The trainer recorded who came: all but the last.
            let places = try await TrainingPlaceRecord.query(on: db).filter(\.$sessionID == session).all().sorted { $0.turn < $1.turn }
            for (n, place) in places.enumerated() {
                try await Training().recordAttendance(place.id!, attended: n < places.count - 1, organisationAllowed: { _ in true }, now: starts.addingTimeInterval(3 * 3_600), on: db)
            }
        }
        return asked
    }
}
