/// A JSON value as the inventory readers use it: records of a few members, read in order.
enum JSONValue {
    case string(String)
    /// As written: inventories hold numbers only where text is meant (a build, a KB).
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var members: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { members } else { nil }
    }

    /// A string or a number as text; `nil` for anything else and for the empty string.
    var text: String? {
        switch self {
        case .string(let text): text.isEmpty ? nil : text
        case .number(let text): text
        default: nil
        }
    }

    /// Short, for error messages.
    var summary: String {
        switch self {
        case .string(let text): text
        case .number(let text): text
        case .bool(let value): "\(value)"
        case .null: "null"
        case .array(let items): "an array of \(items.count)"
        case .object: "an object"
        }
    }
}
