/// Reads gzip files (RFC 1952) holding DEFLATE data (RFC 1951), written here from the two RFCs so that Core
/// can read the compressed lists it ships without a system library. Checks the CRC-32 and length the file
/// ends with, so a damaged file is refused rather than read wrongly.
public enum Gzip {
    public struct Damaged: Error, Equatable, Sendable {
        public let reason: String
    }

    public static func decompress(_ file: [UInt8]) throws -> [UInt8] {
        guard file.count >= 18, file[0] == 0x1F, file[1] == 0x8B, file[2] == 8 else { throw Damaged(reason: "not a gzip file") }
        let flags = file[3]
        var at = 10
        if flags & 4 != 0 {  // FEXTRA
            guard at + 2 <= file.count else { throw Damaged(reason: "header cut short") }
            at += 2 + Int(file[at]) | Int(file[at + 1]) << 8
        }
        for flag: UInt8 in [8, 16] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            while at < file.count && file[at] != 0 { at += 1 }
            at += 1
        }
        if flags & 2 != 0 { at += 2 }  // FHCRC
        guard at < file.count - 8 else { throw Damaged(reason: "header cut short") }
        var inflater = Inflater(file, from: at)
        let out = try inflater.run()
        let trailer = inflater.byteAligned()
        guard trailer + 8 <= file.count else { throw Damaged(reason: "trailer cut short") }
        func word(_ i: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(file[i + $1]) << (8 * $1) } }
        guard word(trailer) == crc32(out) else { throw Damaged(reason: "CRC-32 does not match") }
        guard word(trailer + 4) == UInt32(truncatingIfNeeded: out.count) else { throw Damaged(reason: "length does not match") }
        return out
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.reduce(~UInt32(0)) { crcTable[Int(($0 ^ UInt32($1)) & 0xFF)] ^ ($0 >> 8) }
    }
}

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
private struct Huffman {
    var counts = [Int](repeating: 0, count: 16)
    var symbols: [Int] = []

    init(lengths: ArraySlice<Int>) throws {
        for length in lengths { counts[length] += 1 }
        counts[0] = 0
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
    }
}

private struct Inflater {
    let input: [UInt8]
    var at: Int
    var bitBuffer = 0
    var bitCount = 0
    var out: [UInt8] = []

    init(_ input: [UInt8], from start: Int) {
        self.input = input
        self.at = start
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    mutating func bits(_ n: Int) throws -> Int {
        while bitCount < n {
            guard at < input.count else { throw Gzip.Damaged(reason: "data cut short") }
            bitBuffer |= Int(input[at]) << bitCount
            at += 1
            bitCount += 8
        }
        let value = bitBuffer & ((1 << n) - 1)
        bitBuffer >>= n
        bitCount -= n
        return value
    }

    /// Where the next whole byte starts, once the last block has ended.
    mutating func byteAligned() -> Int {
        bitBuffer = 0
        bitCount = 0
        return at
    }

    mutating func decode(_ code: Huffman) throws -> Int {
        var value = 0, first = 0, index = 0
        for length in 1...15 {
            value |= try bits(1)
            let count = code.counts[length]
            if value - count < first { return code.symbols[index + value - first] }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw Gzip.Damaged(reason: "a code that does not exist")
    }

    mutating func run() throws -> [UInt8] {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try stored()
            case 1:
                let lengths = [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112) + [Int](repeating: 7, count: 24)
                    + [Int](repeating: 8, count: 8)
                try codes(Huffman(lengths: lengths[...]), Huffman(lengths: [Int](repeating: 5, count: 30)[...]))
            case 2: try dynamic()
            default: throw Gzip.Damaged(reason: "a block of an unknown type")
            }
        }
        return out
    }

    mutating func stored() throws {
        at = byteAligned()
        guard at + 4 <= input.count else { throw Gzip.Damaged(reason: "data cut short") }
        let length = Int(input[at]) | Int(input[at + 1]) << 8
        guard length ^ 0xFFFF == Int(input[at + 2]) | Int(input[at + 3]) << 8 else { throw Gzip.Damaged(reason: "a stored block's length does not check") }
        at += 4
        guard at + length <= input.count else { throw Gzip.Damaged(reason: "data cut short") }
        out += input[at..<at + length]
        at += length
    }

    mutating func dynamic() throws {
        let literals = try bits(5) + 257, distances = try bits(5) + 1, lengthCodes = try bits(4) + 4
        guard literals <= 286, distances <= 30 else { throw Gzip.Damaged(reason: "too many codes") }
        var codeLengths = [Int](repeating: 0, count: 19)
        for i in 0..<lengthCodes { codeLengths[Self.codeLengthOrder[i]] = try bits(3) }
        let lengthCode = try Huffman(lengths: codeLengths[...])
        var lengths: [Int] = []
        while lengths.count < literals + distances {
            let symbol = try decode(lengthCode)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw Gzip.Damaged(reason: "a repeat with nothing to repeat") }
                lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
            case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
            default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
            }
        }
        guard lengths.count == literals + distances, lengths[256] != 0 else { throw Gzip.Damaged(reason: "code lengths do not add up") }
        try codes(Huffman(lengths: lengths[0..<literals]), Huffman(lengths: lengths[literals...]))
    }

    mutating func codes(_ literal: Huffman, _ distance: Huffman) throws {
        while true {
            let symbol = try decode(literal)
            if symbol < 256 { out.append(UInt8(symbol)); continue }
            if symbol == 256 { return }
            let l = symbol - 257
            guard l < 29 else { throw Gzip.Damaged(reason: "a length that does not exist") }
            let length = Self.lengthBase[l] + (try bits(Self.lengthExtra[l]))
            let d = try decode(distance)
            guard d < 30 else { throw Gzip.Damaged(reason: "a distance that does not exist") }
            let back = Self.distanceBase[d] + (try bits(Self.distanceExtra[d]))
            guard back <= out.count else { throw Gzip.Damaged(reason: "a distance before the start") }
            let start = out.count - back
            for i in 0..<length { out.append(out[start + i]) }
        }
    }
}
