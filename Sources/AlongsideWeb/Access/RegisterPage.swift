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
}
