import Foundation

/// Stable JSON for other tools: sorted keys, no escaped slashes, one trailing newline, and the shape's
/// `schemaVersion` beside the top-level keys.
public enum JSONOutput {
    /// Raised when a documented JSON shape changes incompatibly (a key renamed or removed, a meaning changed).
    public static let schemaVersion = 1

    public static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Versioned(value: value)), as: UTF8.self) + "\n"
    }

    /// The value's own keys, and `schemaVersion` in the same object.
    private struct Versioned<Value: Encodable>: Encodable {
        enum Key: String, CodingKey { case schemaVersion }
        let value: Value

        func encode(to encoder: any Encoder) throws {
            try value.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(JSONOutput.schemaVersion, forKey: .schemaVersion)
        }
    }
}
