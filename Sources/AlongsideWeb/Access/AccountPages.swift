import AlongsideCore
import AlongsideStore
import Foundation

/// "My account", "Who has seen my record" and "Close my account".
enum AccountPages {
    struct AccountModel {
        var name: String
        var email: String
        var postcode: String?
        var roles: [String]
    }

    static func account(_ model: AccountModel, _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "My account" }
            el("dl", .class("summary")) {
                el("dt") { "Name" }; el("dd") { model.name }
                el("dt") { "Email address" }; el("dd") { model.email }
                el("dt") { "Postcode" }; el("dd") { model.postcode ?? "Not given" }
                el("dt") { "Roles" }; el("dd") { model.roles.joined(separator: ", ") }
            }
            el("h2") { "Your data" }
            el("ul", .class("cards")) {
                el("li") {
                    el("h3") { el("a", .href(SiteURL.myRecordAccess.path)) { "Who has seen my record" } }
                    el("p") { "Every time someone looks at or changes your record, it is written down. See the list." }
                }
                el("li") {
                    el("h3") { el("a", .href(SiteURL.myData.path), .init("download", "alongside-my-data.json")) { "Download my data" } }
                    el("p") {
                        "Everything Alongside holds about you, in a file you can keep: your referrals and what happened in them, notes written about you, your plan and every earlier version, your answers and scores, caring, and who has looked at your record. "
                        "Your referrals, plan, measures and carers are also "
                        el("a", .href(SiteURL.myDataFHIR.path), .init("download", "alongside-my-record-fhir.json")) { "in FHIR, the NHS's standard" }
                        ", for health apps."
                    }
                }
                el("li") {
                    el("h3") { el("a", .href(SiteURL.changePassword.path)) { "Change my password" } }
                    el("p") { "Changing it signs you out everywhere else." }
                }
                el("li") {
                    el("h3") { el("a", .href(SiteURL.closeAccount.path)) { "Close my account" } }
                    el("p") { "Erase your personal details and stop using Alongside." }
                }
            }
        }
    }

    struct AccessRow {
        let when: String
        let who: String
        let what: String
        let through: String
    }

    static func recordAccess(_ rows: [AccessRow], _ context: PageContext) -> Node {
        Layout.render(context) {
            el("h1") { "Who has seen my record" }
            el("p", .class("lead")) { "Each time someone looks at or changes your record, Alongside writes it down here. Nobody can change or remove these entries." }
            if rows.isEmpty {
                el("p") { "Nobody has looked at your record yet." }
            } else {
                scrollingTable("Looks at and changes to your record, newest first") {
                    el("caption", .class("visually-hidden")) { "Looks at and changes to your record, newest first" }
                        el("thead") {
                            el("tr") {
                                for heading in ["When", "Who", "What they did", "Where"] { el("th", .init("scope", "col")) { heading } }
                            }
                        }
                        el("tbody") {
                            for row in rows {
                                el("tr") { el("td") { row.when }; el("td") { row.who }; el("td") { row.what }; el("td") { row.through } }
                            }
                        }
                    }
            }
        }
    }

    static func close(errors: [FieldError], _ context: PageContext) -> Node {
        var context = context
        context.hasErrors = !errors.isEmpty
        return Layout.render(context) {
            el("h1") { "Close my account" }
            el("p") { "If you close your account:" }
            el("ul") {
                el("li") { "your name, email address, date of birth and postcode are erased" }
                el("li") { "you can no longer sign in" }
                el("li") { "the list of who looked at your record is kept, without your details, because the law asks care services to keep it" }
            }
            el("p") { "You may want to "; el("a", .href(SiteURL.myData.path)) { "download your data" }; " first." }
            Form.errorSummary(errors)
            el("form", .init("method", "post"), .init("action", SiteURL.closeAccount.path), .init("novalidate", nil)) {
                Form.csrf(context.csrfToken)
                Form.field("password", label: "Enter your password to confirm", type: "password", autocomplete: "current-password", errors: errors)
                el("button", .type("submit"), .class("button warning")) { "Close my account" }
            }
        }
    }

    /// "25 November 2026 at 3:42pm", in UK time.
    static func when(_ date: Date) -> String { UKDates.dayAndTime(date) }
}
