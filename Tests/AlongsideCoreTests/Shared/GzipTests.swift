@testable import AlongsideCore
import Testing

/// The gzip reader against files made by zlib itself (Python's `zlib.compressobj`, one per kind of block).
@Suite struct GzipTests {
    let stored: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 4, 3, 1, 18, 0, 237, 255, 104, 101, 114, 111, 110, 32, 113, 117, 97, 121, 32, 108, 97,
                           110, 116, 101, 114, 110, 30, 130, 181, 181, 18, 0, 0, 0]
    let fixed: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 43, 201, 40, 74, 77, 85, 40, 74, 204, 75, 201, 207, 85, 40, 207, 47, 74, 41, 86, 200,
                          77, 204, 78, 85, 72, 84, 40, 46, 41, 202, 207, 75, 87, 40, 72, 44, 46, 6, 137, 91, 43, 148, 16, 171, 84, 161, 50,
                          191, 84, 33, 57, 49, 79, 161, 40, 53, 55, 53, 55, 41, 181, 72, 143, 120, 189, 67, 194, 26, 0, 153, 7, 81, 26, 53,
                          1, 0, 0]
    let dynamic: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 213, 141, 193, 9, 128, 64, 12, 4, 91, 217, 10, 108, 192, 106, 162, 183, 40, 72,
                            46, 178, 137, 136, 221, 139, 29, 220, 215, 239, 48, 195, 212, 46, 18, 178, 222, 194, 113, 135, 90, 194, 237, 32,
                            12, 89, 138, 190, 225, 180, 204, 143, 207, 168, 81, 21, 79, 92, 88, 173, 67, 116, 250, 66, 77, 227, 237, 47, 54,
                            47, 153, 7, 81, 26, 53, 1, 0, 0]
    let text = String(repeating: "three random words make a strong password; three random words make a strong password you can remember. ", count: 3)

    @Test func eachKindOfBlockIsRead() throws {
        #expect(String(decoding: try Gzip.decompress(stored), as: UTF8.self) == "heron quay lantern")
        #expect(String(decoding: try Gzip.decompress(fixed), as: UTF8.self) == text)
        #expect(String(decoding: try Gzip.decompress(dynamic), as: UTF8.self) == text)
    }

    @Test func theCRCIsTheStandardOne() {
        // The check value every CRC-32 implementation publishes.
        #expect(Gzip.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func aDamagedFileIsRefusedNotMisread() {
        var flipped = dynamic
        flipped[40] ^= 0x10
        #expect(throws: Gzip.Damaged.self) { try Gzip.decompress(flipped) }
        #expect(throws: Gzip.Damaged.self) { try Gzip.decompress(Array(dynamic.dropLast(12))) }
        #expect(throws: Gzip.Damaged.self) { try Gzip.decompress(Array("not gzip at all, not at all".utf8)) }
    }

    @Test func theShippedCommonPasswordListIsRead() {
        #expect(CommonPasswords.list.count > 19_000)
        for common in ["123456", "password", "qwerty", "1234567890", "iloveyou12", "password123"] {
            #expect(CommonPasswords.list.contains(common), "\(common)")
        }
        #expect(!CommonPasswords.list.contains("heron quay lantern"))
        #expect(PasswordRules.isCommon("Password123"))
    }
}
