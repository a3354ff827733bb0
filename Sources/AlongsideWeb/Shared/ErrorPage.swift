import Vapor

/// The page shown when something cannot be done: what happened and what to do next.
enum ErrorPage {
    static func render(status: HTTPStatus, message: String, request: Request) -> Node {
        let title: String
        switch status {
        case .notFound: title = "Page not found"
        case .forbidden: title = "You cannot do this"
        case .tooManyRequests: title = "Too many attempts"
        case .internalServerError: title = "Sorry, there is a problem with the service"
        default: title = "Something is not right"
        }
        return Layout.render(PageContext(request, title: title)) {
            el("h1") { title }
            el("p") { message }
            if status == .notFound {
                el("p") { "If you typed the address, check it is correct. If you followed a link, it may be out of date." }
            }
            el("p") { el("a", .href(SiteURL.home.path)) { "Go to the home page" } }
        }
    }
}
