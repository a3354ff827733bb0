import AlongsideCore
import AlongsideStore
import Vapor

/// The sign-in page: email and password, and in demo mode the demo sign-ins for each role.
enum SignInPage {
    struct Model {
        var email = ""
        var next = ""
        var errors: [FieldError] = []
        /// Demo sign-ins to show, when running the demo.
        var demoAccounts: [(role: String, email: String)] = []
        var demoPassword = DemoLoader.password
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !model.errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Sign in" }
            Form.errorSummary(model.errors)
            el("form", .init("method", "post"), .init("action", SiteURL.signIn.path), .init("novalidate", nil)) {
                Form.csrf(context.csrfToken)
                el("input", .type("hidden"), .name("next"), .value(model.next))
                Form.field("email", label: "Email address", type: "email", value: model.email, autocomplete: "email", errors: model.errors)
                Form.field("password", label: "Password", type: "password", autocomplete: "current-password", errors: model.errors)
                Form.button("Sign in")
            }
            el("p") { el("a", .href(SiteURL.forgotPassword.path)) { "I have forgotten my password" } }
            el("p") { "New to Alongside? "; el("a", .href(SiteURL.register.path)) { "Create an account" } }
            if !model.demoAccounts.isEmpty {
                el("section", .class("panel"), .init("aria-labelledby", "demo-title")) {
                    el("h2", .id("demo-title")) { "Demo sign-ins" }
                    el("p") { "This is a demonstration with made-up people. Every demo account's password is "; el("strong") { model.demoPassword }; "." }
                    scrollingTable("One demo account for each role") {
                        el("caption", .class("visually-hidden")) { "One demo account for each role" }
                            el("thead") { el("tr") { el("th", .init("scope", "col")) { "Role" }; el("th", .init("scope", "col")) { "Email" } } }
                            el("tbody") {
                                for account in model.demoAccounts {
                                    el("tr") { el("td") { account.role }; el("td") { account.email } }
                                }
                            }
                        }
                }
            }
        }
    }
}
