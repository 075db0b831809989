/// An instant in UTC to the second, as scans are dated (`2024-05-01T10:30:00Z`).
///
/// The core imports nothing, so this stands in for Foundation's `Date`; ages in days go through `date`.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public init(_ date: CalendarDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        secondsSinceEpoch = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Parses ISO 8601 as tools write it: `2024-05-01`, `2024-05-01T10:30:00Z`, `2024-05-01 10:30`,
    /// fractions and `+02:00` offsets (converted to UTC); `nil` for anything else.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.trimmingWhitespace().utf8)
        guard let date = CalendarDate(parsing: String(decoding: bytes.prefix(10), as: UTF8.self)) else { return nil }
        guard bytes.count > 10 else {
            self.init(date)
            return
        }
        var reader = DigitReader(bytes: bytes, index: 11)
        guard let hour = reader.number(2), hour < 24, reader.skip(":"), let minute = reader.number(2), minute < 60
        else { return nil }
        var second = 0
        if reader.skip(":") {
            guard let value = reader.number(2), value < 61 else { return nil }
            second = value
            if reader.skip(".") || reader.skip(",") { reader.skipDigits() }
        }
        var offset = 0
        if reader.skip("Z") || reader.atEnd {
            offset = 0
        } else if let sign = reader.sign(), let hours = reader.number(2) {
            _ = reader.skip(":")
            let minutes = reader.number(2) ?? 0
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard reader.atEnd else { return nil }
        self.init(
            secondsSinceEpoch: Timestamp(date, hour: hour, minute: minute, second: second).secondsSinceEpoch
                - Int64(offset))
    }

    /// The UTC calendar day.
    public var date: CalendarDate {
        CalendarDate(daysSinceEpoch: Int((secondsSinceEpoch - Self.floorMod(secondsSinceEpoch, 86_400)) / 86_400))
    }

    /// `2024-05-01T10:30:00Z`
    public var description: String {
        let seconds = Int(Self.floorMod(secondsSinceEpoch, 86_400))
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(date)T\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))Z"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    private static func floorMod(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}

/// A cursor over ASCII bytes for the fixed-width number fields of timestamps.
private struct DigitReader {
    let bytes: [UInt8]
    var index: Int

    var atEnd: Bool { index >= bytes.count }

    mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += width
        return value
    }

    mutating func skip(_ character: Character) -> Bool {
        guard !atEnd, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func skipDigits() {
        while !atEnd, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}

extension Timestamp: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = Timestamp(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a time: \(text)"))
        }
        self = time
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
