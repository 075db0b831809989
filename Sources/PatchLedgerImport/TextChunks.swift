import Foundation

extension TextDecoding {
    /// How a file's bytes are text, as `decode` decides it for a whole file.
    enum Encoding: Sendable, Equatable {
        case utf8(bom: Bool)
        case utf16(littleEndian: Bool, bom: Bool)
        case windows1252
    }

    /// Decides a file's encoding from its bytes fed in chunks, as `decode` would from all of them.
    struct Sniffer {
        private var decided: Encoding?
        private var started = false
        private var utf8Valid = true
        private var carry: [UInt8] = []
        private var binary = false

        mutating func feed(_ chunk: [UInt8]) {
            defer { started = true }
            if !started {
                if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { decided = .utf8(bom: true) }
                if chunk.starts(with: [0xFF, 0xFE]) { decided = .utf16(littleEndian: true, bom: true) }
                if chunk.starts(with: [0xFE, 0xFF]) { decided = .utf16(littleEndian: false, bom: true) }
                if decided == nil, chunk.contains(0) {
                    if let littleEndian = TextDecoding.utf16WithoutBOM(chunk.prefix(4096)) {
                        decided = .utf16(littleEndian: littleEndian, bom: false)
                    } else {
                        binary = true
                    }
                }
            }
            guard decided == nil, !binary else { return }
            if chunk.contains(0) { binary = true }
            guard utf8Valid else { return }
            let (complete, rest) = TextChunks.splitUTF8(carry + chunk)
            utf8Valid = String(validating: complete, as: UTF8.self) != nil
            carry = rest
        }

        /// `nil` for binary content (its whole read names the error).
        func finish() -> Encoding? {
            if binary { return nil }
            if let decided { return decided }
            return utf8Valid && carry.isEmpty ? .utf8(bom: false) : .windows1252
        }
    }
}

/// A file's text a chunk at a time, decoded as `TextDecoding.decode` decodes a whole file: a fleet's CSV of
/// hundreds of megabytes is never held whole.
final class TextChunks {
    private let handle: FileHandle
    private let encoding: TextDecoding.Encoding
    private let file: String
    private var carry: [UInt8] = []
    private var started = false
    /// The file offset of the first byte of `carry` (or of the next chunk), for errors.
    private var offset = 0

    init(url: URL, encoding: TextDecoding.Encoding, file: String) throws {
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ImportError.unreadable(file: file, reason: (error as NSError).localizedDescription)
        }
        self.encoding = encoding
        self.file = file
    }

    deinit { try? handle.close() }

    /// The next piece of text; `nil` at the end.
    func next() throws -> String? {
        var bytes: [UInt8]
        do {
            guard let data = try handle.read(upToCount: 1 << 20), !data.isEmpty else {
                guard carry.isEmpty else { throw undecodable() }
                return nil
            }
            bytes = carry + Array(data)
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError.unreadable(file: file, reason: (error as NSError).localizedDescription)
        }
        if !started {
            started = true
            let bom =
                switch encoding {
                case .utf8(bom: true): min(3, bytes.count)
                case .utf16(_, bom: true): min(2, bytes.count)
                default: 0
                }
            bytes.removeFirst(bom)
            offset = bom
        }
        let start = offset
        defer { offset += bytes.count - carry.count }
        switch encoding {
        case .utf8:
            let (complete, rest) = Self.splitUTF8(bytes)
            carry = rest
            return String(decoding: complete, as: UTF8.self)
        case .windows1252:
            carry = []
            return TextDecoding.windows1252(bytes)
        case .utf16(let littleEndian, _):
            var end = bytes.count - bytes.count % 2
            let unit = { (at: Int) -> UInt16 in
                let (a, b) = (UInt16(bytes[at]), UInt16(bytes[at + 1]))
                return littleEndian ? a | b << 8 : a << 8 | b
            }
            // A high surrogate waits for its pair in the next chunk.
            if end >= 2, (0xD800..<0xDC00).contains(unit(end - 2)) { end -= 2 }
            let units = stride(from: 0, to: end, by: 2).map(unit)
            carry = Array(bytes[end...])
            guard let text = String(validating: units, as: UTF16.self) else {
                throw ImportError.undecodable(
                    file: file, reason: TextDecoding.brokenUTF16(units, start: start, littleEndian: littleEndian))
            }
            return text
        }
    }

    /// The file ends inside a character: an odd byte of UTF-16, a surrogate without its pair, a cut UTF-8
    /// sequence.
    private func undecodable() -> ImportError {
        switch encoding {
        case .utf16(let littleEndian, _):
            .undecodable(
                file: file,
                reason:
                    "invalid \(littleEndian ? "UTF-16LE" : "UTF-16BE"): the text ends inside a character at byte \(offset)"
            )
        default: .undecodable(file: file, reason: "the text ends inside a character at byte \(offset)")
        }
    }

    /// `bytes` cut before a UTF-8 sequence its end leaves incomplete, and that incomplete rest.
    static func splitUTF8(_ bytes: [UInt8]) -> (complete: ArraySlice<UInt8>, rest: [UInt8]) {
        var cut = bytes.count
        for back in 1...max(1, min(3, bytes.count)) where back <= bytes.count {
            let byte = bytes[bytes.count - back]
            if byte & 0xC0 == 0xC0 {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if length > back { cut = bytes.count - back }
                break
            }
            if byte & 0x80 == 0 { break }
        }
        return (bytes[..<cut], Array(bytes[cut...]))
    }
}
