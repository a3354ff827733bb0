import AlongsideCore
import FluentKit
import Foundation

extension Accounts {
    public func createSession(tokenHash: String, for account: AccountRecord, kind: SessionRecord.Kind, now: Date,
                              lifetime: TimeInterval, on db: any Database) async throws -> SessionRecord {
        let session = SessionRecord(tokenHash: tokenHash, accountID: account.id!, kind: kind, createdAt: now,
                                    expiresAt: now.addingTimeInterval(lifetime))
        try await session.create(on: db)
        return session
    }

    /// The live session for a token hash and its open account, or nil if unknown, expired or closed.
    public func session(tokenHash: String, kind: SessionRecord.Kind, now: Date,
                        on db: any Database) async throws -> (SessionRecord, AccountRecord)? {
        guard let session = try await SessionRecord.query(on: db).filter(\.$tokenHash == tokenHash)
            .filter(\.$kind == kind.rawValue).filter(\.$expiresAt > now).first()
        else { return nil }
        guard let account = try await account(id: session.$account.id, on: db), account.closedAt == nil, account.suspendedAt == nil else { return nil }
        return (session, account)
    }

    /// Pushes a browser session's expiry forward while it is in use (at most once every few minutes).
    public func renew(_ session: SessionRecord, now: Date, lifetime: TimeInterval, on db: any Database) async throws {
        let newExpiry = now.addingTimeInterval(lifetime)
        guard newExpiry.timeIntervalSince(session.expiresAt) > 300 else { return }
        session.expiresAt = newExpiry
        try await session.save(on: db)
    }

    public func endSession(tokenHash: String, on db: any Database) async throws {
        try await SessionRecord.query(on: db).filter(\.$tokenHash == tokenHash).delete()
    }

    // MARK: - Sign-in attempts

    public func recordAttempt(email: String, address: String, succeeded: Bool, now: Date, on db: any Database) async throws {
        try await SignInAttemptRecord(email: email, address: address, succeeded: succeeded, attemptedAt: now).create(on: db)
    }

    /// Failed attempts since `since` for the account from this address (so someone guessing elsewhere cannot
    /// lock the owner out), and from the address for any account.
    public func failures(email: String, address: String, since: Date, on db: any Database) async throws -> (account: Int, address: Int) {
        let account = try await SignInAttemptRecord.query(on: db).filter(\.$email == email).filter(\.$address == address)
            .filter(\.$succeeded == false).filter(\.$attemptedAt >= since).count()
        let fromAddress = try await SignInAttemptRecord.query(on: db).filter(\.$address == address)
            .filter(\.$succeeded == false).filter(\.$attemptedAt >= since).count()
        return (account, fromAddress)
    }
}
