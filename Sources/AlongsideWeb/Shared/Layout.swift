import Vapor

/// The one layout every page uses: skip link, header with navigation, breadcrumbs, one main landmark with
/// one h1 (written by the page), footer with the data attributions.
enum Layout {
    static func render(_ context: PageContext, @HTMLContent main: () -> [Node]) -> Node {
        let title = (context.hasErrors ? "Error: " : "") + context.title + " – Alongside"
        return Node(trusted: "<!doctype html>" + el("html", .init("lang", "en-GB")) {
            el("head") {
                el("meta", .init("charset", "utf-8"))
                el("meta", .name("viewport"), .init("content", "width=device-width, initial-scale=1"))
                el("title") { title }
                el("link", .init("rel", "stylesheet"), .href(Stylesheet.versionedPath))
            }
            el("body") {
                el("a", .class("skip-link"), .href("#main")) { "Skip to main content" }
                header(context)
                el("div", .class("width")) {
                    if !context.breadcrumbs.isEmpty { breadcrumbs(context.breadcrumbs) }
                    el("main", .id("main"), .init("tabindex", "-1")) {
                        if let notice = context.notice {
                            el("div", .class("notice"), .init("role", "status")) { el("p") { notice } }
                        }
                        main()
                    }
                }
                footer()
            }
        }.html)
    }

    private static func header(_ context: PageContext) -> Node {
        el("header", .class("site-header")) {
            el("div", .class("width header-row")) {
                el("a", .class("brand"), .href(SiteURL.home.path)) { "Alongside" }
                el("nav", .init("aria-label", "Main")) {
                    el("ul") {
                        for link in context.navigation {
                            el("li") {
                                el("a", .href(link.path), .init("aria-current", "page", if: link.path == context.currentPath)) { link.title }
                            }
                        }
                        if context.signedInName != nil {
                            el("li") {
                                el("form", .init("method", "post"), .init("action", SiteURL.signOut.path), .class("inline")) {
                                    Form.csrf(context.csrfToken)
                                    el("button", .type("submit"), .class("link-button")) { "Sign out" }
                                }
                            }
                        }
                    }
                }
            }
            if let name = context.signedInName {
                el("div", .class("width signed-in")) { el("p") { "Signed in as \(name)" } }
            }
        }
    }

    private static func breadcrumbs(_ trail: [NavigationLink]) -> Node {
        el("nav", .class("breadcrumbs"), .init("aria-label", "Breadcrumb")) {
            el("ol") {
                for crumb in trail { el("li") { el("a", .href(crumb.path)) { crumb.title } } }
            }
        }
    }

    private static func footer() -> Node {
        el("footer", .class("site-footer")) {
            el("div", .class("width")) {
                el("p") {
                    "Alongside is open-source software for people, communities and the NHS. "
                    el("a", .href(InsightURL.summary.path)) { "What it has done here, in figures" }
                    "."
                }
                el("p", .class("small")) {
                    "Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal Mail copyright and database right 2025. Contains National Statistics data © Crown copyright and database right 2022 and 2025. English Indices of Deprivation 2019 © Ministry of Housing, Communities and Local Government. All under the Open Government Licence v3.0."
                }
            }
        }
    }
}

extension Node {
    /// This page as an HTML response.
    func response(status: HTTPStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}
