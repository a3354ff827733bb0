import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The person's plan, measures and carer links through `/api/v1/people/{id}/…`, with the same permissions
/// and audit as the pages.
struct PeopleAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.apiMeasures(UUID()).pathComponents, use: measures)
        routes.post(SiteURL.apiMeasures(UUID()).pathComponents, use: recordMeasure)
        routes.get(SiteURL.apiPlan(UUID()).pathComponents, use: plan)
        routes.put(SiteURL.apiPlan(UUID()).pathComponents, use: savePlan)
        routes.post(SiteURL.apiCarerLinks(UUID()).pathComponents, use: addCarerLink)
    }

    // MARK: - Measures

    /// One answer as sent: a whole number, null (not answered), or something else (named back as wrong).
    enum Answer: Decodable {
        case value(Int), missing, wrong(String)

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .missing; return }
            if let number = try? c.decode(Int.self) { self = .value(number); return }
            if let number = try? c.decode(Double.self) { self = .wrong("\(number) is not a whole number"); return }
            if let text = try? c.decode(String.self) { self = .wrong("\"\(text)\" is text, not a number"); return }
            self = .wrong("it is not a number")
        }
    }

    struct MeasureBody: Decodable {
        var instrument: String?
        var answers: [Answer]?
        var taken_at: Date?
    }

    struct ONS4DTO: Content { let question: String; let value: Int; let band: String }
    struct ScoresDTO: Content {
        var raw: Int?
        var metric: Double?
        var ons4: [ONS4DTO]?
        var total: Int?
        var lonely: Bool?
        var lonely_direct: String?
    }
    struct MeasureDTO: Content {
        let id: String
        let person_id: String
        let episode_id: String?
        let instrument: String
        let answers: [Int?]
        let answer_labels: [String?]
        let taken_at: Date
        let scores: ScoresDTO
        let unscored: String?
        let summary: String
    }

    static func dto(_ m: MeasureRecord) -> MeasureDTO? {
        guard let result = m.result else { return nil }
        var scores = ScoresDTO()
        scores.raw = result.swemwbs?.raw
        scores.metric = result.swemwbs?.metric
        if result.instrument == .ons4 { scores.ons4 = result.ons4.map { ONS4DTO(question: $0.question.rawValue, value: $0.value, band: $0.band.rawValue) } }
        scores.total = result.ucla3?.total
        scores.lonely = result.ucla3?.lonely
        scores.lonely_direct = result.lonelinessDirect?.title
        return MeasureDTO(id: m.id!.uuidString.lowercased(), person_id: m.personID.uuidString.lowercased(), episode_id: m.referralID?.uuidString.lowercased(),
                          instrument: m.instrument, answers: result.answers, answer_labels: result.answerLabels, taken_at: m.takenAt, scores: scores,
                          unscored: result.unscored, summary: result.summary)
    }

    func measures(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .readPlan($0) }
        let records = try await Measures().of(subject.id, on: request.db)
        try await request.audit(.viewedMeasures, about: subject.id)
        struct List: Content { let measures: [MeasureDTO] }
        return try ReferralsAPIController.json(List(measures: records.compactMap(Self.dto)), status: .ok)
    }

    func recordMeasure(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .changePlan($0) }
        let body = try ReferralsAPIController.body(request, MeasureBody.self)
        guard let instrument = body.instrument.flatMap(Instrument.init(rawValue:)) else {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"instrument\" must be one of "
                           + Instrument.allCases.map(\.rawValue).joined(separator: ", ") + (body.instrument.map { "; \"\($0)\" is not one" } ?? ""), field: "instrument")
        }
        guard let sent = body.answers else {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"answers\" is missing: give the \(instrument.items.count) item scores in order.", field: "answers")
        }
        var answers: [Int?] = []
        for (index, answer) in sent.enumerated() {
            switch answer {
            case .value(let v): answers.append(v)
            case .missing: answers.append(nil)
            case .wrong(let why):
                throw APIError(status: .unprocessableEntity, code: "invalid",
                               message: "Answer \(index + 1) must be a whole number, or null if not answered: \(why).", field: "answers[\(index)]")
            }
        }
        let result = try MeasureResult(instrument, answers: answers)
        let takenAt = body.taken_at ?? request.now
        if takenAt > request.now.addingTimeInterval(300) {
            throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"taken_at\" cannot be in the future.", field: "taken_at")
        }
        return try await ReferralsAPIController.idempotent(request) { db in
            let record = try await Measures().record(result, of: subject.id, by: subject.me.personID, channel: "api", takenAt: takenAt,
                                                     now: request.now, on: db)
            return try ReferralsAPIController.json(Self.dto(record), status: .created)
        }
    }

    // MARK: - Plan

    struct StepDTO: Content { var what: String?; var who: String?; var by_when: String? }
    struct GoalDTO: Content {
        var id: String?
        var words: String?
        var category: String?
        var progress: Int?
        var steps: [StepDTO]?
    }
    struct SharingDTO: Content { let gp: Bool; let organisations: [String]; let carers: [String] }
    struct ServiceDTO: Content { let service_id: String; let name: String; let status: String }
    struct PlanDTO: Content {
        var person_id: String?
        var version: Int?
        var updated_at: Date?
        var what_matters: String?
        var strengths: String?
        var goals: [GoalDTO]?
        var supporters: String?
        var review_on: String?
        var services: [ServiceDTO]?
        /// Services the person chose from the directory; left as they are when a PUT leaves this out.
        var chosen_services: [String]?
        var sharing: SharingDTO?
    }

    func planDTO(_ person: UUID, _ stored: StoredPlan, services: [(serviceID: UUID, name: String, status: String)]) -> PlanDTO {
        let p = stored.plan
        return PlanDTO(person_id: person.uuidString.lowercased(), version: stored.version, updated_at: stored.updatedAt,
                       what_matters: p.whatMatters, strengths: p.strengths,
                       goals: p.goals.map { g in
                           GoalDTO(id: g.id.uuidString.lowercased(), words: g.words, category: g.category.rawValue, progress: g.progress,
                                   steps: g.steps.map { StepDTO(what: $0.what, who: $0.who, by_when: $0.byWhen) })
                       },
                       supporters: p.supporters, review_on: p.reviewOn,
                       services: services.map { ServiceDTO(service_id: $0.serviceID.uuidString.lowercased(), name: $0.name, status: $0.status) },
                       chosen_services: p.services.map { $0.uuidString.lowercased() },
                       sharing: SharingDTO(gp: stored.sharing.gp, organisations: stored.sharing.organisations.map { $0.uuidString.lowercased() },
                                           carers: stored.sharing.carers.map { $0.uuidString.lowercased() }))
    }

    func plan(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .readPlan($0) }
        let stored = try await Plans().plan(of: subject.id, on: request.db)
        try await request.audit(.viewedPlan, about: subject.id)
        return try ReferralsAPIController.json(planDTO(subject.id, stored, services: try await Plans().services(of: subject.id, on: request.db)), status: .ok)
    }

    func savePlan(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .changePlan($0) }
        let body = try ReferralsAPIController.body(request, PlanDTO.self)
        let stored = try await Plans().plan(of: subject.id, on: request.db)
        var goals: [Goal] = []
        for (index, g) in (body.goals ?? []).enumerated() {
            guard let category = GoalCategory(rawValue: g.category ?? GoalCategory.other.rawValue) else {
                throw APIError(status: .unprocessableEntity, code: "invalid", message: "Goal \(index + 1): \"category\" must be one of "
                               + GoalCategory.allCases.map(\.rawValue).joined(separator: ", "), field: "goals[\(index)].category")
            }
            goals.append(Goal(id: g.id.flatMap(UUID.init(uuidString:)) ?? UUID(), words: g.words ?? "", category: category,
                              steps: (g.steps ?? []).map { GoalStep(what: $0.what ?? "", who: $0.who ?? "", byWhen: $0.by_when) }, progress: g.progress))
        }
        var chosen = stored.plan.services
        if let sent = body.chosen_services {
            chosen = []
            for (index, text) in sent.enumerated() {
                guard let id = UUID(uuidString: text), try await ServiceRecord.find(id, on: request.db) != nil else {
                    throw APIError(status: .unprocessableEntity, code: "invalid", message: "\"\(text)\" is not a service in the directory.",
                                   field: "chosen_services[\(index)]")
                }
                chosen.append(id)
            }
        }
        let plan = CarePlan(whatMatters: body.what_matters ?? "", strengths: body.strengths ?? "", goals: goals, supporters: body.supporters ?? "",
                            reviewOn: body.review_on, services: chosen)
        let checked = try plan.validated(today: request.now, previousReviewOn: stored.plan.reviewOn)
        do {
            try await Plans().save(checked, of: subject.id, basedOn: body.version, by: subject.me.personID, channel: "api", now: request.now, on: request.db)
        } catch let meanwhile as PlanChangedMeanwhile {
            throw APIError(status: .conflict, code: "changed_meanwhile", message: meanwhile.message + " The plan is now at version \(meanwhile.current).", field: "version")
        }
        let saved = try await Plans().plan(of: subject.id, on: request.db)
        return try ReferralsAPIController.json(planDTO(subject.id, saved, services: try await Plans().services(of: subject.id, on: request.db)), status: .ok)
    }

    // MARK: - Carer links

    struct CarerLinkBody: Decodable {
        var cared_for_name: String?
        var relationship: String?
        var what_i_care_with: String?
        var hours_per_week: Int?
        var cares_for_email: String?
    }

    struct CarerLinkDTO: Content {
        let id: String
        let carer_id: String
        let cared_for_name: String
        let relationship: String
        let what_i_care_with: String
        let hours_per_week: Int?
        let agreed: Bool
        let young_carer: Bool
        let created_at: Date
    }

    func addCarerLink(_ request: Request) async throws -> Response {
        let subject = try await request.planSubject { .changePlan($0) }
        let body = try ReferralsAPIController.body(request, CarerLinkBody.self)
        var fields: [String: String] = [:]
        fields["cared_for_name"] = body.cared_for_name
        fields["relationship"] = body.relationship
        fields["what_i_care_with"] = body.what_i_care_with
        fields["hours_per_week"] = body.hours_per_week.map(String.init)
        fields["cares_for_email"] = body.cares_for_email
        let (details, caredFor, invited) = try await CaringController.details(fields, carer: subject.id, request)
        let invite = CaringController.invite(invited, carer: subject, request)
        return try await ReferralsAPIController.idempotent(request) { db in
            let link = try await Carers().link(carer: subject.id, caredFor: caredFor, details, invite: invite, recordedBy: subject.me.personID, channel: "api",
                                               now: request.now, on: db)
            return try ReferralsAPIController.json(CarerLinkDTO(
                id: link.id!.uuidString.lowercased(), carer_id: link.carerID.uuidString.lowercased(), cared_for_name: link.caredForName,
                relationship: link.relationship, what_i_care_with: link.whatICareWith, hours_per_week: link.hoursPerWeek, agreed: link.isAgreed,
                young_carer: CaringDetails.isYoungCarer(birthDate: subject.person.birthDate, today: request.now), created_at: link.createdAt), status: .created)
        }
    }
}
