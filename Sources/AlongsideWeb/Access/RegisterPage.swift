import AlongsideCore

/// "Create an account": a resident's name, email, postcode and password.
enum RegisterPage {
    struct Model {
        var givenName = ""
        var familyName = ""
        var email = ""
        var postcode = ""
        var errors: [FieldError] = []
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !model.errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Create an account" }
            el("p", .class("lead")) { "An account lets you find support near you, refer yourself, and see and shape your own plan." }
            Form.errorSummary(model.errors)
            el("form", .init("method", "post"), .init("action", SiteURL.register.path), .init("novalidate", nil)) {
                Form.csrf(context.csrfToken)
                Form.field("given_name", label: "First name", value: model.givenName, autocomplete: "given-name", errors: model.errors)
                Form.field("family_name", label: "Last name", value: model.familyName, autocomplete: "family-name", errors: model.errors)
                Form.field("email", label: "Email address", type: "email", value: model.email,
                           hint: "We will only use this to send you things about your account.", autocomplete: "email", errors: model.errors)
                Form.field("postcode", label: "Postcode", value: model.postcode,
                           hint: "Where you live, so we can show what is near you. For example, LA1 1AA.",
                           autocomplete: "postal-code", errors: model.errors, width: "short")
                Form.field("password", label: "Create a password", type: "password",
                           hint: "At least 10 characters. Three random words make a strong password you can remember.",
                           autocomplete: "new-password", errors: model.errors)
                Form.button("Create account")
            }
            el("p") { "Already have an account? "; el("a", .href(SiteURL.signIn.path)) { "Sign in" } }
        }
    }

    /// After the form: the same words whether or not the address already had an account.
    static func sent(_ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "Check your email" }
            el("p", .class("lead")) { "We have sent an email to the address you gave. Open the link in it to finish creating your account." }
            el("p") { "The link works once, for 24 hours. If the address already has an account, the email says how to sign in instead." }
            el("p") { "If nothing arrives within 10 minutes, look in your spam or junk folder, or "; el("a", .href(SiteURL.register.path)) { "create the account again" }; "." }
        }
    }

    /// The emailed link: one button to finish, so a mail scanner that follows links cannot make the account.
    static func confirm(token: String, problem: String?, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "Finish creating your account" }
            if let problem {
                el("p") { problem }
                el("p") { el("a", .href(SiteURL.signIn.path)) { "Sign in" }; " or "; el("a", .href(SiteURL.register.path)) { "create an account" } }
            } else {
                el("p") { "Your email address is confirmed. Create the account to sign in and start using Alongside." }
                el("form", .init("method", "post"), .init("action", SiteURL.registerConfirm.path)) {
                    Form.csrf(context.csrfToken)
                    el("input", .type("hidden"), .name("token"), .value(token))
                    Form.button("Create my account")
                }
            }
        }
    }
}
