/// Microsoft's severity rating, ordered from least to most severe.
public enum Severity: Int, Comparable, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case low = 1
    case moderate
    case important
    case critical

    /// Parses MSRC and WSUS spellings case-insensitively; `nil` for empty or unknown text.
    public init?(parsing text: String) {
        switch text.trimmingWhitespace().lowercased() {
        case "low": self = .low
        case "moderate": self = .moderate
        case "important": self = .important
        case "critical": self = .critical
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .low: "Low"
        case .moderate: "Moderate"
        case .important: "Important"
        case .critical: "Critical"
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}
