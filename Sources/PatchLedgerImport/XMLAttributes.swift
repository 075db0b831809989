import CLibXML2
import Foundation

/// The attributes of one start tag, as libxml2 hands them: five pointers each, values not NUL-terminated.
struct XMLAttributes {
    private let tokens: InternedNames
    private let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    init(tokens: InternedNames, base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
        self.tokens = tokens
        self.base = base
        self.count = count
    }

    /// The value of the attribute whose local name is the token `name`, or `nil`.
    func value(_ name: Int) -> String? {
        bytes(name)?.string
    }

    /// The raw value bytes of the attribute whose local name is the token `name`, valid during the event.
    func bytes(_ name: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for index in 0..<count {
            let entry = base + index * 5
            guard tokens.lookup(entry[0]) == name, let begin = entry[3], let end = entry[4] else { continue }
            return UnsafeBufferPointer(start: begin, count: end - begin)
        }
        return nil
    }

    /// Each attribute's token and raw value bytes, in document order, without building strings.
    func forEach(_ body: (Int?, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard let base else { return }
        for index in 0..<count {
            let entry = base + index * 5
            guard let begin = entry[3], let end = entry[4] else { continue }
            try body(tokens.lookup(entry[0]), UnsafeBufferPointer(start: begin, count: end - begin))
        }
    }
}

extension UInt8 {
    /// The byte with an ASCII capital letter lower-cased; any other byte as it is.
    var asciiLowercased: UInt8 { (0x41...0x5A).contains(self) ? self | 0x20 : self }
}

extension UnsafeBufferPointer<UInt8> {
    var string: String { String(decoding: self, as: UTF8.self) }

    /// The bytes as a string with ASCII letters lower-cased (GUIDs), built in one go.
    var lowercasedASCII: String {
        guard allSatisfy({ $0 < 0x80 }) else { return string.lowercased() }
        return String(unsafeUninitializedCapacity: count) { buffer in
            for (index, byte) in enumerated() {
                buffer[index] = byte.asciiLowercased
            }
            return count
        }
    }

    /// The bytes as a non-negative decimal number; `nil` if anything else.
    var integer: Int? {
        guard !isEmpty, count < 19 else { return nil }
        var value = 0
        for byte in self {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    var isTrue: Bool { count == 4 && (self[0] | 0x20) == UInt8(ascii: "t") }

    /// Whether the bytes are exactly `text`'s, without building a string.
    func equals(_ text: StaticString) -> Bool {
        guard count == text.utf8CodeUnitCount else { return false }
        guard let baseAddress else { return true }
        return memcmp(baseAddress, text.utf8Start, count) == 0
    }
}
