import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The time bank's coordinators: people waiting to join, the bank's totals, reports, recording exchanges for members who
/// do not use computers, giving from the community fund, putting mistakes right, a member's statement.
struct CoordinateController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(TimeBankURL.coordinate.pathComponents, use: show)
        routes.post(TimeBankURL.decide(UUID()).pathComponents, use: decide)
        routes.post(TimeBankURL.recordForMembers.pathComponents, use: recordForMembers)
        routes.post(TimeBankURL.groupForMembers.pathComponents, use: recordGroupForMembers)
        routes.post(TimeBankURL.lowestBalance(UUID()).pathComponents, use: lowestBalance)
        routes.post(TimeBankURL.usualLowestBalance.pathComponents, use: usualLowestBalance)
        routes.post(TimeBankURL.giveFromFund.pathComponents, use: giveFromFund)
        routes.post(TimeBankURL.reverse(UUID()).pathComponents, use: reverse)
        routes.post(TimeBankURL.reportDealt(UUID()).pathComponents, use: reportDealt)
        routes.get(TimeBankURL.memberStatement(UUID()).pathComponents, use: memberStatement)
    }

    func show(_ request: Request) async throws -> Response {
        try request.require(.coordinateTimeBank)
        return try await page(request, form: [:], errors: []).response()
    }

    private func page(_ request: Request, form: [String: String], errors: [FieldError]) async throws -> Node {
        let bank = TimeBank()
        var model = CoordinatePages.Model(
            totals: try await bank.totals(on: request.db), waiting: try await bank.waiting(on: request.db),
            members: try await bank.activeMembers(fullNames: true, organisations: true, on: request.db), reports: try await bank.openReports(on: request.db),
            transfers: try await bank.recentTransfers(limit: 30, on: request.db))
        model.usualLowest = try await bank.usualLowestBalance(on: request.db)
        // Each person whose request to join or report about them is shown: a read of their details, audited.
        for person in Set(model.waiting.filter { !$0.organisation }.map(\.id) + model.reports.map(\.aboutID)) {
            try await request.audit(.viewedTimeBankDetails, about: person)
        }
        var context = PageContext(request, title: "Coordinate the time bank", breadcrumbs: [NavigationLink(title: "Time bank", path: TimeBankURL.home.path)])
        context.hasErrors = !errors.isEmpty
        return CoordinatePages.page(model, form: form, errors: errors, context)
    }

    private func done(_ request: Request) -> Response {
        request.redirect(to: TimeBankURL.coordinate.with([("done", Notice.timeBankSaved.rawValue)]))
    }

    func decide(_ request: Request) async throws -> Response {
        try request.require(.coordinateTimeBank)
        let me = try request.requireSignedIn()
        let form = TimeBankController.form(request)
        let reason = form["reason"]?.trimmed ?? ""
        let status = form["status"].flatMap(MembershipStatus.init(rawValue:)) ?? .waiting
        if let why = MembershipStatus.whyNotDecide(status, reason: reason) {
            return try await page(request, form: form, errors: [why]).response(status: .unprocessableEntity)
        }
        do {
            try await TimeBank().decide(try request.idParameter(), status, reason: reason.isEmpty ? nil : String(reason.prefix(500)), by: me.personID,
                                        now: request.now, on: request.db)
        } catch is TimeBankNotFound {
            throw Abort(.notFound, reason: "There is no such person.")
        } catch let refused as TimeBankRefused {
            return try await page(request, form: form, errors: [FieldError("status", refused.message)]).response(status: .unprocessableEntity)
        }
        return done(request)
    }

    func recordForMembers(_ request: Request) async throws -> Response {
        try request.require(.coordinateTimeBank)
        let me = try request.requireSignedIn()
        let form = TimeBankController.form(request)
        var checks = FieldChecks()
        let from = checks.check { () throws -> UUID in
            guard let id = form["from"].flatMap(UUID.init(uuidString:)) else { throw FieldError("from", "Choose the member who had the help") }
            return id
        }
        let to = checks.check { () throws -> UUID in
            guard let id = form["to"].flatMap(UUID.init(uuidString:)) else { throw FieldError("to", "Choose the member who gave the help") }
            return id
        }
        let minutes = checks.check { try TimeBankMinutes.parse(form["minutes"], field: "minutes") }
        let note = checks.check { try Text.required(form["note"], field: "note", label: "what the time was for", maxLength: 500) }
        do {
            try checks.finish()
            _ = try await TimeBank().recordForMembers(payer: from!, receiver: to!, minutes: minutes!, note: note!, by: me.personID, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await page(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch let refused as TimeBankRefused {
            return try await page(request, form: form, errors: [FieldError(refused.field == "with" ? "from" : refused.field, refused.message)]).response(status: .unprocessableEntity)
        } catch is TimeBankNotFound {
            return try await page(request, form: form, errors: [FieldError("from", "Choose members of the time bank from the lists")]).response(status: .unprocessableEntity)
        }
        return done(request)
    }

    /// A coordinator records a group exchange for members: every pair's time moves at once, or none does.
    func recordGroupForMembers(_ request: Request) async throws -> Response {
        try request.require(.coordinateTimeBank)
        let me = try request.requireSignedIn()
        let form = TimeBankController.form(request)
        do {
            let draft = try GroupExchangeDraft.from(one: form["group_one"], oneField: "group_one", many: Form.ticked("member-", in: form), minutes: form["group_minutes"],
                                                    direction: form["group_direction"], note: form["group_note"])
            _ = try await TimeBank().recordGroupForMembers(draft, by: me.personID, now: request.now, on: request.db)
        } catch let failure as ValidationFailure {
            return try await page(request, form: form, errors: failure.errors).response(status: .unprocessableEntity)
        } catch let refused as TimeBankRefused {
            return try await page(request, form: form, errors: [FieldError(refused.field == "minutes" ? "group_minutes" : "group", refused.message)])
                .response(status: .unprocessableEntity)
        } catch is TimeBankNotFound {
            return try await page(request, form: form, errors: [FieldError("group", "Choose members of the time bank from the list")]).response(status: .unprocessableEntity)
        }
        return done(request)
    }

    func giveFromFund(_ request: Request) async throws -> Response {
        try request.require(.coordinateTimeBank)
        let me = try request.requireSignedIn()
        let form = TimeBankController.form(request)
        do {
            guard let member = form["member"].flatMap(UUID.init(uuidString:)) else { throw FieldError("member", "Choose the member to give to") }
            let minutes = try TimeBankMinutes.parse(form["fund_minutes"], field: "fund_minutes", max: 6_000)
            try await TimeBank().giveFromFund(minutes, to: member, note: "From the community fund", by: me.personID, now: request.now, on: request.db)
        } catch let error as FieldError {
            return try await page(request, form: form, errors: [error]).response(status: .unprocessableEntity)
        } catch let refused as TimeBankRefused {
            return try await page(request, form: form, errors: [FieldError("fund_minutes", refused.message)]).response(status: .unprocessableEntity)
        } catch is TimeBankNotFound {
            return try await page(request, form: form, errors: [FieldError("member", "Choose a member of the time bank from the list")]).response(status: .unprocessableEntity)
        }
        return done(request)
    }

    func reverse(_ request: Request) async throws -> Response {
        try request.require(.coordinateTimeBank)
        let me = try request.requireSignedIn()
        let form = TimeBankController.form(request)
        do {
            let reason = try Text.required(form["reason"], field: "reason", label: "why it is being put right", maxLength: 500)
            try await TimeBank().reverse(try request.idParameter(), reason: reason, by: me.personID, now: request.now, on: request.db)
        } catch is TimeBankNotFound {
            throw Abort(.notFound, reason: "There is no such transfer.")
        } catch let error as FieldError {
            return try await page(request, form: form, errors: [error]).response(status: .unprocessableEntity)
        } catch let refused as TimeBankRefused {
            return try await page(request, form: form, errors: [FieldError("reason", refused.message)]).response(status: .unprocessableEntity)
        }
        return done(request)
    }

    func reportDealt(_ request: Request) async throws -> Response {
        try request.require(.coordinateTimeBank)
        do { try await TimeBank().dealtWith(report: try request.idParameter(), now: request.now, on: request.db) } catch is TimeBankNotFound {
            throw Abort(.notFound, reason: "There is no such report.")
        }
        return done(request)
    }

    func memberStatement(_ request: Request) async throws -> Response {
        try await memberStatementPage(request, form: [:], errors: [])
    }

    private func memberStatementPage(_ request: Request, form: [String: String], errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        let member = try request.idParameter()
        try request.require(.readTimeBankAccount(of: member))
        guard let membership = try await TimeBank().membership(of: member, on: request.db) else { throw Abort(.notFound, reason: "There is no such member.") }
        let name: String
        if let organisation = try await OrganisationRecord.find(member, on: request.db) {
            name = organisation.name
        } else {
            guard let person = try await PersonRecord.find(member, on: request.db) else { throw Abort(.notFound, reason: "There is no such member.") }
            name = "\(person.givenName) \(person.familyName)"
            try await request.audit(.viewedTimeAccount, about: member)
        }
        let statement = try await TimeBank().statementPage(of: member, offset: TimeBankController.from(request), size: TimeBankPages.statementPageSize, on: request.db)
        var context = PageContext(request, title: "\(name)'s time bank statement", breadcrumbs: [NavigationLink(title: "Coordinate the time bank", path: TimeBankURL.coordinate.path)])
        context.hasErrors = !errors.isEmpty
        let lowest = request.alongside.policy.allows(.coordinateTimeBank, for: request.actor)
            ? TimeBankPages.Lowest(minutes: membership.lowestBalance, action: TimeBankURL.lowestBalance(member).path, form: form, errors: errors) : nil
        return TimeBankPages.statement(statement, name: name, path: TimeBankURL.memberStatement(member).path, csv: nil, lowest: lowest, context).response(status: status)
    }

    /// A coordinator changes the bank's usual lowest balance.
    func usualLowestBalance(_ request: Request) async throws -> Response {
        try request.require(.coordinateTimeBank)
        _ = try request.requireSignedIn()
        return try await changeLowest(request, field: "usual_hours", done: TimeBankURL.coordinate,
                                      save: { try await TimeBank().setUsualLowestBalance($0, now: request.now, on: request.db) },
                                      refused: { form, errors in try await self.page(request, form: form, errors: errors).response(status: .unprocessableEntity) })
    }

    /// A coordinator changes a member's lowest balance.
    func lowestBalance(_ request: Request) async throws -> Response {
        try request.require(.coordinateTimeBank)
        let me = try request.requireSignedIn()
        let member = try request.idParameter()
        do {
            return try await changeLowest(request, field: "lowest_hours", done: TimeBankURL.memberStatement(member),
                                          save: { try await TimeBank().setLowestBalance(of: member, to: $0, by: me.personID, now: request.now, on: request.db) },
                                          refused: { form, errors in try await self.memberStatementPage(request, form: form, errors: errors, status: .unprocessableEntity) })
        } catch is TimeBankNotFound {
            throw Abort(.notFound, reason: "There is no such member.")
        }
    }

    /// A lowest balance typed in hours into `field`, saved; the page again naming what is wrong, or on to `done`
    /// with the notice that it changed.
    private func changeLowest(_ request: Request, field: String, done: TimeBankURL, save: (Int) async throws -> Void,
                              refused: ([String: String], [FieldError]) async throws -> Response) async throws -> Response {
        let form = TimeBankController.form(request)
        do {
            try await save(try TimeBankLedger.lowestBalance(hours: form[field], field: field))
        } catch let error as FieldError {
            return try await refused(form, [error])
        } catch let error as TimeBankRefused {
            return try await refused(form, [FieldError(error.field, error.message)])
        }
        return request.redirect(to: done.with([("done", Notice.lowestBalanceChanged.rawValue)]))
    }
}
