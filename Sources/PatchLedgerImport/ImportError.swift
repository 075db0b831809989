/// Why an input file could not be imported; each case names the file and, where known, the position.
public enum ImportError: Error, Equatable, CustomStringConvertible {
    /// The XML is not well-formed (truncated, binary, wrongly encoded…), as libxml2 reports it.
    case malformed(file: String, line: Int, column: Int, reason: String)
    /// Well-formed, but not what the format requires at that place.
    case unexpected(file: String, line: Int, column: Int, expected: String, found: String)
    /// The root element belongs to no format PatchLedger reads.
    case unknownFormat(file: String, root: String, expected: [String])
    case unreadable(file: String, reason: String)
    /// A text input whose bytes are no encoding PatchLedger reads (binary, broken UTF-16).
    case undecodable(file: String, reason: String)
    /// A text input (inventory, fleet manifest) matching none of the formats tried.
    case unrecognized(file: String, tried: [String])
    /// A record of a text input that is not what its format requires.
    case badRecord(file: String, line: Int, expected: String, found: String)
    /// A capture of a host another file of the same run showed to be a different machine.
    case sameHostOtherMachine(file: String, reason: String)

    public var description: String {
        switch self {
        case .malformed(let file, let line, let column, let reason):
            "\(file):\(line):\(column): malformed XML: \(reason)"
        case .unexpected(let file, let line, let column, let expected, let found):
            "\(file):\(line):\(column): expected \(expected), found \(found)"
        case .unknownFormat(let file, let root, let expected):
            "\(file): unknown catalog format: root element <\(root)>, expected one of \(expected.joined(separator: ", "))"
        case .unreadable(let file, let reason):
            "\(file): cannot read: \(reason)"
        case .undecodable(let file, let reason):
            "\(file): cannot decode: \(reason)"
        case .unrecognized(let file, let tried):
            "\(file): unrecognised format, tried \(tried.joined(separator: ", "))"
        case .badRecord(let file, let line, let expected, let found):
            "\(file):\(line): expected \(expected), found \(found)"
        case .sameHostOtherMachine(let file, let reason):
            "\(file): \(reason)"
        }
    }
}
