import Foundation

/// The 20,000 most common passwords in breach data, as published with Django (see
/// `Resources/passwords/README.md`), read once from the compressed file Alongside ships, lower case.
enum CommonPasswords {
    static let list: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords.txt", withExtension: "gz", subdirectory: "Resources/passwords"),
              let data = try? Data(contentsOf: url), let text = try? Gzip.decompress([UInt8](data))
        else { fatalError("The common-password list is missing from the build: Resources/passwords/common-passwords.txt.gz") }
        return Set(String(decoding: text, as: UTF8.self).split(whereSeparator: \.isNewline).map { $0.lowercased() })
    }()
}
