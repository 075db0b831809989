/// Turns the bytes of a text capture into lines, whatever Windows wrote them in.
///
/// Windows tools write UTF-16LE with a BOM when redirected from PowerShell, UTF-8 with or without BOM,
/// or the console's single-byte code page. Only structure and ASCII values (KB numbers, versions) matter
/// to the parsers, so a legacy code page is read as Windows-1252: host and OS names keep their letters
/// in Western locales and never fail to decode.
enum TextDecoding {
    /// - Throws: `ImportError.undecodable` for binary content or broken UTF-16.
    static func decode(_ bytes: [UInt8], file: String) throws -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return try utf8(bytes.dropFirst(3), file: file) }
        if bytes.starts(with: [0xFF, 0xFE]) { return try utf16(bytes.dropFirst(2), littleEndian: true, file: file) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try utf16(bytes.dropFirst(2), littleEndian: false, file: file) }
        if bytes.contains(0) {
            guard let littleEndian = utf16WithoutBOM(bytes.prefix(4096)) else {
                throw ImportError.undecodable(file: file, reason: "binary content (NUL bytes), not text")
            }
            return try utf16(bytes[...], littleEndian: littleEndian, file: file)
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return windows1252(bytes)
    }

    /// Whether text with NUL bytes is UTF-16 without a BOM (ASCII with every other byte zero), little-endian
    /// or not; `nil`: binary.
    static func utf16WithoutBOM(_ sample: ArraySlice<UInt8>) -> Bool? {
        let oddZeros = stride(from: sample.startIndex + 1, to: sample.endIndex, by: 2).filter { sample[$0] == 0 }.count
        let evenZeros = stride(from: sample.startIndex, to: sample.endIndex, by: 2).filter { sample[$0] == 0 }.count
        let half = sample.count / 2
        if oddZeros * 10 >= half * 9, evenZeros * 10 < half { return true }
        if evenZeros * 10 >= half * 9, oddZeros * 10 < half { return false }
        return nil
    }

    /// The lines of `text`, CR and LF line ends both, with no-break spaces made plain spaces so that
    /// column layouts and number patterns hold.
    static func lines(_ text: String) -> [Substring] {
        // Split on bytes: Character-wise splitting cost most of a fleet import's parse time.
        let plain = text.unicodeScalars.contains("\u{A0}") ? text.replacingNoBreakSpaces() : text
        return plain.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            let end = line.last == UInt8(ascii: "\r") ? line.index(before: line.endIndex) : line.endIndex
            return Substring(line[line.startIndex..<end])
        }
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>, file: String) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = 3 + (invalidUTF8(in: bytes) ?? 0)
            throw ImportError.undecodable(
                file: file, reason: "a UTF-8 byte-order mark followed by invalid UTF-8 at byte \(offset)")
        }
        return text
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence, if any.
    static func invalidUTF8(in bytes: some Collection<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// The index of the first UTF-16 unit that is a surrogate without its pair, if any.
    static func unpairedSurrogate(in units: [UInt16]) -> Int? {
        var index = 0
        while index < units.count {
            switch units[index] {
            case 0xD800..<0xDC00:
                guard index + 1 < units.count, (0xDC00..<0xE000).contains(units[index + 1]) else { return index }
                index += 2
            case 0xDC00..<0xE000: return index
            default: index += 1
            }
        }
        return nil
    }

    /// Why UTF-16 text does not decode, naming the byte where it breaks: `start` is the byte offset of `units`
    /// in the file.
    static func brokenUTF16(_ units: [UInt16], start: Int, littleEndian: Bool) -> String {
        let name = littleEndian ? "UTF-16LE" : "UTF-16BE"
        guard let index = unpairedSurrogate(in: units) else { return "invalid \(name)" }
        let unit = String(units[index], radix: 16, uppercase: true)
        return "invalid \(name): an unpaired surrogate (U+\(unit)) at byte \(start + index * 2)"
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool, file: String) throws -> String {
        let name = littleEndian ? "UTF-16LE" : "UTF-16BE"
        guard bytes.count % 2 == 0 else {
            throw ImportError.undecodable(
                file: file, reason: "\(name) with an odd number of bytes (a lone byte at byte \(bytes.endIndex - 1))")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw ImportError.undecodable(
                file: file, reason: brokenUTF16(units, start: bytes.startIndex, littleEndian: littleEndian))
        }
        return text
    }

    static func windows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? cp1252High[Int(byte - 0x80)] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// Windows-1252's 0x80–0x9F, where it departs from Latin-1 (undefined bytes map to U+FFFD).
    private static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]
}

extension String {
    fileprivate func replacingNoBreakSpaces() -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: unicodeScalars.lazy.map { $0 == "\u{A0}" ? " " : $0 })
        return String(scalars)
    }
}
