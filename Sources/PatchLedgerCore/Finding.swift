/// One episode of a VM lacking something: an update (`kind` update, `key` a KB) or an open CVE exposure
/// (`kind` cve, `key` the CVE id), from the first scan that showed it to the first later scan that did not.
public struct Finding: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case update
        case cve
    }

    public var vm: String
    public var kind: Kind
    public var key: String
    public var severity: String?
    /// 1 for the first episode; 2 and up are regressions (fixed, then missing again).
    public var episode: Int
    public var firstSeen: Timestamp
    public var lastSeen: Timestamp
    /// The first scan where it was no longer missing; `nil` while open.
    public var fixedAt: Timestamp?

    public init(
        vm: String, kind: Kind, key: String, severity: String?, episode: Int, firstSeen: Timestamp, lastSeen: Timestamp,
        fixedAt: Timestamp? = nil
    ) {
        self.vm = vm
        self.kind = kind
        self.key = key
        self.severity = severity
        self.episode = episode
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.fixedAt = fixedAt
    }

    public var isRegression: Bool { episode > 1 }

    /// Days from first seen to fixed, when fixed.
    public var daysToFix: Int? {
        fixedAt.map { Int(($0.secondsSinceEpoch - firstSeen.secondsSinceEpoch) / 86_400) }
    }
}

extension Finding: Comparable {
    public static func < (a: Finding, b: Finding) -> Bool {
        (a.vm, a.kind.rawValue, a.key, a.episode) < (b.vm, b.kind.rawValue, b.key, b.episode)
    }
}
