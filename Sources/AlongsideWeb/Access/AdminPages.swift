import AlongsideCore
import AlongsideStore

/// The administrator's users page: staff and their roles, inviting staff, giving roles.
enum AdminPages {
    struct UsersModel {
        var staff: [StaffMember] = []
        var organisations: [(id: String, name: String)] = []
        var inviteEmail = ""
        var inviteRoles: Set<String> = []
        var grantEmail = ""
        var errors: [FieldError] = []
        /// Which form the errors belong to.
        var errorsFor = ""
    }

    static func users(_ model: UsersModel, _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !model.errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Users" }
            Form.errorSummary(model.errors)
            el("h2") { "Staff" }
            scrollingTable("Staff accounts and their roles") {
                el("caption", .class("visually-hidden")) { "Staff accounts and their roles" }
                    el("thead") { el("tr") { for h in ["Name", "Email", "Roles"] { el("th", .init("scope", "col")) { h } } } }
                    el("tbody") {
                        for member in model.staff {
                            el("tr") {
                                el("td") { member.name }
                                el("td") { member.email }
                                el("td") { member.roles.map { r in r.organisationName.map { "\(r.role.title) (\($0))" } ?? r.role.title }.joined(separator: ", ") }
                            }
                        }
                    }
                }
            el("h2", .id("invite-title")) { "Invite a member of staff" }
            el("p") { "They will get an email with a link that works once, for 7 days." }
            el("form", .init("method", "post"), .init("action", SiteURL.adminInvite.path), .init("novalidate", nil), .init("aria-labelledby", "invite-title")) {
                Form.csrf(context.csrfToken)
                Form.field("email", label: "Email address", type: "email", value: model.inviteEmail,
                           errors: model.errorsFor == "invite" ? model.errors : [])
                roleChoices(model, field: "roles", multiple: true)
                organisationSelect(model, field: "organisation")
                Form.button("Send invitation")
            }
            el("h2", .id("grant-title")) { "Give someone a role" }
            el("p") { "For someone who already has an account." }
            el("form", .init("method", "post"), .init("action", SiteURL.adminGrant.path), .init("novalidate", nil), .init("aria-labelledby", "grant-title")) {
                Form.csrf(context.csrfToken)
                Form.field("grant_email", label: "Their email address", type: "email", value: model.grantEmail,
                           errors: model.errorsFor == "grant" ? model.errors : [])
                roleChoices(model, field: "grant_role", multiple: false)
                organisationSelect(model, field: "grant_organisation")
                Form.button("Give role")
            }
        }
    }

    private static func roleChoices(_ model: UsersModel, field: String, multiple: Bool) -> Node {
        let error = model.errors.first { $0.field == field }?.message
        return el("fieldset", .id(field), .class(error == nil ? "field" : "field field-error")) {
            el("legend") { multiple ? "Roles" : "Role" }
            if let error { el("p", .class("error-message")) { el("span", .class("visually-hidden")) { "Error: " }; error } }
            for role in Role.allCases where role.isStaff {
                el("div", .class("checkbox")) {
                    el("input", .id("\(field)-\(role.rawValue)"), .name(multiple ? "\(field)[]" : field),
                       .type(multiple ? "checkbox" : "radio"), .value(role.rawValue),
                       .flag("checked", multiple && model.inviteRoles.contains(role.rawValue)))
                    el("label", .init("for", "\(field)-\(role.rawValue)")) { role.title }
                }
            }
        }
    }

    private static func organisationSelect(_ model: UsersModel, field: String) -> Node {
        let error = model.errors.first { $0.field == field }?.message
        return el("div", .class(error == nil ? "field" : "field field-error")) {
            el("label", .init("for", field)) { "Organisation (for organisation members)" }
            if let error { el("p", .class("error-message")) { el("span", .class("visually-hidden")) { "Error: " }; error } }
            el("select", .id(field), .name(field)) {
                el("option", .value("")) { "None" }
                for org in model.organisations { el("option", .value(org.id)) { org.name } }
            }
        }
    }
}
