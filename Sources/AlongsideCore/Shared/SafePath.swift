/// Where a link inside the site may send someone next (after signing in, a "back" link): a path on this site
/// made only of the characters a URL path and query use unescaped, so it can never name another host or carry a
/// line break into a response header.
public enum SafePath {
    private static let allowed: Set<UInt8> = {
        var set = Set<UInt8>()
        for range in [UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9")] {
            set.formUnion(range)
        }
        set.formUnion("-._~/?&=%+:@,;!".utf8)
        return set
    }()

    /// True for `/account/my-data?x=1`; false for `//host`, `/\host`, anything with a space, tab, CR or LF, a
    /// scheme (`https:`) or a non-ASCII character, and for anything over 2,000 characters.
    public static func isSameSite(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        guard bytes.count <= 2000, bytes.first == UInt8(ascii: "/") else { return false }
        guard bytes.count == 1 || (bytes[1] != UInt8(ascii: "/")) else { return false }
        // A percent sign must start an escape of two hex digits, and never an escape of "/" or "\" that some
        // servers decode before routing.
        for (i, byte) in bytes.enumerated() {
            guard allowed.contains(byte) else { return false }
            if byte == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) else { return false }
            }
        }
        return true
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(b)
    }
}
