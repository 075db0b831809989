import Foundation

/// The records of a JSON inventory — one object, or a top-level array of them — one at a time, in bounded
/// memory: the file is read in chunks, and each record is parsed once its closing brace has been read.
final class JSONRecords {
    private enum Source {
        case file(FileHandle)
        case memory
    }

    private let source: Source
    private let file: String
    private var buffer: [UInt8]
    /// Where unread bytes start in `buffer`.
    private var position = 0
    private var atEnd: Bool
    private var state = State.start
    /// Records returned so far: the next one's number is this plus one.
    private(set) var count = 0

    private enum State {
        case start
        /// Inside the top-level array, before an element (or its closing bracket).
        case inArray(first: Bool)
        case done
    }

    private static let chunk = 1 << 20

    init(url: URL, displayName: String) throws {
        do {
            source = .file(try FileHandle(forReadingFrom: url))
        } catch {
            throw ImportError.unreadable(file: displayName, reason: (error as NSError).localizedDescription)
        }
        file = displayName
        buffer = []
        atEnd = false
    }

    init(bytes: [UInt8], displayName: String) {
        source = .memory
        file = displayName
        buffer = bytes
        atEnd = true
    }

    deinit {
        if case .file(let handle) = source { try? handle.close() }
    }

    /// The next record as a value, with its number (from 1); `nil` after the last.
    func next() throws -> (record: Int, value: JSONValue)? {
        while true {
            switch state {
            case .done:
                return nil
            case .start:
                skipBOM()
                guard let byte = try peekPastSpace() else { throw fail(1, "a JSON object or array", "nothing") }
                if byte == UInt8(ascii: "[") {
                    position += 1
                    state = .inArray(first: true)
                } else {
                    let value = try element(record: 1)
                    guard try peekPastSpace() == nil else {
                        throw fail(1, "JSON", "text after the top-level value")
                    }
                    state = .done
                    count = 1
                    return (1, value)
                }
            case .inArray(let first):
                guard let byte = try peekPastSpace() else {
                    throw fail(count + 1, "JSON", "end of input inside the top-level array")
                }
                if byte == UInt8(ascii: "]") {
                    position += 1
                    guard try peekPastSpace() == nil else {
                        throw fail(count, "JSON", "text after the top-level array")
                    }
                    state = .done
                    return nil
                }
                if !first {
                    guard byte == UInt8(ascii: ",") else {
                        throw fail(count + 1, "JSON", "\"\(Character(Unicode.Scalar(byte)))\" where ',' or ']' belongs")
                    }
                    position += 1
                }
                state = .inArray(first: false)
                count += 1
                return (count, try element(record: count))
            }
        }
    }

    private func fail(_ record: Int, _ expected: String, _ found: String) -> ImportError {
        .badRecord(file: file, line: record, expected: expected, found: found)
    }

    private func skipBOM() {
        // The UTF-8 byte order mark some Windows tools write.
        _ = try? fill(3)
        if buffer.count - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB,
            buffer[position + 2] == 0xBF
        {
            position += 3
        }
    }

    /// The next byte that is not white space, left unread; `nil` at the end of the input.
    private func peekPastSpace() throws -> UInt8? {
        while true {
            while position < buffer.count {
                let byte = buffer[position]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return byte }
                position += 1
            }
            guard try fill(1) else { return nil }
        }
    }

    /// One complete value: its extent found by brackets and strings, then parsed.
    private func element(record: Int) throws -> JSONValue {
        _ = try peekPastSpace()
        var end = position
        var depth = 0
        var inString = false
        var escaped = false
        scan: while true {
            while end < buffer.count {
                let byte = buffer[end]
                end += 1
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth <= 0 { break scan }
                } else if depth == 0 && (byte == UInt8(ascii: ",") || byte == 0x20 || byte == 0x0A || byte == 0x0D) {
                    // A scalar ends before its delimiter.
                    end -= 1
                    break scan
                }
            }
            let offset = end - position
            guard try fill(buffer.count - position + 1) else {
                if depth == 0 && !inString && end > position { break scan }
                throw fail(record, "JSON", "end of input inside record \(record)")
            }
            end = position + offset
        }
        let value: JSONValue
        do {
            value = try buffer.withUnsafeBufferPointer { all in
                try JSONParser.parse(UnsafeBufferPointer(rebasing: all[position..<end]))
            }
        } catch let failure as JSONParser.Failure {
            throw fail(record, "JSON", "\(failure.reason) (record \(record), byte \(failure.offset + 1))")
        }
        position = end
        return value
    }

    /// Reads until `bytes` unread bytes are buffered, or the input ends; `false` when nothing more came.
    @discardableResult
    private func fill(_ bytes: Int) throws -> Bool {
        guard case .file(let handle) = source, !atEnd else { return false }
        var added = false
        while buffer.count - position < bytes, !atEnd {
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            let data: Data?
            do {
                data = try handle.read(upToCount: Self.chunk)
            } catch {
                throw ImportError.unreadable(file: file, reason: (error as NSError).localizedDescription)
            }
            guard let data, !data.isEmpty else {
                atEnd = true
                break
            }
            buffer.append(contentsOf: data)
            added = true
        }
        return added
    }
}
