/// What makes a password acceptable: at least 10 characters, at most 128, and not one of the passwords people
/// choose most often (which are the first ones an attacker tries).
public enum PasswordRules {
    public static let minimumLength = 10
    public static let maximumLength = 128

    /// Throws a message naming `field` when the password would not do.
    public static func check(_ password: String, field: String = "password") throws {
        guard !password.isEmpty else { throw FieldError(field, "Enter a password") }
        guard password.count >= minimumLength else {
            throw FieldError(field, "Password must be at least \(minimumLength) characters")
        }
        guard password.count <= maximumLength else {
            throw FieldError(field, "Password must be \(maximumLength) characters or fewer")
        }
        if isCommon(password) {
            throw FieldError(field, "Password is too common and easy to guess: choose a less common one, such as three random words")
        }
    }

    /// Words anyone guessing at this service would try first, with any digits or punctuation around them
    /// (`Alongside123`, `alongside-demo`, `Lancaster1!`), as the NCSC advises blocking.
    static let serviceWords: Set<String> = ["alongside", "alongsidedemo", "alongsidepassword", "nhs", "nhspassword", "lancaster",
                                            "morecambe", "socialprescribing", "linkworker", "password"]

    /// True when the password, ignoring case, is one of the published common passwords, a word of this
    /// service with digits or punctuation, or a keyboard or number run.
    public static func isCommon(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if CommonPasswords.list.contains(lowered) { return true }
        if serviceWords.contains(lowered.filter(\.isLetter)) { return true }
        if Set(lowered).count <= 2 { return true }
        for run in ["0123456789012", "1234567890123", "9876543210987", "abcdefghijklmnopqrstuvwxyz",
                    "qwertyuiopasdfghjklzxcvbnm", "qwertzuiop", "azertyuiop"] where run.contains(lowered) {
            return true
        }
        return false
    }
}
