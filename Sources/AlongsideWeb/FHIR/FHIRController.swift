import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// FHIR R4, read-only: the CapabilityStatement, a referral as a ServiceRequest tracked by a Task (and a Task
/// for each referral to a community service), the person as a Patient, and Patient/$everything — with the
/// same permissions as the pages, every read audited.
struct FHIRController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let fhir = routes.grouped("fhir")
        fhir.get("metadata", use: metadata)
        fhir.get("ServiceRequest", ":id", use: serviceRequest)
        fhir.get("Task", use: taskSearch)
        fhir.get("Task", ":id", use: task)
        fhir.get("Patient", ":id", use: patient)
        fhir.get("Patient", ":id", "$everything", use: everything)
    }

    static let snomed = "http://snomed.info/sct"
    static let nhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number"

    static func respond(_ resource: [String: Any], status: HTTPStatus = .ok) throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/fhir+json; charset=utf-8")
        return Response(status: status, headers: headers,
                        body: .init(data: try JSONSerialization.data(withJSONObject: resource, options: [.sortedKeys, .withoutEscapingSlashes])))
    }

    static func instant(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static func id(_ request: Request) throws -> UUID {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw Abort(.notFound, reason: "There is no resource with this id.")
        }
        return id
    }

    func metadata(_ request: Request) async throws -> Response {
        try Self.respond([
            "resourceType": "CapabilityStatement", "status": "active", "date": Self.instant(request.now), "kind": "instance",
            "software": ["name": "Alongside"], "implementation": ["description": "Alongside social prescribing, read-only FHIR R4",
                                                                  "url": request.alongside.configuration.publicURL + "/fhir"],
            "fhirVersion": "4.0.1", "format": ["json"],
            "rest": [[
                "mode": "server",
                "security": ["description": "Send Authorization: Bearer with a token from POST /api/v1/sessions; each person sees what the pages would show them."],
                "resource": [
                    ["type": "ServiceRequest", "interaction": [["code": "read"]]],
                    ["type": "Task", "interaction": [["code": "read"], ["code": "search-type"]],
                     "searchParam": [["name": "focus", "type": "reference", "documentation": "ServiceRequest/{id}"]]],
                    ["type": "Patient", "interaction": [["code": "read"]],
                     "operation": [["name": "everything", "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything"]]],
                    ["type": "CarePlan", "interaction": [["code": "read"]]],
                    ["type": "Goal", "interaction": [["code": "read"]]],
                    ["type": "Questionnaire", "interaction": [["code": "read"]]],
                    ["type": "QuestionnaireResponse", "interaction": [["code": "read"]]],
                    ["type": "Observation", "interaction": [["code": "read"]]],
                    ["type": "RelatedPerson", "interaction": [["code": "read"]]],
                ],
            ]],
        ])
    }

    /// The referral, if the signed-in person may read it (audited).
    private func readable(_ id: UUID, _ request: Request) async throws -> ReferralRecord {
        _ = try request.requireSignedIn()
        guard let r = try await Referrals().find(id, on: request.db) else { throw Abort(.notFound, reason: "There is no ServiceRequest with this id.") }
        try request.require(.readReferral(r.access))
        try await request.audit(.viewedReferral, about: r.personID)
        return r
    }

    func serviceRequest(_ request: Request) async throws -> Response {
        let r = try await readable(try Self.id(request), request)
        let episode = try await Referrals().episode(r.id!, on: request.db)
        return try Self.respond(try await Self.serviceRequest(r, episode: episode, request))
    }

    static func serviceRequest(_ r: ReferralRecord, episode: Episode?, _ request: Request) async throws -> [String: Any] {
        let stage = r.currentStage
        var resource: [String: Any] = [
            "resourceType": "ServiceRequest", "id": r.id!.uuidString.lowercased(),
            "status": stage == .closed ? "completed" : stage.isOpen ? "active" : "revoked",
            "intent": "order",
            "category": [["text": "Social prescribing"]],
            "subject": ["reference": "Patient/" + r.personID.uuidString.lowercased(), "display": r.fullName],
            "authoredOn": instant(r.createdAt),
            "requester": ["display": r.referrerName],
            "reasonCode": r.needList.map { ["text": $0.title] },
        ]
        // Coded with SNOMED CT once it applies: when the person accepted their first contact.
        if let code = episode?.codes.first(where: { $0.code == SNOMEDConcept.referralToSocialPrescribing.code }) {
            resource["code"] = ["coding": [["system": snomed, "code": code.code, "display": code.display]], "text": code.display]
        }
        if request.alongside.policy.allows(.workOnReferral(r.access), for: request.actor) || r.gpSharing == "all", !r.story.isEmpty {
            resource["note"] = [["text": r.story]]
        }
        return resource
    }

    static func task(_ r: ReferralRecord, names: [UUID: String]) -> [String: Any] {
        var task: [String: Any] = [
            "resourceType": "Task", "id": r.id!.uuidString.lowercased(), "status": r.currentStage.taskStatus, "intent": "order",
            "businessStatus": ["text": r.currentStage.title],
            "focus": ["reference": "ServiceRequest/" + r.id!.uuidString.lowercased()],
            "for": ["reference": "Patient/" + r.personID.uuidString.lowercased()],
            "authoredOn": instant(r.createdAt), "lastModified": instant(r.stageChangedAt),
        ]
        if let worker = r.assignedTo, let name = names[worker] { task["owner"] = ["display": name] }
        if let outcome = r.outcome.flatMap(ClosureOutcome.init(rawValue:)) { task["statusReason"] = ["text": outcome.title] }
        return task
    }

    static func taskStatus(_ status: CommunityReferralStatus) -> String {
        switch status {
        case .sent: "requested"
        case .accepted: "accepted"
        case .declined: "rejected"
        case .attendedFirst, .attendingRegularly: "in-progress"
        case .stopped: "completed"
        case .didNotAttend: "failed"
        }
    }

    static func communityTask(_ c: CommunityReferralRecord, _ r: ReferralRecord) -> [String: Any] {
        var task: [String: Any] = [
            "resourceType": "Task", "id": c.id!.uuidString.lowercased(), "status": taskStatus(c.currentStatus), "intent": "order",
            "businessStatus": ["text": c.currentStatus.title],
            "description": "Referral to \(c.serviceName)",
            "partOf": [["reference": "Task/" + r.id!.uuidString.lowercased()]],
            "focus": ["reference": "ServiceRequest/" + r.id!.uuidString.lowercased()],
            "for": ["reference": "Patient/" + r.personID.uuidString.lowercased()],
            "authoredOn": instant(c.sentAt), "lastModified": instant(c.answeredAt ?? c.sentAt),
            "owner": ["display": c.serviceName],
        ]
        if let reason = c.declineReason.flatMap(DeclineReason.init(rawValue:)) { task["statusReason"] = ["text": reason.title] }
        return task
    }

    static func tasks(for r: ReferralRecord, _ request: Request) async throws -> [[String: Any]] {
        let names = try await ReferralsController.names(Set([r.assignedTo].compactMap { $0 }), on: request.db)
        return [task(r, names: names)] + (try await CommunityReferrals().forReferral(r.id!, on: request.db).map { communityTask($0, r) })
    }

    func taskSearch(_ request: Request) async throws -> Response {
        guard let focus = try? request.query.get(String.self, at: "focus"), focus.hasPrefix("ServiceRequest/"),
              let id = UUID(uuidString: String(focus.dropFirst("ServiceRequest/".count))) else {
            throw APIError(status: .badRequest, code: "bad_request", message: "Search Tasks by focus=ServiceRequest/{id}", field: "focus")
        }
        let r = try await readable(id, request)
        let tasks = try await Self.tasks(for: r, request)
        return try Self.respond(Self.bundle(tasks, request))
    }

    func task(_ request: Request) async throws -> Response {
        let id = try Self.id(request)
        if try await Referrals().find(id, on: request.db) != nil {
            return try Self.respond(try await Self.tasks(for: try await readable(id, request), request)[0])
        }
        guard let c = try await CommunityReferrals().find(id, on: request.db) else { throw Abort(.notFound, reason: "There is no Task with this id.") }
        let r = try await readable(c.referralID, request)
        return try Self.respond(Self.communityTask(c, r))
    }

    static func patientResource(_ person: PersonRecord, latest: ReferralRecord?) -> [String: Any] {
        var resource: [String: Any] = [
            "resourceType": "Patient", "id": person.id!.uuidString.lowercased(),
            "name": [["use": "official", "family": person.familyName, "given": [person.givenName]]],
        ]
        if let birth = person.birthDate ?? latest?.birthDate { resource["birthDate"] = birth }
        if let postcode = person.postcode ?? latest?.postcode { resource["address"] = [["postalCode": postcode]] }
        if let nhs = latest?.nhsNumber { resource["identifier"] = [["system": nhsNumberSystem, "value": nhs]] }
        let telecom = [latest?.phone.map { ["system": "phone", "value": $0] }, latest?.email.map { ["system": "email", "value": $0] }].compactMap { $0 }
        if !telecom.isEmpty { resource["telecom"] = telecom }
        return resource
    }

    /// The person, and the referrals about them the signed-in person may read (none: not allowed, unless it is them).
    /// The person and the referrals the viewer may see; the read is audited unless `audited` is false (for a
    /// caller that reads more and writes the one audit row itself).
    private func patientAndReferrals(_ request: Request, id given: UUID? = nil, audited: Bool = true) async throws -> (PersonRecord, [ReferralRecord]) {
        let me = try request.requireSignedIn()
        let id = try given ?? Self.id(request)
        guard let person = try await PersonRecord.find(id, on: request.db), person.erasedAt == nil else {
            throw Abort(.notFound, reason: "There is no Patient with this id.")
        }
        let referrals = try await Referrals().about(person: id, on: request.db)
            .filter { request.alongside.policy.allows(.readReferral($0.access), for: request.actor) }
        let planOpen = request.alongside.policy.allows(.readPlan(try await Plans().access(for: id, on: request.db)), for: request.actor)
        guard id == me.personID || !referrals.isEmpty || planOpen else {
            throw Abort(.forbidden, reason: "Only the person, their link worker and whoever referred them can see this.")
        }
        if audited { try await request.audit(.viewedRecord, about: id) }
        return (person, referrals)
    }

    func patient(_ request: Request) async throws -> Response {
        let (person, referrals) = try await patientAndReferrals(request)
        return try Self.respond(Self.patientResource(person, latest: referrals.first))
    }

    func everything(_ request: Request) async throws -> Response {
        try Self.respond(try await everythingBundle(request))
    }

    /// Patient/$everything as a Bundle: for `personID` (the signed-in person's own, from "My account"), or the
    /// id in the address.
    func everythingBundle(_ request: Request, personID: UUID? = nil) async throws -> [String: Any] {
        let (person, referrals) = try await patientAndReferrals(request, id: personID, audited: false)
        var resources: [[String: Any]] = [Self.patientResource(person, latest: referrals.first)]
        for r in referrals {
            resources.append(try await Self.serviceRequest(r, episode: try await Referrals().episode(r.id!, on: request.db), request))
            resources += try await Self.tasks(for: r, request)
        }
        // The plan, measures and carer links, to those the person's plan is open to.
        let id = person.id!
        if request.alongside.policy.allows(.readPlan(try await Plans().access(for: id, on: request.db)), for: request.actor) {
            if let record = try await PlanRecord.query(on: request.db).filter(\.$personID == id).first(), record.version > 0 {
                let plan = record.plan
                let names = try await ReferralsController.names(Set([record.updatedBy].compactMap { $0 }), on: request.db)
                resources.append(FHIRPlansController.carePlan(record, plan, names: names))
                resources += plan.goals.map { FHIRPlansController.goal($0, personID: id) }
            }
            for m in try await Measures().of(id, on: request.db) {
                guard let result = m.result else { continue }
                resources.append(FHIRPlansController.questionnaireResponse(m, result, request))
                resources += FHIRPlansController.observations(m, result, request)
            }
            let (caresFor, caredForBy) = try await Carers().links(of: id, on: request.db)
            for link in caresFor + caredForBy {
                resources.append(FHIRPlansController.relatedPerson(link, carer: try await PersonRecord.find(link.carerID, on: request.db)))
            }
            // One read, one audit row, saying it included the plan.
            try await request.audit(.viewedPlan, about: id, detail: "FHIR $everything")
        } else {
            try await request.audit(.viewedRecord, about: id, detail: "FHIR $everything")
        }
        return Self.bundle(resources, request)
    }

    static func bundle(_ resources: [[String: Any]], _ request: Request) -> [String: Any] {
        let base = request.alongside.configuration.publicURL + "/fhir/"
        return [
            "resourceType": "Bundle", "type": "searchset", "total": resources.count,
            "entry": resources.map { resource in
                ["fullUrl": base + "\(resource["resourceType"]!)/\(resource["id"]!)", "resource": resource, "search": ["mode": "match"]]
            },
        ]
    }
}
