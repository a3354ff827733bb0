import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// "How am I doing?" as pages: the person's measures over time, and answering one, on their own or with their
/// link worker.
struct MeasuresController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.measures(UUID()).pathComponents, use: list)
        routes.get(SiteURL.newMeasure(UUID()).pathComponents, use: showNew)
        routes.post(SiteURL.measures(UUID()).pathComponents, use: create)
    }

    /// Each goal in the plan now, with how far along the person rated it at each version of the plan.
    static func goalProgress(_ person: UUID, on db: any Database) async throws -> [MeasurePages.GoalProgress] {
        let versions = try await Plans().versions(of: person, on: db).reversed()
        guard let current = versions.last?.plan else { return [] }
        return current.goals.enumerated().compactMap { index, goal in
            var points: [(at: Date, value: Double)] = []
            for version in versions {
                guard let progress = version.plan.goals.first(where: { $0.id == goal.id })?.progress else { continue }
                if points.last?.value != Double(progress) { points.append((version.at, Double(progress))) }
            }
            return points.isEmpty ? nil : MeasurePages.GoalProgress(number: index + 1, words: goal.words, points: points)
        }
    }

    func list(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .readPlan($0) }
        let records = try await Measures().of(subject.id, on: request.db)
        try await request.audit(.viewedMeasures, about: subject.id)
        let names = try await ReferralsController.names(Set(records.compactMap(\.recordedBy)).subtracting([subject.id]), on: request.db)
        let instruments = Instrument.allCases.map { instrument in
            let mine = records.filter { $0.instrument == instrument.rawValue }
            return MeasurePages.InstrumentModel(
                instrument: instrument,
                taken: mine.compactMap { r in r.result.map { MeasurePages.Taken(id: r.id!, at: r.takenAt, result: $0, by: r.recordedBy.flatMap { names[$0] }) } },
                sentence: MeasureChange.sentence(over: mine.compactMap { r in r.result.map { (episode: r.referralID, result: $0) } }))
        }
        let context = PageContext(request, title: subject.isMe ? "How am I doing?" : "How \(subject.person.fullName) is doing",
                                  breadcrumbs: PlansController.crumbs(subject))
        return MeasurePages.list(subjectID: subject.id, isMe: subject.isMe, name: subject.person.fullName,
                                 canRecord: request.alongside.policy.allows(.changePlan(subject.access), for: request.actor),
                                 instruments: instruments, goals: try await Self.goalProgress(subject.id, on: request.db), context).response()
    }

    static func instrument(_ raw: String?) throws -> Instrument {
        guard let instrument = raw.flatMap(Instrument.init(rawValue:)) else {
            throw Abort(.notFound, reason: "There is no questionnaire called \"\(raw ?? "")\". Choose one of: " + Instrument.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        return instrument
    }

    private func formPage(_ request: Request, _ subject: PlanSubject, _ instrument: Instrument, chosen: [String: String], errors: [FieldError]) -> Node {
        var context = PageContext(request, title: instrument.title,
                                  breadcrumbs: PlansController.crumbs(subject) + [NavigationLink(title: subject.isMe ? "How am I doing?" : "Measures",
                                                                                                 path: SiteURL.measures(subject.id).path)])
        context.hasErrors = !errors.isEmpty
        return MeasurePages.form(subjectID: subject.id, instrument: instrument, chosen: chosen, errors: errors, context)
    }

    func showNew(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .changePlan($0) }
        let instrument = try Self.instrument(try? request.query.get(String.self, at: "instrument"))
        return formPage(request, subject, instrument, chosen: [:], errors: []).response()
    }

    func create(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .changePlan($0) }
        let fields = try request.content.decode([String: String].self)
        let instrument = try Self.instrument(fields["instrument"])
        var checks = FieldChecks()
        var answers: [Int?] = []
        for (index, item) in instrument.items.enumerated() {
            switch fields[item.linkID] {
            case nil, "": checks.add(item.linkID, "Answer question \(index + 1), or choose \"Prefer not to answer\""); answers.append(nil)
            case "skip": answers.append(nil)
            case let text?: answers.append(Int(text) ?? -1)
            }
        }
        do {
            try checks.finish()
            let result = try MeasureResult(instrument, answers: answers, field: { _, item in item.linkID })
            try await Measures().record(result, of: subject.id, by: subject.me.personID, channel: request.channel, takenAt: request.now,
                                        now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return formPage(request, subject, instrument, chosen: fields, errors: failure.errors).response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.measures(subject.id).with([("done", Notice.measureSaved.rawValue)]) + "#m-" + instrument.rawValue)
    }
}
