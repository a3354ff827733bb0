import AlongsideCore

/// Accepting a staff invitation: name and password.
enum InvitationPage {
    struct Model {
        var token = ""
        var email = ""
        var roles: [String] = []
        var givenName = ""
        var familyName = ""
        var errors: [FieldError] = []
        var linkProblem: String?
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !model.errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Join Alongside" }
            if let problem = model.linkProblem {
                el("p") { problem }
                el("p") { "Ask the administrator who invited you to send a new invitation." }
            } else {
                el("p", .class("lead")) { "You have been invited as: \(model.roles.joined(separator: ", "))." }
                el("p") { "Your account will use the email address \(model.email)." }
                Form.errorSummary(model.errors)
                el("form", .init("method", "post"), .init("action", SiteURL.acceptInvitation.path), .init("novalidate", nil)) {
                    Form.csrf(context.csrfToken)
                    el("input", .type("hidden"), .name("token"), .value(model.token))
                    Form.field("given_name", label: "First name", value: model.givenName, autocomplete: "given-name", errors: model.errors)
                    Form.field("family_name", label: "Last name", value: model.familyName, autocomplete: "family-name", errors: model.errors)
                    Form.field("password", label: "Create a password", type: "password",
                               hint: "At least 10 characters. Three random words make a strong password you can remember.",
                               autocomplete: "new-password", errors: model.errors)
                    Form.button("Create my account")
                }
            }
        }
    }
}
