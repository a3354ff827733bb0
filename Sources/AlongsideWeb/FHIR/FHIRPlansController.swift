import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// FHIR R4, read-only, for plans, measures and carers: a plan is a CarePlan with Goals; each instrument is a
/// Questionnaire; a plan's id is its person's (one plan each); a completed measure is a QuestionnaireResponse (its id is the measure's) with an Observation
/// for each score; a carer link is a RelatedPerson. Same permissions as the pages; every read audited.
struct FHIRPlansController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let fhir = routes.grouped("fhir")
        fhir.get("Questionnaire", ":id", use: questionnaire)
        fhir.get("QuestionnaireResponse", ":id", use: questionnaireResponse)
        fhir.get("Observation", ":id", use: observation)
        fhir.get("CarePlan", ":id", use: carePlan)
        fhir.get("Goal", ":id", use: goal)
        fhir.get("RelatedPerson", ":id", use: relatedPerson)
    }

    static func codeSystem(_ request: Request) -> String { request.alongside.configuration.publicURL + "/fhir/CodeSystem/wellbeing" }
    static func patient(_ id: UUID) -> [String: Any] { ["reference": "Patient/" + id.uuidString.lowercased()] }
    static func lower(_ id: UUID) -> String { id.uuidString.lowercased() }

    // MARK: - Questionnaires and measures

    static func questionnaire(_ instrument: Instrument, _ request: Request) -> [String: Any] {
        [
            "resourceType": "Questionnaire", "id": instrument.rawValue,
            "url": request.alongside.configuration.publicURL + "/fhir/Questionnaire/" + instrument.rawValue,
            "name": instrument.rawValue.uppercased(), "title": instrument.title, "status": "active", "subjectType": ["Patient"],
            "description": instrument.preamble,
            "item": instrument.items.enumerated().map { index, item in
                [
                    "linkId": item.linkID, "prefix": "\(index + 1)", "text": item.text, "type": "choice", "required": false,
                    "answerOption": item.options.map { option in
                        ["valueCoding": ["system": codeSystem(request) + "/" + instrument.rawValue, "code": String(option.value), "display": option.label]]
                    },
                ] as [String: Any]
            },
        ]
    }

    func questionnaire(_ request: Request) async throws -> Response {
        guard let instrument = request.parameters.get("id").flatMap(Instrument.init(rawValue:)) else {
            throw Abort(.notFound, reason: "There is no Questionnaire with this id: use one of " + Instrument.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        return try FHIRController.respond(Self.questionnaire(instrument, request))
    }

    /// The measure, if the signed-in person may read the person's measures (audited).
    private func readableMeasure(_ id: UUID, _ request: Request) async throws -> (MeasureRecord, MeasureResult) {
        _ = try request.requireSignedIn()
        guard let m = try await Measures().find(id, on: request.db), let result = m.result else {
            throw Abort(.notFound, reason: "There is no such measure.")
        }
        try request.require(.readPlan(try await Plans().access(for: m.personID, on: request.db)))
        try await request.audit(.viewedMeasures, about: m.personID)
        return (m, result)
    }

    static func questionnaireResponse(_ m: MeasureRecord, _ result: MeasureResult, _ request: Request) -> [String: Any] {
        let instrument = result.instrument
        var resource: [String: Any] = [
            "resourceType": "QuestionnaireResponse", "id": lower(m.id!),
            "questionnaire": request.alongside.configuration.publicURL + "/fhir/Questionnaire/" + instrument.rawValue,
            "status": "completed", "subject": patient(m.personID), "authored": FHIRController.instant(m.takenAt),
            "item": zip(instrument.items, result.answers).map { item, answer -> [String: Any] in
                var entry: [String: Any] = ["linkId": item.linkID, "text": item.text]
                if let answer, let label = item.label(for: answer) {
                    entry["answer"] = [["valueCoding": ["system": codeSystem(request) + "/" + instrument.rawValue, "code": String(answer), "display": label]]]
                }
                return entry
            },
        ]
        if let episode = m.referralID { resource["basedOn"] = [["reference": "ServiceRequest/" + lower(episode)]] }
        if m.recordedBy != nil && m.recordedBy != m.personID { resource["source"] = patient(m.personID) }
        return resource
    }

    /// One Observation per score: SWEMWBS metric (with the raw total as a component), each ONS4 question on its
    /// own, the UCLA-3 total. Ids are the measure's id with the score's name after it.
    static func observations(_ m: MeasureRecord, _ result: MeasureResult, _ request: Request) -> [[String: Any]] {
        func make(_ suffix: String, _ code: String, _ display: String, value: [String: Any], interpretation: String?, components: [[String: Any]] = []) -> [String: Any] {
            var o: [String: Any] = [
                "resourceType": "Observation", "id": lower(m.id!) + "-" + suffix, "status": "final",
                "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey", "display": "Survey"]]]],
                "code": ["coding": [["system": codeSystem(request), "code": code, "display": display]], "text": display],
                "subject": patient(m.personID), "effectiveDateTime": FHIRController.instant(m.takenAt),
                "derivedFrom": [["reference": "QuestionnaireResponse/" + lower(m.id!)]],
            ]
            for (key, v) in value { o[key] = v }
            if let interpretation { o["interpretation"] = [["text": interpretation]] }
            if !components.isEmpty { o["component"] = components }
            return o
        }
        var out: [[String: Any]] = []
        if let s = result.swemwbs {
            out.append(make("swemwbs", "swemwbs-metric", "SWEMWBS metric score", value: ["valueQuantity": ["value": s.metric, "unit": "score"]], interpretation: nil,
                            components: [["code": ["coding": [["system": codeSystem(request), "code": "swemwbs-raw", "display": "SWEMWBS raw score"]]],
                                          "valueInteger": s.raw]]))
        }
        for score in result.ons4 {
            let suffix = score.question.rawValue.replacingOccurrences(of: "_", with: "-")
            out.append(make(suffix, "ons4-" + suffix, "ONS4 " + score.question.title.lowercased(), value: ["valueInteger": score.value],
                            interpretation: score.band.title))
        }
        if let u = result.ucla3 {
            out.append(make("ucla3", "ucla3-total", "UCLA 3-item loneliness total", value: ["valueInteger": u.total],
                            interpretation: u.lonely ? "Lonely (6 or more)" : "Not in the lonely range"))
        }
        return out
    }

    func questionnaireResponse(_ request: Request) async throws -> Response {
        let (m, result) = try await readableMeasure(try FHIRController.id(request), request)
        return try FHIRController.respond(Self.questionnaireResponse(m, result, request))
    }

    func observation(_ request: Request) async throws -> Response {
        let raw = request.parameters.get("id") ?? ""
        guard raw.count > 37, let id = UUID(uuidString: String(raw.prefix(36))) else { throw Abort(.notFound, reason: "There is no Observation with this id.") }
        let (m, result) = try await readableMeasure(id, request)
        guard let found = Self.observations(m, result, request).first(where: { $0["id"] as? String == raw.lowercased() }) else {
            throw Abort(.notFound, reason: "There is no Observation with this id.")
        }
        return try FHIRController.respond(found)
    }

    // MARK: - Plans

    static func carePlan(_ record: PlanRecord, _ plan: CarePlan, names: [UUID: String]) -> [String: Any] {
        var resource: [String: Any] = [
            "resourceType": "CarePlan", "id": lower(record.personID), "status": "active", "intent": "plan",
            "title": "Personalised care and support plan", "subject": patient(record.personID),
            "created": FHIRController.instant(record.updatedAt),
            "goal": plan.goals.map { ["reference": "Goal/" + lower($0.id), "display": $0.words] },
        ]
        if !plan.whatMatters.isEmpty { resource["description"] = plan.whatMatters }
        if let review = plan.reviewOn { resource["period"] = ["end": review] }
        if let by = record.updatedBy, let name = names[by] { resource["author"] = ["display": name] }
        let notes = [plan.strengths.isEmpty ? nil : "My strengths: " + plan.strengths, plan.supporters.isEmpty ? nil : "Who supports me: " + plan.supporters]
            .compactMap { $0 }
        if !notes.isEmpty { resource["note"] = notes.map { ["text": $0] } }
        let activities: [[String: Any]] = plan.goals.flatMap { goal in
            goal.steps.map { step in
                var detail: [String: Any] = ["status": "not-started", "description": step.what, "goal": [["reference": "Goal/" + lower(goal.id)]],
                                             "performer": [["display": step.who]]]
                if let by = step.byWhen { detail["scheduledPeriod"] = ["end": by] }
                return ["detail": detail]
            }
        }
        if !activities.isEmpty { resource["activity"] = activities }
        return resource
    }

    static func goal(_ goal: Goal, personID: UUID) -> [String: Any] {
        var resource: [String: Any] = [
            "resourceType": "Goal", "id": lower(goal.id), "lifecycleStatus": "active",
            "category": [["text": goal.category.title]], "description": ["text": goal.words], "subject": patient(personID),
        ]
        if let progress = goal.progress {
            resource["achievementStatus"] = ["text": progress >= 10 ? "Achieved" : progress == 0 ? "Not started" : "In progress"]
            resource["note"] = [["text": "How far along, as the person rates it: \(progress) out of 10"]]
        }
        return resource
    }

    private func readablePlan(_ record: PlanRecord, _ request: Request) async throws -> CarePlan {
        _ = try request.requireSignedIn()
        try request.require(.readPlan(try await Plans().access(for: record.personID, on: request.db)))
        try await request.audit(.viewedPlan, about: record.personID)
        return record.plan
    }

    func carePlan(_ request: Request) async throws -> Response {
        // One plan per person: the CarePlan's id is the person's.
        guard let record = try await PlanRecord.query(on: request.db).filter(\.$personID == (try FHIRController.id(request))).first(), record.version > 0 else {
            throw Abort(.notFound, reason: "There is no CarePlan with this id.")
        }
        let plan = try await readablePlan(record, request)
        let names = try await ReferralsController.names(Set([record.updatedBy].compactMap { $0 }), on: request.db)
        return try FHIRController.respond(Self.carePlan(record, plan, names: names))
    }

    func goal(_ request: Request) async throws -> Response {
        let id = try FHIRController.id(request)
        // Goals live inside their plan; the plan holding this id is found by its text, then read properly.
        let candidates = try await PlanRecord.query(on: request.db).filter(\.$content ~~ id.uuidString).all()
        for record in candidates {
            let plan = record.plan
            if let goal = plan.goals.first(where: { $0.id == id }) {
                _ = try await readablePlan(record, request)
                return try FHIRController.respond(Self.goal(goal, personID: record.personID))
            }
        }
        throw Abort(.notFound, reason: "There is no Goal with this id.")
    }

    // MARK: - Carers

    static func relatedPerson(_ link: CarerLinkRecord, carer: PersonRecord?) -> [String: Any] {
        var relationship: [String: Any] = ["text": "Carer (looks after their \(link.relation.title))"]
        if let code = link.relation.roleCode {
            relationship["coding"] = [["system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode", "code": code.code, "display": code.display]]
        }
        var resource: [String: Any] = [
            "resourceType": "RelatedPerson", "id": lower(link.id!), "active": link.endedAt == nil && link.isAgreed,
            // The cared-for person's record is referred to only once they have agreed to the link.
            "patient": (link.isAgreed ? link.caredForID.map { patient($0) } : nil) ?? ["display": link.caredForName],
            "relationship": [relationship],
        ]
        if let carer { resource["name"] = [["family": carer.familyName, "given": [carer.givenName]]] }
        var period = ["start": FHIRController.instant(link.createdAt)]
        if let ended = link.endedAt { period["end"] = FHIRController.instant(ended) }
        resource["period"] = period
        return resource
    }

    func relatedPerson(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        guard let link = try await Carers().find(try FHIRController.id(request), on: request.db) else {
            throw Abort(.notFound, reason: "There is no RelatedPerson with this id.")
        }
        let policy = request.alongside.policy
        let carerSide = policy.allows(.readPlan(try await Plans().access(for: link.carerID, on: request.db)), for: request.actor)
        let caredSide = try await link.caredForID.asyncMap { policy.allows(.readPlan(try await Plans().access(for: $0, on: request.db)), for: request.actor) } ?? false
        guard carerSide || caredSide else { throw Abort(.forbidden, reason: "Only the two people, and those with a reason to see their caring details, can see this.") }
        try await request.audit(.viewedCarers, about: link.carerID)
        return try FHIRController.respond(Self.relatedPerson(link, carer: try await PersonRecord.find(link.carerID, on: request.db)))
    }
}
