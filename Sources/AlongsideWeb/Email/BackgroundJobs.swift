import AlongsideStore
import Fluent
import Vapor

/// Work done in the background of `serve` (and only there): sending the outbox every few seconds, and
/// housekeeping that only one app server runs at a time (held by a lease in the database).
enum BackgroundJobs {
    private struct Key: StorageKey { typealias Value = Task<Void, Never> }

    static func start(_ application: Application) async {
        guard application.alongside.configuration.runsBackgroundJobs else { return }
        let task = Task {
            var ticks = 0
            while !Task.isCancelled {
                await OutboxWorker.runOnce(application)
                if ticks % 120 == 0 { await Housekeeping.runIfLeased(application) }
                ticks += 1
                try? await Task.sleep(for: .seconds(5))
            }
        }
        await application.storage.setWithAsyncShutdown(Key.self, to: task) { task in
            task.cancel()
            _ = await task.value
        }
    }
}

/// Sends what is due in the outbox with the configured sender.
enum OutboxWorker {
    static func sender(for application: Application) -> any EmailSender {
        switch application.alongside.configuration.email {
        case .log: LogEmailSender(logger: application.logger)
        case .sendmail(let path, let from): SendmailEmailSender(path: path, from: from)
        case .notify(let key, let template, let base):
            NotifyEmailSender(apiKey: key, templateID: template, baseURL: base, client: application.client,
                              now: application.alongside.now)
        }
    }

    /// Claims due messages, sends each, and records the outcome. Returns how many were sent.
    @discardableResult
    static func runOnce(_ application: Application) async -> Int {
        let services = application.alongside
        let outbox = services.outbox
        let db = application.db
        let sender = sender(for: application)
        var sent = 0
        do {
            for email in try await outbox.claimDue(now: services.now(), on: db) {
                do {
                    try await sender.send(email)
                    try await outbox.markSent(email.id, at: services.now(), on: db)
                    services.metrics.email(sent: true)
                    sent += 1
                } catch {
                    services.metrics.email(sent: false)
                    application.logger.warning("Email \(email.id) not sent (attempt \(email.attempts)): \(error)")
                    try await outbox.markFailed(email, error: "\(error)", at: services.now(), on: db)
                }
            }
            services.metrics.jobRan("outbox")
        } catch {
            services.metrics.jobRan("outbox", failed: true)
            application.logger.error("Outbox could not be read: \(error)")
        }
        return sent
    }
}

/// Removes expired sessions, used links and old sign-in attempts. Runs on one server at a time.
enum Housekeeping {
    static func runIfLeased(_ application: Application) async {
        let services = application.alongside
        let db = application.db
        let now = services.now()
        do {
            guard try await JobLeases().acquire("housekeeping", holder: services.instanceID, now: now, duration: 300, on: db) else { return }
            try await SessionRecord.query(on: db).filter(\.$expiresAt < now).delete()
            try await SignInAttemptRecord.query(on: db).filter(\.$attemptedAt < now.addingTimeInterval(-86_400)).delete()
            try await IdempotencyKeys().forget(before: now.addingTimeInterval(-86_400), on: db)
            try await PublicSubmissions().forget(before: now.addingTimeInterval(-86_400), on: db)
            try await PendingRegistrationRecord.query(on: db).filter(\.$expiresAt <= now).delete()
            if try await JobLeases().claimScheduledRun("stale-listing-reminders", holder: services.instanceID, now: now,
                                                        every: 7 * 86_400, on: db) {
                let base = services.configuration.publicURL
                let written = try await StaleListingReminders().send(now: now, link: { _ in base + SiteURL.ourListings.path }, on: db)
                application.logger.info("Stale listing reminders written: \(written)")
            }
            // Hourly: referrals to community services unanswered for 14 days go back to the link worker, once.
            if try await JobLeases().claimScheduledRun("community-referral-escalation", holder: services.instanceID, now: now,
                                                        every: 3_600, on: db) {
                let returned = try await CommunityReferrals().escalateOverdue(now: now, on: db)
                if returned > 0 { application.logger.info("Community referrals returned unanswered: \(returned)") }
            }
            services.metrics.jobRan("housekeeping")
        } catch {
            services.metrics.jobRan("housekeeping", failed: true)
            application.logger.error("Housekeeping failed: \(error)")
        }
    }
}
