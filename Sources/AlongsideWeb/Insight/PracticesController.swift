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
        routes.post(InsightURL.importPractices.pathComponents, use: importList)
        routes.post(InsightURL.removePractice(UUID()).pathComponents, use: remove)
    }

    struct ListFile: Content {
        var file: File?
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
        // After a file: what it did, from the redirect's own numbers.
        let counts = ["added", "changed", "unchanged"].map { request.query[Int.self, at: $0] }
        let imported = counts.allSatisfy { $0 != nil } ? Practices.ImportSummary(added: counts[0]!, changed: counts[1]!, unchanged: counts[2]!) : nil
        return PracticePages.list(try await Practices().all(on: request.db), form: form, errors: errors, imported: imported, context).response(status: status)
    }

    func importList(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.managePractices)
        do {
            guard let file = (try? request.content.decode(ListFile.self))?.file, file.data.readableBytes > 0 else {
                throw ValidationFailure([FieldError("file", "Choose a CSV file of practices to add or update")])
            }
            guard let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes, encoding: .utf8) else {
                throw ValidationFailure([FieldError("file", "The file is not text in UTF-8: save it from the spreadsheet as \"CSV UTF-8\"")])
            }
            let summary = try await Practices().importList(try PracticeList.parse(text), by: me.personID, now: request.now, on: request.db)
            return request.redirect(to: InsightURL.practices.with([("done", Notice.practicesImported.rawValue), ("added", String(summary.added)),
                                                                   ("changed", String(summary.changed)), ("unchanged", String(summary.unchanged))]))
        } catch let failure as ValidationFailure {
            return try await listPage(request, form: [:], errors: failure.errors, status: .unprocessableEntity)
        }
    }

    func remove(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let practice = try await Self.practice(request)
        let form = Self.form(request)
        guard practice.referrals == 0 else {
            return try await page(request, practice, form: Self.shown(practice), errors: [FieldError("remove", "\(practice.referrals == 1 ? "1 referral is" : "\(practice.referrals) referrals are") counted to \(practice.name), so it stays on the list: taking it off would count what it did as not referred by a practice on the list")],
                                  status: .unprocessableEntity)
        }
        guard Confirmation.isConfirmed(form[Confirmation.field]) else {
            let ask = Confirmation(question: "Take \(practice.name) off the list?",
                                   consequences: ["\(practice.name) (\(practice.code)) is no longer offered as a practice to split or narrow the figures by.",
                                                  "Its clinicians are taken off its list; referrals they make are not counted to a practice until they are put on one."],
                                   action: InsightURL.removePractice(practice.id).path, hidden: [], button: "Yes, take it off the list",
                                   back: InsightURL.practice(practice.id).path)
            return ask.page(PageContext(request, title: "Take \(practice.name) off the list?",
                                        breadcrumbs: [NavigationLink(title: "GP practices", path: InsightURL.practices.path)])).response()
        }
        do {
            try await Practices().remove(practice.id, by: me.personID, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await page(request, practice, form: Self.shown(practice), errors: failure.errors, status: .unprocessableEntity)
        }
        return request.redirect(to: InsightURL.practices.with([("done", Notice.practiceRemoved.rawValue)]))
    }

    static func shown(_ practice: Practice) -> [String: String] {
        ["code": practice.code, "name": practice.name, "pcn_code": practice.pcnCode, "pcn_name": practice.pcnName]
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
    static func list(_ practices: [Practice], form: [String: String], errors e: [FieldError], imported: Practices.ImportSummary? = nil,
                     _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(e)
            el("h1") { context.title }
            if let imported {
                el("p", .class("panel")) {
                    "From the file: \(imported.added) added, \(imported.changed) changed, \(imported.unchanged) already on the list as given."
                }
            }
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
                fields(form, e.filter { $0.field != "file" })
                Form.button("Add the practice")
            }
            el("h2", .id("from-a-file")) { "Add or update practices from a file" }
            el("p") {
                "A CSV file with a header row naming the columns code, name, pcn_code and pcn_name, then one practice a row. A practice already on the list by its code is updated; the others are added. Every row is checked, and a file with any fault changes nothing."
            }
            el("form", .init("method", "post"), .init("action", InsightURL.importPractices.path), .init("enctype", "multipart/form-data"),
               .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                fileField(e.first { $0.field == "file" }?.message)
                Form.button("Add or update from the file", secondary: true)
            }
        }
    }

    /// The file to send: a file input carries no value of its own to show again, so it is not `Form.field`.
    static func fileField(_ error: String?) -> Node {
        el("div", .class(error == nil ? "field" : "field field-error")) {
            el("label", .init("for", "file")) { "Practice list (CSV)" }
            if let error {
                el("p", .class("error-message"), .id("file-error")) { el("span", .class("visually-hidden")) { "Error: " }; error }
            }
            el("input", .id("file"), .name("file"), .type("file"), .init("accept", ".csv,text/csv"),
               .init("aria-describedby", "file-error", if: error != nil), .init("aria-invalid", "true", if: error != nil))
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
                fields(form, practiceErrors.filter { $0.field != "remove" })
                Form.button("Save the practice")
            }
            el("h2", .id("remove")) { "Take the practice off the list" }
            if practice.referrals > 0 {
                el("p") { "Referrals are counted to this practice, so it stays on the list and its figures stay right." }
            } else {
                el("form", .init("method", "post"), .init("action", InsightURL.removePractice(practice.id).path), .init("novalidate", "")) {
                    Form.csrf(context.csrfToken)
                    Form.button("Take it off the list", secondary: true)
                }
            }
        }
    }
}
