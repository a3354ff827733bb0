import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The place's list of GP practices, kept by an administrator: each practice's ODS code and name, its primary care
/// network, and the clinicians who work there. Referrals those clinicians make are counted to the practice, so the
/// dashboards split and narrow by practice and network, and each clinician sees their own practice's figures.
struct PracticesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(InsightURL.practices.pathComponents, use: list)
        routes.post(InsightURL.practices.pathComponents, use: add)
        routes.get(InsightURL.practice(UUID()).pathComponents, use: show)
        routes.post(InsightURL.practice(UUID()).pathComponents, use: change)
        routes.post(InsightURL.practiceClinicians(UUID()).pathComponents, use: addClinician)
        routes.post(InsightURL.removeClinician(UUID()).pathComponents, use: removeClinician)
    }

    static func form(_ request: Request) -> [String: String] { (try? request.content.decode([String: String].self)) ?? [:] }

    static func draft(_ form: [String: String]) throws -> PracticeDraft {
        try PracticeDraft.checked(code: form["code"], name: form["name"], pcnCode: form["pcn_code"], pcnName: form["pcn_name"])
    }

    func list(_ request: Request) async throws -> Response {
        try await listPage(request, form: [:], errors: [])
    }

    private func listPage(_ request: Request, form: [String: String], errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.managePractices)
        var context = PageContext(request, title: "GP practices", breadcrumbs: [NavigationLink(title: "Insight", path: InsightURL.dashboards.path)])
        context.hasErrors = !errors.isEmpty
        return PracticePages.list(try await Practices().all(on: request.db), form: form, errors: errors, context).response(status: status)
    }

    func add(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.managePractices)
        let form = Self.form(request)
        do {
            let id = try await Practices().save(try Self.draft(form), by: me.personID, now: request.now, on: request.db)
            return request.redirect(to: InsightURL.practice(id).with([("done", Notice.practiceSaved.rawValue)]))
        } catch let failure as ValidationFailure {
            return try await listPage(request, form: form, errors: failure.errors, status: .unprocessableEntity)
        }
    }

    static func practice(_ request: Request) async throws -> Practice {
        _ = try request.requireSignedIn()
        try request.require(.managePractices)
        guard let practice = try await Practices().find(try request.idParameter(), on: request.db) else {
            throw Abort(.notFound, reason: "That practice is not on the list.")
        }
        return practice
    }

    func show(_ request: Request) async throws -> Response {
        let practice = try await Self.practice(request)
        return try await page(request, practice, form: ["code": practice.code, "name": practice.name, "pcn_code": practice.pcnCode, "pcn_name": practice.pcnName],
                              errors: [])
    }

    private func page(_ request: Request, _ practice: Practice, form: [String: String], errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        var context = PageContext(request, title: "\(practice.name) (\(practice.code))",
                                  breadcrumbs: [NavigationLink(title: "Insight", path: InsightURL.dashboards.path),
                                                NavigationLink(title: "GP practices", path: InsightURL.practices.path)])
        context.hasErrors = !errors.isEmpty
        let clinicians = try await Practices().clinicians(of: practice.id, on: request.db)
        return PracticePages.practice(practice, clinicians: clinicians, form: form, errors: errors, context).response(status: status)
    }

    func change(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let practice = try await Self.practice(request)
        let form = Self.form(request)
        do {
            try await Practices().save(try Self.draft(form), id: practice.id, by: me.personID, now: request.now, on: request.db)
            return request.redirect(to: InsightURL.practice(practice.id).with([("done", Notice.practiceSaved.rawValue)]))
        } catch let failure as ValidationFailure {
            return try await page(request, practice, form: form, errors: failure.errors, status: .unprocessableEntity)
        }
    }

    func addClinician(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let practice = try await Self.practice(request)
        let form = Self.form(request)
        do {
            let typed = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let email = try? EmailAddress(typed) else {
                throw ValidationFailure([FieldError("email", typed.isEmpty ? "Enter the clinician's sign-in email address"
                                                                           : "Enter an email address like name@example.nhs.uk")])
            }
            try await Practices().addClinician(email: email, to: practice.id, by: me.personID, now: request.now, on: request.db)
            return request.redirect(to: InsightURL.practice(practice.id).with([("done", Notice.clinicianAdded.rawValue)]) + "#clinicians")
        } catch let failure as ValidationFailure {
            var shown = ["code": practice.code, "name": practice.name, "pcn_code": practice.pcnCode, "pcn_name": practice.pcnName]
            shown["email"] = form["email"]
            return try await page(request, practice, form: shown, errors: failure.errors, status: .unprocessableEntity)
        }
    }

    func removeClinician(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let practice = try await Self.practice(request)
        guard let person = Self.form(request)["person"].flatMap(UUID.init(uuidString:)) else {
            throw Abort(.badRequest, reason: "Choose a clinician on this practice's list to take off it.")
        }
        try await Practices().removeClinician(person, from: practice.id, by: me.personID, now: request.now, on: request.db)
        return request.redirect(to: InsightURL.practice(practice.id).with([("done", Notice.clinicianRemoved.rawValue)]) + "#clinicians")
    }
}

/// The practice list's pages.
enum PracticePages {
    static func list(_ practices: [Practice], form: [String: String], errors e: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") {
                "The place's GP practices and the primary care network each belongs to. A referral a practice's clinician makes is counted to the practice, so the insight dashboards can be split by practice and network, narrowed to a network, and each clinician sees their own practice's figures, suppressed as the place's are."
            }
            if practices.isEmpty {
                el("p") { "No practice is on the list yet." }
            } else {
                scrollingTable("GP practices on the list") {
                    el("thead") {
                        el("tr") {
                            for heading in ["Practice", "ODS code", "Primary care network", "Clinicians", "Referrals counted to it"] {
                                el("th", .init("scope", "col")) { heading }
                            }
                        }
                    }
                    el("tbody") {
                        for p in practices {
                            el("tr") {
                                el("th", .init("scope", "row")) { el("a", .href(InsightURL.practice(p.id).path)) { p.name } }
                                el("td") { p.code }
                                el("td") { "\(p.pcnName) (\(p.pcnCode))" }
                                el("td") { String(p.clinicians) }
                                el("td") { String(p.referrals) }
                            }
                        }
                    }
                }
            }
            el("h2", .id("new")) { "Add a practice" }
            el("form", .init("method", "post"), .init("action", InsightURL.practices.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                fields(form, e)
                Form.button("Add the practice")
            }
        }
    }

    static func fields(_ form: [String: String], _ e: [FieldError]) -> Node {
        el("div") {
            Form.field("name", label: "Practice name", value: form["name"] ?? "", errors: e)
            Form.field("code", label: "Practice ODS code", value: form["code"] ?? "", hint: "A letter and five digits, for example A81001", errors: e, width: "10")
            Form.field("pcn_name", label: "Primary care network", value: form["pcn_name"] ?? "", hint: "The network's name", errors: e)
            Form.field("pcn_code", label: "Network ODS code", value: form["pcn_code"] ?? "", hint: "U and five digits, for example U12345", errors: e, width: "10")
        }
    }

    static func practice(_ practice: Practice, clinicians: [PracticeClinician], form: [String: String], errors e: [FieldError],
                         _ context: PageContext) -> Node {
        let clinicianErrors = e.filter { $0.field == "email" }, practiceErrors = e.filter { $0.field != "email" }
        return Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            el("p") { "In \(practice.pcnName) (\(practice.pcnCode)). \(practice.referrals == 1 ? "1 referral is" : "\(practice.referrals) referrals are") counted to it." }
            el("h2", .id("clinicians")) { "Clinicians at this practice" }
            if clinicians.isEmpty {
                el("p") { "No clinician is on this practice's list yet." }
            } else {
                el("ul", .class("links")) {
                    for c in clinicians {
                        el("li") {
                            "\(c.name), \(c.email) "
                            el("form", .init("method", "post"), .init("action", InsightURL.removeClinician(practice.id).path), .class("inline")) {
                                Form.csrf(context.csrfToken)
                                el("input", .type("hidden"), .name("person"), .value(c.personID.uuidString.lowercased()))
                                el("button", .type("submit"), .class("secondary"), .init("aria-label", "Take \(c.name) off the list")) { "Take off the list" }
                            }
                        }
                    }
                }
            }
            el("form", .init("method", "post"), .init("action", InsightURL.practiceClinicians(practice.id).path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Form.field("email", label: "Add a clinician by their sign-in email", type: "email", value: form["email"] ?? "",
                           hint: "They need the clinician role. A clinician is on one practice's list: adding them here moves them from any other.",
                           errors: clinicianErrors)
                Form.button("Add the clinician", secondary: true)
            }
            el("h2") { "Change the practice" }
            el("form", .init("method", "post"), .init("action", InsightURL.practice(practice.id).path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                fields(form, practiceErrors)
                Form.button("Save the practice")
            }
        }
    }
}
