/// A Microsoft Knowledge Base article number, the name every Windows update goes by.
///
/// Spellings seen in catalogs and inventories (`KB4012212`, `kb4012212`, `4012212`, `KB 4012212`)
/// all parse to one value, printed as `KB4012212`.
public struct KB: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Four bytes, not eight: a fleet's scan holds millions of installed KBs (numbers run to 7 digits, spellings
    /// to 9).
    private let value: Int32

    public var number: Int { Int(value) }

    public init(_ number: Int) {
        value = Int32(clamping: number)
    }

    /// Parses one KB spelling; `nil` for anything else (a bulletin id, `Release Notes`, an empty string).
    public init?(parsing text: some StringProtocol) {
        // Byte-wise: inventories hold hundreds of KBs per machine and fleets thousands of machines.
        var bytes = Substring(text).utf8[...]
        func dropBlanks() {
            while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
            if bytes.starts(with: [0xC2, 0xA0]) {
                bytes = bytes.dropFirst(2)
                dropBlanks()
            }
        }
        dropBlanks()
        if let k = bytes.first, k | 0x20 == UInt8(ascii: "k"),
            bytes.dropFirst().first.map({ $0 | 0x20 }) == UInt8(ascii: "b")
        {
            bytes = bytes.dropFirst(2)
            dropBlanks()
        }
        var value = 0
        var count = 0
        for byte in bytes {
            guard (0x30...0x39).contains(byte) else {
                // Digits end at white space or the end; anything else ("KB123abc", "MS17-010") is not a KB.
                guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A || byte == 0xC2 else { return nil }
                break
            }
            value = value * 10 + Int(byte - 0x30)
            count += 1
            if count > 9 { return nil }
        }
        guard count >= 3 else { return nil }
        self.value = Int32(value)
    }

    /// Written straight into the string's storage: ledger imports print hundreds of thousands.
    public var description: String {
        String(unsafeUninitializedCapacity: 22) { buffer in
            buffer[0] = UInt8(ascii: "K")
            buffer[1] = UInt8(ascii: "B")
            var end = 2
            buffer.writeDecimal(number, at: &end)
            return end
        }
    }

    public static func < (lhs: KB, rhs: KB) -> Bool { lhs.value < rhs.value }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let kb = KB(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a KB: \(text)"))
        }
        self = kb
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
