import Foundation

/// A problem with one piece of input, written for the person who typed it.
public struct FieldError: Error, Equatable, Sendable, Codable {
    /// The input's name as the form or JSON body calls it, e.g. `email`.
    public let field: String
    /// What is wrong and what to do, in plain English.
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Every problem found in one submission, so a form can show them all at once.
public struct ValidationFailure: Error, Equatable, Sendable {
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) { self.errors = errors }

    /// The message for a field, if it has one.
    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }
}

/// Collects field errors while checking a submission, then throws them together.
public struct FieldChecks: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        guard !errors.contains(where: { $0.field == field }) else { return }
        errors.append(FieldError(field, message))
    }

    /// Runs a check that may throw a `FieldError`, recording it instead of stopping.
    @discardableResult
    public mutating func check<T>(_ body: () throws -> T) -> T? {
        do { return try body() } catch let error as FieldError {
            add(error.field, error.message)
        } catch let failure as ValidationFailure {
            failure.errors.forEach { add($0.field, $0.message) }
        } catch {
            add("form", "Something in the form could not be read.")
        }
        return nil
    }

    /// Throws every error collected so far, if any.
    public func finish() throws {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

extension String {
    /// The text with surrounding spaces and line breaks removed.
    public var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
