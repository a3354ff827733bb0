import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Administrators keep the social prescribing categories: rename one, change its description, add one.
/// Taxonomies imported beside it are shown but kept as their feeds have them.
struct CategoriesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.categories.pathComponents, use: list)
        routes.post(SiteURL.categories.pathComponents, use: add)
        routes.get(SiteURL.category(UUID()).pathComponents, use: showEdit)
        routes.post(SiteURL.category(UUID()).pathComponents, use: update)
    }

    struct Fields: Content {
        var name: String?
        var description: String?
    }

    func list(_ request: Request) async throws -> Response {
        try request.require(.manageTaxonomy)
        return try await listPage(request, fields: Fields(), errors: []).response()
    }

    private func listPage(_ request: Request, fields: Fields, errors: [FieldError]) async throws -> Node {
        let taxonomies = try await Taxonomies().taxonomies(on: request.db)
        let terms = try await Taxonomies().terms(on: request.db)
        var context = PageContext(request, title: "Categories")
        context.hasErrors = !errors.isEmpty
        return CategoriesPage.list(taxonomies: taxonomies, terms: terms, fields: fields, errors: errors, context)
    }

    func add(_ request: Request) async throws -> Response {
        try request.require(.manageTaxonomy)
        let fields = try request.content.decode(Fields.self)
        let name = (fields.name ?? "").trimmed
        let term = TaxonomyTerm(id: UUID(), code: TaxonomyTerm.code(forName: name), name: name, description: (fields.description ?? "").trimmed)
        do {
            try await Taxonomies().save(term, on: request.db)
        } catch let failure as ValidationFailure {
            return try await listPage(request, fields: fields, errors: failure.errors).response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.categories.with([("done", Notice.categorySaved.rawValue)]))
    }

    private func term(_ request: Request) async throws -> TaxonomyTerm {
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text),
              let term = try await Taxonomies().term(id: id, on: request.db)
        else { throw Abort(.notFound, reason: "There is no category at this address.") }
        guard term.taxonomyID == SocialPrescribingTaxonomy.id else {
            throw Abort(.forbidden, reason: "Imported categories are kept as their feed has them.")
        }
        return term
    }

    func showEdit(_ request: Request) async throws -> Response {
        try request.require(.manageTaxonomy)
        let term = try await term(request)
        return CategoriesPage.edit(term, fields: Fields(name: term.name, description: term.description), errors: [],
                                   editContext(request, term, errors: [])).response()
    }

    func update(_ request: Request) async throws -> Response {
        try request.require(.manageTaxonomy)
        var term = try await term(request)
        let fields = try request.content.decode(Fields.self)
        term.name = (fields.name ?? "").trimmed
        term.description = (fields.description ?? "").trimmed
        do {
            try await Taxonomies().save(term, on: request.db)
        } catch let failure as ValidationFailure {
            return CategoriesPage.edit(term, fields: fields, errors: failure.errors, editContext(request, term, errors: failure.errors))
                .response(status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.categories.with([("done", Notice.categorySaved.rawValue)]))
    }

    private func editContext(_ request: Request, _ term: TaxonomyTerm, errors: [FieldError]) -> PageContext {
        var context = PageContext(request, title: "Change a category",
                                  breadcrumbs: [NavigationLink(title: "Categories", path: SiteURL.categories.path)])
        context.hasErrors = !errors.isEmpty
        return context
    }
}

enum CategoriesPage {
    static func fields(_ fields: CategoriesController.Fields, errors: [FieldError]) -> Node {
        group {
            Form.field("name", label: "Name", value: fields.name ?? "", errors: errors)
            Form.field("description", label: "Description", value: fields.description ?? "",
                       hint: "One line saying what belongs here, as link workers and residents will read it.", errors: errors)
        }
    }

    static func list(taxonomies: [Taxonomy], terms: [TaxonomyTerm], fields: CategoriesController.Fields, errors: [FieldError],
                     _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(errors)
            el("h1") { "Categories" }
            el("p") { "Services are filed under these categories; people search by them and commissioners count by them." }
            for taxonomy in taxonomies {
                let own = taxonomy.id == SocialPrescribingTaxonomy.id
                el("section", .class("panel"), .init("aria-labelledby", "t-\(taxonomy.id.uuidString.lowercased())")) {
                    el("h2", .id("t-\(taxonomy.id.uuidString.lowercased())")) { taxonomy.name }
                    if !own { el("p") { "Imported beside Alongside's categories; kept as the feed has them." } }
                    scrollingTable(taxonomy.name) {
                        el("thead") {
                            el("tr") {
                                el("th", .init("scope", "col")) { "Category" }
                                el("th", .init("scope", "col")) { "Description" }
                                if own { el("th", .init("scope", "col")) { el("span", .class("visually-hidden")) { "Change" } } }
                            }
                        }
                        el("tbody") {
                            for term in terms where term.taxonomyID == taxonomy.id {
                                el("tr") {
                                    el("td") { term.name }
                                    el("td") { term.description }
                                    if own {
                                        el("td", .class("nowrap")) {
                                            el("a", .href(SiteURL.category(term.id).path)) {
                                                "Change"
                                                el("span", .class("visually-hidden")) { " \(term.name)" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            el("h2") { "Add a category" }
            el("form", .init("method", "post"), .init("action", SiteURL.categories.path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Self.fields(fields, errors: errors)
                Form.button("Add category")
            }
        }
    }

    static func edit(_ term: TaxonomyTerm, fields: CategoriesController.Fields, errors: [FieldError], _ context: PageContext) -> Node {
        Layout.render(context) {
            Form.errorSummary(errors)
            el("h1") { "Change a category" }
            el("p") { "Services filed under it stay filed under it, and are found by its new name at once." }
            el("form", .init("method", "post"), .init("action", SiteURL.category(term.id).path), .init("novalidate", "")) {
                Form.csrf(context.csrfToken)
                Self.fields(fields, errors: errors)
                Form.button("Save category")
            }
        }
    }
}
