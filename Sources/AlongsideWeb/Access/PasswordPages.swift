import AlongsideCore

/// The three password pages: forgotten, reset from an emailed link, and change while signed in.
enum PasswordPages {
    struct Model {
        var email = ""
        var token = ""
        var errors: [FieldError] = []
        /// Set when a reset link cannot be used, instead of showing the form.
        var linkProblem: String?
    }

    static func forgot(_ model: Model, _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !model.errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Reset your password" }
            el("p") { "Enter the email address you use for Alongside. If it has an account, we will email it a link to choose a new password." }
            Form.errorSummary(model.errors)
            el("form", .init("method", "post"), .init("action", SiteURL.forgotPassword.path), .init("novalidate", nil)) {
                Form.csrf(context.csrfToken)
                Form.field("email", label: "Email address", type: "email", value: model.email, autocomplete: "email", errors: model.errors)
                Form.button("Send me a link")
            }
        }
    }

    static func reset(_ model: Model, _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !model.errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Choose a new password" }
            if let problem = model.linkProblem {
                el("p") { problem }
                el("p") { el("a", .href(SiteURL.forgotPassword.path)) { "Ask for a new link" } }
            } else {
                Form.errorSummary(model.errors)
                el("form", .init("method", "post"), .init("action", SiteURL.resetPassword.path), .init("novalidate", nil)) {
                    Form.csrf(context.csrfToken)
                    el("input", .type("hidden"), .name("token"), .value(model.token))
                    Form.field("password", label: "New password", type: "password",
                               hint: "At least 10 characters. Three random words make a strong password you can remember.",
                               autocomplete: "new-password", errors: model.errors)
                    Form.button("Save new password")
                }
            }
        }
    }

    static func change(_ model: Model, _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !model.errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Change your password" }
            Form.errorSummary(model.errors)
            el("form", .init("method", "post"), .init("action", SiteURL.changePassword.path), .init("novalidate", nil)) {
                Form.csrf(context.csrfToken)
                Form.field("current_password", label: "Current password", type: "password", autocomplete: "current-password", errors: model.errors)
                Form.field("new_password", label: "New password", type: "password",
                           hint: "At least 10 characters. Three random words make a strong password you can remember.",
                           autocomplete: "new-password", errors: model.errors)
                Form.button("Change password")
            }
        }
    }
}
