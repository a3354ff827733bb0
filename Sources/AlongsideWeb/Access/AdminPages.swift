import AlongsideCore
import AlongsideStore
import Foundation

/// The administrator's users page: staff and their roles, inviting staff, giving roles.
enum AdminPages {
    struct UsersModel {
        var staff: [StaffMember] = []
        /// All staff before the search, and the search typed.
        var staffCount = 0
        var search = ""
        var invitations: [PendingInvitation] = []
        var now = Date()
        var organisations: [(id: String, name: String)] = []
        var inviteEmail = ""
        var inviteRoles: Set<String> = []
        var grantEmail = ""
        var errors: [FieldError] = []
        /// Which form the errors belong to.
        var errorsFor = ""
    }

    /// Staff whose name or email holds every word of `search`, ignoring case and accents.
    static func matching(_ staff: [StaffMember], _ search: String) -> [StaffMember] {
        let words = search.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).split(separator: " ")
        guard !words.isEmpty else { return staff }
        return staff.filter { member in
            let text = (member.name + " " + member.email).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            return words.allSatisfy { text.contains($0) }
        }
    }

    static func users(_ model: UsersModel, _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !model.errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Users" }
            Form.errorSummary(model.errors)
            el("h2", .id("staff")) { "Staff" }
            el("form", .init("method", "get"), .init("action", SiteURL.adminUsers.path), .init("role", "search"), .class("filters")) {
                Form.field("q", label: "Find someone by name or email", value: model.search, errors: [])
                Form.button("Find", secondary: true)
            }
            el("p") {
                model.search.isEmpty ? "\(model.staffCount) staff accounts."
                    : "\(model.staff.count) of \(model.staffCount) staff accounts match \u{201C}\(model.search)\u{201D}. "
                if !model.search.isEmpty { el("a", .href(SiteURL.adminUsers.path)) { "Show everyone" } }
            }
            if !model.staff.isEmpty {
                scrollingTable("Staff accounts and their roles") {
                    el("caption", .class("visually-hidden")) { "Staff accounts and their roles" }
                    el("thead") { el("tr") { for h in ["Name", "Email", "Roles", "Account"] { el("th", .init("scope", "col")) { h } } } }
                    el("tbody") {
                        for member in model.staff {
                            el("tr") {
                                el("td") { member.name }
                                el("td") { member.email }
                                el("td") {
                                    el("ul", .class("plain")) {
                                        for (held, grant) in zip(member.roles, member.grantIDs) {
                                            let title = held.organisationName.map { "\(held.role.title) (\($0))" } ?? held.role.title
                                            el("li") {
                                                title + " "
                                                el("form", .init("method", "post"), .init("action", SiteURL.adminRemoveRole(grant).path), .class("inline")) {
                                                    Form.csrf(context.csrfToken)
                                                    el("button", .type("submit"), .class("link-button on-light")) {
                                                        "Take away"; el("span", .class("visually-hidden")) { " \(title) from \(member.name)" }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                                el("td") {
                                    if member.suspended { el("strong", .class("tag tag-warning")) { "Suspended" }; " " }
                                    el("form", .init("method", "post"), .init("action", SiteURL.adminSuspension(member.accountID).path), .class("inline")) {
                                        Form.csrf(context.csrfToken)
                                        el("input", .type("hidden"), .name("suspend"), .value(member.suspended ? "no" : "yes"))
                                        el("button", .type("submit"), .class("link-button on-light")) {
                                            member.suspended ? "Restore" : "Suspend"; el("span", .class("visually-hidden")) { " \(member.name)" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if !model.invitations.isEmpty {
                el("h2") { "Invitations not yet used" }
                scrollingTable("Invitations not yet used") {
                    el("caption", .class("visually-hidden")) { "Invitations not yet used, newest first" }
                    el("thead") { el("tr") { for h in ["Email", "Roles", "Sent", "Link", "Again"] { el("th", .init("scope", "col")) { h } } } }
                    el("tbody") {
                        for invitation in model.invitations {
                            el("tr") {
                                el("td") { invitation.email }
                                el("td") {
                                    invitation.roles.map { role in
                                        role == .organisationMember ? invitation.organisationName.map { "\(role.title) (\($0))" } ?? role.title : role.title
                                    }.joined(separator: ", ")
                                }
                                el("td") { AccountPages.when(invitation.sentAt) }
                                el("td") { invitation.expiresAt < model.now ? "Expired" : "Works until \(UKDates.day(invitation.expiresAt))" }
                                el("td") {
                                    el("form", .init("method", "post"), .init("action", SiteURL.adminResendInvitation(invitation.id).path), .class("inline")) {
                                        Form.csrf(context.csrfToken)
                                        el("button", .type("submit"), .class("link-button on-light")) {
                                            "Send again"; el("span", .class("visually-hidden")) { " to \(invitation.email)" }
                                        }
                                    }
                                }
                            }
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
