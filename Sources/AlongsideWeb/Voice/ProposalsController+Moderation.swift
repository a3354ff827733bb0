import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Reports, moderators' decisions and second looks on proposals and comments, and comments themselves.
extension ProposalsController {
    // MARK: - Moderation

    func report(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try Self.id(request)
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            try await ProposalModeration().report(id, by: me.personID, reason: form["reason"] ?? "", now: request.now, on: request.db)
        } catch is ProposalNotFound {
            throw Abort(.notFound, reason: "There is no proposal at this address.")
        } catch let error as FieldError {
            return try await page(request, form: form, errors: [error]).response(status: .unprocessableEntity)
        } catch let refused as ProposalRefused {
            return try await page(request, form: form, errors: [FieldError("reason", refused.message)]).response(status: .conflict)
        }
        return request.redirect(to: VoiceURL.proposal(id).with([("done", Notice.proposalReported.rawValue)]))
    }

    func secondLook(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        let id = try Self.id(request)
        do {
            try await ProposalModeration().askSecondLook(id, by: me.personID, now: request.now, on: request.db)
        } catch is ProposalNotFound {
            throw Abort(.notFound, reason: "There is no proposal at this address.")
        } catch let refused as ProposalRefused {
            return try await page(request, form: [:], errors: [FieldError("second_look", refused.message)]).response(status: .conflict)
        }
        return request.redirect(to: VoiceURL.proposal(id).with([("done", Notice.secondLookAsked.rawValue)]))
    }

    func moderate(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.moderateContent)
        let id = try Self.id(request)
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        let prefix = "moderate-\(id.uuidString.lowercased())-"
        do {
            guard let decision = Moderation.Decision(rawValue: form[prefix + "decision"] ?? "") else { throw FieldError("decision", "Choose whether to hide it or show it") }
            let link = request.alongside.configuration.publicURL + VoiceURL.proposal(id).path
            try await ProposalModeration().decide(id, decision, reason: form[prefix + "reason"] ?? "", by: me.personID, now: request.now,
                                                  email: { decision, reason, final in Emails.moderated("proposal", decision: decision, reason: reason, link: link, final: final) },
                                                  on: request.db)
        } catch is ProposalNotFound {
            throw Abort(.notFound, reason: "There is no proposal at this address.")
        } catch let error as FieldError {
            return try await queuePage(request, form: form, errors: [FieldError(prefix + error.field, error.message)]).response(status: .unprocessableEntity)
        } catch let refused as ProposalRefused {
            return try await queuePage(request, form: form, errors: [FieldError(prefix + (refused.field ?? "decision"), refused.message)]).response(status: .conflict)
        }
        return request.redirect(to: VoiceURL.moderation.with([("done", Notice.moderated.rawValue)]))
    }

    func queue(_ request: Request) async throws -> Response {
        _ = try request.requireSignedIn()
        try request.require(.moderateContent)
        return try await queuePage(request, form: [:], errors: []).response()
    }

    private func queuePage(_ request: Request, form: [String: String], errors: [FieldError]) async throws -> Node {
        let cases = try await ProposalModeration().queue(on: request.db)
        var context = PageContext(request, title: "Waiting for a moderator")
        context.hasErrors = !errors.isEmpty
        let comments = try await ProposalComments().reported(on: request.db)
        return ProposalPages.moderation(cases, comments: comments, me: request.signedIn?.personID, form: form, errors: errors, context)
    }

    // MARK: - Comments

    func comment(_ request: Request) async throws -> Response {
        let me = try await Self.requireResident(request)
        let id = try Self.id(request)
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        let parent = form["parent"].flatMap(UUID.init(uuidString:))
        do {
            let body = parent.map { form["reply-\($0.uuidString.lowercased())"] ?? "" } ?? form["comment"] ?? ""
            try await ProposalComments().add(to: id, by: me.personID, replyingTo: parent, body: body, now: request.now, on: request.db)
        } catch is ProposalNotFound {
            throw Abort(.notFound, reason: "There is no proposal at this address.")
        } catch let error as FieldError {
            let field = parent.map { "reply-\($0.uuidString.lowercased())" } ?? error.field
            return try await page(request, form: form, errors: [FieldError(field, error.message)]).response(status: .unprocessableEntity)
        } catch let refused as ProposalRefused {
            return try await page(request, form: form, errors: [FieldError("comment", refused.message)]).response(status: .conflict)
        }
        return request.redirect(to: VoiceURL.proposal(id).with([("done", Notice.commented.rawValue)]) + "#comments")
    }

    func reportComment(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        guard let text = request.parameters.get("id"), let comment = UUID(uuidString: text) else { throw Abort(.notFound, reason: "There is no comment at this address.") }
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            let proposal = try await ProposalComments().report(comment, by: me.personID, reason: form["reason-\(comment.uuidString.lowercased())"] ?? form["reason"] ?? "",
                                                               now: request.now, on: request.db)
            return request.redirect(to: VoiceURL.proposal(proposal).with([("done", Notice.proposalReported.rawValue)]) + "#comments")
        } catch is ProposalNotFound {
            throw Abort(.notFound, reason: "There is no comment at this address.")
        } catch let error as FieldError {
            throw Abort(.unprocessableEntity, reason: "Give a reason for reporting the comment: \(error.message).")
        } catch let refused as ProposalRefused {
            throw Abort(.conflict, reason: refused.message)
        }
    }

    func commentSecondLook(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        guard let text = request.parameters.get("id"), let comment = UUID(uuidString: text) else { throw Abort(.notFound, reason: "There is no comment at this address.") }
        do {
            let proposal = try await ProposalComments().askSecondLook(comment, by: me.personID, now: request.now, on: request.db)
            return request.redirect(to: VoiceURL.proposal(proposal).with([("done", Notice.secondLookAsked.rawValue)]) + "#comments")
        } catch is ProposalNotFound {
            throw Abort(.notFound, reason: "There is no comment at this address.")
        } catch let refused as ProposalRefused {
            throw Abort(.conflict, reason: refused.message)
        }
    }

    func moderateComment(_ request: Request) async throws -> Response {
        let me = try request.requireSignedIn()
        try request.require(.moderateContent)
        guard let text = request.parameters.get("id"), let comment = UUID(uuidString: text) else { throw Abort(.notFound, reason: "There is no comment at this address.") }
        let form = (try? request.content.decode([String: String].self)) ?? [:]
        let prefix = "comment-\(comment.uuidString.lowercased())-"
        do {
            guard let decision = Moderation.Decision(rawValue: form[prefix + "decision"] ?? "") else { throw FieldError("decision", "Choose whether to hide it or show it") }
            guard let proposal = try await ProposalComments().proposal(of: comment, on: request.db) else {
                throw Abort(.notFound, reason: "There is no comment at this address.")
            }
            let link = request.alongside.configuration.publicURL + VoiceURL.proposal(proposal).path + "#comments"
            try await ProposalComments().decide(comment, decision, reason: form[prefix + "reason"] ?? "", by: me.personID, now: request.now,
                                                email: { decision, reason, final in Emails.moderated("comment", decision: decision, reason: reason, link: link, final: final) },
                                                on: request.db)
        } catch is ProposalNotFound {
            throw Abort(.notFound, reason: "There is no comment at this address.")
        } catch let error as FieldError {
            return try await queuePage(request, form: form, errors: [FieldError(prefix + error.field, error.message)]).response(status: .unprocessableEntity)
        } catch let refused as ProposalRefused {
            return try await queuePage(request, form: form, errors: [FieldError(prefix + (refused.field ?? "decision"), refused.message)]).response(status: .conflict)
        }
        return request.redirect(to: VoiceURL.moderation.with([("done", Notice.moderated.rawValue)]))
    }
}
