/// The length of the tag being read, across chunks: an element with hundreds of thousands of attributes
/// costs libxml2 quadratic time before any callback could refuse it, so such a tag is refused before the parse.
struct TagLength {
    static let limit = 256 * 1024
    private var inTag = false
    private var length = 0
    /// Where the current (or overlong) tag starts, 1-based.
    private(set) var line = 1
    private(set) var column = 1
    private var currentLine = 1
    private var currentColumn = 0

    /// Whether the current tag passes `limit` within `bytes`.
    mutating func overlong(in bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes {
            currentColumn += 1
            if byte == UInt8(ascii: "\n") {
                currentLine += 1
                currentColumn = 0
            } else if byte == UInt8(ascii: "<") {
                inTag = true
                length = 0
                (line, column) = (currentLine, currentColumn)
            } else if byte == UInt8(ascii: ">") {
                inTag = false
            } else if inTag {
                length += 1
                if length > Self.limit { return true }
            }
        }
        return false
    }
}
