import AlongsideCore
import FluentKit
import Foundation

/// The demo place's time bank, written through the store: members approved by the demo coordinator, offers and requests,
/// months of exchanges between them (some waiting for a member to confirm), donations to the community fund, someone
/// waiting to join.
extension DemoLoader {
    static func loadTimeBank(people: [PersonRecord], now: Date, seed: UInt64, on db: any Database) async throws -> Int {
        guard people.count > 40, let coordinator = try await Accounts().account(email: try EmailAddress(email(for: .coordinator)), on: db) else { return 0 }
        let bank = TimeBank()
        let by = coordinator.$person.id
        let day = 86_400.0
        // The demo resident and 29 others, approved over the last half year.
        let members = Array(people.prefix(30)).map { $0.id! }
        for (i, member) in members.enumerated() {
            try await bank.approve(person: member, by: by, now: now - Double(180 - i) * day, on: db)
        }
        // The demo organisation member joins for their organisation, as a community group can.
        if let organisation = try await Accounts().account(email: try EmailAddress(email(for: .organisationMember)), on: db) {
            try await bank.approve(person: organisation.$person.id, by: by, now: now - 90 * day, on: db)
        }
        try await bank.ask(person: people[31].id!, now: now - 2 * day, on: db)
        try await bank.ask(person: people[32].id!, now: now - day, on: db)
        for (i, post) in DemoTimeBank.posts.enumerated() {
            let draft = TimeBankPostDraft(kind: post.kind, title: post.title, details: post.details, category: post.category, place: post.place, when: post.when)
            try await bank.post(draft, by: members[(i * 7 + 1) % members.count], now: now - Double(40 - i * 3) * day, on: db)
        }
        // Months of exchanges, recorded by a coordinator for the demo (members confirming each other's is the same ledger).
        var random = SeededGenerator(seed: seed &+ 41)
        var written = 0
        for n in 0..<240 {
            let payer = members[Int.random(in: 0..<members.count, using: &random)]
            var receiver = members[Int.random(in: 0..<members.count, using: &random)]
            if receiver == payer { receiver = members[(members.firstIndex(of: payer)! + 1) % members.count] }
            let minutes = [30, 45, 60, 60, 90, 120, 180][Int.random(in: 0..<7, using: &random)]
            let at = now - Double(170 - n * 170 / 240) * day - Double(n % 8 + 1) * 3_600
            do {
                _ = try await bank.recordForMembers(payer: payer, receiver: receiver, minutes: minutes, note: DemoTimeBank.notes[n % DemoTimeBank.notes.count],
                                                    by: by, now: at, on: db)
                written += 1
            } catch is TimeBankRefused { continue }
        }
        // A walking group joins as an organisation: a coordinator records the monthly group walk it leads for members.
        if let walkers = try await OrganisationRecord.query(on: db).filter(\.$name == "Bay Walkers").first()?.id {
            try await bank.ask(organisation: walkers, now: now - 70 * day, on: db)
            try await bank.approve(person: walkers, by: by, now: now - 60 * day, on: db)
            for month in 0..<2 {
                _ = try? await bank.recordGroupForMembers(GroupExchangeDraft(one: walkers, many: Array(members[(3 + month * 4)..<(8 + month * 4)]), minutes: 90,
                                                                             direction: .gave, note: "Group walk along the prom"),
                                                          by: by, now: now - Double(50 - month * 30) * day, on: db)
            }
        }
        // Some members give to the fund, which welcomes a newer member.
        for (i, member) in members.suffix(4).enumerated() {
            _ = try? await bank.donate(60 * (i + 1), from: member, note: "Given to the community fund", now: now - Double(20 - i) * day, on: db)
        }
        _ = try? await bank.giveFromFund(120, to: members[29], note: "Welcome to the time bank", by: by, now: now - 10 * day, on: db)
        // The demo resident (members[0]) has one exchange waiting for them, and one waiting for the other member.
        _ = try await bank.record(ExchangeDraft(with: members[0], minutes: 60, direction: .gave, note: "Help with the garden"), by: members[1], now: now - day, on: db)
        _ = try await bank.record(ExchangeDraft(with: members[2], minutes: 45, direction: .received, note: "A lift to the surgery"), by: members[0], now: now - 2 * day, on: db)
        return written
    }
}
