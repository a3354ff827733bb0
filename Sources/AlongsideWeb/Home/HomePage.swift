/// The front page: what Alongside is and where each kind of person goes.
enum HomePage {
    struct Audience {
        let title: String
        let text: String
        let links: [NavigationLink]
    }

    static func render(_ audiences: [Audience], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "Alongside: what keeps you well, near you" }
            el("p", .class("lead")) {
                "Alongside connects people with the community groups, activities and support around them, and with link workers who give them time to work out what matters to them. It is run together by local people, community organisations and the NHS."
            }
            el("h2") { "Who it is for" }
            el("ul", .class("cards")) {
                for audience in audiences {
                    el("li") {
                        el("h3") { audience.title }
                        el("p") { audience.text }
                        for link in audience.links { el("p") { el("a", .href(link.path)) { link.title } } }
                    }
                }
            }
        }
    }

    /// Signed in: the two or three things this person came for, first their own work.
    static func signedIn(name: String, _ tasks: [Audience], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "Hello, \(name)" }
            el("ul", .class("cards")) {
                for task in tasks {
                    el("li") {
                        el("h2") { el("a", .href(task.links.first?.path ?? SiteURL.home.path)) { task.title } }
                        el("p") { task.text }
                    }
                }
            }
        }
    }
}
