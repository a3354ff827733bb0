import Foundation

/// A web address as RFC 3986 allows it: what people type (`https://example.org/carers-café`) with every
/// character the standard does not allow percent-encoded as UTF-8 (`carers-caf%C3%A9`), so that every copy
/// of a listing, on a page or in Open Referral UK, is a valid `uri`. Browsers show it as typed.
public enum WebAddress {
    /// Characters RFC 3986 allows unencoded in a URI (unreserved, reserved, and `%` of an existing escape).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", "~", ":", "/", "?", "#", "[", "]", "@",
             "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", "%": return true
        default: return false
        }
    }

    /// The address with disallowed characters encoded; nil when it is not an http(s) address with a plain
    /// host (a domain written in other scripts must be given in its `xn--` form).
    public static func normalised(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        guard let scheme = ["https://", "http://"].first(where: lower.hasPrefix) else { return nil }
        let rest = trimmed.dropFirst(scheme.count)
        let hostEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        let host = rest[..<hostEnd]
        guard !host.isEmpty, host.unicodeScalars.allSatisfy({ $0.isASCII && (isAllowed($0) && $0 != "%") }) else { return nil }
        var out = String(scheme) + host
        for scalar in rest[hostEnd...].unicodeScalars {
            if isAllowed(scalar) { out.unicodeScalars.append(scalar); continue }
            for byte in String(scalar).utf8 { out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2) }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
