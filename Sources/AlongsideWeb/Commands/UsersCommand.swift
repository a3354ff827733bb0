import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// `alongside users invite|create|grant`: managing staff from the command line (for the first administrator).
enum UsersCommand {
    static var group: some AsyncCommandGroup { Group() }

    struct Group: AsyncCommandGroup {
        var help: String { "Invite, create and give roles to users" }
        var commands: [String: any AnyAsyncCommand] {
            ["invite": Invite(), "create": Create(), "grant": Grant()]
        }
    }

    /// Roles from `--roles a,b`, each checked.
    static func roles(_ raw: String?) throws -> [Role] {
        let names = (raw ?? "").split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ConfigurationError("Give at least one role with --roles, from: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
        return try names.map { name in
            guard let role = Role(rawValue: name) else {
                throw ConfigurationError("\"\(name)\" is not a role. Roles are: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return role
        }
    }

    static func organisation(_ name: String?, needed: Bool, on db: any Database) async throws -> OrganisationRecord? {
        guard needed else { return nil }
        guard let name, let org = try await OrganisationRecord.query(on: db).filter(\.$name == name).first() else {
            throw ConfigurationError("The organisation_member role needs --organisation with the exact name of an organisation")
        }
        return org
    }

    struct Invite: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "email") var email: String
            @Option(name: "roles", help: "Comma-separated roles, e.g. link_worker,clinician") var roles: String?
            @Option(name: "organisation", help: "Organisation name, for organisation_member") var organisation: String?
            init() {}
        }
        var help: String { "Email someone an invitation to join with the given roles" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let email = try EmailAddress(signature.email)
            let roles = try UsersCommand.roles(signature.roles)
            let org = try await UsersCommand.organisation(signature.organisation, needed: roles.contains(.organisationMember), on: app.db)
            let token = SecretToken.generate()
            let link = app.alongside.configuration.publicURL + SiteURL.acceptInvitation.with([("token", token)])
            try await app.alongside.accounts.invite(
                email: email, roles: roles, organisationID: org?.id, tokenHash: SecretToken.hash(token), invitedBy: nil,
                now: app.alongside.now(), message: Emails.invitation(to: email, roles: roles, organisation: org?.name, link: link),
                on: app.db)
            context.console.print("Invitation for \(email) written to the outbox. The link (valid 7 days, once): \(link)")
        }
    }

    struct Create: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "email") var email: String
            @Option(name: "given-name") var givenName: String?
            @Option(name: "family-name") var familyName: String?
            @Option(name: "roles", help: "Comma-separated roles") var roles: String?
            @Option(name: "organisation") var organisation: String?
            init() {}
        }
        var help: String { "Create an account now; the password is read from ALONGSIDE_NEW_PASSWORD or asked for" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let email = try EmailAddress(signature.email)
            let given = try Text.required(signature.givenName, field: "given-name", label: "--given-name")
            let family = try Text.required(signature.familyName, field: "family-name", label: "--family-name")
            let roles = try UsersCommand.roles(signature.roles)
            let org = try await UsersCommand.organisation(signature.organisation, needed: roles.contains(.organisationMember), on: app.db)
            let password = ProcessInfo.processInfo.environment["ALONGSIDE_NEW_PASSWORD"]
                ?? context.console.ask("Password for \(email.value):", isSecure: true)
            try PasswordRules.check(password)
            let hash = try Bcrypt.hash(password, cost: app.alongside.configuration.bcryptCost)
            _ = try await app.alongside.accounts.createStaff(
                givenName: given, familyName: family, email: email, passwordHash: hash, roles: roles,
                organisationID: org?.id, now: app.alongside.now(), on: app.db)
            context.console.print("Created \(email) with roles: \(roles.map(\.title).joined(separator: ", ")).")
        }
    }

    struct Grant: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "email") var email: String
            @Option(name: "roles", help: "Comma-separated roles") var roles: String?
            @Option(name: "organisation") var organisation: String?
            init() {}
        }
        var help: String { "Give an existing account more roles" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let email = try EmailAddress(signature.email)
            let roles = try UsersCommand.roles(signature.roles)
            let org = try await UsersCommand.organisation(signature.organisation, needed: roles.contains(.organisationMember), on: app.db)
            guard let account = try await app.alongside.accounts.account(email: email, on: app.db) else {
                throw ConfigurationError("No account uses \(email)")
            }
            try await app.db.writeTransaction { tx in
                for role in roles {
                    try await app.alongside.accounts.grant(role, organisationID: role == .organisationMember ? org?.id : nil,
                                                           to: account, by: nil, now: app.alongside.now(), channel: "command", on: tx)
                }
            }
            context.console.print("\(email) now also has: \(roles.map(\.title).joined(separator: ", ")).")
        }
    }
}

extension FieldError: CustomStringConvertible {
    public var description: String { "\(field): \(message)" }
}
