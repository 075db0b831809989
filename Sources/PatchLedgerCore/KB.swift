/// A Microsoft Knowledge Base article number, the name every Windows update goes by.
///
/// Spellings seen in catalogs and inventories (`KB4012212`, `kb4012212`, `4012212`, `KB 4012212`)
/// all parse to one value, printed as `KB4012212`.
public struct KB: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let number: Int

    public init(_ number: Int) {
        self.number = number
    }

    /// Parses one KB spelling; `nil` for anything else (a bulletin id, `Release Notes`, an empty string).
    public init?(parsing text: some StringProtocol) {
        var digits = Substring(text).drop { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        if digits.count >= 2, digits.prefix(2).lowercased() == "kb" {
            digits = digits.dropFirst(2).drop { $0 == " " || $0 == "\u{A0}" }
        }
        digits = digits.prefix { !($0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{A0}") }
        guard (3...9).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let value = Int(digits) else {
            return nil
        }
        self.number = value
    }

    public var description: String { "KB\(number)" }

    public static func < (lhs: KB, rhs: KB) -> Bool { lhs.number < rhs.number }

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
